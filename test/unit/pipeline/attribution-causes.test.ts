// Attribution causes on hand-computed scenarios with recorded books: a book move between a netting window's trades is
// latency (each trade's own leader-time touch), netting keeps BUDGETED_DYNAMIC's per-trade ideal, no book at the
// leader's time takes the first book after it.
import { describe, expect, it } from "vitest";
import { parseConfig, type Book, type LeaderTradeEvent } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { createSeriesBooks } from "../../../src/replay/books/series.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";

const L = "0x" + "a".repeat(40);
let n = 0;
const tr = (side: "BUY" | "SELL", size: number, price: number, ts: number): LeaderTradeEvent => ({
  eventId: `e${++n}`, leader: L, kind: "TRADE", conditionId: "0xc", tokenId: "y", outcomeIndex: 0, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "activity",
});
const bk = (ts: number, bid: number, ask: number): Book => ({ tokenId: "y", ts, bids: [{ price: bid, size: 1000 }], asks: [{ price: ask, size: 1000 }], tick: 0.01, minSize: 5 });
async function run(evs: LeaderTradeEvent[], defaults: object, snaps: Book[]) {
  const config = parseConfig({ seed: 1, bankroll: 1e6, defaults: { ratio: 0.1, slippage: 0.1, maxBankrollPct: 1, ...defaults } });
  return runReplay({ source: arraySource(evs), config, latency: constantLatency(500), books: createSeriesBooks("t", snaps) });
}
const net = { netting: { enabled: true, windowMs: 5000 } };

describe("attribution causes", () => {
  it("a BUY netting window: the book's move between its trades is latency, not spread", async () => {
    // e1 BUY 50 @ 0.50 (ask 0.50), e2 BUY 50 @ 0.55 (ask 0.55); the window's 10 shares fill at 0.55 at 6500
    // e1: spread (0.50 − 0.50)·5 = 0, latency (0.55 − 0.50)·5 = 0.25; e2: nothing
    const a = (await run([tr("BUY", 50, 0.5, 1000), tr("BUY", 50, 0.55, 3000)], net, [bk(1000, 0.49, 0.5), bk(3000, 0.54, 0.55)])).result.attribution;
    expect(a.byCause.latency ?? 0).toBeCloseTo(0.25, 9);
    expect(a.byCause.spread ?? 0).toBeCloseTo(0, 9);
  });

  it("a SELL netting window: the same, sign flipped", async () => {
    // holds 10; e1 SELL 30 @ 0.60 (bid 0.60), e2 SELL 30 @ 0.62 (bid 0.62); bid 0.58 when the 6 shares arrive
    // latency: e1 (0.60 − 0.58)·3 = 0.06, e2 (0.62 − 0.58)·3 = 0.12; spread 0
    const a = (await run([tr("BUY", 100, 0.5, 1000), tr("SELL", 30, 0.6, 10000), tr("SELL", 30, 0.62, 12000)], net,
      [bk(1000, 0.49, 0.5), bk(10000, 0.6, 0.65), bk(12000, 0.62, 0.65), bk(15200, 0.58, 0.65)])).result.attribution;
    expect(a.byCause.latency ?? 0).toBeCloseTo(0.18, 9);
    expect(a.byCause.spread ?? 0).toBeCloseTo(0, 9);
  });

  it("BUDGETED_DYNAMIC: a netting window copies its trades at their own r_u, as without netting", async () => {
    // r_u = min(0.1, 10 / exposure): 0.1 at the first BUY (exposure $50 after it: 10/50 = 0.2, capped), 1/15 at the second
    const d = { sizing: "BUDGETED_DYNAMIC", budget: 10, ratioMax: 0.1 };
    const evs = () => [tr("BUY", 100, 0.5, 1000), tr("BUY", 200, 0.5, 2000)];
    const plain = await run(evs(), d, [bk(1000, 0.49, 0.5)]);
    const netted = await run(evs(), { ...d, ...net }, [bk(1000, 0.49, 0.5)]);
    expect(plain.result.attribution.idealNotional).toBeCloseTo(11.6667, 3); // 10·0.5 + 13.33·0.5
    expect(netted.result.attribution.idealNotional).toBeCloseTo(plain.result.attribution.idealNotional, 6);
    expect(1e6 - netted.summary.ledger.cash).toBeCloseTo(1e6 - plain.summary.ledger.cash, 2); // 23.33 shares bought either way
    expect(1e6 - netted.summary.ledger.cash).toBeGreaterThan(11.6);
    expect(netted.result.attribution.byCause.netted ?? 0).toBeCloseTo(0, 9);
  });

  it("no book at the leader's time: the first book after it stands for it (an unmoved book is spread, not latency)", async () => {
    const a = (await run([tr("BUY", 100, 0.5, 1000)], {}, [bk(1100, 0.49, 0.51)])).result.attribution;
    expect(a.byCause.spread ?? 0).toBeCloseTo(0.1, 9); // (0.51 − 0.50)·10
    expect(a.byCause.latency ?? 0).toBeCloseTo(0, 9);
  });
});
