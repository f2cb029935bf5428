// Tick rounding in the paper engine for every venue tick: the order price is the best grid price inside both
// the intent's guardrail and the slippage cap (BUY rounds down, SELL up), and every fill sits on the grid.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";
import { createSeriesBooks } from "../../../src/replay/books/series.js";
import { onTick, roundTo, decimalsOf, floorToTick, ceilToTick } from "../../../src/core/money.js";
import { ceilGrid, floorGrid, gridPrice } from "../../../src/exec/paper/grid.js";
import { EXEC_REJECT } from "../../../src/core/exec-reasons.js";
import type { ExecEvent } from "../../../src/core/exec.js";
import { book, intent, fills } from "./fixtures.js";

const TICKS = [0.1, 0.01, 0.005, 0.0025, 0.001, 0.0001];
const EPS = 1e-9;

/** A deep book on the grid of `tick`, best ask at k·tick, best bid one tick below. */
function gridBook(tick: number, k: number) {
  const d = decimalsOf(tick);
  const n = Math.round(1 / tick);
  const ask = Math.min(Math.max(k, 2), n - 1);
  const asks: [number, number][] = [];
  const bids: [number, number][] = [];
  for (let i = 0; i < 4 && ask + i <= n - 1; i++) asks.push([roundTo((ask + i) * tick, d), 3]);
  for (let i = 0; i < 4 && ask - 1 - i >= 1; i++) bids.push([roundTo((ask - 1 - i) * tick, d), 3]);
  return book(0, bids, asks, tick, 0);
}

const accepted = (evs: ExecEvent[]) => evs.find((e) => e.type === "accepted") as Extract<ExecEvent, { type: "accepted" }> | undefined;
const rejected = (evs: ExecEvent[]) => evs.find((e) => e.type === "rejected") as Extract<ExecEvent, { type: "rejected" }> | undefined;

describe.each(TICKS)("tick %s", (tick) => {
  const n = Math.round(1 / tick);
  const arb = fc.record({
    k: fc.integer({ min: 1, max: n }),
    limit: fc.integer({ min: 1, max: 999_999 }).map((x) => x / 1e6),
    slip: fc.integer({ min: 0, max: 200 }).map((x) => x / 1000),
  });

  it("BUY: price ≤ limit, ≤ bestAsk·(1+s), on the grid, the largest such; fills on the grid within it", () => {
    fc.assert(
      fc.property(arb, ({ k, limit, slip }) => {
        const b = gridBook(tick, k);
        const e = createPaperEngine({ books: createSeriesBooks("t", [b]), latency: constantLatency(0) });
        const evs = e.submit(intent({ side: "BUY", limitPrice: limit, slippage: slip, targetShares: 50_000, ts: 0, seenAt: 0 }));
        const bound = Math.min(limit, b.asks[0]!.price * (1 + slip));
        const a = accepted(evs);
        if (a === undefined) {
          expect(rejected(evs)?.reason).toBe(EXEC_REJECT.PRICE_OUT_OF_BAND);
          expect(bound).toBeLessThan(tick + EPS);
          return;
        }
        expect(onTick(a.price, tick)).toBe(true);
        expect(a.price).toBeLessThanOrEqual(bound + EPS);
        expect(a.price + tick).toBeGreaterThan(bound - EPS);
        expect(a.price).toBeGreaterThanOrEqual(tick - EPS);
        for (const f of fills(evs)) {
          expect(onTick(f.price, tick)).toBe(true);
          expect(f.price).toBeLessThanOrEqual(a.price + EPS);
        }
      }),
      { seed: 20261124, numRuns: 300 },
    );
  });

  it("SELL: price ≥ limit, ≥ bestBid·(1−s), on the grid, the smallest such; fills on the grid within it", () => {
    fc.assert(
      fc.property(arb, ({ k, limit, slip }) => {
        const b = gridBook(tick, k);
        const e = createPaperEngine({ books: createSeriesBooks("t", [b]), latency: constantLatency(0) });
        const evs = e.submit(intent({ side: "SELL", limitPrice: limit, slippage: slip, targetShares: 50_000, ts: 0, seenAt: 0 }));
        const bestBid = b.bids[0]?.price;
        const bound = bestBid === undefined ? limit : Math.max(limit, bestBid * (1 - slip));
        const a = accepted(evs);
        if (a === undefined) {
          expect(rejected(evs)?.reason).toBe(EXEC_REJECT.PRICE_OUT_OF_BAND);
          expect(bound).toBeGreaterThan(1 - tick - EPS);
          return;
        }
        expect(onTick(a.price, tick)).toBe(true);
        expect(a.price).toBeGreaterThanOrEqual(bound - EPS);
        expect(a.price - tick).toBeLessThan(bound + EPS);
        expect(a.price).toBeLessThanOrEqual(1 - tick + EPS);
        for (const f of fills(evs)) {
          expect(onTick(f.price, tick)).toBe(true);
          expect(f.price).toBeGreaterThanOrEqual(a.price - EPS);
        }
      }),
      { seed: 20261124, numRuns: 300 },
    );
  });
});

describe("tick examples", () => {
  it.each([
    [0.1, 0.57, 0.5, 0.6],
    [0.01, 0.567, 0.56, 0.57],
    [0.005, 0.5678, 0.565, 0.57],
    [0.0025, 0.5678, 0.5675, 0.57],
    [0.001, 0.5678, 0.567, 0.568],
    [0.0001, 0.56789, 0.5678, 0.5679],
  ])("tick %s: limit %s snaps to BUY %s / SELL %s", (tick, limit, buy, sell) => {
    const b = book(0, [[tick, 1000]], [[roundTo(1 - tick, decimalsOf(tick)), 1000]], tick, 0);
    const e = createPaperEngine({ books: createSeriesBooks("t", [b]), latency: constantLatency(0), slippage: 1 });
    expect(accepted(e.submit(intent({ side: "BUY", limitPrice: limit, targetShares: 100, ts: 0, seenAt: 0 })))?.price).toBe(buy);
    expect(accepted(e.submit(intent({ side: "SELL", limitPrice: limit, targetShares: 100, ts: 0, seenAt: 0 })))?.price).toBe(sell);
  });
});

describe("fast grid snapping (hot path) agrees with core money maths", () => {
  it.each(TICKS)("tick %s: floorGrid = floorToTick, ceilGrid = ceilToTick", (tick) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }).map((x) => x / 1e7), (p) => {
        expect(floorGrid(p, tick)).toBe(floorToTick(p, tick));
        expect(ceilGrid(p, tick)).toBe(ceilToTick(p, tick));
        const k = Math.round(p / tick);
        expect(gridPrice(k, tick)).toBe(roundTo(k * tick, decimalsOf(tick)));
      }),
      { seed: 5, numRuns: 2000 },
    );
  });
});
