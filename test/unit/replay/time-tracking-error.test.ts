// Time-weighted tracking error (DriftStats.timeTrackingError), hand-computed: a perfect copy 500 ms late is off for
// 500 ms of a day, which the per-change tracking error (one count per observation) reads as 70.7 %.
import { describe, expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { formatRun } from "../../../src/replay/runner.js";
import { exactConfig, history, LEADER_A as A, LEADER_B as B } from "../../helpers/leader-history.js";

const DAY = 86_400_000;
const h = history("t");
const buy = (tok: string, size: number, ts: number, cond: string) => h.trade("BUY", tok, size, 0.5, ts, cond);
const config = (ms: number) => exactConfig({ priceCap: 1 }, ms, { takerFee: { rate: 0, exponent: 1 } });

describe("time-weighted tracking error", () => {
  it("weighs each state by how long it lasted: 500 ms in flight against a day held", async () => {
    const t0 = 1_700_000_000_000;
    const evs = [buy("Y", 100, t0, "0xc1"), buy("Z", 10, t0 + DAY, "0xc2")];
    const r = await runReplay({ source: arraySource(evs), config: config(500) });
    const t = r.result.tracking[0]!;
    // the copies filled in full, 500 ms after each leader trade
    expect(t.tokens.map((k) => [k.tokenId, k.copyShares])).toEqual([["Y", 50], ["Z", 5]]);
    // Y: drift −100 (L 100) for 500 ms, then 0 (L 100) until the leader's last observation (Z's fill at t0 + DAY + 500);
    // Z: −10 (L 10) for 500 ms
    const intD2 = 100 ** 2 * 500 + 10 ** 2 * 500;
    const intL2 = 100 ** 2 * (DAY + 500) + 10 ** 2 * 500;
    expect(t.drift.timeTrackingError).toBeCloseTo(Math.sqrt(intD2 / intL2), 12);
    // one count per change: (−100, 0, −10, 0) over leader shares (100, 100, 10, 10)
    expect(t.drift.trackingError).toBeCloseTo(Math.sqrt((100 ** 2 + 10 ** 2) / (2 * 100 ** 2 + 2 * 10 ** 2)), 12);
    expect(formatRun(r)).toMatch(/over time/);
  });

  it("is 0 for a copy at latency 0 and n/a when no time passed", async () => {
    const t0 = 1_700_000_000_000;
    const r0 = await runReplay({ source: arraySource([buy("Y", 100, t0, "0xc1"), buy("Z", 10, t0 + 1000, "0xc2")]), config: config(0) });
    expect(r0.result.tracking[0]!.drift.timeTrackingError).toBe(0);
    const one = await runReplay({ source: arraySource([buy("Y", 100, t0, "0xc1")]), config: config(0) });
    expect(one.result.tracking[0]!.drift.timeTrackingError).toBeNaN();
  });
});

describe("time-weighted tracking error: the window is the run's", () => {
  it("a leader's last state lasts until the run's last leader event (a buy and hold copied 500 ms late)", async () => {
    const t0 = 1_700_000_000_000;
    const z = { ...buy("Z", 100, t0 + DAY, "0xc2"), leader: B };
    const r = await runReplay({ source: arraySource([buy("Y", 100, t0, "0xc1"), z]), config: config(500) });
    const a = r.result.tracking.find((k) => k.leader === A)!;
    expect(a.tokens[0]!.copyShares).toBe(50);
    // Y: −100 for 500 ms, then 0 until B's trade a day later: sqrt(100²·500 / (100²·DAY))
    expect(a.drift.timeTrackingError).toBeCloseTo(Math.sqrt(500 / DAY), 12);
    expect(a.drift.trackingError).toBeCloseTo(Math.SQRT1_2, 12); // per change: (−100, 0) over (100, 100)
  });
});
