// Replay runner: the source's events through the RxJS flow (flow.ts: paper clock → decide, the ledger as holdings →
// paper fills) into accounting (ledger, attribution, tracking) → summary; optionally journalled into DuckDB.
import { createHash } from "node:crypto";
import { isAbsolute, resolve } from "node:path";
import type { BookView, Config } from "../core/index.js";
import { createLeaderAnchoredBooks, createPaperEngine, latencyFromConfig, touchAt, type LatencyModel } from "../exec/paper/index.js";
import { RunAccounting, type RunResult } from "../pipeline/accounting.js";
import { Decider, decideFlow } from "../pipeline/decide.js";
import { formatReport, pct, summarise, usd, type ReportMeta, type RunSummary } from "../pipeline/report.js";
import type { DriftPoint } from "../pipeline/tracking.js";
import { formatInputIssue, type InputIssue } from "../core/input-issue.js";
import type { Store } from "../store/db.js";
import { RunWriter, flattenMetrics } from "../store/runs.js";
import { silentProgress, type Progress } from "./progress.js";
import { leaderSet, type ReplaySource } from "./sources.js";
import type { MarketFee, MarketResolution } from "./resolutions.js";
import { replayFees } from "./fees.js";
import { oneEach } from "./paper-venue.js";
import { isExecBatch, paperClock, paperFill, ReplayPaperVenue, type ClockItem, type FlowItem, type ReplayBooks } from "./flow.js";
import { drain, eventStream } from "./event-stream.js";
import { openBookView, type OpenedBookView } from "./books/index.js";

export type { ReplayBooks } from "./flow.js";

export interface ReplayOptions {
  source: ReplaySource;
  config: Config;
  /** Only these leaders (lower-case wallets); default all. */
  leaders?: readonly string[];
  /** Book view; default from config.fill (leader-anchored). A fresh view per run: views keep state. */
  books?: ReplayBooks;
  latency?: LatencyModel;
  /** Journal the run (intents, skips, exec events, positions, metrics) into this store. */
  db?: Store;
  progress?: Progress;
  label?: string;
  /** Keep the drift series in tracking (default true; bounded per leader, SERIES_MAX_POINTS; bench --no-series: off). */
  recordSeries?: boolean;
  /** After the last event, resting orders may still fill for this long before being cancelled (default 0). */
  endHorizonMs?: number;
  /**
   * Known market outcomes (resolutions.ts loadResolutions). Each applies once the replay passes its close time (the
   * market's resting orders are cancelled, held shares settle at 1/0, later leader trades there are skipped as
   * MARKET_RESOLVED); those without a close time, at the end.
   */
  resolutions?: readonly MarketResolution[];
  /** Taker fee schedules of markets (resolutions.ts loadResolutions `fees`); other markets pay config.fill.takerFee. */
  fees?: readonly MarketFee[];
  /**
   * A run that read no leader event fails with this message, journalling nothing (an earlier journal of its id stays):
   * e.g. a --leader filter a source without an exact count (synthetic) turned out to match nothing.
   */
  requireEvents?: string;
  /** Rows of the source refused as unreadable (e.g. jsonSource's errors): journalled with the run (skipped_rows). */
  skippedRows?: number;
}

export interface ReplayRun {
  runId: string;
  label: string;
  source: string;
  meta: ReportMeta;
  events: number;
  result: RunResult;
  summary: RunSummary;
  /** Drift series per leader (empty when recordSeries is off), for plots. */
  drift: { leader: string; points: DriftPoint[] }[];
  /** Resolutions given that were not applied (outcome tokens other than those traded in the market), named. */
  unappliedResolutions: InputIssue[];
  /** Leader REDEEMs whose payout implied another winner than the resolution given (which was applied), named. */
  redeemConflicts: InputIssue[];
  /**
   * Mirrored REDEEMs paid at a winner the payout gave only on the assumption that the history shows all the leader's
   * holdings in the market (another outcome held before it could have paid the same): Decider.assumedWinners.
   */
  assumedWinners: { leader: string; conditionId: string; winningTokenId: string; eventId: string }[];
}

