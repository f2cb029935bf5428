// A FAILED trade (feeds.trades().failNext) never happened on chain: the engine reverts its balance moves for the
// taker and every maker (pUSD, shares, taker fee), so the wallet, GET /balance-allowance, /positions and a replay of
// /activity agree. Orders keep what they showed at the match (size_matched, status); a partly filled maker order's
// failed part does not come back to the book, and its reservation still covers exactly its remaining size.
import { describe, expect, it } from "vitest";
import { hmacSignature } from "../../src/sim/clob/auth.js";
import { COLLATERAL } from "../../src/sim/engine/balances.js";
import { feedsFixture, type Fixture, type SimUser } from "../helpers/sim-feeds.js";

const tick = () => new Promise((r) => setTimeout(r, 20));

async function getJson<T>(fx: Fixture, path: string): Promise<T> {
  return (await (await fetch(`${fx.exchange.url}${path}`)).json()) as T;
}

async function l2Get<T>(fx: Fixture, u: SimUser, path: string, query: string): Promise<T> {
  const ts = String(Math.floor(Date.now() / 1000));
  const headers = {
    poly_address: u.address,
    poly_signature: hmacSignature(u.key.secret, ts, "GET", path),
    poly_timestamp: ts,
    poly_api_key: u.key.key,
    poly_passphrase: u.key.passphrase,
  };
  const r = await fetch(`${fx.exchange.url}${path}?${query}`, { headers });
  expect(r.status).toBe(200);
  return (await r.json()) as T;
}

describe("FAILED trade reverts its balance moves", () => {
  it("wallet balances agree with /activity and /positions after a failed match", async () => {
    const fx = await feedsFixture();
    try {
      const [maker, taker] = [fx.user(0xa1), fx.user(0xa2)];
      const before = fx.exchange.engine.balance(taker.address, fx.yes) / 1e6;
      fx.feeds.trades().failNext(1);
      fx.cross(maker, taker, 0.4, 10);
      await tick();
      const act = await getJson<{ size: number; side: string }[]>(fx, `/activity?user=${taker.address}`);
      const pos = await getJson<{ asset: string; size: number }[]>(fx, `/positions?user=${taker.address}&sizeThreshold=0`);
      const held = fx.exchange.engine.balance(taker.address, fx.yes) / 1e6;
      const fromRows = act.reduce((s, r) => s + (r.side === "BUY" ? r.size : -r.size), 0);
      expect({ engineDelta: held - before, fromRows, posYes: pos.find((p) => p.asset === fx.yes)?.size ?? 0 }).toEqual({
        engineDelta: 0,
        fromRows: 0,
        posYes: 0,
      });
    } finally {
      await fx.close();
    }
  });

  it("taker BUY with a fee over two makers (one partly filled), then taker SELL into a resting BUY", async () => {
    const fx = await feedsFixture();
    try {
      const e = fx.exchange.engine;
      const m = e.createMarket({ question: "Fee market?", slug: "fee-market", fee: { r: 0.072, e: 1 } });
      const yes = m.tokens[0].tokenId;
      const [a, c, d, t] = [fx.user(0xb1), fx.user(0xb2), fx.user(0xb3), fx.user(0xb4)];
      for (const u of [a, c, d, t]) e.creditShares(u.address, yes, 100);
      const users = [a, c, d, t];
      const snap = () => users.map((u) => [e.balance(u.address, COLLATERAL), e.balance(u.address, yes)]);
      const ub = await fx.user$(t);

      // 1) t BUYs 4.46 pUSD (FAK, fee) from a (5 @0.40, all) and c (6 of 10 @0.41); the trade fails
      e.placeInternal({ address: a.address, owner: a.key.key, tokenId: yes, side: "SELL", price: 0.4, size: 5 });
      const cOrder = e.placeInternal({ address: c.address, owner: c.key.key, tokenId: yes, side: "SELL", price: 0.41, size: 10 });
      const pre = snap();
      fx.feeds.trades().failNext(1);
      const r = e.placeInternal({ address: t.address, owner: t.key.key, tokenId: yes, side: "BUY", price: 0.41, size: 11, amount: 4.46, type: "FAK" });
      const tradeId = r.tradeIds[0]!;
      expect(e.trade(tradeId)!.fee).toBeGreaterThan(0);
      await tick();
      expect(e.trade(tradeId)!.status).toBe("FAILED");
      expect(snap()).toEqual(pre);
      // c's order: as the match left it (6 matched, 4 resting), 4 shares reserved, nothing more
      const co = e.order(cOrder.orderId)!;
      expect({ status: co.status, matched: co.matched / 1e6, remaining: co.remaining / 1e6 }).toEqual({ status: "LIVE", matched: 6, remaining: 4 });
      expect(e.balances.reserved(c.address, yes)).toBe(4e6);
      expect(e.book(yes)!.asks).toEqual([{ price: "0.41", size: "4" }]);

      // the venue's views of t agree with the wallet
      const bal = await l2Get<{ balance: string }>(fx, t, "/balance-allowance", "asset_type=COLLATERAL&signature_type=0");
      expect(Number(bal.balance)).toBe(pre[3]![0]);
      const tok = await l2Get<{ balance: string }>(fx, t, "/balance-allowance", `asset_type=CONDITIONAL&token_id=${yes}&signature_type=0`);
      expect(Number(tok.balance)).toBe(pre[3]![1]);
      const trades = await l2Get<{ data: { id: string; status: string }[] }>(fx, t, "/data/trades", "");
      expect(trades.data.find((x) => x.id === tradeId)?.status).toBe("FAILED");
      for (const u of [a, c, t]) {
        const pos = await getJson<{ asset: string; size: number }[]>(fx, `/positions?user=${u.address}&sizeThreshold=0`);
        const act = await getJson<unknown[]>(fx, `/activity?user=${u.address}`);
        expect({ pos: pos.filter((p) => p.asset === yes && p.size !== 100), act }).toEqual({ pos: [], act: [] });
      }
      const statuses: string[] = [];
      while (statuses.length < 3) statuses.push(String((await ub.event("trade")).status));
      expect(statuses).toEqual(["MATCHED", "RETRYING", "FAILED"]);

      // 2) t SELLs 5 (FAK, fee) into d's resting BUY 10 @0.30; the trade fails, d keeps 5 resting with 5×0.30 reserved
      const dOrder = e.placeInternal({ address: d.address, owner: d.key.key, tokenId: yes, side: "BUY", price: 0.3, size: 10 });
      const pre2 = snap();
      fx.feeds.trades().failNext(1);
      const r2 = e.placeInternal({ address: t.address, owner: t.key.key, tokenId: yes, side: "SELL", price: 0.3, size: 5, type: "FAK" });
      expect(e.trade(r2.tradeIds[0]!)!.fee).toBeGreaterThan(0);
      await tick();
      expect(e.trade(r2.tradeIds[0]!)!.status).toBe("FAILED");
      expect(snap()).toEqual(pre2);
      expect(e.order(dOrder.orderId)!.remaining).toBe(5e6);
      expect(e.balances.reserved(d.address, COLLATERAL)).toBe(1.5e6);
      expect(e.balances.reserved(t.address, yes)).toBe(0);

      // a later trade settles normally and moves balances for good
      e.placeInternal({ address: t.address, owner: t.key.key, tokenId: yes, side: "SELL", price: 0.3, size: 5, type: "FAK" });
      await tick();
      expect(e.balance(d.address, yes)).toBe(pre2[2]![1]! + 5e6);
      ub.close();
    } finally {
      await fx.close();
    }
  });
});
