// Attribution of a resting (GTC) order's fill, BUY and SELL, on hand-computed recorded books: the book moved away
// while the order travelled and came back to its limit later; that move is latency, and no slippage (no depth walked).
import { describe, expect, it } from "vitest";
import { bk, causes } from "../../helpers/attribution-causes.js";
import { history } from "../../helpers/leader-history.js";

describe("a resting order filled later", () => {
  it("GTC BUY: the ask runs away during the latency, the order rests and fills later at its limit: latency, no slippage", async () => {
    // leader BUY 100 @ 0.50 at 1000 (ask 0.50); ask 0.56 at 1200; the copy (50 shares, limit 0.50·1.02 → 0.51) arrives
    // at 1500, rests; the ask is back at 0.50 at 5000 and the order fills at its limit 0.51.
    // gap = (0.51 − 0.50)·50 = 0.50: the book moved while the order was on its way and waited (latency); it walked no
    // depth (slippage 0). Before the fix: latency (0.56 − 0.50)·50 = 3.00 and slippage (0.51 − 0.56)·50 = −2.50.
    const h = history();
    const r = await causes([h.trade("BUY", "y", 100, 0.5, 1000, "c")], { orderType: "GTC", slippage: 0.02 }, 500, [bk(1000, 0.48, 0.5), bk(1200, 0.48, 0.56), bk(5000, 0.45, 0.5)]);
    expect(r.gap).toBeCloseTo(0.5, 9);
    expect(r.parts).toEqual({ latency: expect.closeTo(0.5, 9) });
  });
  it("GTC SELL: the bid drops during the latency, the order rests and fills later at its limit: latency, no slippage", async () => {
    // the copy first buys 50 at 0.50 (GTC crossing at once); leader SELL 100 @ 0.50 at 1000 (bid 0.50); bid 0.44 at
    // 1200; the copy's SELL of 50 (limit 0.50·0.98 → 0.49) arrives at 1500, rests; bid 0.50 at 5000 fills it at 0.49.
    // SELL gap = −(0.49 − 0.50)·50 = 0.50, all latency.
    const h = history();
    const evs = [h.trade("BUY", "y", 100, 0.5, 0, "c"), h.trade("SELL", "y", 100, 0.5, 1000, "c")];
    const r = await causes(evs, { orderType: "GTC", slippage: 0.02 }, 500, [bk(0, 0.48, 0.5), bk(1000, 0.5, 0.52), bk(1200, 0.44, 0.52), bk(5000, 0.5, 0.52)]);
    expect(r.gap).toBeCloseTo(0.5, 9);
    expect(r.parts).toEqual({ latency: expect.closeTo(0.5, 9) });
  });
});
