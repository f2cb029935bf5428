// Shared by the recorded top-of-book loaders (recorded-l1, recorded-bbo): a one-level Book from a best bid/ask quote
// (empty-side rules, tick inferred from the prices) and the finished view that gives no book while a book is crossed
// or locked and from a market's end on. Bad books are reported by the rules parquet-events follows (book-issues.ts).
//
// Empty sides: a bid of price ≤ 0 (or ≥ 1) or size 0, an ask of price ≤ 0 or ≥ 1 or size 0.
// Tick: the coarsest candidate tick on which every present price sits (a 0.001-tick book whose prices happen to sit
// on cents is read as 0.01: coarser, conservative). A price on none of the candidates (0.50005) is reported and its
// side left out: the venue shows no such level (the top-of-book form of parquet-events' off-tick rule).
// Crossed or locked (best bid ≥ best ask once a token's snapshots of one ms collapse to the last): a level is stale;
// each run of such snapshots is reported once, at the best bid of the snapshot that began it (at its best ask when
// only the ask moved from the snapshot before), and at()/latest() give no book while it lasts.
// Token ids: one written in floating-point notation (rounded: matches no token) is reported by the loaders, that
// outcome skipped (roundedTokenIdProblem).
// Issues: the first `maxIssuesPerField` (20) of a field are listed, then one summary per field counting the rest.
import type { Book } from "../../core/book.js";
import { onTick } from "../../core/money.js";
import { VENUE_QUIRKS } from "../../core/venue.js";
import { createSeriesBooks, type SeriesBookView } from "./series.js";
import type { InputIssue } from "../../core/input-issue.js";
import { BookIssueLog, CrossedRuns, type BookPlace } from "./book-issues.js";

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

/** A number in floating-point notation ("2.2993171724288528e+76", "123.0"): not how a token id is written. */
const FLOAT_NOTATION = /^[+-]?(\d+\.\d*|\.\d+|\d+[eE][+-]?\d+|\d+\.\d*[eE][+-]?\d+)$/;

/**
 * Why a recorded token id (trimmed, not empty) cannot be one, or undefined: a token id is an integer of up to 78
 * digits, and one written in floating-point notation was rounded on the way (a spreadsheet, a float column), so its
 * books would load under an id no leader token matches (parquet-events refuses such a token_id column by type).
 */
export function roundedTokenIdProblem(tokenId: string): string | undefined {
  if (!FLOAT_NOTATION.test(tokenId)) return undefined;
  return "a number in floating-point notation: the id was rounded (a token id is an integer of up to 78 digits), no token has it";
}

/** Coarsest of `ticks` (coarsest first) on which all `prices` sit; the last (finest) candidate when none fits. */
export function inferTick(prices: readonly number[], ticks: readonly number[] = VENUE_TICKS): number {
  return fittingTick(prices, ticks) ?? ticks[ticks.length - 1] ?? 0.0001;
}

/** Coarsest of `ticks` (coarsest first) on which all `prices` sit, or undefined when none does. */
function fittingTick(prices: readonly number[], ticks: readonly number[]): number | undefined {
  for (const t of ticks) if (prices.every((p) => onTick(p, t))) return t;
  return undefined;
}

/**
 * One-level Book of a quote, empty sides dropped (see header); a present side priced on none of the candidate ticks is
 * dropped too, and `offTick` told of it (side, message) so the loader reports it.
 */
export function topOfBook(q: TopOfBookQuote, opts: TopOfBookOptions = {}, offTick?: (side: "bid" | "ask", message: string) => void): Book {
  const ticks = opts.ticks ?? VENUE_TICKS;
  let hasBid = q.bid > 0 && q.bid < 1 && q.bidSize > 0;
  let hasAsk = q.ask > 0 && q.ask < 1 && q.askSize > 0;
  const present = hasBid ? (hasAsk ? [q.bid, q.ask] : [q.bid]) : hasAsk ? [q.ask] : [];
  let tick = fittingTick(present, ticks);
  if (tick === undefined) {
    // no candidate fits both prices (rare: checked only then): leave out each price that sits on none
    const onSome = (side: "bid" | "ask", p: number): boolean => {
      if (ticks.some((t) => onTick(p, t))) return true;
      offTick?.(side, `not on any of the venue's ticks ${ticks.join(", ")}: the venue shows no such level`);
      return false;
    };
    hasBid = hasBid && onSome("bid", q.bid);
    hasAsk = hasAsk && onSome("ask", q.ask);
    tick = inferTick(hasBid ? (hasAsk ? [q.bid, q.ask] : [q.bid]) : hasAsk ? [q.ask] : [], ticks);
  }
  return {
    tokenId: q.tokenId,
    ts: q.ts,
    bids: hasBid ? [{ price: q.bid, size: q.bidSize }] : [],
    asks: hasAsk ? [{ price: q.ask, size: q.askSize }] : [],
    tick,
    minSize: opts.minSize ?? VENUE_QUIRKS.DEFAULT_MIN_ORDER_SIZE,
  };
}

