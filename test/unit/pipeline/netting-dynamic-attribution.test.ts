// BUDGETED_DYNAMIC with netting: attribution gives each trade of a window its own r_u (the ideal is the same as
// without netting), not the window's one ratio.
import { describe, expect, it } from "vitest";
import { parseConfig, type Book, type LeaderTradeEvent } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { createSeriesBooks } from "../../../src/replay/books/series.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";

const L = "0x" + "a".repeat(40);
let n = 0;
const tr = (side: "BUY" | "SELL", size: number, price: number, ts: number, tokenId = "y", conditionId = "0xc"): LeaderTradeEvent => ({
  eventId: `e${++n}`, leader: L, kind: "TRADE", conditionId, tokenId, outcomeIndex: 0, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "activity",
});
const bk = (ts: number, bid: number, ask: number, tokenId = "y"): Book => ({ tokenId, ts, bids: [{ price: bid, size: 1e6 }], asks: [{ price: ask, size: 1e6 }], tick: 0.01, minSize: 1 });
async function run(evs: LeaderTradeEvent[], defaults: object, snaps: Book[]) {
  const config = parseConfig({ seed: 1, bankroll: 1e6, defaults: { ratio: 0.1, slippage: 0.5, maxBankrollPct: 1, ...defaults } });
  return runReplay({ source: arraySource(evs), config, latency: constantLatency(500), books: createSeriesBooks("t", snaps), keepEvents: true } as never);
}
const net = { netting: { enabled: true, windowMs: 5000 } };
const dyn = { sizing: "BUDGETED_DYNAMIC", budget: 10, ratioMax: 0.1, ratioMin: 0.001 };

describe("netting × BUDGETED_DYNAMIC: attribution ideal per trade = p × r_u(trade) × size", () => {
  it("same-side window at different prices: ideal notional as without netting", async () => {
    // e1 BUY 100 @0.40: E_u = 40 → r = min(0.1, 10/40) = 0.1, ideal 10 sh → $4.00
    // e2 BUY 200 @0.60: E_u = 300 × 0.60 = 180 → r = 10/180 = 0.0556, ideal 11.111 sh → $6.6667
    // ideal copy = $10.6667 (without netting the replay reports this). Window ratio = 21.111/300 = 0.07037, and
    // attribution then books e1 at 7.037 sh ($2.8148) and e2 at 14.074 sh ($8.4444): $11.2593.
    const evs = () => { n = 0; return [tr("BUY", 100, 0.4, 1000), tr("BUY", 200, 0.6, 2000)]; };
    const books = [bk(1000, 0.39, 0.4), bk(2000, 0.59, 0.6)];
    const plain = await run(evs(), dyn, books);
    const netted = await run(evs(), { ...dyn, ...net }, books);
    expect(plain.result.attribution.idealNotional).toBeCloseTo(10.6667, 3);
    expect(netted.result.attribution.idealNotional).toBeCloseTo(10.6667, 3);
  });

  it("opposite-side window: each trade's ideal is its own r_u × size", async () => {
    // t=0    BUY y 100 @0.50 (own window, closes at 5000): E_u = 50 → r = 0.1
    // t=10000 BUY z 900 @0.50 (token z, own window):       E_u = 50 + 450 = 500 → r = 0.02
    // t=20000 SELL y 50 @0.50: E_u = 25+450 = 475 → r = 10/475 = 0.021053, ideal 1.05263 sh → $0.526316
    // t=21000 BUY  y 20 @0.50: E_u = 35+450 = 485 → r = 10/485 = 0.020619, ideal 0.41237 sh → $0.206186
    // ideal copy of the window's two trades = $0.732502; the window's net is SELL 30 at ratio
    // |−1.05263 + 0.41237| / 30 = 0.021342, and attribution books SELL 50×0.021342 = 1.0671 sh, BUY 0.42684 sh: $0.74697
    const evs = () => { n = 0; return [tr("BUY", 100, 0.5, 0), tr("BUY", 900, 0.5, 10000, "z", "0xd"), tr("SELL", 50, 0.5, 20000), tr("BUY", 20, 0.5, 21000)]; };
    const books = [bk(0, 0.49, 0.5), bk(0, 0.49, 0.5, "z")];
    const netted = await run(evs(), { ...dyn, ...net }, books);
    const ev = (netted.result as any).attributionEvents ?? (netted.result as any).events;
    const plain = await run(evs(), dyn, books);
    // per-trade ideal: 5 + 9 (900 × 0.02 × 0.5) + 0.526316 + 0.206186 = 14.732502
    expect(plain.result.attribution.idealNotional).toBeCloseTo(14.732502, 5);
    expect(netted.result.attribution.idealNotional).toBeCloseTo(14.732502, 5);
    void ev;
  });
});
