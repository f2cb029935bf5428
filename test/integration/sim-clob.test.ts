// The unmodified @polymarket/clob-client-v2 trading against the local exchange over real HTTP on loopback:
// keys, limit and market orders, venue rejections with exact strings, cancels, paging, balances, faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssetType, Chain, ClobClient, OrderType, Side, type ApiKeyCreds } from "@polymarket/clob-client-v2";
import { createWalletClient, http as viemHttp, type WalletClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { polygon } from "viem/chains";
import { startExchange, type Exchange } from "../../src/sim/exchange.js";
import { ERR } from "../../src/sim/errors.js";
import type { Market } from "../../src/sim/engine/market.js";
import { ethersSigner } from "../helpers/ethers-signer.js";

const PK_TRADER = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const PK_MM = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const PAGE = 5;


let ex: Exchange;
let mkt: Market;
let tick005: Market;
let negRisk: Market;
let yes: string;
let viemWallet: WalletClient;
let traderAddr: string;
let trader: ClobClient;
let mm: ClobClient;
let mmAddr: string;
let traderCreds: ApiKeyCreds;

const hasError = (r: unknown): r is { error: string; status: number } => typeof r === "object" && r !== null && "error" in r;

beforeAll(async () => {
  ex = await startExchange({ seed: 42, pageSize: PAGE });
  mkt = ex.engine.createMarket({ tick: "0.01", minOrderSize: 5, question: "Will it rain?" });
  tick005 = ex.engine.createMarket({ tick: "0.005" });
  negRisk = ex.engine.createMarket({ tick: "0.01", negRisk: true });
  yes = mkt.tokens[0].tokenId;
  const account = privateKeyToAccount(PK_TRADER);
  traderAddr = account.address;
  // transport is never used: the account is local, so signing needs no RPC
  viemWallet = createWalletClient({ account, chain: polygon, transport: viemHttp("http://127.0.0.1:9") });
  const mmSigner = ethersSigner(PK_MM);
  mmAddr = mmSigner.address;
  ex.engine.credit(traderAddr, 1000);
  ex.engine.credit(mmAddr, 1000);
  for (const m of [mkt, tick005, negRisk]) ex.engine.split(mmAddr, m.conditionId, 300);
  const mmCreds = await new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: mmSigner }).createOrDeriveApiKey();
  mm = new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: mmSigner, creds: mmCreds });
});

afterAll(async () => {
  await ex?.close();
});

