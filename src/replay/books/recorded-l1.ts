// Recorded top-of-book (L1) series from the recorder CSV of ../shared/data/book-series/btc-15m-l1: one row per
// market-channel update, both outcomes per row; loaded into a per-token time series (BookView "recorded-l1").
//
// Per row and outcome (up/down): token = <o>_token_id, book time = <o>_book_ts (unix ms: a time in seconds, µs or
// ns is reported and that outcome of that row skipped, times.ts), best bid/ask and their sizes.
// A bid of price 0 or size 0 and an ask of price ≥ 1 or size 0 mean an empty side. Rows repeat the other
// outcome's unchanged book; equal book times collapse to one snapshot (the last row wins).
// Tick: not in the file. Each snapshot gets the coarsest of `ticks` (default the venue's 0.01, 0.005, 0.0025, 0.001,
// 0.0001) on which all its prices sit — so a 0.001-tick book whose prices happen to sit on cents is read as 0.01
// (coarser, conservative). Book building, tick inference and the market-end close live in top-of-book.ts.
// Cannot model: depth beyond the best level (one level per side: walks stop there), hidden liquidity, trades
// between updates, our own impact on later rows; min size is assumed (`minSize`, default 5).
// Market end: from market_end_ts (unix SECONDS, optional) on, at() gives no book for the market's tokens
// (closeAtMarketEnd, default on); latest() still gives the last recorded book. It is the first valid value in a market's rows;
// a value that is not a positive number, or looks like ms, is reported (once) and leaves the market's end unset.
// Other bad fields are reported (file, line, field, value) and that outcome of that row is skipped; the rest loads.
// A record the CSV parser cannot read (a stray quote, a last line cut off inside the quoted question) is reported at
// its line and the column where reading broke, and skipped; so is a row with more cells than the header (an unquoted
// comma shifted its cells). A row with fewer cells has its missing fields reported as empty.
// As in every recorded view (top-of-book.ts, book-issues.ts): a price on none of the venue's ticks is reported and its
// side left out, a crossed or locked book gives no book (each run reported once, at the line and field that crossed
// it), and only the first 20 issues of a field are listed, one summary counting the rest.
import { createReadStream } from "node:fs";
import { parse, type CsvError, type Options as CsvOptions } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import type { Book } from "../../core/book.js";
import { SECONDS_BELOW } from "../../core/events.js";
import { bookTimeProblem } from "./times.js";
import { recordedTopOfBook, roundedTokenIdProblem, topOfBook, codeOfSnapshot, type RecordedTopOfBook, type SnapshotPlace, type TopOfBookMarket, type TopOfBookOptions } from "./top-of-book.js";
import { BookIssueLog } from "./book-issues.js";

/** A market of the file (its two tokens; slug as its first row gives it); endTs (ms) from market_end_ts (s) when present and valid. */
export type L1Market = TopOfBookMarket;

/** The loaded recording; `rows` counts data rows (header excluded). */
export type RecordedL1Books = RecordedTopOfBook;

export interface RecordedL1Options extends TopOfBookOptions {
  /** No book from a market's end (market_end_ts) on: orders then meet no book (default true). */
  closeAtMarketEnd?: boolean;
}

const OUTCOMES = ["up", "down"] as const;
/** The field named for a row that is wrong as a whole (the CSV parser cannot say where it broke, too many cells). */
const UNREADABLE_ROW = "(row)";
const REQUIRED = OUTCOMES.flatMap((o) =>
  ["token_id", "book_ts", "bid", "bid_size", "ask", "ask_size"].map((f) => `${o}_${f}`),
);

class L1Builder {
  readonly log: BookIssueLog;
  readonly snaps: Book[] = [];
  /** Where each of `snaps` was read: line × 2 + its outcome's index. */
  private readonly codes: number[] = [];
  readonly markets = new Map<string, L1Market>();
  rows = 0;
  private col = new Map<string, number>();
  /** The header's column names, by index. */
  private names: string[] = [];

  constructor(
    readonly file: string,
    private readonly opts: RecordedL1Options,
  ) {
    this.log = new BookIssueLog(file, opts.maxIssuesPerField);
  }

  private header(cells: string[]): void {
    cells.forEach((c, i) => this.col.set(c.trim(), i));
    this.names = cells.map((c) => c.trim());
    const missing = REQUIRED.filter((c) => !this.col.has(c));
    if (missing.length > 0) throw new Error(`${this.file}: line 1: missing columns ${missing.join(", ")}`);
  }

