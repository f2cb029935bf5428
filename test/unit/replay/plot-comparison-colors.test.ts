// The configs-compared chart of `spy replay --plot` tells causes apart by colour alone: with more than ten causes
// across the runs each must still get its own colour (Plot's default palette has ten, and repeats).
import { describe, expect, it } from "vitest";
import { renderReplayComparison, type PlotInput } from "../../../src/replay/plot.js";
import type { Cause } from "../../../src/pipeline/attribution.js";
import type { RunSummary } from "../../../src/pipeline/report.js";

/** A summary carrying only what the comparison chart reads: the ideal notional and the gap by cause. */
function summary(causes: [Cause, number][]): RunSummary {
  const gap = causes.reduce((s, [, v]) => s + v, 0);
  return {
    attribution: { events: 1, idealNotional: 1000, filledNotional: 1000 - gap, filledAtLeader: 1000, gap, gapPct: gap / 1000, byCause: causes.map(([cause, usd]) => ({ cause, usd, pctOfGap: usd / gap })) },
  } as unknown as RunSummary;
}

const meta = { bookSource: "leader-anchored", fillModel: "f", latencyModel: "constant(500ms)", fees: "none" };
const run = (label: string, causes: [Cause, number][]): PlotInput & { label: string } => ({ label, title: "t", meta, summary: summary(causes), drift: [] });

describe("replay comparison plot", () => {
  it("gives each of eleven causes its own colour, in the legend and on the bars", () => {
    const html = renderReplayComparison("t", [
      run("gtc", [["spread", 40], ["caps", 5], ["rejected", 70], ["skipped:BELOW_VENUE_MIN_SIZE", 38], ["latency", -4], ["rounding", 1]]),
      run("net", [["skipped:INSUFFICIENT_CASH", 700], ["fees", 8], ["skipped:BELOW_MARKETABLE_MIN", 6], ["skipped:PRICE_CAP", 2], ["skipped:ROUNDS_TO_ZERO", 0.5], ["spread", 90]]),
    ]);
    const chart = html.slice(html.indexOf("per config"), html.indexOf("<h2>gtc</h2>"));
    const legend = [...chart.matchAll(/<svg fill="([^"]+)"[^>]*><rect[^>]*\/><\/svg>([^<]+)<\/span>/g)].map((m) => [m[2]!, m[1]!] as const);
    expect(legend).toHaveLength(11);
    const colourOf = new Map(legend);
    expect(new Set(colourOf.values()).size).toBe(11);
    // every bar is filled with its cause's legend colour
    const bars = [...chart.matchAll(/<rect fill="([^"]+)"[^>]*><title>([^:]+(?::[A-Z_]+)?): /g)];
    expect(bars).toHaveLength(12);
    for (const [, fill, cause] of bars) expect(fill, cause).toBe(colourOf.get(cause!));
  });

  it("keeps the categorical palette for ten causes or fewer", () => {
    const html = renderReplayComparison("t", [run("a", [["spread", 40], ["caps", 5]]), run("b", [["latency", 3]])]);
    expect(html).toContain('<svg fill="#4269d0"'); // observable10's first colour
  });
});
