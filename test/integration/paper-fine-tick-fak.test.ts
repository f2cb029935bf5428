// Paper vs the sim on fine ticks, the same order through the unmodified official client: FOK/FAK orders breaking the
// venue's maker 2 dp / taker 4 dp rule (reference V2 §4.1) are refused by both. Real sockets, port chosen at run time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Chain, ClobClient, OrderType, Side } from "@polymarket/clob-client-v2";
import { startExchange, type Exchange } from "../../src/sim/exchange.js";
import { createPaperEngine } from "../../src/exec/paper/engine.js";
import { constantLatency } from "../../src/exec/paper/latency.js";
import { createSeriesBooks } from "../../src/replay/books/series.js";
import { TERMINAL } from "../../src/core/exec.js";
import { ethersSigner } from "../helpers/ethers-signer.js";
import { book, intent, fills, theDone, TOKEN } from "../unit/paper/fixtures.js";

const PK_TRADER = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const MM = "0x00000000000000000000000000000000000000aa";
let ex: Exchange;
let trader: ClobClient;
let traderAddr: string;
beforeAll(async () => {
  ex = await startExchange({ seed: 11, sweepMs: 0 });
  const s = ethersSigner(PK_TRADER);
  traderAddr = s.address;
  ex.engine.credit(traderAddr, 1000);
  const creds = await new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: s }).createOrDeriveApiKey();
  trader = new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: s, creds });
});
afterAll(async () => ex?.close());

/** Paper: one snapshot with bids at `bid` and asks at `ask`, `tick`; no latency, no slippage cap beyond the limit. */
function paper(tick: number, bid: number, ask: number) {
  const b = book(1000, [[bid, 500]], [[ask, 500]], tick);
  return createPaperEngine({ books: createSeriesBooks("t", [b]), latency: constantLatency(0), slippage: 0.5 });
}

/** The sim with one market of `tick`, a maker resting `bid`/`ask` 500 shares each; the trader holds 100 shares. */
function simMarket(tick: "0.001" | "0.0001" | "0.005" | "0.0025", bid: number, ask: number): string {
  const m = ex.engine.createMarket({ tick });
  const tok = m.tokens[0].tokenId;
  ex.engine.credit(MM, 1000);
  ex.engine.creditShares(MM, tok, 500);
  ex.engine.placeInternal({ address: MM, tokenId: tok, side: "SELL", price: ask, size: 500 });
  ex.engine.placeInternal({ address: MM, tokenId: tok, side: "BUY", price: bid, size: 500 });
  ex.engine.creditShares(traderAddr, tok, 100);
  return tok;
}

describe("FAK/FOK on fine ticks: paper accepts only what the venue accepts from the official client", () => {
  it("BUY 10.13 shares at 0.985 on tick 0.001: the venue refuses the client's order, paper must not fill it", async () => {
    const tok = simMarket("0.001", 0.98, 0.985);
    const o = await trader.createMarketOrder({ tokenID: tok, amount: 9.97805, side: Side.BUY, price: 0.985 });
    expect(o.takerAmount).toBe("10121820"); // 9.97 / 0.985 = 10.12182: 5 decimals
    const r = (await trader.postOrder(o, OrderType.FAK)) as { error?: string };
    expect(r.error).toMatch(/^invalid amounts/);

    const evs = paper(0.001, 0.98, 0.985).submit(intent({ tokenId: TOKEN, side: "BUY", orderType: "FAK", targetShares: 10.13, limitPrice: 0.985 }));
    expect(fills(evs)).toEqual([]);
    expect(theDone(evs).terminal).toBe(TERMINAL.REJECTED);
  });

  it("SELL 10.01 shares at 0.985 on tick 0.001 (FOK): refused by the venue, paper must not fill it", async () => {
    const tok = simMarket("0.001", 0.985, 0.99);
    const o = await trader.createMarketOrder({ tokenID: tok, amount: 10.01, side: Side.SELL, price: 0.985 });
    expect(o.takerAmount).toBe("9859850"); // 10.01 × 0.985 = 9.85985
    const r = (await trader.postOrder(o, OrderType.FOK)) as { error?: string };
    expect(r.error).toMatch(/^invalid amounts/);

    const evs = paper(0.001, 0.985, 0.99).submit(intent({ tokenId: TOKEN, side: "SELL", orderType: "FOK", targetShares: 10.01, limitPrice: 0.985 }));
    expect(fills(evs)).toEqual([]);
    expect(theDone(evs).terminal).toBe(TERMINAL.REJECTED);
  });

  it("SELL 10 shares at 0.985 on tick 0.001 (amounts fit): both fill 10 shares", async () => {
    const tok = simMarket("0.001", 0.985, 0.99);
    const o = await trader.createMarketOrder({ tokenID: tok, amount: 10, side: Side.SELL, price: 0.985 });
    const r = (await trader.postOrder(o, OrderType.FAK)) as { success?: boolean; makingAmount?: string };
    expect(r.success).toBe(true);
    expect(r.makingAmount).toBe("10");
    const evs = paper(0.001, 0.985, 0.99).submit(intent({ tokenId: TOKEN, side: "SELL", orderType: "FAK", targetShares: 10, limitPrice: 0.985 }));
    expect(theDone(evs)).toMatchObject({ terminal: TERMINAL.FILLED, filledShares: 10 });
  });
});