  private cell(cells: string[], name: string): string {
    const i = this.col.get(name);
    return i === undefined ? "" : (cells[i] ?? "");
  }

  /** Report `field` of the row at `line` (its cell is the value); undefined, for `return this.bad(...)`. */
  private bad(cells: string[], line: number, field: string, message: string, kept?: string): undefined {
    this.log.note({ file: this.file, line, field, value: this.cell(cells, field), message, ...(kept ? { kept } : {}) });
    return undefined;
  }

  /** Records the CSV parser could not read, not yet reported (it may parse ahead of the records handed on). */
  private readonly unread: CsvError[] = [];
  private headerRead = false;

  /** The parser skipped a record it could not read (a stray quote, a last line cut off inside a quoted field). */
  skipped(e: CsvError): undefined {
    // a record can break more than once (each stray quote): reported once, at its first break
    const last = this.lastUnread;
    this.lastUnread = e;
    if (last === undefined || last.records !== e.records) this.unread.push(e);
    return undefined;
  }
  /** The last record the parser skipped, to tell a second break of it from the next record's. */
  private lastUnread: CsvError | undefined;

  /** The next record the parser read, ending at `line`: the header first, then data rows. */
  record(cells: string[], line: number): void {
    this.reportUnread(line);
    if (this.headerRead) return this.row(cells, line);
    this.header(cells);
    this.headerRead = true;
  }

  /** All records are read; throws when there was no header. */
  end(): void {
    this.reportUnread(Infinity);
    if (!this.headerRead) throw new Error(`${this.file}: empty: a recorded L1 CSV starts with its header row`);
  }

  /**
   * Report the skipped records before `line`, each at its line and the column where reading broke, counted as a row;
   * the records after them still load. One before the header: the file is refused.
   */
  private reportUnread(line: number): void {
    const u = this.unread;
    if (u.length === 0) return;
    let k = 0;
    for (; k < u.length; k++) {
      const e = u[k]!;
      const at = typeof e.lines === "number" ? e.lines : undefined;
      if (at !== undefined && at >= line) break;
      if (!this.headerRead) throw new Error(`${this.file}: line ${at ?? 1}: header unreadable: ${e.message}`);
      this.rows++;
      const field = (typeof e.index === "number" ? this.names[e.index] : undefined) ?? UNREADABLE_ROW;
      const value = typeof e.field === "string" ? { value: e.field } : {};
      this.log.note({ file: this.file, ...(at === undefined ? {} : { line: at }), field, ...value, message: `unreadable CSV (${e.message}): the row is skipped` });
    }
    u.splice(0, k);
  }

  private row(cells: string[], line: number): void {
    this.rows++;
    if (cells.length > this.names.length) {
      // an unquoted comma in a field (the question) moves every later cell one column right: each outcome would read
      // its neighbours' values (a spread as a bid, the other token's id), so nothing of the row is taken
      const message = `${cells.length} cells, the header has ${this.names.length}: a field holds an unquoted comma, so the cells after it are in the wrong columns; the row is skipped`;
      this.log.note({ file: this.file, line, field: UNREADABLE_ROW, value: cells.length, message });
      return;
    }
    for (const o of OUTCOMES) {
      const b = this.outcome(cells, line, o);
      if (b !== undefined) this.snaps.push(b);
    }
    // a market is its two tokens (as recorded-bbo keys it): its end closes their books whether or not a slug names it
    const upTokenId = this.cell(cells, "up_token_id").trim(); // as the books are keyed (outcome() trims)
    const downTokenId = this.cell(cells, "down_token_id").trim();
    if (upTokenId === "" && downTokenId === "") return;
    const key = `${upTokenId}/${downTokenId}`;
    const m = this.markets.get(key);
    if (m === undefined) {
      const end = this.marketEnd(cells, line);
      this.markets.set(key, { slug: this.cell(cells, "market_slug"), upTokenId, downTokenId, endTs: end === "bad" ? undefined : end });
      if (end === "bad") this.badEnd.add(key);
    } else if (m.endTs === undefined && !this.badEnd.has(key)) {
      // the end may first be given on a later row (its first rows left the cell empty): take the first valid one
      const end = this.marketEnd(cells, line);
      if (end === "bad") this.badEnd.add(key); // reported once; its end stays unset
      else m.endTs = end;
    }
  }

  /** Markets whose market_end_ts was reported bad (not read again from later rows). */
  private readonly badEnd = new Set<string>();

