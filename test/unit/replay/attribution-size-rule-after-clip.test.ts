// Attribution of a copy that caps, clips or the copy's holdings made smaller than its ideal and a size rule then refused:
// only what was left is lost to that rule's skip; the ideal beyond it is caps, as when the smaller copy is sent.
import { describe, expect, it } from "vitest";
import { causes } from "../../helpers/attribution-causes.js";
import { exactConfig, history } from "../../helpers/leader-history.js";
import { openStore } from "../../../src/store/db.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";

describe("a skip by a size rule after the copy was made smaller", () => {
  // leader BUY 100 @ 0.50 then SELL 100 @ 0.50 (its whole position); r_u 0.5, min copy notional $5, one level of
  // `depth` shares at 0.50: the copy BUY of 50 fills `depth` (the rest is partial), the SELL of 50 can sell only those
  it("SELL of the 12 shares held ($6 ≥ $5): sent, the 38 not held are caps", async () => {
    const h = history();
    const r = await causes([h.trade("BUY", "y", 100, 0.5, 1000, "c"), h.trade("SELL", "y", 100, 0.5, 5000, "c")], { slippage: 0.02, minCopyNotional: 5 }, 0, undefined, { halfSpread: 0, depthShares: 12, levels: 1 });
    expect(r.gap).toBeCloseTo(38, 9);
    expect(r.parts).toEqual({ partial: expect.closeTo(19, 9), caps: expect.closeTo(19, 9) });
  });
  it("SELL of the 8 shares held ($4 < $5): skipped for the min copy notional on those 8 only, the 42 not held are caps", async () => {
    // before: the whole ideal of the SELL, 50 · 0.50 = $25, was booked to skipped:COPY_NOTIONAL_BELOW_MIN
    const h = history();
    const r = await causes([h.trade("BUY", "y", 100, 0.5, 1000, "c"), h.trade("SELL", "y", 100, 0.5, 5000, "c")], { slippage: 0.02, minCopyNotional: 5 }, 0, undefined, { halfSpread: 0, depthShares: 8, levels: 1 });
    expect(r.gap).toBeCloseTo(46, 9);
    expect(r.parts).toEqual({ partial: expect.closeTo(21, 9), caps: expect.closeTo(21, 9), "skipped:COPY_NOTIONAL_BELOW_MIN": expect.closeTo(4, 9) });
  });
  it("BUY cut by the max copy notional to under $1: the cap is caps, the $1 marketable floor only what was left", async () => {
    // BUY 100 @ 0.50, r_u 0.5: ideal 50 shares ($25); max copy notional $0.80 leaves 1.6 shares ($0.816 at the
    // 0.51 limit), under the venue's $1 floor for a marketable BUY
    const h = history();
    const r = await causes([h.trade("BUY", "y", 100, 0.5, 1000, "c")], { slippage: 0.02, maxCopyNotional: 0.8 }, 0, undefined, { halfSpread: 0 });
    expect(r.gap).toBeCloseTo(25, 9);
    expect(r.parts).toEqual({ caps: expect.closeTo(24.2, 9), "skipped:BELOW_MARKETABLE_MIN": expect.closeTo(0.8, 9) });
  });
  it("the journal keeps what was left of the copy (run_skips.target_shares)", async () => {
    // slippage 0.5: limit 0.75; max copy notional $0.50 leaves 1 share, $0.75 at the limit
    const store = await openStore(":memory:");
    const h = history();
    const run = await runReplay({ source: arraySource([h.trade("BUY", "y", 100, 0.5, 1000, "c")]), config: exactConfig({ maxCopyNotional: 0.5 }), db: store });
    const rows = await store.rows<{ reason: string; ideal_shares: number; target_shares: number | null }>("SELECT reason, ideal_shares, target_shares FROM run_skips WHERE run_id = ?", [run.runId]);
    store.close();
    expect(rows).toEqual([{ reason: "BELOW_MARKETABLE_MIN", ideal_shares: 50, target_shares: expect.closeTo(1, 9) }]);
  });
});