describe("sim CLOB with the official client-v2", () => {
  it("public endpoints: ok, version, time, market info", async () => {
    const c = new ClobClient({ host: ex.url, chain: Chain.POLYGON });
    expect(await c.getOk()).toBe("OK");
    expect(await c.getVersion()).toBe(2);
    expect(typeof (await c.getServerTime())).toBe("number");
    expect(await c.getTickSize(yes)).toBe("0.01");
    expect(await c.getNegRisk(negRisk.tokens[0].tokenId)).toBe(true);
    const info = await c.getClobMarketInfo(mkt.conditionId);
    expect(info.t).toHaveLength(2);
    expect(info.mos).toBe(5);
  });

  it("creates, refuses to re-create, and derives API keys (L1)", async () => {
    const c = new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: viemWallet });
    const created = await c.createApiKey();
    expect(created.key).toMatch(/^[0-9a-f-]{36}$/);
    const again = (await c.createApiKey()) as unknown as { key?: string };
    expect(again.key).toBeUndefined();
    const derived = await c.deriveApiKey();
    expect(derived).toEqual(created);
    expect(await c.createOrDeriveApiKey()).toEqual(created);
    expect((await c.deriveApiKey(1)).key).not.toBe(created.key);
    traderCreds = created;
    trader = new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: viemWallet, creds: traderCreds });
  });

  it("rejects bad L2 credentials with 401", async () => {
    const bad = new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: viemWallet, creds: { ...traderCreds, secret: "AAAA" + traderCreds.secret.slice(4) } });
    const r2 = (await bad.getBalanceAllowance({ asset_type: AssetType.COLLATERAL })) as unknown;
    expect(r2).toMatchObject({ error: ERR.UNAUTHORIZED, status: 401 });
  });

  it("GTC limit SELL rests, limit BUY crosses and matches with a tx hash", async () => {
    const s = await mm.createAndPostOrder({ tokenID: yes, price: 0.55, size: 20, side: Side.SELL }, {}, OrderType.GTC);
    expect(s).toMatchObject({ success: true, status: "live" });
    const b = await trader.createAndPostOrder({ tokenID: yes, price: 0.55, size: 10, side: Side.BUY }, {}, OrderType.GTC);
    expect(b).toMatchObject({ success: true, status: "matched", makingAmount: "5.5", takingAmount: "10" });
    expect(b.transactionsHashes).toHaveLength(1);
    const book = await trader.getOrderBook(yes);
    expect(book.asks).toEqual([{ price: "0.55", size: "10" }]);
    const resting = await trader.createAndPostOrder({ tokenID: yes, price: 0.5, size: 10, side: Side.BUY }, {}, OrderType.GTC);
    expect(resting.status).toBe("live");
    const o = await trader.getOrder(resting.orderID);
    expect(o).toMatchObject({ id: resting.orderID, status: "LIVE", side: "BUY", price: "0.5", original_size: "10", owner: traderCreds.key });
    // trader sells back into the market maker's bid
    await mm.createAndPostOrder({ tokenID: yes, price: 0.45, size: 10, side: Side.BUY }, {}, OrderType.GTC);
    const sell = await trader.createAndPostOrder({ tokenID: yes, price: 0.52, size: 5, side: Side.SELL }, {}, OrderType.GTC);
    expect(sell.status).toBe("live");
    expect((await trader.cancelOrders([resting.orderID, sell.orderID])).canceled).toEqual([resting.orderID, sell.orderID]);
  });

  it("FOK and FAK market orders", async () => {
    const fok = await trader.createAndPostMarketOrder({ tokenID: yes, amount: 2.2, side: Side.BUY }, {}, OrderType.FOK);
    expect(fok).toMatchObject({ success: true, status: "matched", makingAmount: "2.2", takingAmount: "4" });
    const tooBig = await trader.createAndPostMarketOrder({ tokenID: yes, amount: 500, side: Side.BUY, price: 0.55 }, {}, OrderType.FOK);
    expect(tooBig).toMatchObject({ error: ERR.FOK_NOT_FILLED, status: 400 });
    const fak = await trader.createAndPostMarketOrder({ tokenID: yes, amount: 8, side: Side.SELL, price: 0.45 }, {}, OrderType.FAK);
    expect(fak).toMatchObject({ success: true, status: "matched", makingAmount: "8", takingAmount: "3.6" });
    const none = await trader.createAndPostMarketOrder({ tokenID: yes, amount: 1, side: Side.SELL, price: 0.5 }, {}, OrderType.FAK);
    expect(none).toMatchObject({ error: ERR.FAK_NO_MATCH, status: 400 });
  });

  it("venue rejections with exact strings: post-only, min size, tick, $1 marketable BUY, balance", async () => {
    const po = await trader.createAndPostOrder({ tokenID: yes, price: 0.55, size: 5, side: Side.BUY }, {}, OrderType.GTC, true);
    expect(po).toMatchObject({ error: ERR.POST_ONLY_CROSSES, status: 400 });
    const small = await trader.createAndPostOrder({ tokenID: yes, price: 0.3, size: 4, side: Side.BUY }, {}, OrderType.GTC);
    expect(hasError(small) && small.error).toMatch(/^order 0x[0-9a-f]{64} is invalid\. Size \(4\) lower than the minimum: 5$/);
    const offTick = await trader.createAndPostOrder({ tokenID: tick005.tokens[0].tokenId, price: 0.503, size: 10, side: Side.BUY }, {}, OrderType.GTC);
    expect(hasError(offTick) && offTick.error).toMatch(/^order 0x[0-9a-f]{64} is invalid\. Price \(0\.503\) breaks minimum tick size rule: 0\.005$/);
    const tiny = await trader.createAndPostMarketOrder({ tokenID: yes, amount: 0.5, side: Side.BUY, price: 0.55 }, {}, OrderType.FOK);
    expect(tiny).toMatchObject({ error: "invalid amount for a marketable BUY order ($0.5), min size: $1", status: 400 });
    const broke = await trader.createAndPostOrder({ tokenID: yes, price: 0.3, size: 5000, side: Side.BUY }, {}, OrderType.GTC);
    expect(broke).toMatchObject({ error: ERR.NOT_ENOUGH_BALANCE, status: 400 });
    const noShares = await trader.createAndPostOrder({ tokenID: mkt.tokens[1].tokenId, price: 0.3, size: 10, side: Side.SELL }, {}, OrderType.GTC);
    expect(noShares).toMatchObject({ error: ERR.NOT_ENOUGH_BALANCE, status: 400 });
  });

  it("a duplicate signed order is rejected", async () => {
    const order = await trader.createOrder({ tokenID: yes, price: 0.2, size: 5, side: Side.BUY });
    expect((await trader.postOrder(order, OrderType.GTC)).status).toBe("live");
    const dup = await trader.postOrder(order, OrderType.GTC);
    expect(hasError(dup) && dup.error).toMatch(/^order 0x[0-9a-f]{64} is invalid\. Duplicated\.$/);
  });

  it("neg-risk market orders verify under the neg-risk exchange domain", async () => {
    const t = negRisk.tokens[0].tokenId;
    await mm.createAndPostOrder({ tokenID: t, price: 0.6, size: 10, side: Side.SELL }, {}, OrderType.GTC);
    const r = await trader.createAndPostOrder({ tokenID: t, price: 0.6, size: 10, side: Side.BUY }, {}, OrderType.GTC);
    expect(r).toMatchObject({ success: true, status: "matched" });
  });

  it("open orders and trades page through more than one page", async () => {
    const batch = [];
    for (let i = 0; i < 12; i++) batch.push(trader.createAndPostOrder({ tokenID: yes, price: 0.1 + i * 0.01, size: 5, side: Side.BUY }, {}, OrderType.GTC));
    await Promise.all(batch);
    const open = await trader.getOpenOrders();
    expect(open.length).toBe(ex.engine.openOrders({ owner: traderCreds.key }).length);
    expect(open.length).toBeGreaterThan(PAGE * 2);
    expect(new Set(open.map((o) => o.id)).size).toBe(open.length);
    const first = await trader.getOpenOrders({}, true);
    expect(first).toHaveLength(PAGE);
    // several small fills → several trades
    for (let i = 0; i < 6; i++) await mm.createAndPostOrder({ tokenID: yes, price: 0.1, size: 5, side: Side.SELL }, {}, OrderType.GTC);
    const trades = await trader.getTrades();
    expect(trades.length).toBe(ex.engine.trades({ owner: traderCreds.key }).length);
    expect(trades.length).toBeGreaterThan(PAGE);
    const asMaker = trades.filter((t) => t.trader_side === "MAKER");
    expect(asMaker.length).toBeGreaterThan(0);
    expect(asMaker[0]!.maker_orders.some((m) => m.owner === traderCreds.key)).toBe(true);
    const one = await trader.getTrades({ id: trades[0]!.id });
    expect(one).toHaveLength(1);
    expect(one[0]!.transaction_hash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("cancel one, cancel market, cancel all", async () => {
    const open = await trader.getOpenOrders();
    const one = await trader.cancelOrder({ orderID: open[0]!.id });
    expect(one).toEqual({ canceled: [open[0]!.id], not_canceled: {} });
    const again = await trader.cancelOrder({ orderID: open[0]!.id });
    expect(again.not_canceled[open[0]!.id]).toBe("order can't be found - already canceled or matched");
    // an id never seen gets the venue's same one text
    const unknown = "0x" + "ab".repeat(32);
    expect((await trader.cancelOrder({ orderID: unknown })).not_canceled).toEqual({ [unknown]: "order can't be found - already canceled or matched" });
    const two = await trader.cancelOrders([open[1]!.id, open[2]!.id]);
    expect(two.canceled).toEqual([open[1]!.id, open[2]!.id]);
    const byMarket = await trader.cancelMarketOrders({ market: mkt.conditionId, asset_id: yes });
    expect(byMarket.canceled.length).toBe(open.length - 3);
    await trader.createAndPostOrder({ tokenID: yes, price: 0.1, size: 5, side: Side.BUY }, {}, OrderType.GTC);
    const all = await trader.cancelAll();
    expect(all.canceled).toHaveLength(1);
    expect(await trader.getOpenOrders()).toEqual([]);
  });

  it("balances in pUSD and outcome shares match the engine", async () => {
    const col = await trader.getBalanceAllowance({ asset_type: AssetType.COLLATERAL });
    expect(col.balance).toBe(String(ex.engine.balance(traderAddr)));
    expect(Object.keys((col as unknown as { allowances: object }).allowances)).toHaveLength(3);
    const sh = await trader.getBalanceAllowance({ asset_type: AssetType.CONDITIONAL, token_id: yes });
    expect(sh.balance).toBe(String(ex.engine.balance(traderAddr, yes)));
    expect(Number(sh.balance)).toBeGreaterThan(0);
    await trader.updateBalanceAllowance({ asset_type: AssetType.COLLATERAL });
  });

  it("heartbeats answer with an id", async () => {
    const hb = (await trader.postHeartbeat()) as unknown as { heartbeat_id: string };
    expect(hb.heartbeat_id).toBeTruthy();
    const hb2 = (await trader.postHeartbeat(hb.heartbeat_id)) as unknown as { heartbeat_id: string };
    expect(hb2.heartbeat_id).toBe(hb.heartbeat_id);
  });

  it("faults: 429 with Retry-After, 425 while restarting, 500 after the order was accepted", async () => {
    ex.faults.set({ rateLimit: { retryAfterS: 2, count: 1, paths: ["/book"] } });
    const res = await fetch(`${ex.url}/book?token_id=${yes}`);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.json()).toEqual({ error: ERR.TOO_MANY_REQUESTS });
    expect((await fetch(`${ex.url}/book?token_id=${yes}`)).status).toBe(200);

    ex.faults.set({ restarting: true });
    const r425 = await trader.createAndPostOrder({ tokenID: yes, price: 0.1, size: 5, side: Side.BUY }, {}, OrderType.GTC);
    expect(r425).toMatchObject({ status: 425 });
    ex.faults.set({ restarting: false, timeoutAfterAccept: { count: 1 } });
    const order = await trader.createOrder({ tokenID: yes, price: 0.11, size: 5, side: Side.BUY });
    const r500 = await trader.postOrder(order, OrderType.GTC);
    expect(r500).toMatchObject({ error: ERR.ORDER_TIMED_OUT, status: 500 });
    const open = await trader.getOpenOrders();
    expect(open.map((o) => o.price)).toEqual(["0.11"]); // it was in fact accepted
    const resubmit = await trader.postOrder(order, OrderType.GTC);
    expect(hasError(resubmit) && resubmit.error).toMatch(/Duplicated\.$/);
    ex.faults.clear();
    await trader.cancelAll();
  });

  it("delayed insert status holds a marketable order until released", async () => {
    await mm.createAndPostOrder({ tokenID: yes, price: 0.6, size: 5, side: Side.SELL }, {}, OrderType.GTC);
    ex.faults.set({ insertStatus: "delayed" });
    const r = await trader.createAndPostOrder({ tokenID: yes, price: 0.6, size: 5, side: Side.BUY }, {}, OrderType.GTC);
    expect(r).toMatchObject({ success: true, status: "delayed" });
    expect(ex.engine.order(r.orderID)).toBeUndefined();
    ex.releaseDelayed();
    expect(ex.engine.order(r.orderID)?.status).toBe("MATCHED");
    ex.faults.clear();
  });

  it("a delayed order can be looked up (status DELAYED) and cancelled while held, and then never matches", async () => {
    await mm.createAndPostOrder({ tokenID: yes, price: 0.6, size: 5, side: Side.SELL }, {}, OrderType.GTC);
    ex.faults.set({ insertStatus: "delayed" });
    const r = await trader.createAndPostOrder({ tokenID: yes, price: 0.6, size: 5, side: Side.BUY }, {}, OrderType.GTC);
    const r2 = await trader.createAndPostMarketOrder({ tokenID: yes, amount: 3, price: 0.6, side: Side.BUY }, {}, OrderType.FOK); // $3 at 0.6: 5 shares
    expect([r.status, r2.status]).toEqual(["delayed", "delayed"]);
    const seen = await trader.getOrder(r.orderID);
    expect(seen).toMatchObject({ id: r.orderID, status: "DELAYED", side: "BUY", asset_id: yes, original_size: "5", size_matched: "0", price: "0.6", order_type: "GTC" });
    expect((await trader.getOpenOrders({ asset_id: yes })).map((o) => [o.id, o.status])).toEqual([
      [r.orderID, "DELAYED"],
      [r2.orderID, "DELAYED"],
    ]);
    expect(await trader.cancelOrder({ orderID: r.orderID })).toEqual({ canceled: [r.orderID], not_canceled: {} });
    ex.releaseDelayed();
    expect(ex.engine.order(r.orderID)).toBeUndefined(); // cancelled while held: it never reached the book
    expect(ex.engine.order(r2.orderID)?.status).toBe("MATCHED");
    expect(await trader.cancelOrder({ orderID: r.orderID })).toEqual({ canceled: [], not_canceled: { [r.orderID]: ERR.CANNOT_CANCEL } });
    ex.faults.clear();
  });
});
