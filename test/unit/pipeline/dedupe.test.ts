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
  it("forgets ids older than the window and keeps memory bounded", () => {
    const r = new RecentIds(1000);
    r.seen("a", 0);
    for (let t = 1; t <= 10_000; t++) r.seen(`e${t}`, t * 10);
    expect(r.seen("a", 0)).toBe(false);
    expect(r.size).toBeLessThanOrEqual(200);
  });
});

describe("RecentIds against a plain set (property)", () => {
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
