// Renders a replay's results a person would rather look at: exposure drift over time per token and the tracking
// gap by cause, as one self-contained HTML page of Observable Plot SVGs (server-side, via linkedom).
import * as Plot from "@observablehq/plot";
import { shortId } from "../core/short-id.js";
import { parseHTML } from "linkedom";
import type { DriftPoint } from "../pipeline/tracking.js";
import type { RunSummary, ReportMeta } from "../pipeline/report.js";

export interface PlotInput {
  title: string;
  meta: ReportMeta;
  summary: RunSummary;
  /** Drift series per leader (each chart draws about MAX_POINTS of them: thinByToken). */
  drift: { leader: string; points: DriftPoint[] }[];
}

const MAX_POINTS = 4_000;
/** Tokens drawn per leader chart (at most CATEGORICAL_COLOURS: each its own colour). */
const TOP_TOKENS = 8;
/**
 * Colours of Plot's default categorical palette (observable10). An ordinal colour scale with more values repeats
 * them: two causes of the configs-compared chart, told apart by colour alone, would look the same.
 */
const CATEGORICAL_COLOURS = 10;
/** A palette quantized to any number of values, each its own colour (cyclical: its ends are not the same colour). */
const MANY_COLOURS = "sinebow";

/**
 * About `max` of the points of several tokens' series, each token thinned on its own in proportion to its length:
 * its first and last points kept (where its line starts, and the drift it ends at), and of each run of points
 * between, the one of largest |drift| (a peak is not thinned away: the chart reaches the drift the series did).
 * Every other `step`-th point of the whole series would drop a token's last point (its line then ends at a drift
 * it left) and any short peak.
 */
