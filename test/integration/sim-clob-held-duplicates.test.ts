// Held (delayed insert status) orders: one the venue has seen is a duplicate however the faults change afterwards
// (refused as Duplicated, held or cancelled), and a delayMs timer releases the order it held, not every held order.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Chain, ClobClient, OrderType, Side } from "@polymarket/clob-client-v2";
import { startExchange, type Exchange } from "../../src/sim/exchange.js";
import { duplicated } from "../../src/sim/errors.js";
import { ethersSigner } from "../helpers/ethers-signer.js";

const PK_TRADER = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const PK_MM = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

let ex: Exchange;
let yes: string;
let trader: ClobClient;
let mm: ClobClient;

async function client(pk: string): Promise<ClobClient> {
  const signer = ethersSigner(pk);
  ex.engine.credit(signer.address, 1000);
  const creds = await new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer }).createOrDeriveApiKey();
  return new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer, creds });
}

beforeAll(async () => {
  ex = await startExchange({ seed: 9, sweepMs: 0 });
  const m = ex.engine.createMarket({ tick: "0.01" });
  yes = m.tokens[0].tokenId;
  trader = await client(PK_TRADER);
  mm = await client(PK_MM);
  ex.engine.split(ethersSigner(PK_MM).address, m.conditionId, 100);
  await mm.createAndPostOrder({ tokenID: yes, price: 0.6, size: 50, side: Side.SELL }, {}, OrderType.GTC);
});

afterAll(async () => {
  await ex?.close();
});

describe("held (delayed) orders are known order hashes", () => {
  it("an order cancelled while held is refused as Duplicated when posted again after the fault is cleared", async () => {
    ex.faults.set({ insertStatus: "delayed" });
    const signed = await trader.createOrder({ tokenID: yes, price: 0.6, size: 5, side: Side.BUY });
    const r = await trader.postOrder(signed, OrderType.GTC);
    expect(r).toMatchObject({ success: true, status: "delayed" });
    expect(await trader.cancelOrder({ orderID: r.orderID })).toEqual({ canceled: [r.orderID], not_canceled: {} });
    ex.faults.clear();
    const again = (await trader.postOrder(signed, OrderType.GTC)) as unknown as { error?: string; status?: number };
    expect(again).toMatchObject({ error: duplicated(r.orderID), status: 400 });
    expect(ex.engine.order(r.orderID)).toBeUndefined();
  });

  it("an order still held is refused as Duplicated when posted again after the fault is cleared", async () => {
    ex.faults.set({ insertStatus: "delayed" });
    const signed = await trader.createOrder({ tokenID: yes, price: 0.6, size: 5, side: Side.BUY });
    const r = await trader.postOrder(signed, OrderType.GTC);
    expect(r).toMatchObject({ success: true, status: "delayed" });
    ex.faults.clear();
    const again = (await trader.postOrder(signed, OrderType.GTC)) as unknown as { error?: string; status?: number };
    expect(again).toMatchObject({ error: duplicated(r.orderID), status: 400 });
    ex.releaseDelayed();
    expect(ex.engine.order(r.orderID)?.status).toBe("MATCHED");
    expect((await trader.getTrades({ asset_id: yes })).filter((t) => t.taker_order_id === r.orderID)).toHaveLength(1);
  });
});

describe("delayed orders with delayMs", () => {
  it("each delay releases its own order only", async () => {
    ex.faults.set({ insertStatus: "delayed" });
    const a = await trader.postOrder(await trader.createOrder({ tokenID: yes, price: 0.6, size: 5, side: Side.BUY }), OrderType.GTC);
    expect(a).toMatchObject({ success: true, status: "delayed" });
    ex.faults.set({ insertStatus: "delayed", delayMs: 1 });
    const b = await trader.postOrder(await trader.createOrder({ tokenID: yes, price: 0.6, size: 6, side: Side.BUY }), OrderType.GTC);
    expect(b).toMatchObject({ success: true, status: "delayed" });
    ex.faults.clear();
    // b's delay runs out: b reaches the book
    await vi.waitFor(() => expect(ex.engine.order(b.orderID)?.status).toBe("MATCHED"), { timeout: 5_000, interval: 5 });
    // a had no delay: it is still held until released by hand
    expect(ex.engine.order(a.orderID)).toBeUndefined();
    expect(ex.clob.held.map((h) => h.input.id)).toEqual([a.orderID]);
    ex.releaseDelayed();
    expect(ex.engine.order(a.orderID)?.status).toBe("MATCHED");
  });
});
