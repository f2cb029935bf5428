// Invariants over random books and intents (seeded): exactly one done per intent (also when markets close mid-run), event order, terminal states
// that agree with the fills, prices within the order's limit, and no displayed liquidity taken twice.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { uniformLatency } from "../../../src/exec/paper/latency.js";
import { createSeriesBooks } from "../../../src/replay/books/series.js";
import { rng, type Rng } from "../../../src/core/rng.js";
import { onTick, roundTo } from "../../../src/core/money.js";
import { ORDER_TYPES } from "../../../src/core/venue.js";
import { TERMINAL, type ExecEvent } from "../../../src/core/exec.js";
import type { Book, BookView } from "../../../src/core/book.js";
import { createLeaderAnchoredBooks } from "../../../src/exec/paper/leader-anchored.js";
import type { CopyIntent } from "../../../src/core/intent.js";
import { book, intent } from "./fixtures.js";

const TOKENS = ["A", "B"];

function randomBooks(r: Rng): Book[] {
  const out: Book[] = [];
  for (const tokenId of TOKENS) {
    const tick = r.pick([0.01, 0.001]);
    const n = Math.round(1 / tick);
    let ts = 0;
    for (let k = 0; k < 40; k++) {
      ts += r.int(1, 400);
      const mid = r.int(3, n - 3);
      const lv = (from: number, dir: number): [number, number][] =>
        Array.from({ length: r.int(0, 4) }, (_, i) => [roundTo((from + dir * i) * tick, 4), r.int(1, 3000) / 100] as [number, number]).filter(
          ([p]) => p > 0 && p < 1,
        );
      out.push(book(ts, lv(mid - r.int(0, 2), -1), lv(mid + 1, 1), tick, r.pick([0, 5]), tokenId));
    }
  }
  return out;
}

function randomIntents(r: Rng, types: readonly CopyIntent["orderType"][]): CopyIntent[] {
  let ts = 0;
  return Array.from({ length: 60 }, (_, i) => {
    ts += r.int(0, 300);
    return intent({
      intentId: `r-${i}`,
      tokenId: r.pick(TOKENS),
      side: r.next() < 0.5 ? "BUY" : "SELL",
      orderType: r.pick(types),
      targetShares: r.int(0, 4000) / 100 + (r.next() < 0.05 ? 0.001 : 0),
      limitPrice: r.int(1, 999) / 1000,
      slippage: r.next() < 0.5 ? undefined : r.int(0, 100) / 1000,
      ts,
      seenAt: ts + r.int(0, 50),
    });
  });
}

type ViewKind = "series" | "leader-anchored";

function randomView(r: Rng, kind: ViewKind): BookView {
  if (kind === "series") return createSeriesBooks("random", randomBooks(r));
  const v = createLeaderAnchoredBooks({ depthShares: r.int(1, 40), levels: r.int(1, 4), halfSpread: r.pick([0, 0.005, 0.02]) });
  let ts = 0;
  for (let k = 0; k < 80; k++) {
    ts += r.int(0, 200);
    v.observe({
      eventId: `e${k}`, leader: "l", kind: "TRADE", conditionId: "c", tokenId: r.pick(TOKENS), outcomeIndex: 0,
      side: "BUY", size: 1, price: r.int(1, 99) / 100, usdcSize: 1, ts, seenAt: ts, txHash: "", source: "synthetic",
    });
  }
  return v;
}

/** `closeMarkets`: before some intents a token's market closes (engine.forget; the view keeps its books). */
function run(seed: number, types: readonly CopyIntent["orderType"][], kind: ViewKind = "series", closeMarkets = false) {
  const r = rng(seed);
  const books = randomView(r, kind);
  const view: BookView = closeMarkets ? { name: books.name, at: (t, ts) => books.at(t, ts) } : books;
  const e = createPaperEngine({ books: view, latency: uniformLatency(100, 100, seed), slippage: 0.05 });
  const intents = randomIntents(r, types);
  const events: ExecEvent[] = [];
  for (const i of intents) {
    events.push(...e.advance(i.ts));
    if (closeMarkets && r.next() < 0.15) events.push(...e.forget([r.pick(TOKENS)], i.ts));
    events.push(...e.submit(i));
  }
  events.push(...e.advance(1e9));
  events.push(...e.cancelAll(1e9));
  expect(e.open()).toBe(0);
  return { intents, events, books };
}

