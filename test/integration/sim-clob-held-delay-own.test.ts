// The "delayed" insert fault's delayMs releases the order it held, not every held order: an order held without a
// delay (released by hand, exchange.releaseDelayed) stays held when a later order's short delay runs out.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Chain, ClobClient, OrderType, Side } from "@polymarket/clob-client-v2";
import { startExchange, type Exchange } from "../../src/sim/exchange.js";
import { ethersSigner } from "../helpers/ethers-signer.js";

const PK_TRADER = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const PK_MM = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

let ex: Exchange;
let yes: string;
let trader: ClobClient;

beforeAll(async () => {
  ex = await startExchange({ seed: 11, sweepMs: 0 });
  const m = ex.engine.createMarket({ tick: "0.01" });
  yes = m.tokens[0].tokenId;
  const client = async (pk: string) => {
    const signer = ethersSigner(pk);
    ex.engine.credit(signer.address, 1000);
    const creds = await new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer }).createOrDeriveApiKey();
    return new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer, creds });
  };
  trader = await client(PK_TRADER);
  const mm = await client(PK_MM);
  ex.engine.split(ethersSigner(PK_MM).address, m.conditionId, 100);
  await mm.createAndPostOrder({ tokenID: yes, price: 0.6, size: 50, side: Side.SELL }, {}, OrderType.GTC);
});

afterAll(async () => {
  await ex?.close();
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