  /** The market's end (ms) from market_end_ts (s); undefined when absent, "bad" when reported. */
  private marketEnd(cells: string[], line: number): number | undefined | "bad" {
    const raw = this.cell(cells, "market_end_ts").trim();
    if (raw === "") return undefined;
    const end = Number(raw);
    const [field, unset] = ["market_end_ts", "the market's end stays unset"];
    if (!(Number.isFinite(end) && end > 0)) return this.bad(cells, line, field, "not a positive number (s)", unset) ?? "bad";
    if (end >= SECONDS_BELOW) return this.bad(cells, line, field, "looks like milliseconds, expected seconds", unset) ?? "bad";
    return end * 1000;
  }

  private outcome(cells: string[], line: number, o: string): Book | undefined {
    const bad = (field: string, message: string): undefined => this.bad(cells, line, field, message);
    const tokenId = this.cell(cells, `${o}_token_id`).trim();
    if (tokenId === "") return bad(`${o}_token_id`, "empty token id");
    const rounded = roundedTokenIdProblem(tokenId);
    if (rounded !== undefined) return bad(`${o}_token_id`, rounded);
    const ts = Number(this.cell(cells, `${o}_book_ts`));
    const tsProblem = bookTimeProblem(ts);
    if (tsProblem !== undefined) return bad(`${o}_book_ts`, tsProblem);
    const num = (f: string, lo: number, hi: number): number | undefined => {
      const raw = this.cell(cells, `${o}_${f}`).trim();
      const x = raw === "" ? NaN : Number(raw);
      if (!(x >= lo && x <= hi)) return bad(`${o}_${f}`, `not a number in [${lo}, ${hi}]`);
      return x;
    };
    const bid = num("bid", 0, 1);
    const bidSize = num("bid_size", 0, Number.MAX_VALUE);
    const ask = num("ask", 0, 1);
    const askSize = num("ask_size", 0, Number.MAX_VALUE);
    if (bid === undefined || bidSize === undefined || ask === undefined || askSize === undefined) return undefined;
    const book = topOfBook({ tokenId, ts, bid, bidSize, ask, askSize }, this.opts, (side, message) => bad(`${o}_${side}`, message));
    this.codes.push(line * 2 + OUTCOMES.indexOf(o as "up" | "down"));
    return book;
  }

  build(): RecordedL1Books {
    const codeOf = codeOfSnapshot(this.snaps, this.codes);
    const place: SnapshotPlace = (book, side) => {
      const code = codeOf(book);
      if (code === undefined) return undefined;
      const value = (side === "bid" ? book.bids : book.asks)[0]?.price;
      return { file: this.file, line: Math.floor(code / 2), field: `${OUTCOMES[code % 2]}_${side}`, value };
    };
    const read = { file: this.file, rows: this.rows, snapshots: this.snaps, log: this.log, place, markets: [...this.markets.values()] };
    return recordedTopOfBook("recorded-l1", read, this.opts.closeAtMarketEnd ?? true);
  }
}

type Rec = { record: string[]; info: { lines: number } };

/**
 * How both readers parse: a record the parser cannot read is handed to `b.skipped` and skipped (a stray quote or a
 * cut-off last line once ended the whole load); a UTF-8 byte-order mark is not part of the first header cell (before
 * a quoted cell it made the parser refuse the file).
 */
function csvOptions(b: L1Builder): CsvOptions {
  return {
    info: true, relax_column_count: true, skip_empty_lines: true, bom: true,
    skip_records_with_error: true, on_skip: (e) => (e === undefined ? undefined : b.skipped(e)),
  };
}

/** Read a recorder CSV file (streamed). Throws only when the file or its header is unreadable, or required columns are missing. */
export async function loadRecordedL1(file: string, opts: RecordedL1Options = {}): Promise<RecordedL1Books> {
  const b = new L1Builder(file, opts);
  const src = createReadStream(file);
  const parser = src.pipe(parse(csvOptions(b)));
  // pipe() does not pass a read error on (a missing file, a folder): end the parse with it, so it is thrown below
  src.on("error", (e) => parser.destroy(e));
  try {
    for await (const r of parser as AsyncIterable<Rec>) b.record(r.record, r.info.lines);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw code ? new Error(`${file}: cannot read (${code})`, { cause: e }) : e;
  }
  b.end();
  return b.build();
}

/** Same from text already in memory (tests, small fixtures); `file` names it in issues. */
export function parseRecordedL1(text: string, file = "<text>", opts: RecordedL1Options = {}): RecordedL1Books {
  const b = new L1Builder(file, opts);
  const recs = parseSync(text, csvOptions(b)) as unknown as Rec[];
  for (const r of recs) b.record(r.record, r.info.lines);
  b.end();
  return b.build();
}
