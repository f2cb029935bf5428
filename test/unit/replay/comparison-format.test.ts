// The one-line-per-run comparison formats money and percentages as the report does: float noise under a cent prints
// "$0.00" (not "-$0.00"), and an undefined or infinite ratio "n/a" (not "Infinity%").
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/core/index.js";
import { formatComparison, runReplay } from "../../../src/replay/runner.js";
import { syntheticSource } from "../../../src/replay/sources.js";

describe("formatComparison", () => {
  it("prints near-zero gaps and non-finite percentages as the report does", async () => {
    const run = await runReplay({ source: syntheticSource({ seed: 3, events: 500 }), config: parseConfig({ seed: 1 }) });
    const odd = { ...run, summary: { ...run.summary, attribution: { ...run.summary.attribution, gap: -1e-12, gapPct: Number.POSITIVE_INFINITY } } };
    const line = formatComparison([odd]);
    expect(line).toContain("gap $0.00 (n/a)");
    expect(line).not.toContain("-$0.00");
    expect(line).not.toContain("Infinity");
  });
});
