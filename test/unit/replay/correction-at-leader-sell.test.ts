// Drift correction at a leader SELL while the copy is short of r_u × leader: the correction BUY and the copy's SELL
// (the same fraction of the copy's part) together end at r_u × the leader's position after the SELL (hand-computed).
import { describe, expect, it } from "vitest";
import { Decider } from "../../../src/pipeline/decide.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { history, exactConfig } from "../../helpers/leader-history.js";

const h = history("cs");
// r_u 1, bankroll 10,000 at 5 %, slippage 0.5: a BUY at 0.5 has limit 0.75, so a copy may buy 500 / 0.75 = 666.66
const config = exactConfig({ ratio: 1, driftCorrection: { enabled: true, threshold: 0.25, minShares: 5 } });

async function copyY(leaderSells: number): Promise<{ y: number; corrections: number }> {
  h.reset();
  const evs = [h.trade("BUY", "Y", 1000, 0.5, 1000, "0xc"), h.trade("SELL", "Y", leaderSells, 0.5, 2000, "0xc")];
  const r = await runReplay({ source: arraySource(evs), config });
  return { y: r.result.ledger.positions.find((p) => p.tokenId === "Y")?.shares ?? 0, corrections: r.result.counts.intentsByPurpose.correction ?? 0 };
}

describe("drift correction at a leader SELL with the copy short", () => {
  it("a leader selling out leaves the copy flat: nothing is bought at the exit", async () => {
    // copy 666.66 of the leader's 1,000 (bankroll cap); the leader sells all: the copy sells all its part. Before, the
    // correction bought the 333.34 shortfall first and the copy kept it while the leader held nothing.
    const { y, corrections } = await copyY(1000);
    expect(y).toBeCloseTo(0, 9);
    expect(corrections).toBe(0);
  });

  it("a leader selling half ends at r_u × the leader's 500, not above it", async () => {
    // the copy's SELL sells half its 666.66 part (333.33); the correction would buy the half of the 333.34 shortfall
    // left after it (166.67): 666.66 + 166.67 − 333.33 = 500. Before: the whole 333.34, ending at 666.67. The two are
    // offset (decide.offset): the copy sells 333.33 − 166.67 = 166.66 and nothing is bought, still ending at 500.
    const { y, corrections } = await copyY(500);
    expect(corrections).toBe(0);
    expect(y).toBeCloseTo(500, 1);
  });

  it("decide on its own planned holdings (every intent fills) also ends at r_u × the leader's 500", () => {
    // planned holdings take the correction at once (666.66 + 333.34 = 1,000 = r_u × leader): the SELL copies 500
    h.reset();
    const d = new Decider(config);
    const ds = [h.trade("BUY", "Y", 1000, 0.5, 1000, "0xc"), h.trade("SELL", "Y", 500, 0.5, 2000, "0xc")].flatMap((e) => d.step(e));
    let y = 0;
    for (const x of ds) if (x.kind === "intent") y += (x.intent.side === "BUY" ? 1 : -1) * x.intent.targetShares;
    expect(y).toBeCloseTo(500, 1);
  });
});