function thinByToken(points: readonly DriftPoint[], max: number): readonly DriftPoint[] {
  if (points.length <= max) return points;
  const byToken = new Map<string, DriftPoint[]>();
  for (const p of points) {
    const ps = byToken.get(p.tokenId);
    if (ps) ps.push(p);
    else byToken.set(p.tokenId, [p]);
  }
  const out: DriftPoint[] = [];
  for (const ps of byToken.values()) {
    const budget = Math.max(2, Math.floor((max * ps.length) / points.length));
    if (ps.length <= budget) {
      out.push(...ps);
      continue;
    }
    out.push(ps[0]!);
    const inner = ps.length - 2; // the points between the first and the last, in `runs` runs
    const runs = budget - 2;
    for (let r = 0; r < runs; r++) {
      const lo = 1 + Math.floor((r * inner) / runs);
      const hi = 1 + Math.floor(((r + 1) * inner) / runs);
      let k = lo;
      for (let i = lo + 1; i < hi; i++) if (Math.abs(ps[i]!.drift) > Math.abs(ps[k]!.drift)) k = i;
      if (hi > lo) out.push(ps[k]!);
    }
    out.push(ps[ps.length - 1]!);
  }
  return out;
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

type PlotDocument = ReturnType<typeof parseHTML>["document"];

/** Causes worth a bar: those that moved the gap by more than float noise. */
function nonZeroCauses(s: RunSummary): RunSummary["attribution"]["byCause"] {
  return s.attribution.byCause.filter((c) => Math.abs(c.usd) > 1e-9);
}

function svgOf(plot: unknown): string {
  return (plot as { outerHTML: string }).outerHTML;
}

/** One run's figures: a drift chart per leader and a gap-by-cause bar chart. */
function runFigures(document: PlotDocument, input: PlotInput): string[] {
  const figures: string[] = [];
  for (const { leader, points } of input.drift) {
    // Many tokens make an unreadable legend: show the TOP_TOKENS with the largest mean |drift|.
    const sum = new Map<string, { abs: number; n: number }>();
    for (const p of points) {
      if (!Number.isFinite(p.drift)) continue;
      const a = sum.get(p.tokenId) ?? { abs: 0, n: 0 };
      a.abs += Math.abs(p.drift);
      a.n++;
      sum.set(p.tokenId, a);
    }
    const top = new Set([...sum.entries()].sort((a, b) => b[1].abs / b[1].n - a[1].abs / a[1].n).slice(0, TOP_TOKENS).map(([t]) => t));
    const kept = points.filter((p) => top.has(p.tokenId) && Number.isFinite(p.drift));
    const data = thinByToken(kept, MAX_POINTS).map((p) => ({ t: new Date(p.ts), drift: p.drift, token: shortId(p.tokenId) }));
    if (data.length === 0) continue;
    const shown = sum.size > TOP_TOKENS ? ` — ${TOP_TOKENS} of ${sum.size} tokens, largest mean |drift|` : "";
    const svg = Plot.plot({
      document,
      width: 900,
      height: 320,
      title: `Exposure drift of the copy vs ${shortId(leader)} (copy shares / r_u − leader shares)${shown}`,
      x: { label: "venue time", type: "utc" },
      y: { label: "drift (leader shares)", grid: true },
      color: { legend: true },
      marks: [Plot.ruleY([0]), Plot.lineY(data, { x: "t", y: "drift", stroke: "token", curve: "step-after" })],
    } as Plot.PlotOptions);
    figures.push(svgOf(svg));
  }
  const causes = nonZeroCauses(input.summary);
  if (causes.length > 0) {
    const svg = Plot.plot({
      document,
      width: 900,
      height: 40 + 28 * causes.length,
      marginLeft: 220,
      title: `Tracking gap by cause (USD, total ${input.summary.attribution.gap.toFixed(2)})`,
      x: { label: "USD of the ideal copy not achieved", grid: true },
      y: { label: null },
      marks: [Plot.barX(causes, { x: "usd", y: "cause", sort: { y: "-x" }, fill: "steelblue" }), Plot.ruleX([0])],
    } as Plot.PlotOptions);
    figures.push(svgOf(svg));
  }
  return figures;
}

function metaLine(m: ReportMeta): string {
  const fees = m.fees !== undefined ? ` · taker fees: <b>${esc(m.fees)}</b>` : "";
  return `<p>Book source: <b>${esc(m.bookSource)}</b> · fill model: <b>${esc(m.fillModel)}</b> · latency: <b>${esc(m.latencyModel)}</b>${fees}</p>`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;background:#fff;color:#111} figure{margin:0 0 32px} h2{margin-top:40px}</style></head>
<body><h1>${esc(title)}</h1>
${body}
</body></html>\n`;
}

const figureList = (fs: readonly string[]) => fs.map((f) => `<figure>${f}</figure>`).join("\n");

/** One HTML page with a drift chart per leader and a gap-by-cause bar chart. */
export function renderReplayPlots(input: PlotInput): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  return page(input.title, `${metaLine(input.meta)}\n${figureList(runFigures(document, input))}`);
}

/**
 * Several runs of the same history (one per config) on one page: the tracking gap of each run split by cause (as
 * a % of the ideal copy's notional, so configs of different size compare), then each run's own charts.
 */
export function renderReplayComparison(title: string, runs: readonly (PlotInput & { label: string })[]): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const rows = runs.flatMap((r) => {
    const ideal = r.summary.attribution.idealNotional;
    return nonZeroCauses(r.summary).map((c) => ({ run: r.label, cause: c.cause, pct: ideal > 0 ? (100 * c.usd) / ideal : 0 }));
  });
  const parts: string[] = [];
  const causes = new Set(rows.map((r) => r.cause)).size;
  if (rows.length > 0) {
    const svg = Plot.plot({
      document,
      width: 900,
      height: 60 + 36 * runs.length,
      marginLeft: 140,
      title: "Tracking gap by cause, per config (% of the ideal copy's notional)",
      x: { label: "% of ideal notional not achieved", grid: true },
      y: { label: null },
      color: { legend: true, ...(causes > CATEGORICAL_COLOURS ? { type: "ordinal", scheme: MANY_COLOURS } : {}) },
      marks: [Plot.barX(rows, { x: "pct", y: "run", fill: "cause", title: (d: { cause: string; pct: number }) => `${d.cause}: ${d.pct.toFixed(2)} %` }), Plot.ruleX([0])],
    } as Plot.PlotOptions);
    parts.push(`<figure>${svgOf(svg)}</figure>`);
  }
  for (const r of runs) parts.push(`<h2>${esc(r.label)}</h2>\n${metaLine(r.meta)}\n${figureList(runFigures(document, r))}`);
  return page(title, parts.join("\n"));
}
