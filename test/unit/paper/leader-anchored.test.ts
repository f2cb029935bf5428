// Leader-anchored books: built around the leader's fill price as documented, in time, and used by the engine.
// Synthetic trades and hand-built configs only; the engine runs over the model through createPaperEngine.
import { describe, expect, it } from "vitest";
import { anchoredBook, createLeaderAnchoredBooks } from "../../../src/exec/paper/leader-anchored.js";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";
import { FillModelConfigSchema } from "../../../src/core/config.js";
import type { LeaderTradeEvent } from "../../../src/core/events.js";
import { fills, intent, theDone } from "./fixtures.js";

function trade(ts: number, price: number, over: Partial<LeaderTradeEvent> = {}): LeaderTradeEvent {
  return {
    eventId: `ev-${ts}`,
    leader: "0xleader",
    kind: "TRADE",
    conditionId: "0xcond",
    tokenId: "tok-1",
    outcomeIndex: 0,
    side: "BUY",
    size: 10,
    price,
    usdcSize: 10 * price,
    ts,
    seenAt: ts,
    txHash: "0x",
    source: "activity",
    ...over,
  };
}
const prices = (ls: { price: number }[]) => ls.map((l) => l.price);

describe("leader-anchored book", () => {
  it("uses the config schema defaults: mid = leader price, ±halfSpread snapped outward, 5 levels of 200", () => {
    const v = createLeaderAnchoredBooks(FillModelConfigSchema.parse({}));
    expect(v.name).toBe("leader-anchored");
    v.observe(trade(1000, 0.5));
    const b = v.at("tok-1", 1000)!;
    expect(prices(b.asks)).toEqual([0.51, 0.52, 0.53, 0.54, 0.55]); // ceil(0.505)
    expect(prices(b.bids)).toEqual([0.49, 0.48, 0.47, 0.46, 0.45]); // floor(0.495)
    expect(b.asks.every((l) => l.size === 200)).toBe(true);
    expect(b).toMatchObject({ tick: 0.01, minSize: 5, ts: 1000 });
  });

  it("snaps off-grid leader prices outward and spaces levels by levelTicks", () => {
    const b = anchoredBook("t", 0, 0.4567, { halfSpread: 0.005, depthShares: 50, levelTicks: 2, levels: 3, tick: 0.01, minSize: 5 });
    expect(prices(b.asks)).toEqual([0.47, 0.49, 0.51]);
    expect(prices(b.bids)).toEqual([0.45, 0.43, 0.41]);
  });

  it("halfSpread 0 puts the best ask at the leader's price (bid one tick below)", () => {
    const b = anchoredBook("t", 0, 0.62, { halfSpread: 0, depthShares: 1, levelTicks: 1, levels: 2, tick: 0.01, minSize: 5 });
    expect(prices(b.asks)).toEqual([0.62, 0.63]);
    expect(prices(b.bids)).toEqual([0.61, 0.6]);
  });

  it("keeps a bid at the lowest tick when the leader's price sits just above it", () => {
    const b = anchoredBook("t", 0, 0.012, { halfSpread: 0.005, depthShares: 1, levelTicks: 1, levels: 3, tick: 0.01, minSize: 5 });
    expect(prices(b.asks)).toEqual([0.02, 0.03, 0.04]);
    expect(prices(b.bids)).toEqual([0.01]);
  });

  it("clamps into [tick, 1 − tick] and stops levels at the band", () => {
    const hi = anchoredBook("t", 0, 0.995, { halfSpread: 0.005, depthShares: 1, levelTicks: 1, levels: 5, tick: 0.01, minSize: 5 });
    expect(prices(hi.asks)).toEqual([0.99]);
    expect(prices(hi.bids)).toEqual([0.98, 0.97, 0.96, 0.95, 0.94]);
    const lo = anchoredBook("t", 0, 0.003, { halfSpread: 0.005, depthShares: 1, levelTicks: 1, levels: 5, tick: 0.01, minSize: 5 });
    expect(lo.bids).toEqual([]);
    expect(prices(lo.asks)[0]).toBe(0.01);
  });

  it("answers in time: nothing before the first trade, then the latest trade at or before ts", () => {
    const v = createLeaderAnchoredBooks({ halfSpread: 0 });
    v.observe(trade(1000, 0.5));
    v.observe(trade(2000, 0.6));
    v.observe(trade(1500, 0.55)); // out of order: inserted in time
    expect(v.at("tok-1", 999)).toBeUndefined();
    expect(v.at("tok-1", 1499)?.asks[0]?.price).toBe(0.5);
    expect(v.at("tok-1", 1500)?.asks[0]?.price).toBe(0.55);
    expect(v.at("tok-1", 5000)?.asks[0]?.price).toBe(0.6);
    expect(v.nextChange("tok-1", 1000)).toBe(1500);
    expect(v.nextChange("tok-1", 2000)).toBeUndefined();
    expect(v.at("tok-1", 2100)).toBe(v.at("tok-1", 2200)); // same point, same object
  });

  it("keeps the last historyLimit points once 2·historyLimit are exceeded, over growth and out-of-order inserts", () => {
    const limit = 20;
    const v = createLeaderAnchoredBooks({ halfSpread: 0, historyLimit: limit });
    // reference: plain arrays, insert in time, drop down to `limit` when longer than 2·limit
    const ref: { ts: number; price: number }[] = [];
    let x = 7;
    for (let k = 0; k < 500; k++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const late = k > 0 && x % 5 === 0; // every ~5th trade arrives before the latest one
      const ts = late ? ref[ref.length - 1]!.ts - (x % 3) * 10 : 1000 + k * 100;
      const price = 0.1 + (x % 80) / 100;
      v.observe(trade(ts, price));
      let i = ref.length;
      while (i > 0 && ref[i - 1]!.ts > ts) i--;
      ref.splice(i, 0, { ts, price });
      if (ref.length > 2 * limit) ref.splice(0, ref.length - limit);
      const asked = ref[(x >> 3) % ref.length]!.ts;
      const expected = ref.filter((q) => q.ts <= asked).at(-1)!; // the last point at or before, in insertion order
      const b = v.at("tok-1", asked)!;
      expect(b.ts).toBe(expected.ts);
      expect(b.asks[0]!.price).toBeCloseTo(expected.price, 9); // halfSpread 0, prices on the grid: the ask is the price
      expect(v.at("tok-1", ref[0]!.ts - 1)).toBeUndefined();
      expect(v.latest("tok-1")?.ts).toBe(ref[ref.length - 1]!.ts);
      expect(v.nextChange("tok-1", ref[0]!.ts - 1)).toBe(ref[0]!.ts);
    }
  });

  it("ignores non-trades and uses tickOf when the market tick is known", () => {
    const v = createLeaderAnchoredBooks({ tickOf: (t) => (t === "fine" ? 0.001 : undefined), halfSpread: 0.0005 });
    v.observe(trade(1, 0, { kind: "MERGE", tokenId: "", side: null }));
    v.observe(trade(1, 0.5, { kind: "REDEEM" }));
    expect(v.at("tok-1", 10)).toBeUndefined();
    v.observe(trade(1, 0.5, { tokenId: "fine" }));
    expect(v.at("fine", 1)?.tick).toBe(0.001);
    expect(prices(v.at("fine", 1)!.asks)).toEqual([0.501, 0.502, 0.503, 0.504, 0.505]);
  });

  it("drives the paper engine: a copy BUY walks the modelled levels", () => {
    const v = createLeaderAnchoredBooks({ depthShares: 200 });
    const e = createPaperEngine({ books: v, latency: constantLatency(250), slippage: 0.05 });
    v.observe(trade(1000, 0.5));
    const evs = e.submit(intent({ ts: 1000, seenAt: 1000, targetShares: 300, limitPrice: 0.6 }));
    expect(fills(evs).map((f) => [f.price, f.size])).toEqual([
      [0.51, 200],
      [0.52, 100],
    ]);
    expect(theDone(evs)).toMatchObject({ ts: 1250, terminal: "FILLED" });
  });
});

