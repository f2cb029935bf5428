// Test helper: a hand-built leader history replayed on hand-made recorded books (one token "y", 1,000 shares a side),
// returning the attribution's gap and its non-zero parts by cause, for the one-cause attribution tests.
import { parseConfig, type Book, type LeaderTradeEvent } from "../../src/core/index.js";
import { createSeriesBooks } from "../../src/replay/books/series.js";
import { runReplay } from "../../src/replay/runner.js";
import { arraySource } from "../../src/replay/sources.js";

/** Token y's book at `ts`: one level a side, 1,000 shares each, tick 0.01, min size 5. */
export const bk = (ts: number, bid: number, ask: number): Book => ({ tokenId: "y", ts, bids: [{ price: bid, size: 1000 }], asks: [{ price: ask, size: 1000 }], tick: 0.01, minSize: 5 });

/** Replay `evs` at r_u 0.5 ($10k, no bankroll cap) with a constant latency, on `snaps` (else leader-anchored books). */
export async function causes(evs: LeaderTradeEvent[], defaults: object, latencyMs: number, snaps?: Book[], fill: object = {}) {
  const config = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, maxBankrollPct: 1, ...defaults }, fill, latency: { model: "constant", ms: latencyMs } });
  const r = await runReplay({ source: arraySource(evs), config, endHorizonMs: 10_000, ...(snaps ? { books: createSeriesBooks("t", snaps) } : {}) });
  const a = r.result.attribution;
  const parts = Object.fromEntries(Object.entries(a.byCause).filter(([, v]) => Math.abs(v!) > 1e-9));
  return { gap: a.gap, parts };
}