/** Where a loader read `book`'s bid or ask (file, row or line, field, value); undefined when it does not know. */
export type SnapshotPlace = (book: Book, side: "bid" | "ask") => BookPlace | undefined;

/**
 * Where each of `snapshots` was read, from `codes` (same order: a small integer each, so no object per snapshot is
 * held): the book's index is only looked up when a place is asked for (a crossed book: rare), then for all at once.
 */
export function codeOfSnapshot(snapshots: readonly Book[], codes: readonly number[]): (book: Book) => number | undefined {
  let index: Map<Book, number> | undefined;
  return (book) => {
    if (index === undefined) {
      index = new Map();
      for (let i = 0; i < snapshots.length; i++) index.set(snapshots[i]!, codes[i]!);
    }
    return index.get(book);
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
  /** The issues found while reading; crossed books are added to it. */
  log: BookIssueLog;
  /** Where a snapshot was read (names the piece that crossed a book; asked only then). */
  place: SnapshotPlace;
  markets: readonly TopOfBookMarket[];
}

/**
 * Add to `crossed` the crossed or locked books of one token's series (`books`, in time order, one per ms), each run
 * reported once to `log` at the snapshot that began it (its bid, or its ask when only the ask moved).
 */
export function markCrossedBooks(books: readonly Book[], placeOf: SnapshotPlace, log: BookIssueLog, crossed: Set<Book>): void {
  const runs = new CrossedRuns(log);
  let k = 0;
  const place = (): BookPlace => {
    const b = books[k]!;
    const prev = books[k - 1];
    const [bid, ask] = [b.bids[0]?.price, b.asks[0]?.price];
    const onlyAskMoved = prev !== undefined && prev.bids[0]?.price === bid && prev.asks[0]?.price !== ask;
    const side = onlyAskMoved ? "ask" : "bid";
    return placeOf(b, side) ?? { file: log.file, field: `(${side})`, value: side === "bid" ? bid : ask };
  };
  for (; k < books.length; k++) {
    const b = books[k]!;
    if (runs.step(b.ts, b.bids[0]?.price, b.asks[0]?.price, place)) crossed.add(b);
  }
  runs.end();
}

/** `view` with no book (at, latest) where it would give one of `crossed`. */
export function withoutBooks(view: SeriesBookView, crossed: ReadonlySet<Book>): SeriesBookView {
  if (crossed.size === 0) return view;
  const live = (b: Book | undefined) => (b !== undefined && crossed.has(b) ? undefined : b);
  return { ...view, at: (tokenId, ts) => live(view.at(tokenId, ts)), latest: (tokenId) => live(view.latest(tokenId)) };
}

/**
 * The series of what was read with no book while crossed (a function of its own: a closure of recordedTopOfBook's
 * would keep `read`, its snapshots and their places, alive as long as the view).
 */
function seriesWithoutCrossed(name: string, read: TopOfBookRead): SeriesBookView {
  const crossed = new Set<Book>();
  const all = createSeriesBooks(name, read.snapshots, (books) => markCrossedBooks(books, read.place, read.log, crossed));
  return withoutBooks(all, crossed);
}

/** The view `name` over what was read: no book while crossed, and from the markets' ends unless `closeAtMarketEnd` is false. */
export function recordedTopOfBook(name: string, read: TopOfBookRead, closeAtMarketEnd = true): RecordedTopOfBook {
  const series = seriesWithoutCrossed(name, read);
  const view = closeAtMarketEnd ? closeAtMarketEnds(series, read.markets) : series;
  const markets = read.markets.slice();
  return { ...view, file: read.file, rows: read.rows, issues: read.log.issues(), markets: () => markets.slice() };
}
