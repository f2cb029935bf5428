// runReplay given the same market's outcome twice: the same winner applies once (equity = bankroll + Σ copy PnL);
// two different winners are refused with an error naming the market and both winners, not settled at both.
import { describe, expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import type { MarketResolution } from "../../../src/replay/resolutions.js";
import { history, exactConfig } from "../../helpers/leader-history.js";

const h = history("t");
const C = "0xc";
const res = (w: string, ts: number | undefined): MarketResolution => ({ conditionId: C, winningTokenId: w, tokenIds: ["Y", "N"], ts, source: ts === undefined ? "clob" : "gamma" });
const evs = () => {
  h.reset();
  return [h.trade("BUY", "Y", 100, 0.5, 1000, C), { ...h.trade("BUY", "N", 50, 0.4, 1100, C), outcomeIndex: 1 }];
};

describe("a market's outcome given twice", () => {
  it("the same winner (timed and untimed) settles once, at the close time, and the books agree", async () => {
    const r = await runReplay({ source: arraySource(evs()), config: exactConfig(), resolutions: [res("Y", undefined), res("Y", 5000)] });
    // copy (r_u 0.5): 50 Y @0.5 + 25 N @0.4 = 35; Y pays 50: PnL 15
    expect(r.result.ledger.equity - 10_000).toBeCloseTo(15, 9);
    expect(r.result.tracking[0]!.copy.pnl).toBeCloseTo(15, 9);
  });

  it("two different winners are an error naming the market and both winners", async () => {
    await expect(runReplay({ source: arraySource(evs()), config: exactConfig(), resolutions: [res("Y", 5000), res("N", 6000)] })).rejects.toThrow(
      "resolutions: market 0xc is given twice with different winners (Y, N)",
    );
  });
});
