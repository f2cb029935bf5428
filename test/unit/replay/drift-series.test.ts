// The drift series the plots draw must be the observations the report's stats count (one per token and
// ms, the state after both the leader's event and the copy's fill/mirror): no spikes beyond the report's max |drift|.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { syntheticSource } from "../../../src/replay/sources.js";

describe("drift series vs the report", () => {
  it("plotted drift never exceeds the reported max |drift|, and has one point per observation", async () => {
    const config = parseConfig({ defaults: { ratio: 0.25, slippage: 0.05 }, bankroll: 5_000 });
    const run = await runReplay({ source: syntheticSource({ seed: 7, events: 20_000, leaders: 3, markets: 6 }), config, label: "demo" });
    for (const { leader, points } of run.drift) {
      const t = run.result.tracking.find((x) => x.leader === leader)!;
      const finite = points.filter((p) => Number.isFinite(p.drift));
      const max = Math.max(...finite.map((p) => Math.abs(p.drift)));
      expect(max).toBeCloseTo(t.drift.maxAbsDrift, 6);
      expect(finite.length).toBe(t.drift.points);
    }
  });
});
