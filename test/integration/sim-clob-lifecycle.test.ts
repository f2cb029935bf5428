// Client-v2 against the sim on a controllable clock: GTD expiry, heartbeat lapse, batch posts, Amoy signing
// with an ethers v6 wallet, and V2 taker fees with the client's userUSDCBalance adjustment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssetType, Chain, ClobClient, OrderType, Side, orderToJsonV2, type ApiKeyCreds } from "@polymarket/clob-client-v2";
import { startExchange, type Exchange } from "../../src/sim/exchange.js";
import { hmacSignature } from "../../src/sim/clob/auth.js";
import type { Market } from "../../src/sim/engine/market.js";
import { ethersSigner } from "../helpers/ethers-signer.js";

const PK = "0x47e179ec197488593b187f80a00eb0da91f1b9d0b5f3e3e2f4ef5b9c8b1a3c0d";
let now = Date.UTC(2026, 0, 1, 12);
let ex: Exchange;
let mkt: Market;
let feeMkt: Market;
let client: ClobClient;
let addr: string;
let creds: ApiKeyCreds;


beforeAll(async () => {
  ex = await startExchange({ seed: 9, clock: { now: () => now }, sweepMs: 0 });
  mkt = ex.engine.createMarket({ tick: "0.01" });
  feeMkt = ex.engine.createMarket({ tick: "0.01", fee: { r: 0.072, e: 1 } });
  const signer = ethersSigner(PK);
  addr = signer.address;
  creds = await new ClobClient({ host: ex.url, chain: Chain.AMOY, signer }).createOrDeriveApiKey();
  client = new ClobClient({ host: ex.url, chain: Chain.AMOY, signer, creds });
  ex.engine.credit(addr, 500);
});

afterAll(async () => {
  await ex?.close();
});