describe.each(["series", "leader-anchored"] as const)("paper engine invariants over %s books (seeded random)", (kind) => {
  it("every intent gets exactly one done, last; terminals agree with fills; prices respect the limit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        const { intents, events, books } = run(seed, ORDER_TYPES, kind);
        for (const i of intents) {
          const mine = events.filter((x) => x.intentId === i.intentId);
          const dones = mine.filter((x) => x.type === "done");
          expect(dones).toHaveLength(1);
          const d = dones[0]!;
          expect(mine[mine.length - 1]).toBe(d);
          const first = mine[0]!;
          expect(["accepted", "rejected"]).toContain(first.type);
          for (let k = 1; k < mine.length; k++) expect(mine[k]!.ts).toBeGreaterThanOrEqual(mine[k - 1]!.ts);
          if (first.type === "rejected") {
            expect(mine).toHaveLength(2);
            expect(d.terminal).toBe(TERMINAL.REJECTED);
            continue;
          }
          if (first.type !== "accepted") throw new Error("unreachable");
          const fl = mine.filter((x): x is Extract<ExecEvent, { type: "fill" }> => x.type === "fill");
          const sum = roundTo(fl.reduce((s, f) => s + f.size, 0), 2);
          expect(d.filledShares).toBeCloseTo(sum, 6);
          expect(sum).toBeLessThanOrEqual(first.size + 1e-9);
          if (d.terminal === TERMINAL.FILLED) expect(sum).toBeCloseTo(first.size, 6);
          else if (d.terminal === TERMINAL.PARTIAL) expect(sum > 0 && sum < first.size).toBe(true);
          else expect([d.terminal, sum]).toEqual([TERMINAL.UNFILLED, 0]);
          if (i.orderType === "FOK") expect([0, first.size]).toContain(sum);
          if (sum > 0) expect(d.avgPrice).toBeCloseTo(fl.reduce((s, f) => s + f.price * f.size, 0) / sum, 5);
          const tick = books.at(i.tokenId, first.ts)!.tick;
          for (const f of fl) {
            expect(f.intentId).toBe(i.intentId);
            expect(onTick(f.price, tick)).toBe(true);
            if (i.side === "BUY") expect(f.price).toBeLessThanOrEqual(first.price + 1e-9);
            else expect(f.price).toBeGreaterThanOrEqual(first.price - 1e-9);
          }
        }
        expect(events.filter((x) => x.type === "done")).toHaveLength(intents.length);
      }),
      { seed: 99, numRuns: 150 },
    );
  });

  it("marketable orders never take more than a snapshot displays at a level", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        const { events, books } = run(seed, ["FAK", "FOK"], kind);
        const taken = new Map<string, number>(); // by token, snapshot time, side and price
        for (const f of events) {
          if (f.type !== "fill") continue;
          const b = books.at(f.tokenId, f.ts)!;
          const key = `${f.tokenId}|${b.ts}|${f.side}|${f.price}`;
          taken.set(key, (taken.get(key) ?? 0) + f.size);
          const side = f.side === "BUY" ? b.asks : b.bids;
          const shown = side.find((l) => l.price === f.price)?.size ?? 0;
          expect(taken.get(key)!).toBeLessThanOrEqual(shown + 1e-9);
        }
      }),
      { seed: 7, numRuns: 150 },
    );
  });

  it("with markets closing at random (forget), every intent still gets exactly one done, last", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        const { intents, events } = run(seed, ["GTC", "GTD", "FAK"], kind, true);
        for (const i of intents) {
          const mine = events.filter((x) => x.intentId === i.intentId);
          expect(mine.filter((x) => x.type === "done")).toHaveLength(1);
          expect(mine[mine.length - 1]!.type).toBe("done");
        }
        expect(events.filter((x) => x.type === "done")).toHaveLength(intents.length);
      }),
      { seed: 5, numRuns: 100 },
    );
  });

  it("is deterministic: the same seed gives the same events", () => {
    expect(run(12345, ORDER_TYPES, kind).events).toEqual(run(12345, ORDER_TYPES, kind).events);
  });
});

/**
 * Trades observed between advances (as in a replay), GTC/GTD intents, markets closing, optional TTL: the engine's
 * events over `books`, fed by `observe` when it is a leader-anchored view.
 */
function interleaved(seed: number, kind: ViewKind, announce: boolean) {
  const r = rng(seed);
  const anchored = kind === "leader-anchored" ? createLeaderAnchoredBooks({ depthShares: r.int(1, 40), levels: r.int(1, 4), halfSpread: r.pick([0, 0.005, 0.02]) }) : undefined;
  const books: BookView = anchored ?? createSeriesBooks("random", randomBooks(r));
  // Without onChange the engine may keep no answer of nextChange: it asks again at every advance.
  const view: BookView = announce
    ? books
    : { name: books.name, at: (t, ts) => books.at(t, ts), nextChange: (t, ts) => books.nextChange!(t, ts), forget: (ts) => books.forget?.(ts) };
  const ttl = r.pick([undefined, 300, 2000]);
  const e = createPaperEngine({ books: view, latency: uniformLatency(100, 100, seed), slippage: 0.05, ...(ttl !== undefined ? { gtcTtlMs: ttl } : {}) });
  const events: ExecEvent[] = [];
  let ts = 0;
  for (let k = 0; k < 200; k++) {
    ts += r.int(0, 150);
    events.push(...e.advance(ts));
    const tokenId = r.pick(TOKENS);
    const what = r.next();
    if (what < 0.45) {
      anchored?.observe({
        eventId: `e${k}`, leader: "l", kind: "TRADE", conditionId: "c", tokenId, outcomeIndex: 0,
        side: "BUY", size: 1, price: r.int(1, 99) / 100, usdcSize: 1, ts, seenAt: ts, txHash: "", source: "synthetic",
      });
    } else if (what < 0.95) {
      events.push(...e.submit(intent({
        intentId: `w-${k}`, tokenId, side: r.next() < 0.5 ? "BUY" : "SELL", orderType: r.pick(["GTC", "GTD", "FAK"] as const),
        targetShares: r.int(500, 4000) / 100, limitPrice: r.int(1, 99) / 100, ts, seenAt: ts,
      })));
    } else events.push(...e.forget([tokenId], ts));
  }
  events.push(...e.advance(ts + 10_000), ...e.cancelAll(ts + 10_000));
  return events;
}

describe.each(["series", "leader-anchored"] as const)("resting orders over %s books: kept wake-up times", (kind) => {
  it("give the same events as asking the view at every advance (seeded random)", () => {
    let runs = 0;
    let restingFills = 0; // runs where a resting order filled after its arrival: the case being compared
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        const kept = interleaved(seed, kind, true);
        runs++;
        const accepted = new Map(kept.filter((x) => x.type === "accepted").map((x) => [x.intentId, x.ts]));
        if (kept.some((x) => x.type === "fill" && x.ts > accepted.get(x.intentId)!)) restingFills++;
        expect(kept).toEqual(interleaved(seed, kind, false));
      }),
      { seed: 17, numRuns: 150 },
    );
    expect(restingFills).toBeGreaterThan(runs / 2);
  });
});
