// DELETE /orders naming the same order id twice answers it once: cancelled, and not also listed in not_canceled
// (the official client's cancelOrders sends the array as given).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Chain, ClobClient, OrderType, Side } from "@polymarket/clob-client-v2";
import { startExchange, type Exchange } from "../../src/sim/exchange.js";
import { ERR } from "../../src/sim/errors.js";
import { ethersSigner } from "../helpers/ethers-signer.js";

const PK_TRADER = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

let ex: Exchange;
let yes: string;
let trader: ClobClient;

beforeAll(async () => {
  ex = await startExchange({ seed: 10, sweepMs: 0 });
  yes = ex.engine.createMarket({ tick: "0.01" }).tokens[0].tokenId;
  const signer = ethersSigner(PK_TRADER);
  ex.engine.credit(signer.address, 100);
  const creds = await new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer }).createOrDeriveApiKey();
  trader = new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer, creds });
});

afterAll(async () => {
  await ex?.close();
});

describe("cancel with a repeated id", () => {
  it("cancels the order once and does not also report it as not cancelled", async () => {
    const r = await trader.createAndPostOrder({ tokenID: yes, price: 0.3, size: 5, side: Side.BUY }, {}, OrderType.GTC);
    expect(r.status).toBe("live");
    expect(await trader.cancelOrders([r.orderID, r.orderID])).toEqual({ canceled: [r.orderID], not_canceled: {} });
    const gone = "0x" + "ab".repeat(32);
    expect(await trader.cancelOrders([gone, gone])).toEqual({ canceled: [], not_canceled: { [gone]: ERR.CANNOT_CANCEL } });
  });
});