describe("sim CLOB lifecycle on a fake clock (Amoy, ethers v6 signer)", () => {
  it("GTD orders expire 60 s before their expiration", async () => {
    const t = mkt.tokens[0].tokenId;
    const exp = Math.floor(now / 1000) + 120;
    const o = await client.createOrder({ tokenID: t, price: 0.4, size: 10, side: Side.BUY, expiration: exp });
    const r = await client.postOrder(o, OrderType.GTD);
    expect(r).toMatchObject({ success: true, status: "live" });
    expect((await client.getOrder(r.orderID)).expiration).toBe(String(exp));
    const tooSoon = await client.createOrder({ tokenID: t, price: 0.4, size: 10, side: Side.BUY, expiration: Math.floor(now / 1000) + 30 });
    expect(await client.postOrder(tooSoon, OrderType.GTD)).toMatchObject({ error: "invalid expiration", status: 400 });
    now += 59_000;
    expect((await client.getOpenOrders()).map((x) => x.id)).toEqual([r.orderID]);
    now += 1_000;
    expect(await client.getOpenOrders()).toEqual([]);
    expect((await client.getOrder(r.orderID)).status).toBe("CANCELED");
  });

  it("a lapsed heartbeat cancels the key's orders", async () => {
    const t = mkt.tokens[0].tokenId;
    const hb = (await client.postHeartbeat()) as unknown as { heartbeat_id: string };
    await client.createAndPostOrder({ tokenID: t, price: 0.3, size: 10, side: Side.BUY }, {}, OrderType.GTC);
    now += 9_000;
    await client.postHeartbeat(hb.heartbeat_id);
    now += 9_000;
    expect(await client.getOpenOrders()).toHaveLength(1);
    now += 2_000;
    expect(await client.getOpenOrders()).toEqual([]);
  });

  it("batch posts answer per order inside one 200 array", async () => {
    const t = mkt.tokens[0].tokenId;
    const good = await client.createOrder({ tokenID: t, price: 0.2, size: 10, side: Side.BUY });
    const small = await client.createOrder({ tokenID: t, price: 0.2, size: 2, side: Side.BUY });
    const res = await client.postOrders([
      { order: good, orderType: OrderType.GTC },
      { order: small, orderType: OrderType.GTC },
    ]);
    expect(res).toHaveLength(2);
    expect(res[0]).toMatchObject({ success: true, status: "live" });
    // the venue's recorded shape: success true, no order id, the reason in errorMsg (a leg is placed iff it has an id)
    expect(res[1]).toMatchObject({ success: true, orderID: "", status: "" });
    expect(res[1]!.errorMsg).toMatch(/lower than the minimum: 5$/);
    await client.cancelAll();
  });

  it("HMAC is checked over the raw body bytes (pretty-printed JSON is fine; any byte changed is not)", async () => {
    const o = await client.createOrder({ tokenID: mkt.tokens[0].tokenId, price: 0.25, size: 5, side: Side.BUY });
    const body = JSON.stringify(orderToJsonV2(o as never, creds.key, OrderType.GTC, false, false), null, 2);
    const send = (b: string, signed: string) => {
      const ts = "1767268800";
      return fetch(`${ex.url}/order`, {
        method: "POST",
        body: b,
        headers: {
          poly_address: addr,
          poly_api_key: creds.key,
          poly_passphrase: creds.passphrase,
          poly_timestamp: ts,
          poly_signature: hmacSignature(creds.secret, ts, "POST", "/order", signed),
        },
      });
    };
    const bad = await send(body + "\n", body);
    expect(bad.status).toBe(401);
    const good = await send(body, body);
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ success: true, status: "live" });
    await client.cancelAll();
  });

  it("orders with a builder code and metadata verify (builder fees are zero)", async () => {
    const code = "0x" + "ab".repeat(32);
    const r = await client.createAndPostOrder(
      { tokenID: mkt.tokens[0].tokenId, price: 0.2, size: 5, side: Side.BUY, builderCode: code, metadata: "0x" + "01".repeat(32), userUSDCBalance: 1000 },
      {},
      OrderType.GTC,
    );
    expect(r).toMatchObject({ success: true, status: "live" });
    await client.cancelAll();
  });

  it("taker fees: BUY pays on top in pUSD; the client's userUSDCBalance keeps amount + fee within the balance", async () => {
    const t = feeMkt.tokens[0].tokenId;
    const mm = "0x8888888888888888888888888888888888888888";
    ex.engine.credit(mm, 1000);
    ex.engine.split(mm, feeMkt.conditionId, 500);
    ex.engine.placeInternal({ address: mm, tokenId: t, side: "SELL", price: 0.5, size: 400 });
    const bal0 = ex.engine.balance(addr);
    const r = await client.createAndPostMarketOrder({ tokenID: t, amount: 100, side: Side.BUY, userUSDCBalance: 100, price: 0.5 }, {}, OrderType.FOK);
    expect(r).toMatchObject({ success: true, status: "matched", makingAmount: "96.4", takingAmount: "192.8" });
    const fee = Math.round(192.8 * 0.072 * 0.25 * 1e5) / 1e5; // 3.4704 pUSD
    expect(bal0 - ex.engine.balance(addr)).toBe(Math.round((96.4 + fee) * 1e6));
    const shares = await client.getBalanceAllowance({ asset_type: AssetType.CONDITIONAL, token_id: t });
    expect(shares.balance).toBe("192800000");
    // taker SELL: fee deducted from proceeds
    ex.engine.cancelAddress(mm); // or its bid would match its own ask
    ex.engine.placeInternal({ address: mm, tokenId: t, side: "BUY", price: 0.5, size: 100 });
    const bal1 = ex.engine.balance(addr);
    const s = await client.createAndPostMarketOrder({ tokenID: t, amount: 100, side: Side.SELL, price: 0.5 }, {}, OrderType.FOK);
    expect(s).toMatchObject({ success: true, makingAmount: "100", takingAmount: "48.2" });
    expect(ex.engine.balance(addr) - bal1).toBe(48_200_000);
    const trades = await client.getTrades({ market: feeMkt.conditionId });
    expect(trades.map((x) => x.fee_rate_bps)).toEqual(["180", "180"]);
  });
});