/** The fill model as named in reports (the leader-anchored book parameters when those books are used). */
function fillModelName(config: Config, books?: BookView): string {
  const f = config.fill;
  if (books && books.name !== "leader-anchored") {
    // the recorded-bbo view has no sizes: say that each touch shows an assumed size (fill.depthShares)
    const sizes = books.name === "recorded-bbo" ? `, ASSUMED ${f.depthShares} shares at each touch` : "";
    // the cap each intent carries is its leader's: say so when some leader overrides the defaults'
    const overridden = Object.values(config.leaders).some((l) => l?.slippage !== undefined && l.slippage !== config.defaults.slippage);
    return `paper walk-depth over ${books.name} books (taker at each level, slippage cap ${config.defaults.slippage}${overridden ? " or the leader's own" : ""}${sizes})`;
  }
  return `paper walk-depth (halfSpread ${f.halfSpread}, ${f.levels}×${f.depthShares} shares every ${f.levelTicks} tick, tick ${f.tick}, min size ${f.minOrderSize})`;
}

/** Book view a config names, loading recorded books from config.fill.path when needed (books/index.ts openBookView). */
export function booksFromConfig(config: Config): Promise<OpenedBookView> {
  return openBookView(config.fill);
}

/** Default book view of a config (only the leader-anchored model needs no file). */
export function defaultBooks(config: Config): ReplayBooks {
  if (config.fill.book !== "leader-anchored") {
    throw new Error(`config.fill.book = ${config.fill.book}: load it with booksFromConfig(config) and pass runReplay({ books })`);
  }
  return createLeaderAnchoredBooks(config.fill);
}

/** Does any leader (the defaults or a per-leader override) correct drift? Its copies may be offset (decide.offset). */
function anyCorrection(config: Config): boolean {
  if (config.defaults.driftCorrection.enabled) return true;
  for (const l of Object.values(config.leaders)) if (l?.driftCorrection?.enabled) return true;
  return false;
}

/** Does any leader (the defaults or a per-leader override) net trades? Attribution then keeps pending events. */
function anyNetting(config: Config): boolean {
  if (config.defaults.netting.enabled) return true;
  for (const l of Object.values(config.leaders)) if (l?.netting?.enabled) return true;
  return false;
}

/**
 * The config as a run is named and journalled by: a relative fill.path (read from the working folder) made absolute,
 * as a source is named by its absolute path, so the same config run from two folders that hold different books is two
 * runs, and the journalled config says which file was read. Its records (per-leader overrides, mode switches) are in
 * key order, not in the order the file lists them, so one config written two ways is one run (a config already in
 * that order keeps its id).
 */
function journalledConfig(config: Config): Config {
  const p = config.fill.path;
  const fill = p === undefined || isAbsolute(p) ? config.fill : { ...config.fill, path: resolve(p) };
  const leaders = Object.fromEntries(
    Object.entries(config.leaders)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([w, o]) => [w, o?.modes ? { ...o, modes: sortedKeys(o.modes) } : o]),
  );
  return { ...config, defaults: { ...config.defaults, modes: sortedKeys(config.defaults.modes) }, leaders, fill };
}

/** An object with its keys in sorted order (values as they are). */
function sortedKeys<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}

/** The --leader filter as the run applies it (lower-case, each once, sorted), or undefined for every leader. */
function onlyLeaders(opts: ReplayOptions): string[] | undefined {
  const only = leaderSet(opts.leaders);
  return only ? [...only].sort() : undefined;
}

/**
 * Deterministic id of a run: config, source, leaders, label, the market outcomes it was given, and the book view,
 * latency model and end horizon when they are not the config's (each changes the results).
 */
function runIdFor(config: Config, source: string, opts: ReplayOptions, label: string, books: BookView, latency: LatencyModel): string {
  const outcomes = (opts.resolutions ?? []).map((r) => `${r.conditionId}:${r.winningTokenId}@${r.ts ?? "end"}`).sort();
  const fees = (opts.fees ?? []).map((f) => `${f.conditionId}:${f.fee ? `${f.fee.r}^${f.fee.e}` : "none"}`).sort();
  const given = {
    ...(opts.books ? { books: books.name } : {}),
    ...(opts.latency ? { latency: latency.name } : {}),
    ...(opts.endHorizonMs ? { endHorizonMs: opts.endHorizonMs } : {}),
  };
  const key = JSON.stringify({ config, source, leaders: onlyLeaders(opts) ?? null, label, ...(outcomes.length ? { outcomes } : {}), ...(fees.length ? { fees } : {}), ...given });
  return `run_${createHash("sha256").update(key).digest("hex").slice(0, 16)}`;
}

