// A re-enacted gabagool22 hour (one recorded /activity file) trades on the sim and is visible through
// /activity and the RTDS feed with the real rows' fields, sizes, prices, sides, hashes and count.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedData } from "../helpers/shared-data.js";
import { WsClient } from "../helpers/ws-client.js";
import { ScenarioClock, startFeedsExchange, startScenario } from "../../src/sim/scenarios/index.js";
import type { FeedsExchange } from "../../src/sim/scenarios/exchange.js";

const dir = sharedData("leader-activity/gabagool22");
type Row = Record<string, unknown> & { proxyWallet: string; type: string; timestamp: number };

/** The smallest hour keeps the test quick; any file works. */
function smallestFile(d: string): string {
  return readdirSync(d)
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(d, f))
    .sort((a, b) => statSync(a).size - statSync(b).size || a.localeCompare(b))[0]!;
}

describe.skipIf(dir === undefined)("recorded leader replay", () => {
  let fx: FeedsExchange;
  let rows: Row[];
  let rtds: WsClient;
  let market: WsClient;
  let leader: string;
  let tradeRows: Row[];

  beforeAll(async () => {
    rows = JSON.parse(readFileSync(smallestFile(dir!), "utf8")) as Row[];
    leader = rows[0]!.proxyWallet.toLowerCase();
    tradeRows = rows.filter((r) => r.type === "TRADE");
    const clock = new ScenarioClock(rows[0]!.timestamp * 1000);
    fx = await startFeedsExchange({ clock, seed: 22, sweepMs: 0 });
    rtds = await WsClient.open(`${fx.wsUrl}/rtds`);
    rtds.send({ action: "subscribe", subscriptions: [{ topic: "activity", type: "trades" }] });
    rtds.send("ping");
    await rtds.next((f) => f.text === "pong");
    // the market socket subscribes to the recorded token ids before the markets exist
    market = await WsClient.open(`${fx.wsUrl}/ws/market`);
    market.send({ assets_ids: [...new Set(tradeRows.map((r) => String(r.asset)))], type: "market" });
    market.send("PING");
    await market.next((f) => f.text === "PONG");
    const sc = startScenario({ engine: fx.exchange.engine, clock }, { name: "recorded", rows: rows as never, seed: 22, speed: "max" });
    await sc.done;
    expect(sc.replay?.failures).toEqual([]);
  });

  afterAll(async () => {
    rtds?.close();
    market?.close();
    await fx?.close();
  });

  it("/activity returns every recorded row, field for field, in the recorded order", async () => {
    const got: Row[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = (await (await fetch(`${fx.exchange.url}/activity?user=${leader}&sortDirection=ASC&limit=500&offset=${offset}`)).json()) as Row[];
      got.push(...page);
      if (page.length < 500) break;
    }
    expect(got.length).toBe(rows.length);
    expect(got).toEqual(rows);
  });

  it("type filters see the same TRADE / MERGE / REDEEM counts", async () => {
    for (const t of ["TRADE", "MERGE", "REDEEM"]) {
      const want = rows.filter((r) => r.type === t).length;
      const got = (await (await fetch(`${fx.exchange.url}/activity?user=${leader}&type=${t}&limit=500`)).json()) as Row[];
      expect([t, got.length]).toEqual([t, Math.min(want, 500)]);
    }
  });

  it("the RTDS activity feed carried each leader trade once, with the /trades row fields", async () => {
    const mine = async (): Promise<Record<string, unknown>[]> =>
      rtds.frames.map((f) => (f.json as { payload?: Record<string, unknown> } | undefined)?.payload).filter((p): p is Record<string, unknown> => p?.proxyWallet === leader);
    await rtds.next(() => rtds.frames.filter((f) => f.text.includes(leader)).length >= tradeRows.length, 10_000, "all leader trades").catch(() => undefined);
    const got = await mine();
    expect(got.length).toBe(tradeRows.length);
    const pick = (r: Record<string, unknown>) => ({ size: r.size, price: r.price, side: r.side, asset: r.asset, timestamp: r.timestamp, transactionHash: r.transactionHash, outcome: r.outcome, outcomeIndex: r.outcomeIndex });
    expect(got.map(pick)).toEqual(tradeRows.map(pick));
    const tradeKeys = Object.keys(tradeRows[0]!).filter((k) => k !== "type" && k !== "usdcSize").sort();
    for (const p of got) expect(Object.keys(p).sort()).toEqual(tradeKeys);
  });

  it("the market channel showed a book quoted around each leader price (bid one tick under, ask one tick over)", async () => {
    const last = tradeRows[tradeRows.length - 1]!;
    await market.seen("last_trade_price", (e) => e.asset_id === last.asset, 10_000);
    const levels = new Set<string>();
    for (const f of market.frames) {
      const e = f.json as { event_type?: string; price_changes?: { asset_id: string; side: string; price: string; size: string }[] } | undefined;
      if (e?.event_type !== "price_change") continue;
      for (const c of e.price_changes ?? []) if (c.size !== "0") levels.add(`${c.asset_id}|${c.side}|${c.price}`);
    }
    const px = (p: number): string => String(Math.round(p * 100) / 100);
    let checked = 0;
    for (const r of tradeRows) {
      const p = Math.round(Number(r.price) * 100) / 100;
      if (p < 0.03 || p > 0.97) continue;
      expect(levels.has(`${r.asset}|BUY|${px(p - 0.01)}`)).toBe(true);
      expect(levels.has(`${r.asset}|SELL|${px(p + 0.01)}`)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(tradeRows.length / 2);
  });

  it("/trades (takerOnly default) shows the leader's fills; the book was built around its prices", async () => {
    const t = (await (await fetch(`${fx.exchange.url}/trades?user=${leader}&limit=10000`)).json()) as Row[];
    expect(t.length).toBe(tradeRows.length);
    const cond = String(rows[0]!.conditionId);
    const gm = (await (await fetch(`${fx.exchange.url}/gamma/markets?condition_ids=${cond}`)).json()) as Record<string, unknown>[];
    expect(gm[0]!.slug).toBe(rows[0]!.slug);
  });
});
