// Closed markets folded out of a PositionBook: the sums (PnL, deployed, realised, fees) stay bit-identical to those of
// a book that keeps every position, whatever order markets close in; OpenMap keeps insertion order.
import { describe, expect, it } from "vitest";
import { OpenMap } from "../../../src/pipeline/open-map.js";
import { PositionBook } from "../../../src/pipeline/position-book.js";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe("PositionBook.closeMarket", () => {
  it("keeps every sum bit-identical to the unfolded book, markets closing in any order", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rnd = lcg(seed);
      const full = new PositionBook();
      const folded = new PositionBook();
      const open: number[] = [];
      let next = 0;
      for (let step = 0; step < 3000; step++) {
        if (open.length < 8 && rnd() < 0.2) open.push(next++);
        if (open.length === 0) continue;
        const m = open[Math.floor(rnd() * open.length)]!;
        const cond = `c${m}`;
        const tok = `t${m}-${rnd() < 0.5 ? 0 : 1}`;
        const px = Math.round(rnd() * 98 + 1) / 100;
        const sz = Math.round(rnd() * 5000) / 100;
        const r = rnd();
        for (const b of [full, folded]) {
          if (r < 0.55) b.buy(tok, sz, px, sz * 0.001, cond);
          else if (r < 0.85) b.sell(tok, sz, px, sz * 0.001, cond);
          else if (r < 0.9) b.split(cond, sz);
        }
        if (r >= 0.95) {
          const w = `t${m}-${rnd() < 0.5 ? 0 : 1}`;
          full.redeem(cond, w);
          folded.redeem(cond, w);
          expect(folded.closeMarket(cond)).toBe(true);
          open.splice(open.indexOf(m), 1);
        }
      }
      expect(folded.closedPositions()).toBeGreaterThan(0);
      expect(folded.pnl()).toBe(full.pnl());
      const px = (p: { last: number }) => (p.last === p.last ? p.last * 0.9 : 0.5); // finite for flat positions, as tracking's marks are
      expect(folded.pnl(px)).toBe(full.pnl(px));
      expect(folded.deployed()).toBe(full.deployed());
      expect(folded.total("realised")).toBe(full.total("realised"));
      expect(folded.total("fees")).toBe(full.total("fees"));
      expect(folded.exposureAtCost()).toBe(full.exposureAtCost());
    }
  });

  it("refuses a market that still holds shares", () => {
    const b = new PositionBook();
    b.buy("y", 10, 0.4, 0, "c");
    expect(b.closeMarket("c")).toBe(false);
    expect(b.shares("y")).toBe(10);
    b.redeem("c", "y");
    expect(b.closeMarket("c")).toBe(true);
    expect(b.position("y")).toBeUndefined();
    expect(b.tokensOf("c")).toEqual([]);
  });
});

describe("OpenMap", () => {
  it("behaves like an insertion-ordered Map (ids that fit its ring, and more that spill into its Map)", () => {
    for (const [seed, ids] of [[9, 40], [10, 6], [11, 17], [12, 100]] as const) {
      const o = new OpenMap<number>();
      const m = new Map<string, number>();
      const rnd = lcg(seed);
      for (let i = 0; i < 3000; i++) {
        const id = `i${Math.floor(rnd() * ids)}`;
        const r = rnd();
        if (r < 0.5) {
          o.set(id, i);
          m.set(id, i);
        } else expect(o.delete(id)).toBe(m.delete(id));
        expect(o.get(id)).toBe(m.get(id));
        expect(o.has(id)).toBe(m.has(id));
        expect(o.size).toBe(m.size);
        if (i % 37 === 0) expect([...o.values()]).toEqual([...m.values()]);
      }
      expect([...o.values()]).toEqual([...m.values()]);
      o.clear();
      expect(o.size).toBe(0);
      expect([...o.values()]).toEqual([]);
    }
  });
});
