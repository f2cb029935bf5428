// Netting windows: one per (leader, token), closed by event time in (end, token, leader) order, nothing closed early.
import { describe, expect, it } from "vitest";
import { Netting } from "../../../src/pipeline/netting.js";
import type { LeaderTradeEvent } from "../../../src/core/index.js";

let n = 0;
function trade(leader: string, tokenId: string, side: "BUY" | "SELL", size: number, price: number, ts: number): LeaderTradeEvent {
  return {
    eventId: `e${++n}`, leader, kind: "TRADE", conditionId: `c-${tokenId}`, tokenId, outcomeIndex: 0, side, size, price,
    usdcSize: size * price, ts, seenAt: ts + 5, txHash: "0x", source: "synthetic",
  };
}

describe("Netting", () => {
  it("a trade at exactly a window's end opens the next window; the ended one waits for its clock (due before = true)", () => {
    const w = new Netting();
    w.add(trade("L1", "T", "BUY", 10, 0.5, 1000), 1000, 0.1, 0); // ends 2000
    expect(w.due(2000, true)).toEqual([]); // a clock closes the window ending at this ms after it
    w.add(trade("L1", "T", "SELL", 4, 0.5, 2000), 1000, 0.1, 0); // ends 3000: a window of its own
    expect(w.size).toBe(2);
    expect(w.openNet("L1", "T")).toBeCloseTo(6, 12); // both held back
    expect(w.due(2000).map((b) => [b.side, b.netShares])).toEqual([["BUY", 10]]);
    expect(w.openNet("L1", "T")).toBeCloseTo(-4, 12);
    expect(w.due(3000).map((b) => [b.side, b.netShares])).toEqual([["SELL", 4]]);
    expect(w.size).toBe(0);
  });

  it("keeps one window per leader and token, and closes none before its end", () => {
    const w = new Netting();
    w.add(trade("L1", "T", "BUY", 10, 0.5, 1000), 5000, 0.1, 0);
    w.add(trade("L2", "T", "BUY", 4, 0.5, 1500), 5000, 0.2, 0);
    w.add(trade("L1", "T", "SELL", 3, 0.6, 2000), 5000, 0.1, 0);
    expect(w.size).toBe(2);
    expect(w.due(5999)).toEqual([]);
    expect(w.size).toBe(2);
    const [b] = w.due(6000);
    expect(b).toMatchObject({ leader: "L1", tokenId: "T", side: "BUY", netShares: 7, price: 0.5, ts: 2000, seenAt: 2005 });
    expect(b!.ids).toHaveLength(2);
    expect(w.size).toBe(1);
    expect(w.due(6499)).toEqual([]);
    expect(w.due(6500).map((x) => x.leader)).toEqual(["L2"]);
    expect(w.size).toBe(0);
  });

  it("closes windows with equal ends in token, then leader order, whatever order they opened in", () => {
    const opens = [["L2", "B"], ["L1", "B"], ["L2", "A"], ["L1", "A"]] as const;
    const orders = [opens, [...opens].reverse()];
    for (const o of orders) {
      const w = new Netting();
      for (const [l, t] of o) w.add(trade(l, t, "BUY", 1, 0.5, 1000), 100, 0.1, 0);
      expect(w.due(Number.POSITIVE_INFINITY).map((b) => `${b.tokenId}/${b.leader}`)).toEqual(["A/L1", "A/L2", "B/L1", "B/L2"]);
    }
  });

  it("opens a fresh window for a pair whose window closed", () => {
    const w = new Netting();
    w.add(trade("L1", "T", "BUY", 2, 0.5, 0), 100, 0.1, 0);
    expect(w.due(100)).toHaveLength(1);
    w.add(trade("L1", "T", "SELL", 2, 0.4, 150), 100, 0.1, 0);
    expect(w.due(249)).toEqual([]);
    expect(w.due(250)).toMatchObject([{ side: "SELL", netShares: 2, price: 0.4 }]);
  });
});