export async function runReplay(opts: ReplayOptions): Promise<ReplayRun> {
  const { config, source } = opts;
  const label = opts.label ?? "replay";
  // two winners for one market are refused here, before anything is opened or journalled
  const resolutions = opts.resolutions ? oneEach(opts.resolutions) : undefined;
  const books = opts.books ?? defaultBooks(config);
  const latency = opts.latency ?? latencyFromConfig(config.latency, config.seed);
  let decider: Decider | undefined; // built once the ledger (its holdings) exists
  const fees = replayFees(config, opts.fees);
  const feeRateOf = fees.rateOf ? { feeRateOf: fees.rateOf } : {};
  const acc = new RunAccounting({
    ...feeRateOf,
    cash: config.bankroll,
    // decide's r_u for the leader now (its sizing mode: BUDGETED_DYNAMIC moves with the leader's exposure)
    ratioOf: (leader) => decider?.ratioOf(leader),
    recordHistory: opts.db !== undefined,
    recordSeries: opts.recordSeries ?? true,
    // attribution keeps leader events for decisions that carry their trades' r_u: netting windows, and a copy offset
    // against its drift correction (decide.offset: its trade's own ideal, r_u × the leader's size, is the event's)
    netting: anyNetting(config) || anyCorrection(config),
    // tracking reads decide's leader books (one reconstruction of the leaders' positions, not two)
    leaderBooks: (leader) => decider?.leaderBook(leader),
    // a netting window's trades each get the fill model's touch at their own time
    touchAt: (tokenId, isBuy, ts, until) => touchAt(books, tokenId, isBuy, ts, until),
  });
  const engine = createPaperEngine({
    books,
    latency,
    slippage: config.defaults.slippage,
    ...(fees.rateOf ? { feeRate: fees.rateOf } : {}),
    onReference: (id, ref) => acc.attribution.onReference(id, ref),
  });
  const named = journalledConfig(config);
  const runId = runIdFor(named, source.name, opts, label, books, latency);
  const writer = opts.db ? await RunWriter.open(opts.db, runId) : undefined;
  const progress = opts.progress ?? silentProgress;

  // The flow: source → paper clock → decide → paper fills, as RxJS operators (flow.ts); this sink feeds accounting
  // and the journal in the order the items come.
  const venue = new ReplayPaperVenue(engine, books, resolutions, opts.endHorizonMs);
  // recorded books carry the market's tick (and its changes): price copies on the tick of the book at decision time
  const tickOf = books.name === "leader-anchored" ? {} : { tickOf: (tokenId: string, ts: number) => books.at(tokenId, ts)?.tick };
  // a leader REDEEM pays at the outcome given for its market (not at the winner its payout suggests), even when the
  // resolution applies later (untimed: at the end): the market has resolved by the time a wallet redeems
  const outcomes = new Map((resolutions ?? []).map((r) => [r.conditionId, r]));
  const outcomeOf = outcomes.size > 0 ? { outcomeOf: (c: string) => outcomes.get(c) } : {};
  decider = new Decider(config, { holdings: acc, ...feeRateOf, ...tickOf, ...outcomeOf });
  // netting windows are decided when they close (the clock fires them), not at the next leader event
  if (anyNetting(config)) venue.nextTimer = decider.useClock();
  const d = decider;
  venue.knownTokens = (conditionId) => d.marketTokens(conditionId);
  let n = 0;
  const sink = (x: FlowItem): void => {
    if (isExecBatch(x)) {
      for (let i = 0; i < x.length; i++) {
        acc.onExec(x[i]!);
        writer?.exec(x[i]!);
      }
      return;
    }
    switch (x.kind) {
      case "leader":
        acc.onLeaderEvent(x.event, x.duplicate);
        n++;
        return;
      case "resolved":
        acc.resolve(x.resolution);
        writer?.resolution(x.resolution);
        return;
      case "closed":
        return acc.closeMarket(x.leader, x.conditionId);
      default:
        acc.onDecision(x);
        writer?.decision(x);
    }
  };
  let result: RunResult;
  let summary: RunSummary;
  const meta: ReportMeta = { bookSource: books.name, fillModel: fillModelName(config, books), latencyModel: latency.name, fees: fees.name };
  if (config.fill.book !== "leader-anchored" && named.fill.path !== undefined) meta.bookPath = named.fill.path; // absolute
  try {
    progress.start(source.count ? await source.count() : 0, label);
    try {
      await drain(eventStream(source, leaderSet(opts.leaders), progress).pipe(paperClock(venue, source.name), decideFlow<ClockItem>(decider), paperFill(venue)), sink);
    } finally {
      progress.stop();
    }
    if (n === 0 && opts.requireEvents !== undefined) throw new Error(opts.requireEvents);
    result = acc.finish();
    summary = summarise(result);
    if (writer) {
      for (const p of acc.ledger.history()) writer.position(p.ts, p.tokenId, p.shares, p.cash);
      await writer.finish(
        { runId, label, config: named, bookSource: meta.bookSource, fillModel: meta.fillModel, latencyModel: meta.latencyModel, fees: fees.name, source: source.name, events: n, ...(onlyLeaders(opts) ? { leaders: onlyLeaders(opts) } : {}), skippedRows: opts.skippedRows ?? 0 },
        // everything the report prints: the per-leader table keyed by wallet (leaders.<wallet>.copyPnl, …), the drift
        // corrections line and the ledger anomalies too
        flattenMetrics({
          counts: summary.counts,
          attribution: { ...summary.attribution, byCause: Object.fromEntries(summary.attribution.byCause.map((c) => [c.cause, c.usd])) },
          corrections: summary.corrections,
          leaders: Object.fromEntries(summary.leaders.map((l) => [l.leader, l])),
          ledger: summary.ledger,
          drift: summary.drift,
          anomalies: summary.anomalies,
          // what the report's notes name: resolutions not applied, REDEEM payouts the resolution overrode, winners
          // inferred on the assumption that the history shows all the leader's holdings
          outcomes: { unappliedResolutions: venue.unapplied.length, redeemConflicts: d.redeemConflicts.length, assumedWinners: d.assumedWinners.length },
        }),
      );
    }
  } catch (e) {
    await writer?.abort().catch(() => undefined); // an earlier journal of this run id stays as it was; report `e`
    throw e;
  }
  const drift = (opts.recordSeries ?? true) ? acc.tracker.leaders().map((leader) => ({ leader, points: acc.tracker.series(leader) })) : [];
  return { runId, label, source: source.name, meta, events: n, result, summary, drift, unappliedResolutions: [...venue.unapplied], redeemConflicts: [...d.redeemConflicts], assumedWinners: [...d.assumedWinners] };
}

