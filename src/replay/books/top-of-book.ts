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
// Issues: the first `maxIssuesPerField` (20) of a field are listed, then one summary per field counting the rest.
import type { Book } from "../../core/book.js";
import { onTick } from "../../core/money.js";
import { VENUE_QUIRKS } from "../../core/venue.js";
import { createSeriesBooks, type SeriesBookView } from "./series.js";
import type { InputIssue } from "../../core/input-issue.js";
import { BookIssueLog, CrossedRuns } from "./book-issues.js";

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

/**
 * One-level Book of a quote, empty sides dropped (see header); a present side priced on none of the candidate ticks is
 * dropped too, and `offTick` told of it (side, message) so the loader reports it.
 */
export function topOfBook(q: TopOfBookQuote, opts: TopOfBookOptions = {}, offTick?: (side: "bid" | "ask", message: string) => void): Book {
  const ticks = opts.ticks ?? VENUE_TICKS;
  const onSome = (side: "bid" | "ask", p: number): boolean => {
    if (ticks.some((t) => onTick(p, t))) return true;
    offTick?.(side, `not on any of the venue's ticks ${ticks.join(", ")}: the venue shows no such level`);
    return false;
  };
  const hasBid = q.bid > 0 && q.bid < 1 && q.bidSize > 0 && onSome("bid", q.bid);
  const hasAsk = q.ask > 0 && q.ask < 1 && q.askSize > 0 && onSome("ask", q.ask);
  const present = hasBid ? (hasAsk ? [q.bid, q.ask] : [q.bid]) : hasAsk ? [q.ask] : [];
  return {
    tokenId: q.tokenId,
    ts: q.ts,
    bids: hasBid ? [{ price: q.bid, size: q.bidSize }] : [],
    asks: hasAsk ? [{ price: q.ask, size: q.askSize }] : [],
    tick: inferTick(present, ticks),
    minSize: opts.minSize ?? VENUE_QUIRKS.DEFAULT_MIN_ORDER_SIZE,
  };
}

/** Where a snapshot was read: its file and row or line, and the fields (with their values) of its bid and ask. */
export interface SnapshotPlace {
  file: string;
  row?: number;
  line?: number;
  bid: { field: string; value: unknown };
  ask: { field: string; value: unknown };
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
  /** Where each snapshot was read (names the piece that crossed a book). */
  places: ReadonlyMap<Book, SnapshotPlace>;
  markets: readonly TopOfBookMarket[];
}

/** `view` with no book (at, latest) while a token's book is crossed or locked; each run reported once to `log`. */
export function withoutCrossedBooks(view: SeriesBookView, places: ReadonlyMap<Book, SnapshotPlace>, log: BookIssueLog): SeriesBookView {
  const crossed = new Set<Book>();
  for (const token of view.tokens()) {
    const runs = new CrossedRuns(log);
    let prev: Book | undefined;
    for (let t = view.span(token)?.from; t !== undefined; t = view.nextChange(token, t)) {
      const b = view.at(token, t)!;
      const bid = b.bids[0]?.price;
      const ask = b.asks[0]?.price;
      const place = () => {
        const p = places.get(b);
        const onlyAskMoved = prev !== undefined && prev.bids[0]?.price === bid && prev.asks[0]?.price !== ask;
        const at = p === undefined ? { field: "(book)", value: undefined } : onlyAskMoved ? p.ask : p.bid;
        const where = p?.row !== undefined ? { row: p.row } : p?.line !== undefined ? { line: p.line } : {};
        return { file: p?.file ?? log.file, ...where, field: at.field, value: at.value };
      };
      if (runs.step(t, bid, ask, place)) crossed.add(b);
      prev = b;
    }
    runs.end();
  }
  if (crossed.size === 0) return view;
  const live = (b: Book | undefined) => (b !== undefined && crossed.has(b) ? undefined : b);
  return { ...view, at: (tokenId, ts) => live(view.at(tokenId, ts)), latest: (tokenId) => live(view.latest(tokenId)) };
}

/** The view `name` over what was read: no book while crossed, and from the markets' ends unless `closeAtMarketEnd` is false. */
export function recordedTopOfBook(name: string, read: TopOfBookRead, closeAtMarketEnd = true): RecordedTopOfBook {
  const series = withoutCrossedBooks(createSeriesBooks(name, read.snapshots), read.places, read.log);
  const view = closeAtMarketEnd ? closeAtMarketEnds(series, read.markets) : series;
  const markets = read.markets.slice();
  return { ...view, file: read.file, rows: read.rows, issues: read.log.issues(), markets: () => markets.slice() };
}
