// Shared by the recorded top-of-book loaders (recorded-l1, recorded-bbo): a one-level Book from a best bid/ask quote
// (empty-side rules, tick inferred from the prices) and the finished view that gives no book from a market's end on.
// Bad rows are reported by the rules parquet-events follows (book-issues.ts).
//
// Empty sides: a bid of price ≤ 0 (or ≥ 1) or size 0, an ask of price ≤ 0 or ≥ 1 or size 0.
// Tick: the coarsest candidate tick on which every present price sits (a 0.001-tick book whose prices happen to sit
// on cents is read as 0.01: coarser, conservative); the finest candidate when none fits.
// Issues: the first `maxIssuesPerField` (20) of a field are listed, then one summary per field counting the rest.
import type { Book } from "../../core/book.js";
import { onTick } from "../../core/money.js";
import { VENUE_QUIRKS } from "../../core/venue.js";
import { createSeriesBooks, type SeriesBookView } from "./series.js";
import type { InputIssue } from "../../core/input-issue.js";
import type { BookIssueLog } from "./book-issues.js";

/** The venue's ticks, coarsest first: the default candidates when a recording does not carry the tick. */
export const VENUE_TICKS: readonly number[] = [0.01, 0.005, 0.0025, 0.001, 0.0001];

/** Best bid and ask of one token at one time, as recorded (prices in [0, 1], sizes ≥ 0). */
export interface TopOfBookQuote {
  tokenId: string;
  /** Book time (ms). */
  ts: number;
  bid: number;
  bidSize: number;
  ask: number;
  askSize: number;
}

export interface TopOfBookOptions {
  /** Candidate ticks, coarsest first (default VENUE_TICKS). */
  ticks?: readonly number[];
  /** Minimum order size to assume (recordings do not carry it; default the venue's 5). */
  minSize?: number;
  /** Issues of one field listed before the rest are only counted (default 20). */
  maxIssuesPerField?: number;
}

/** A market of a recording: its two outcome tokens and its end. */
export interface TopOfBookMarket {
  slug: string;
  upTokenId: string;
  downTokenId: string;
  /** Market end (ms), when the recording gives it. */
  endTs: number | undefined;
}

/** A loaded top-of-book recording: the per-token series plus what was read. */
export interface RecordedTopOfBook extends SeriesBookView {
  /** The path the recording was loaded from. */
  readonly file: string;
  /** Data rows read. */
  readonly rows: number;
  /** Problems found; the rows or outcomes they name were skipped. */
  readonly issues: readonly InputIssue[];
  /** Markets seen, in file order. */
  markets(): TopOfBookMarket[];
}

/** Coarsest of `ticks` (coarsest first) on which all `prices` sit; the last (finest) candidate when none fits. */
export function inferTick(prices: readonly number[], ticks: readonly number[] = VENUE_TICKS): number {
  for (const t of ticks) if (prices.every((p) => onTick(p, t))) return t;
  return ticks[ticks.length - 1] ?? 0.0001;
}

/** One-level Book of a quote, empty sides dropped (see header). */
export function topOfBook(q: TopOfBookQuote, opts: TopOfBookOptions = {}): Book {
  const hasBid = q.bid > 0 && q.bid < 1 && q.bidSize > 0;
  const hasAsk = q.ask > 0 && q.ask < 1 && q.askSize > 0;
  const present = hasBid ? (hasAsk ? [q.bid, q.ask] : [q.bid]) : hasAsk ? [q.ask] : [];
  return {
    tokenId: q.tokenId,
    ts: q.ts,
    bids: hasBid ? [{ price: q.bid, size: q.bidSize }] : [],
    asks: hasAsk ? [{ price: q.ask, size: q.askSize }] : [],
    tick: inferTick(present, opts.ticks ?? VENUE_TICKS),
    minSize: opts.minSize ?? VENUE_QUIRKS.DEFAULT_MIN_ORDER_SIZE,
  };
}

/** `view` with no book (at, nextChange) for a market's tokens from its end on; latest() still gives the last book. */
export function closeAtMarketEnds(view: SeriesBookView, markets: readonly TopOfBookMarket[]): SeriesBookView {
  const endOf = new Map<string, number>();
  for (const m of markets) {
    if (m.endTs === undefined) continue;
    endOf.set(m.upTokenId, m.endTs);
    endOf.set(m.downTokenId, m.endTs);
  }
  return {
    ...view,
    at: (tokenId, ts) => (ts >= (endOf.get(tokenId) ?? Infinity) ? undefined : view.at(tokenId, ts)),
    nextChange: (tokenId, ts) => {
      const t = view.nextChange(tokenId, ts);
      return t === undefined || t >= (endOf.get(tokenId) ?? Infinity) ? undefined : t;
    },
  };
}

/** What a loader read, ready to become a view. */
export interface TopOfBookRead {
  file: string;
  rows: number;
  snapshots: Iterable<Book>;
  /** The issues found while reading. */
  log: BookIssueLog;
  markets: readonly TopOfBookMarket[];
}

/** The view `name` over what was read, closed at the markets' ends unless `closeAtMarketEnd` is false. */
export function recordedTopOfBook(name: string, read: TopOfBookRead, closeAtMarketEnd = true): RecordedTopOfBook {
  const series = createSeriesBooks(name, read.snapshots);
  const view = closeAtMarketEnd ? closeAtMarketEnds(series, read.markets) : series;
  const markets = read.markets.slice();
  return { ...view, file: read.file, rows: read.rows, issues: read.log.issues(), markets: () => markets.slice() };
}