const evAt = (side: "BUY" | "SELL", price: number, ts: number) => ({ eventId: `e${ts}`, leader: "L", kind: "TRADE" as const, conditionId: "c", tokenId: "t", outcomeIndex: 0, side, size: 10, price, usdcSize: 10 * price, ts, seenAt: ts, txHash: "", source: "synthetic" as const });
describe("leader-anchored, halfSpread 0, a leader SELL", () => {
  it("keeps a leader SELL's bid at its price at the band's top (0.99)", () => {
    const b = createLeaderAnchoredBooks({ halfSpread: 0 });
    b.observe(evAt("SELL", 0.99, 1));
    expect(b.at("t", 1)!.bids[0]!.price).toBe(0.99);
  });
  it("out-of-order insert keeps sides aligned", () => {
    const b = createLeaderAnchoredBooks({ halfSpread: 0 });
    b.observe(evAt("BUY", 0.5, 10)); b.observe(evAt("SELL", 0.4, 5));
    expect(b.at("t", 6)!.bids[0]!.price).toBe(0.4);
    expect(b.at("t", 10)!.asks[0]!.price).toBe(0.5);
  });
});

describe("leader-anchored, a Data API price with float noise", () => {
  it("0.4900000204 (usdcSize / size) is the 0.49 tick: with halfSpread 0 the ask is 0.49, not 0.50 above the copy's limit", () => {
    const b = createLeaderAnchoredBooks({ halfSpread: 0 });
    b.observe(evAt("BUY", 0.4900000204, 1));
    expect(b.at("t", 1)!.asks[0]!.price).toBe(0.49);
    b.observe(evAt("SELL", 0.4899999796, 2));
    expect(b.at("t", 2)!.bids[0]!.price).toBe(0.49);
    // an average over fills well off the grid still rounds outward
    b.observe(evAt("BUY", 0.61875, 3));
    expect(b.at("t", 3)!.asks[0]!.price).toBe(0.62);
  });
});
