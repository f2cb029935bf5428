// A leader REDEEM whose winner the payout cannot tell, in a market the copy does not hold: the leader's shares valued
// at their last price settle at 1/0 once the outcome is known, and until then the report says they are marked.
import { describe, expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { formatRun } from "../../../src/replay/runner.js";
import { history, exactConfig } from "../../helpers/leader-history.js";

const h = history("f");
const C = "0xc";
// Leader: Y 10 @0.6 and N 4 @0.3 (cost 7.2); REDEEM paying 50 (more than either known holding: shares from before the
// history, so no winner is inferred). At r_u 0.1 each copy is under the $1 marketable minimum: the copy holds nothing.
const evs = () => {
  h.reset();
  return [h.trade("BUY", "Y", 10, 0.6, 1000, C), { ...h.trade("BUY", "N", 4, 0.3, 2000, C), outcomeIndex: 1 }, h.market("REDEEM", 50, 5000, C)];
};
const config = exactConfig({ ratio: 0.1 });

describe("unknown-winner REDEEM, copy flat in the market", () => {
  it("a resolution known later settles the leader's rest at 1/0 (timed after the REDEEM, or at the end)", async () => {
    // Y won: 4 sets pay 4, the 6 other Y pay 1 each: 10 - 7.2 = 2.8 (not 4 + 6 x 0.6 - 7.2 = 0.4)
    for (const ts of [9000, undefined]) {
      const resolutions = [{ conditionId: C, winningTokenId: "Y", tokenIds: ["Y", "N"], ts, source: ts ? ("gamma" as const) : ("clob" as const) }];
      const r = await runReplay({ source: arraySource(evs()), config, resolutions });
      expect(r.summary.counts.skipsByReason).toEqual({ BELOW_MARKETABLE_MIN: 2 });
      expect(r.result.tracking[0]!.leaderSide.pnl).toBeCloseTo(2.8, 9);
      expect(r.summary.leaders[0]!.marking).toBe("none");
    }
  });

  it("with no outcome known, the leader line says its PnL rests on last-price marks", async () => {
    const r = await runReplay({ source: arraySource(evs()), config });
    expect(r.result.tracking[0]!.leaderSide.pnl).toBeCloseTo(0.4, 9);
    expect(r.result.tracking[0]!.marksUnresolved).toBe(true);
    expect(r.summary.leaders[0]!.marking).toBe("last-price");
    expect(formatRun(r)).toContain("marked at the last seen trade price");
  });
});
