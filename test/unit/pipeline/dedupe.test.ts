// RecentIds: duplicates (same id, same venue ts) within the window are caught, in or out of order; memory bounded.
import { describe, expect, it } from "vitest";
import { RecentIds } from "../../../src/pipeline/dedupe.js";

describe("RecentIds", () => {
  it("recognises an id seen at the same ts, also when other events arrived in between or out of order", () => {
    const r = new RecentIds(1000);
    expect(r.seen("a", 100)).toBe(false);
    expect(r.seen("b", 100)).toBe(false);
    expect(r.seen("c", 900)).toBe(false);
    expect(r.seen("a", 100)).toBe(true);
    expect(r.seen("b", 100)).toBe(true);
    expect(r.seen("a", 101)).toBe(false); // another event (its id would differ in practice) at another ts
  });
  it("tells apart ids of one ts that share their length and last chars (in order and out of order)", () => {
    const r = new RecentIds(1000);
    expect(r.seen("ev_1a7f", 100)).toBe(false);
    expect(r.seen("ev_2a7f", 100)).toBe(false);
    expect(r.seen("ev_2a7f", 100)).toBe(true);
    expect(r.seen("ev_3a7f", 200)).toBe(false);
    expect(r.seen("ev_4a7f", 100)).toBe(false); // out of order
    expect(r.seen("ev_1a7f", 100)).toBe(true);
    expect(r.seen("ev_4a7f", 100)).toBe(true);
    expect(r.seen("", 100)).toBe(false);
    expect(r.seen("", 100)).toBe(true);
  });
  it("forgets ids older than the window and keeps memory bounded", () => {
    const r = new RecentIds(1000);
    r.seen("a", 0);
    for (let t = 1; t <= 10_000; t++) r.seen(`e${t}`, t * 10);
    expect(r.seen("a", 0)).toBe(false);
    expect(r.size).toBeLessThanOrEqual(200);
  });
});

describe("RecentIds against a plain set (property)", () => {
  it("keeps every id when a late one arrives while the ring is full and has wrapped (it grows)", () => {
    const r = new RecentIds(1000);
    for (let t = 0; t < 2000; t++) expect(r.seen(`e${t}`, t)).toBe(false); // the ring's start has moved on
    let k = 0;
    while (r.size < 1024) expect(r.seen(`s${k++}`, 2000)).toBe(false); // one ms's ids fill the 1,024 slots exactly
    expect(r.seen("late", 1995)).toBe(false); // out of order, into the full ring
    for (let t = 1000; t < 2000; t++) expect(r.seen(`e${t}`, t), `e${t}`).toBe(true);
    for (let j = 0; j < k; j++) expect(r.seen(`s${j}`, 2000), `s${j}`).toBe(true);
    expect(r.seen("late", 1995)).toBe(true);
  });

  it("agrees with an unbounded set on random, partly out-of-order streams inside the window", async () => {
    const fc = await import("fast-check");
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5 })), { maxLength: 300 }), (xs) => {
        const r = new RecentIds(1_000_000);
        const all = new Set<string>();
        for (const [ts, k] of xs) {
          const id = `${ts}:${k}`;
          expect(r.seen(id, ts)).toBe(all.has(id));
          all.add(id);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

/** The dedupe rule spelled out on a plain list: same (id, ts) seen; eviction and the window as RecentIds states them. */
class ReferenceIds {
  private entries: { id: string; ts: number }[] = [];
  constructor(private readonly windowMs: number) {}
  seen(id: string, ts: number): boolean {
    if (this.entries.some((e) => e.id === id && e.ts === ts)) return true;
    const last = this.entries.reduce((m, e) => Math.max(m, e.ts), Number.NEGATIVE_INFINITY);
    if (ts > last) {
      this.entries.push({ id, ts });
      this.entries = this.entries.filter((e) => e.ts >= ts - this.windowMs);
      return false;
    }
    if (ts < last - this.windowMs && !this.entries.some((e) => e.ts === ts)) return false;
    this.entries.push({ id, ts });
    return false;
  }
  get size(): number {
    return this.entries.length;
  }
}

describe("RecentIds against the reference rule on long streams (ring wrap-around and growth)", () => {
  it("agrees on random walks of ts with repeats and late events, for small and huge windows", async () => {
    const fc = await import("fast-check");
    for (const windowMs of [40, 1_000_000_000]) {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.integer({ min: -6, max: 15 }), fc.integer({ min: 0, max: 3 })), { minLength: 1500, maxLength: 3000 }), (steps) => {
          const r = new RecentIds(windowMs);
          const ref = new ReferenceIds(windowMs);
          let ts = 0;
          for (const [d, k] of steps) {
            ts = Math.max(0, ts + d);
            const id = `${ts}:${k}`;
            expect(r.seen(id, ts)).toBe(ref.seen(id, ts));
          }
          expect(r.size).toBe(ref.size);
        }),
        { seed: 9, numRuns: 15 },
      );
    }
  });
});
