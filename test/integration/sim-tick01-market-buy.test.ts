// The sim takes the official client's market BUY on a tick-0.1 market: the client rounds the taker to the tick's
// amount decimals (3 on tick 0.1), coarser than the 4-dp quantum. Real sockets, port chosen at run time.
import { afterAll, beforeAll, expect, it } from "vitest";
import { Chain, ClobClient, OrderType, Side } from "@polymarket/clob-client-v2";
import { startExchange, type Exchange } from "../../src/sim/exchange.js";
import { ethersSigner } from "../helpers/ethers-signer.js";

const PK_TRADER = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const MM = "0x00000000000000000000000000000000000000aa";
let ex: Exchange;
let trader: ClobClient;
beforeAll(async () => {
  ex = await startExchange({ seed: 7, sweepMs: 0 });
  const s = ethersSigner(PK_TRADER);
  ex.engine.credit(s.address, 1000);
  const creds = await new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: s }).createOrDeriveApiKey();
  trader = new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: s, creds });
});
afterAll(async () => ex?.close());

it("a $10 FAK BUY at 0.3 on a tick-0.1 market, as the official client signs it, fills", async () => {
  const m = ex.engine.createMarket({ tick: "0.1" });
  const tok = m.tokens[0].tokenId;
  ex.engine.creditShares(MM, tok, 100);
  ex.engine.placeInternal({ address: MM, tokenId: tok, side: "SELL", price: 0.3, size: 100 });
  const o = await trader.createMarketOrder({ tokenID: tok, amount: 10, side: Side.BUY, price: 0.3 });
  expect([o.makerAmount, o.takerAmount]).toEqual(["10000000", "33333000"]); // taker rounded to 3 dp by the client
  const r = (await trader.postOrder(o, OrderType.FAK)) as { success?: boolean; error?: string; takingAmount?: string };
  expect(r.error).toBeUndefined();
  expect(r.success).toBe(true);
  expect(r.takingAmount).toBe("33.3333"); // $10 spent at 0.3 in 0.0001-share steps
});
