// The drift chart of a long series (more points than it draws) keeps what the series shows: each token's line ends
// at the token's last drift, and a peak of drift is not thinned away (the y axis reaches it).
import { describe, expect, it } from "vitest";
import { renderReplayPlots } from "../../../src/replay/plot.js";
import type { DriftPoint } from "../../../src/pipeline/tracking.js";
import type { RunSummary } from "../../../src/pipeline/report.js";

const T0 = 1_767_000_000_000;
const noGap = { attribution: { byCause: [], gap: 0, idealNotional: 0 } } as unknown as RunSummary;

/** 10 000 points a minute apart: drift 5 throughout, one peak of 50 in the middle, back to 0 at the last point. */
function series(tokenId: string): DriftPoint[] {
  return Array.from({ length: 10_000 }, (_, i) => {
    const drift = i === 9_999 ? 0 : i === 5_001 ? 50 : 5;
    return { ts: T0 + i * 60_000, tokenId, leaderShares: 100, copyShares: (100 + drift) * 0.1, ratio: 0.1, drift, relDrift: drift / 100 };
  });
}

/** The drift chart's (the page's only one here) y-axis tick labels, the y of its zero rule, and the y where the token's line ends. */
function chart(svg: string): { ticks: number[]; zeroY: number; lastY: number } {
  const yAxis = svg.slice(svg.indexOf('aria-label="y-axis tick label"'), svg.indexOf('aria-label="y-axis label"'));
  const ticks = [...yAxis.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => Number(m[1]!.replace("−", "-").replace(",", "")));
  const zeroY = Number(svg.match(/aria-label="rule"><line y2="([^"]+)"/)![1]);
  const d = svg.match(/aria-label="line"><path d="([^"]+)"/)![1]!;
  const lastY = Number(d.split(/[LMHV]/).pop()!.split(",").pop());
  return { ticks, zeroY, lastY };
}

describe("drift chart of a long series", () => {
  it("ends each token's line at its last drift and keeps the peak", () => {
    const html = renderReplayPlots({ title: "t", meta: { bookSource: "b", fillModel: "f", latencyModel: "l" }, summary: noGap, drift: [{ leader: "0xabc", points: series("1234567890123456789") }] });
    const { ticks, zeroY, lastY } = chart(html);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(50);
    expect(lastY).toBeCloseTo(zeroY, 6);
  });
});