/** The report of one run (formatReport) under a title line (and the resolutions it could not apply). */
export function formatRun(r: ReplayRun): string {
  const bad =
    r.unappliedResolutions.map((i) => `\nResolution not applied: ${formatInputIssue(i)}`).join("") +
    r.redeemConflicts.map((i) => `\nREDEEM payout disagrees with the resolution: ${formatInputIssue(i)} (${i.kept})`).join("") +
    (r.assumedWinners.length > 0
      ? `\nNote: ${r.assumedWinners.length} REDEEM winner(s) inferred assuming the history shows all the leader's holdings in the market (the payout matched one outcome's shares, but shares of another held before the history could have paid it); --resolutions settles them from the markets' outcomes.`
      : "");
  return `== ${r.label} (${r.runId}) · ${r.events} events from ${r.source}\n${formatReport(r.summary, r.meta)}${bad}`;
}

/** One line per run comparing the headline figures. */
export function formatComparison(runs: readonly ReplayRun[]): string {
  return runs
    .map((r) => {
      const s = r.summary;
      return `${r.label}: intents ${s.counts.intents} · skips ${s.counts.skips} · fills ${s.counts.fills} · gap ${usd(s.attribution.gap)} (${pct(s.attribution.gapPct)}) · equity ${usd(s.ledger.equity)} · worst track err ${pct(s.drift.worstTrackingError)}`;
    })
    .join("\n");
}
