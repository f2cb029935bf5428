// A leader's shares that a REDEEM with no known winner valued at their last price settle at 1/0 once the outcome is
// known (also from a resolution applied at the end of the replay), as the copy's same shares do (hand-computed).
import { describe, expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { history, exactConfig } from "../../helpers/leader-history.js";

const h = history("w");
const tr = (side: "BUY" | "SELL", tok: string, size: number, price: number, ts: number, cond: string) => h.trade(side, tok, size, price, ts, cond);
const redeem = (payout: number, ts: number, cond: string) => h.market("REDEEM", payout, ts, cond);
const config = exactConfig();

describe("REDEEM with unknown winner, outcome known later", () => {
  it("the leader's and the copy's shares settle alike (no return gap from marking alone)", async () => {
    // As unknown-winner-marks.test.ts: Y 100 @0.6, N 40 @0.3, REDEEM 500 (no winner shown). Then the outcome: Y won.
    // Leader: 40 sets (40) + 60 Y at 1 (60) = 100, paid 72 -> PnL 28. Copy (r 0.5): 20 sets + 30 Y at 1 = 50, paid 36
    // -> PnL 14 = 0.5 × 28: return gap 0.
    const evs = [tr("BUY", "Y", 100, 0.6, 1000, "0xc"), { ...tr("BUY", "N", 40, 0.3, 2000, "0xc"), outcomeIndex: 1 }, redeem(500, 5000, "0xc")];
    const resolutions = [{ conditionId: "0xc", winningTokenId: "Y", tokenIds: ["Y", "N"], ts: undefined, source: "clob" as const }];
    const r = await runReplay({ source: arraySource(evs), config, resolutions });
    const t = r.result.tracking[0]!;
    expect(t.copy.pnl).toBeCloseTo(14, 9);
    expect(t.leaderSide.pnl).toBeCloseTo(28, 9);
    expect(t.returnGap).toBeCloseTo(0, 9);
  });
});
