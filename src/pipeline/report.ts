// Run report: summarise(run) turns a RunResult into a plain, JSON-able summary; formatReport prints it as terminal
// tables that name the book source, fill model and latency model used (replays say what they assumed).
import type { RunCounts, RunResult } from "./accounting.js";
import { shortId } from "../core/short-id.js";
import type { Cause } from "./attribution.js";
import type { Marking } from "./tracking.js";

export interface CauseLine {
  cause: Cause;
  usd: number;
  /** Share of the total gap (null when the gap is 0). */
  pctOfGap: number | null;
}

export interface LeaderLine {
  leader: string;
  ratio: number;
  copyPnl: number;
  /** Buy turnover (USD). */
  copyDeployed: number;
  /** The most cash out at once (USD): the base of copyReturn. */
  copyCapital: number;
  copyReturn: number | null;
  leaderPnl: number;
  leaderDeployed: number;
  leaderCapital: number;
  leaderReturn: number | null;
  returnGap: number | null;
  /** settled: every held token resolved at 1/0; last-price: none; mixed: some of each; none: nothing held at the end. */
  marking: Marking | "mixed" | "none";
  tokens: number;
  idealNotional: number;
  gap: number;
  trackingError: number;
  /** Time-weighted (tracking.ts DriftStats.timeTrackingError); NaN when no time passed. */
  timeTrackingError: number;
  meanAbsDrift: number;
  maxAbsDrift: number;
}

export interface RunSummary {
  counts: RunCounts;
  attribution: {
    events: number;
    idealNotional: number;
    filledNotional: number;
    filledAtLeader: number;
    gap: number;
    /** gap / ideal notional (null when the ideal is 0). */
    gapPct: number | null;
    byCause: CauseLine[];
  };
  corrections: RunResult["corrections"];
  leaders: LeaderLine[];
  drift: { leaders: number; meanTrackingError: number; worstTrackingError: number; maxAbsDrift: number };
  ledger: { cash: number; equity: number; positionsValue: number; realised: number; unrealised: number; fees: number; openPositions: number; marking: Marking | "mixed" | "none" };
  anomalies: RunResult["anomalies"];
}

export interface ReportMeta {
  /** BookView name (e.g. "leader-anchored", "recorded-l1", "recorded-bbo", "parquet-events"). */
  bookSource: string;
  /** The recorded books' file or folder (absolute), when the book source reads one: two runs on other recordings differ. */
  bookPath?: string;
  /** Fill model name and its key parameters. */
  fillModel: string;
  /** Latency model name and its key parameters. */
  latencyModel: string;
  /** Taker fees modelled: "none", or where the rates come from (absent: not said). */
  fees?: string;
}

/** How positions are valued, from how many of `held` are settled: none held, all settled, none settled, or mixed. */
function markingOf(settled: number, held: number): Marking | "mixed" | "none" {
  return held === 0 ? "none" : settled === held ? "settled" : settled === 0 ? "last-price" : "mixed";
}

export function summarise(run: RunResult): RunSummary {
  const a = run.attribution;
  // float noise (r_u × size a few ulps off the 0.01 grid) is no cause, and a gap of noise has no shares of it
  // (never more than half a cent, which prints as $0.00: a real cause of a big run is not hidden)
  const noise = Math.min(0.005, 1e-9 * Math.max(1, a.idealNotional));
  const byCause: CauseLine[] = (Object.entries(a.byCause) as [Cause, number][])
    .filter(([, v]) => Math.abs(v) > noise)
    .map(([cause, usd]) => ({ cause, usd, pctOfGap: Math.abs(a.gap) > noise ? usd / a.gap : null }))
    .sort((x, y) => Math.abs(y.usd) - Math.abs(x.usd) || (x.cause < y.cause ? -1 : 1));

  const leaders: LeaderLine[] = run.tracking
    .map((t) => {
      const at = run.attributionByLeader[t.leader];
      // a token whose redeemed shares the leader's PnL still values at their last price counts as held (marked)
      const held = t.tokens.filter((k) => k.leaderShares > 0 || k.copyShares > 0 || (k.leaderMarked ?? 0) > 0);
      const settled = held.filter((k) => k.marking === "settled").length;
      const marking = markingOf(settled, held.length);
      return {
        leader: t.leader,
        ratio: t.ratio,
        copyPnl: t.copy.pnl,
        copyDeployed: t.copy.deployed,
        copyCapital: t.copy.capital,
        copyReturn: t.copy.returnPct,
        leaderPnl: t.leaderSide.pnl,
        leaderDeployed: t.leaderSide.deployed,
        leaderCapital: t.leaderSide.capital,
        leaderReturn: t.leaderSide.returnPct,
        returnGap: t.returnGap,
        marking,
        tokens: t.tokens.length + (t.closedTokens ?? 0),
        idealNotional: at?.idealNotional ?? 0,
        gap: at?.gap ?? 0,
        trackingError: t.drift.trackingError,
        timeTrackingError: t.drift.timeTrackingError,
        meanAbsDrift: t.drift.meanAbsDrift,
        maxAbsDrift: t.drift.maxAbsDrift,
      };
    })
    .sort((x, y) => y.idealNotional - x.idealNotional || (x.leader < y.leader ? -1 : 1));

  const te = leaders.map((l) => l.trackingError);
  const open = run.ledger.positions.filter((p) => p.shares > 0);
  const settledOpen = open.filter((p) => p.marking === "settled").length;
  return {
    counts: run.counts,
    attribution: {
      events: a.events,
      idealNotional: a.idealNotional,
      filledNotional: a.filledNotional,
      filledAtLeader: a.filledAtLeader,
      gap: a.gap,
      gapPct: a.idealNotional !== 0 ? a.gap / a.idealNotional : null,
      byCause,
    },
    corrections: run.corrections,
    leaders,
    drift: {
      leaders: leaders.length,
      meanTrackingError: te.length ? te.reduce((s, x) => s + x, 0) / te.length : 0,
      worstTrackingError: te.length ? Math.max(...te) : 0,
      maxAbsDrift: leaders.length ? Math.max(...leaders.map((l) => l.maxAbsDrift)) : 0,
    },
    ledger: {
      cash: run.ledger.cash,
      equity: run.ledger.equity,
      positionsValue: run.ledger.positionsValue,
      realised: run.ledger.realised,
      unrealised: run.ledger.unrealised,
      fees: run.ledger.fees,
      openPositions: open.length,
      marking: markingOf(settledOpen, open.length),
    },
    anomalies: run.anomalies,
  };
}

