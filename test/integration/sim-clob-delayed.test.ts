// The REST layer reports what the engine did through client-v2: statuses, size_matched, trades, amounts, and held
// (delayed) orders: funds reserved while held, an order refused on release stays visible by id (CANCELED).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssetType, Chain, ClobClient, OrderType, Side } from "@polymarket/clob-client-v2";
import { startExchange, type Exchange } from "../../src/sim/exchange.js";
import type { Market } from "../../src/sim/engine/market.js";
import { ethersSigner } from "../helpers/ethers-signer.js";

const PK1 = "0x47e179ec197488593b187f80a00eb0da91f1b9d0b5f3e3e2f4ef5b9c8b1a3c0d";
const PK2 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
let now = Date.UTC(2026, 0, 1, 12);
let ex: Exchange;
let mkt: Market;
let a: ClobClient;
let b: ClobClient;
let aAddr: string;
let bAddr: string;


beforeAll(async () => {
  ex = await startExchange({ seed: 5, clock: { now: () => now }, sweepMs: 0 });
  mkt = ex.engine.createMarket({ tick: "0.01", fee: { r: 0.072, e: 1 } });
  const s1 = ethersSigner(PK1);
  const s2 = ethersSigner(PK2);
  aAddr = s1.address;
  bAddr = s2.address;
  a = new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: s1, creds: await new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: s1 }).createOrDeriveApiKey() });
  b = new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: s2, creds: await new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: s2 }).createOrDeriveApiKey() });
  ex.engine.credit(aAddr, 500);
  ex.engine.credit(bAddr, 500);
  ex.engine.split(bAddr, mkt.conditionId, 200);
});

afterAll(async () => {
  await ex?.close();
});

describe("REST reports the engine's fills", () => {
  it("partial fill, rest, cancel, market order, trades from both sides", async () => {
    const yes = mkt.tokens[0].tokenId;
    const ask1 = await b.createAndPostOrder({ tokenID: yes, price: 0.5, size: 10, side: Side.SELL }, {}, OrderType.GTC);
    const ask2 = await b.createAndPostOrder({ tokenID: yes, price: 0.52, size: 10, side: Side.SELL }, {}, OrderType.GTC);
    expect(ask1).toMatchObject({ success: true, status: "live", makingAmount: "", takingAmount: "" });
    const bid = await a.createAndPostOrder({ tokenID: yes, price: 0.51, size: 30, side: Side.BUY }, {}, OrderType.GTC);
    expect(bid).toMatchObject({ success: true, status: "live", makingAmount: "5", takingAmount: "10" });
    const o = await a.getOrder(bid.orderID);
    expect(o).toMatchObject({ status: "LIVE", original_size: "30", size_matched: "10", price: "0.51" });
    const m1 = await b.getOrder(ask1.orderID);
    expect(m1).toMatchObject({ status: "MATCHED", size_matched: "10" });
    const bal = await a.getBalanceAllowance({ asset_type: AssetType.COLLATERAL });
    const fee = Math.max(Math.floor(10 * 0.072 * 0.25 * 1e5) / 1e5, 0.00001);
    expect(Number(bal.balance)).toBe(500e6 - 5e6 - Math.round(fee * 1e6));
    const ta = await a.getTrades({ market: mkt.conditionId });
    expect(ta).toHaveLength(1);
    expect(ta[0]).toMatchObject({ trader_side: "TAKER", side: "BUY", size: "10", price: "0.5" });
    const tb = await b.getTrades({ market: mkt.conditionId });
    expect(tb).toHaveLength(1);
    expect(tb[0]).toMatchObject({ trader_side: "MAKER" });
    // b's market SELL hits a's resting bid at 0.51
    const s = await b.createAndPostMarketOrder({ tokenID: yes, amount: 5, side: Side.SELL, price: 0.51 }, {}, OrderType.FAK);
    expect(s).toMatchObject({ success: true, status: "matched", makingAmount: "5" });
    const o2 = await a.getOrder(bid.orderID);
    expect(o2).toMatchObject({ status: "LIVE", size_matched: "15" });
    const c = await a.cancelOrder({ orderID: bid.orderID });
    expect(c.canceled).toEqual([bid.orderID]);
    const o3 = await a.getOrder(bid.orderID);
    expect(o3).toMatchObject({ status: "CANCELED", size_matched: "15" });
    const c2 = await a.cancelOrder({ orderID: bid.orderID });
    expect(Object.keys(c2.not_canceled)).toEqual([bid.orderID]);
    expect(await a.getOpenOrders()).toEqual([]);
    const open = await b.getOpenOrders();
    expect(open.map((x) => [x.id, x.size_matched])).toEqual([[ask2.orderID, "0"]]);
    // FOK BUY too big is killed; FAK BUY takes what is there
    const fok = await a.createAndPostMarketOrder({ tokenID: yes, amount: 20, side: Side.BUY, price: 0.52 }, {}, OrderType.FOK);
    expect(fok).toMatchObject({ status: 400 });
    const fak = await a.createAndPostMarketOrder({ tokenID: yes, amount: 20, side: Side.BUY, price: 0.52 }, {}, OrderType.FAK);
    expect(fak).toMatchObject({ success: true, status: "matched", makingAmount: "5.2", takingAmount: "10" });
    const of = await a.getOrder(fak.orderID);
    expect(of).toMatchObject({ status: "MATCHED", size_matched: "10" });
    const book = await a.getOrderBook(yes);
    expect(book.asks).toEqual([]);
  });
});

describe("delayed orders (insertStatus fault)", () => {
  it("a held order's funds are reserved, and an accepted order never vanishes", async () => {
    const m = ex.engine.createMarket({ tick: "0.01" });
    const yes = m.tokens[0].tokenId;
    const mm = "0x7777777777777777777777777777777777777777";
    ex.engine.credit(mm, 100);
    ex.engine.split(mm, m.conditionId, 50);
    ex.engine.placeInternal({ address: mm, tokenId: yes, side: "SELL", price: 0.5, size: 40 });
    const free = ex.engine.available(aAddr) / 1e6; // all of a's pUSD
    ex.faults.set({ insertStatus: "delayed" });
    // a marketable BUY spending all of a's pUSD is accepted and held
    const r1 = await a.createAndPostOrder({ tokenID: yes, price: 0.5, size: 20, side: Side.BUY }, {}, OrderType.GTC);
    expect(r1).toMatchObject({ success: true, status: "delayed" });
    ex.faults.clear();
    // a second BUY needing (almost) all of a's pUSD: accepted, since nothing was reserved for the held one
    const size = Math.floor((free - 5) / 0.2);
    const r2 = await a.createAndPostOrder({ tokenID: yes, price: 0.2, size, side: Side.BUY }, {}, OrderType.GTC);
    expect.soft(r2, "held order's 10 pUSD should be reserved").toMatchObject({ error: "not enough balance / allowance" });
    ex.releaseDelayed();
    // whatever happened to the held order, GET /data/order must still know it (the venue answered success + orderID)
    const o1 = await a.getOrder(r1.orderID);
    expect.soft(o1, "accepted order vanished").toMatchObject({ id: r1.orderID });
  });
});
