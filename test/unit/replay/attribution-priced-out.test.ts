// Attribution of a FAK copy that meets no liquidity within its limit though the book has plenty: priced out by a move
// during the latency (BUY, SELL) it is latency, by the spread at the leader's time it is spread; thin depth stays partial.
import { describe, expect, it } from "vitest";
import { bk, causes } from "../../helpers/attribution-causes.js";
import { history } from "../../helpers/leader-history.js";

describe("a copy priced out of the book", () => {
  it("FAK BUY priced out by a move during the latency: the missed copy is latency, not a partial fill", async () => {
    // leader BUY 100 @ 0.50 at 1000 (ask 0.50, 1000 shares: depth is no issue); ask 0.56 at 1200; the copy's FAK
    // (limit 0.51) arrives at 1500 and meets nothing within its limit. With no latency it would have filled in full.
    // gap = 50·0.50 = 25, all latency.
    const h = history();
    const r = await causes([h.trade("BUY", "y", 100, 0.5, 1000, "c")], { slippage: 0.02 }, 500, [bk(1000, 0.48, 0.5), bk(1200, 0.48, 0.56)]);
    expect(r.gap).toBeCloseTo(25, 9);
    expect(r.parts).toEqual({ latency: expect.closeTo(25, 9) });
  });
  it("FAK SELL priced out by a move during the latency: latency", async () => {
    const h = history();
    const evs = [h.trade("BUY", "y", 100, 0.5, 0, "c"), h.trade("SELL", "y", 100, 0.5, 1000, "c")];
    const r = await causes(evs, { slippage: 0.02 }, 500, [bk(0, 0.48, 0.5), bk(1000, 0.5, 0.52), bk(1200, 0.44, 0.52)]);
    // BUY filled at 0.50 exactly (nothing); SELL of 50 missed: 50·0.50 = 25
    expect(r.gap).toBeCloseTo(25, 9);
    expect(r.parts).toEqual({ latency: expect.closeTo(25, 9) });
  });
  it("FAK BUY priced out by the spread at the leader's time (no latency): spread, not a partial fill", async () => {
    // leader-anchored, halfSpread 0.005: leader BUY @ 0.40 → ask 0.41; the 2 % cap gives limit 0.408 → 0.40, so the
    // copy meets nothing though 200 shares sit at the touch. gap = 50·0.40 = 20, all spread.
    const h = history();
    const r = await causes([h.trade("BUY", "y", 100, 0.4, 1000, "c")], { slippage: 0.02 }, 0, undefined, { halfSpread: 0.005 });
    expect(r.gap).toBeCloseTo(20, 9);
    expect(r.parts).toEqual({ spread: expect.closeTo(20, 9) });
  });
  it("thin depth within the limit stays a partial fill", async () => {
    // leader-anchored, halfSpread 0, one level of 20 shares: the copy of 50 gets 20 at 0.50; (50 − 20)·0.50 = 15
    const h = history();
    const r = await causes([h.trade("BUY", "y", 100, 0.5, 1000, "c")], { slippage: 0.02 }, 0, undefined, { halfSpread: 0, depthShares: 20, levels: 1 });
    expect(r.gap).toBeCloseTo(15, 9);
    expect(r.parts).toEqual({ partial: expect.closeTo(15, 9) });
  });
});
