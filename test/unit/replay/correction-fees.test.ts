// Drift corrections' taker fees are reported on the corrections line: the run's fees are the gap's `fees` part (the
// copies') plus the corrections' (they were in neither, so a run with corrections under-reported what fees cost).
import { describe, expect, it } from "vitest";
import { formatReport } from "../../../src/pipeline/report.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { history, exactConfig } from "../../helpers/leader-history.js";

const h = history("cf");
// r_u 1, bankroll 10,000 at 5 %: the copy of a 1,000-share BUY at 0.5 is capped at 666.66 (limit 0.75); a later leader
// trade finds it 333.34 short, beyond the 10 % threshold, and a correction buys them. Fees 2 % × p(1 − p) per share.
const config = exactConfig({ ratio: 1, driftCorrection: { enabled: true, threshold: 0.1, minShares: 5 } }, 0, { takerFee: { rate: 0.02, exponent: 1 } });

describe("drift corrections' fees", () => {
  it("are counted on the corrections line, and with the gap's fees make up the run's", async () => {
    const evs = [h.trade("BUY", "Y", 1000, 0.5, 1000, "0xc"), h.trade("BUY", "Y", 10, 0.5, 200_000, "0xc"), h.trade("BUY", "Y", 10, 0.5, 400_000, "0xc")];
    const r = await runReplay({ source: arraySource(evs), config });
    const s = r.summary;
    expect(s.corrections.intents).toBe(1);
    expect(s.corrections.filledShares).toBeCloseTo(333.34, 6);
    // 333.34 shares at 0.5: 333.34 × 0.02 × 0.25
    expect(s.corrections.fees).toBeCloseTo(333.34 * 0.02 * 0.25, 9);
    const gapFees = s.attribution.byCause.find((c) => c.cause === "fees")?.usd ?? 0;
    expect(gapFees + s.corrections.fees).toBeCloseTo(s.counts.fees, 9);
    const meta = { bookSource: "leader-anchored", fillModel: "x", latencyModel: "constant(0ms)" };
    expect(formatReport(s, meta)).toContain(`333.34 shares, $166.67, fees $1.67`);
  });
});