// ── text formatting ──────────────────────────────────────────────────────────────────────────────────────────────
/** USD with 2 decimals, no sign on an amount that prints as zero ("-$0.00" for float noise). */
export const usd = (x: number) => {
  const s = Math.abs(x).toFixed(2);
  return `${x < 0 && s !== "0.00" ? "-" : ""}$${s}`;
};
/** A ratio as a percentage with 2 decimals; "n/a" when undefined or not finite. */
export const pct = (x: number | null) => (x === null || !Number.isFinite(x) ? "n/a" : `${(x * 100).toFixed(2).replace(/^-(0\.0+)$/, "$1")}%`);
const num = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");

function table(head: string[], rows: string[][], rightFrom = 1): string[] {
  const w = head.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? "").length)));
  const line = (r: string[]) => r.map((c, k) => (k >= rightFrom ? c.padStart(w[k]!) : c.padEnd(w[k]!))).join("  ");
  return [line(head), w.map((n) => "─".repeat(n)).join("  "), ...rows.map(line)];
}

export function formatReport(s: RunSummary, meta: ReportMeta): string {
  const c = s.counts;
  const out: string[] = [];
  out.push(`Book source: ${meta.bookSource}${meta.bookPath !== undefined ? ` (${meta.bookPath})` : ""}   Fill model: ${meta.fillModel}   Latency model: ${meta.latencyModel}`);
  if (meta.fees !== undefined) out.push(`Taker fees: ${meta.fees}`);
  out.push("");
  out.push(`Leader events ${c.leaderEvents}  decisions ${c.decisions}  intents ${c.intents}  skips ${c.skips}  mirrors ${c.mirrors}`);
  out.push(`Orders: accepted ${c.accepted}  rejected ${c.rejected}  fills ${c.fills} (${num(c.filledShares)} shares, ${usd(c.filledNotional)}, fees ${usd(c.fees)})  done ${c.done}`);
  const terms = Object.entries(c.terminals).map(([k, v]) => `${k} ${v}`);
  if (terms.length) out.push(`Terminal states: ${terms.join("  ")}`);
  // why orders ended (NO_LIQUIDITY: nothing within the limit, e.g. a slippage cap tighter than the spread)
  const ends = (Object.entries(c.endReasons) as [string, number][]).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v}`);
  if (ends.length) out.push(`Order ends: ${ends.join("  ")}  (spy reasons explains each)`);
  const skips = (Object.entries(c.skipsByReason) as [string, number][]).sort((x, y) => y[1] - x[1]);
  if (skips.length) {
    out.push("");
    out.push(...table(["Skip reason", "count"], skips.map(([r, n]) => [r, String(n)])));
  }
  const a = s.attribution;
  out.push("");
  out.push(`Tracking gap vs ideal copy: ${usd(a.gap)} of ${usd(a.idealNotional)} ideal notional (${pct(a.gapPct)}) over ${a.events} leader trades`);
  if (a.byCause.length) out.push(...table(["Cause", "USD", "% of gap"], a.byCause.map((l) => [l.cause, usd(l.usd), pct(l.pctOfGap)])));
  if (s.corrections.intents > 0)
    out.push(`Drift corrections (outside the gap): ${s.corrections.intents} intents, ${num(s.corrections.filledShares)} shares, ${usd(s.corrections.filledNotional)}, fees ${usd(s.corrections.fees)}`);
  if (s.leaders.length) {
    out.push("");
    out.push(
      ...table(
        ["Leader", "r_u", "copy PnL", "copy ret", "leader PnL", "leader ret", "ret gap", "marking", "track err", "over time", "max |drift|"],
        s.leaders.map((l) => [shortId(l.leader), num(l.ratio, 4), usd(l.copyPnl), pct(l.copyReturn), usd(l.leaderPnl), pct(l.leaderReturn), pct(l.returnGap), l.marking, pct(l.trackingError), pct(l.timeTrackingError), num(l.maxAbsDrift)]),
      ),
    );
    out.push("track err: RMS drift over leader shares, one count per change; over time: each state weighted by how long it lasted.");
    if (s.leaders.some((l) => l.marking === "last-price" || l.marking === "mixed"))
      out.push("Note: positions in markets not known to be resolved are marked at the last seen trade price, not settled.");
  }
  const g = s.ledger;
  out.push("");
  out.push(`Copier: cash ${usd(g.cash)}  positions ${usd(g.positionsValue)} (${g.openPositions} open, marking ${g.marking})  equity ${usd(g.equity)}`);
  out.push(`        realised ${usd(g.realised)}  unrealised ${usd(g.unrealised)}  fees ${usd(g.fees)}`);
  const an = s.anomalies;
  if (an.oversold > 0 || an.unknownIntent > 0 || an.negativeCash > 0)
    out.push(`Anomalies: oversold ${num(an.oversold)} shares, unknown intents ${an.unknownIntent}, negative cash ${an.negativeCash}`);
  return out.join("\n");
}
