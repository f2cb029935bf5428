// E_u (BUDGETED_DYNAMIC's leader exposure) on the worked example of docs/replay.md: per token at the leader's last
// trade price, SPLIT/MERGE/REDEEM and a resolution at 1/0, and r_u = clamp(B_u / E_u) with ratioMax when E_u is 0.
import { describe, expect, it } from "vitest";
import { leaderSettings } from "../../../src/core/index.js";
import { LeaderBook } from "../../../src/pipeline/leader-book.js";
import { copyRatio } from "../../../src/pipeline/sizing.js";
import { DYNAMIC, LEADER_A, exactConfig, history } from "../../helpers/leader-history.js";

describe("E_u: the documented basis", () => {
  it("follows the worked example of docs/replay.md", () => {
    const h = history("x");
    const s = leaderSettings(exactConfig(DYNAMIC), LEADER_A);
    const lb = new LeaderBook();
    const steps: [() => void, number, number][] = [
      [() => lb.apply(h.trade("BUY", "Y", 100, 0.4, 1, "c1")), 40, 2.5],
      [() => lb.apply(h.trade("BUY", "N", 50, 0.55, 2, "c1")), 67.5, 100 / 67.5],
      [() => lb.apply(h.trade("SELL", "Y", 40, 0.5, 3, "c1")), 57.5, 100 / 57.5],
      [() => lb.apply(h.market("SPLIT", 100, 4, "c1")), 162.5, 100 / 162.5],
      [() => lb.apply(h.trade("BUY", "Z", 100, 0.2, 5, "c2")), 182.5, 100 / 182.5],
      [() => lb.apply(h.market("MERGE", 50, 6, "c1")), 130, 100 / 130],
      [() => lb.resolved("c1", "N"), 120, 100 / 120],
      [() => lb.apply(h.market("REDEEM", 100, 8, "c1")), 20, 5],
      [() => lb.apply(h.trade("SELL", "Z", 100, 0.3, 9, "c2")), 0, 10],
    ];
    for (const [apply, e, r] of steps) {
      apply();
      expect(lb.exposure()).toBeCloseTo(e, 9);
      expect(lb.book.exposureAtMarkExact()).toBeCloseTo(e, 9);
      expect(copyRatio(s, lb.exposure())).toBeCloseTo(r, 9);
    }
  });
});
