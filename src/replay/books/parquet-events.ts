// Generic Parquet book-event format, read with DuckDB into per-token L2 books reconstructed at any time
// (BookView "parquet-events"), plus a writer that produces such a file (tests, importers, generators).
//
// Format, one row per level change (any row order; ties in ts keep file order):
//   ts       BIGINT   venue time, unix ms (a time in seconds, µs or ns is reported and its row skipped: times.ts)
//   token_id VARCHAR  outcome token (an integer's digits: one in floating-point notation, rounded, is reported)
//   side     VARCHAR  'BUY' = bid level, 'SELL' = ask level (the venue's market-channel convention)
//   price    DOUBLE   level price, 0 < price < 1
//   size     DOUBLE   NEW TOTAL size at that level (not a change); 0 removes the level
//   kind     VARCHAR  'snapshot' | 'delta'. A run of snapshot rows of one token with the same ts replaces that
//                     token's whole book (both sides; a snapshot row of size 0 just clears); deltas edit levels.
//   tick     DOUBLE   nullable; when set, the token's tick from this row on (tick_size_change). A row with side,
//                     price and size all NULL and a tick is a tick change only (the venue's tick_size_change message:
//                     its kind is ignored): it changes no level and does not end a run of snapshot rows.
//                     A level (size > 0) must sit on the tick in force (this column, else `tick` of the options) or on
//                     a tick the token had earlier (levels resting from a finer tick may change after it coarsens);
//                     one that does not is reported (row, price, the tick) and skipped: the venue shows no such level.
//                     Removals (size 0) are never refused. A refused row's own tick value still applies.
//   market_end BIGINT nullable, optional column; unix ms from which the token has NO book (its market's end, or when
//                     its recording stopped if that came first). The earliest value a token's rows give holds (another
//                     value is reported once); a value not in ms is reported and ignored. A row with only token_id,
//                     ts and market_end just sets the end. Without one, a token's last book holds for ever.
// Book at ts = every event of the token with event ts ≤ ts applied in order; before its first level row: undefined;
// undefined too while it is crossed or locked (best bid ≥ best ask: a stale level), each such run reported once.
// Cannot model: anything not in the events (hidden liquidity, queue position), min order size (assumed
// `minSize`), our own impact on later books. Invalid rows are skipped and reported (0-based file row, field, value);
// the rest loads. Only the first `maxIssuesPerField` (20) issues of a field are held; one more issue per field then
// stands for the rest (`count` of them), so the count stays exact while a file of millions of bad rows does not hold
// or print millions of warnings.
import { statSync } from "node:fs";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { Book, Level } from "../../core/book.js";
import { VENUE_QUIRKS } from "../../core/venue.js";
import { isTickSize, onTick, TICK_SIZES } from "../../core/money.js";
import { BookRing, lastAtOrBeforeIn, type SeriesBookView } from "./series.js";
import type { InputIssue } from "../../core/input-issue.js";
import { bookTimeProblem } from "./times.js";
import { BookIssueLog, CrossedRuns } from "./book-issues.js";
import { roundedTokenIdProblem } from "./top-of-book.js";

export interface BookEventRow {
  ts: number;
  tokenId: string;
  side: "BUY" | "SELL";
  price: number;
  size: number;
  kind: "snapshot" | "delta";
  tick?: number | null;
  /** The token's market_end (unix ms): no book from then on. */
  marketEnd?: number | null;
}

/** A tick change of a token from `ts` on (side, price, size and kind written NULL): the venue's tick_size_change. */
export interface BookTickRow {
  ts: number;
  tokenId: string;
  tick: number;
}


export interface ParquetEventBooks extends SeriesBookView {
  readonly file: string;
  /** Rows loaded (valid). */
  readonly events: number;
  readonly issues: readonly InputIssue[];
}

export interface ParquetEventOptions {
  /** Tick before a token's first `tick` value (default 0.01). */
  tick?: number;
  /** Minimum order size to assume (default 5). */
  minSize?: number;
  /** Issues of one field listed before the rest are only counted (default 20). */
  maxIssuesPerField?: number;
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

interface Token {
  start: number;
  end: number; // exclusive
  /** First level row (rows before it are tick changes only: no book yet). */
  first: number;
  /** No book from this time on (market_end; Infinity when the file gives none). */
  endTs: number;
  applied: number; // last applied absolute index, -1 = none
  /** Current levels, best first, as immutable Level objects (a built Book copies the arrays, not the levels). */
  bids: Level[];
  asks: Level[];
  /** Built books by event index (last 8): the same snapshot gives the same object. */
  cache: BookRing;
}

/**
 * `file` must be one existing file: read_parquet would take a folder (every Parquet file below it) or a glob pattern as
 * the files it matches and merge them into one series, their rows numbered per file, without a word.
 */
function onePathFile(file: string): void {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    throw new Error(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
  if (st.isDirectory()) throw new Error(`${file}: a folder, not a Parquet file (parquet-events reads one file: fill.path)`);
}

/** Load a book-event Parquet file (columns streamed chunk by chunk; token ids dictionary-encoded in SQL). */
export async function loadParquetBookEvents(file: string, opts: ParquetEventOptions = {}): Promise<ParquetEventBooks> {
  const defaultTick = opts.tick ?? 0.01;
  const minSize = opts.minSize ?? VENUE_QUIRKS.DEFAULT_MIN_ORDER_SIZE;
  onePathFile(file);
  const raw = `read_parquet(${sqlString(file)}, file_row_number = true)`;
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  try {
    // the columns the file has: the required ones must be there (named when not), tick may be absent
    const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${raw}`)).getColumns();
    const types = new Map(described[0]!.map((c, i) => [String(c), String(described[1]![i])]));
    const cols = new Set(types.keys());
    const missing = REQUIRED_COLUMNS.filter((c) => !cols.has(c));
    if (missing.length > 0) throw new Error(`missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (a book-event file has ${REQUIRED_COLUMNS.join(", ")} and optionally tick)`);
    // a token id is a 77-digit integer: a floating or fixed-point column holds it rounded ("7.132…e+76"), so its books
    // would load under ids no leader token matches; integer and text columns read exactly as their digits
    const tokType = types.get("token_id")!;
    if (/^(FLOAT|FLOAT4|REAL|DOUBLE|FLOAT8|DECIMAL|NUMERIC)\b/i.test(tokType)) {
      throw new Error(`token_id is ${tokType}: token ids are integers of up to 78 digits that a ${tokType} cannot hold exactly (write them as text)`);
    }
    // a 32-bit float holds 7 significant digits: unix ms (13 digits) would be moved by up to a minute and more, each
    // still a whole ms, so no row check could tell (a book used ahead of its time, or late)
    const tsType = types.get("ts")!;
    if (FLOAT_TYPES.has(tsType)) {
      throw new Error(`ts is ${tsType}: a 32-bit float cannot hold unix ms (${tsType} moves times by up to 131 s; write them as BIGINT)`);
    }
    // the text columns as text whatever type the writer gave them (a side of 0/1, a numeric token id): a value that is
    // not one of the words is a bad row named with its value, not a DuckDB binder or conversion error ending the load
    const src = `(SELECT * REPLACE (CAST(token_id AS VARCHAR) AS token_id, CAST(side AS VARCHAR) AS side, CAST(kind AS VARCHAR) AS kind) FROM ${raw})`;
    // Numbers of any numeric type (DECIMAL, FLOAT, strings of digits) are read as doubles; what is not a number is
    // NULL (its text is fetched for the report below). A FLOAT (32-bit) goes through its shortest text, so 0.01 stays
    // 0.01 and not 0.009999999776482582, which no tick check or price level would match.
    const num = (c: string) => (!cols.has(c) ? "NULL::DOUBLE" : FLOAT_TYPES.has(types.get(c)!) ? `TRY_CAST(CAST(${c} AS VARCHAR) AS DOUBLE)` : `TRY_CAST(${c} AS DOUBLE)`);
    const total = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${src}`)).getColumns()[0]![0]);
    if (total === 0) throw new Error("no rows: a book-event file with no events gives no book");
    const names = ((await conn.runAndReadAll(`SELECT DISTINCT token_id FROM ${src} WHERE token_id IS NOT NULL AND token_id <> '' ORDER BY token_id`)).getColumns()[0] ?? []).map(String);
    // a text id in floating-point notation went through a float before it was written: rounded, it matches no token
    const roundedIds = names.map(roundedTokenIdProblem);
    const ts = new Float64Array(total);
    const side = new Uint8Array(total); // 1 bid, 2 ask, 0 a tick change only
    const price = new Float64Array(total);
    const size = new Float64Array(total);
    const snapStart = new Uint8Array(total);
    const tickAt = new Float64Array(total);
    const tokOf = new Int32Array(total);
    const rowAt = new Float64Array(total); // file row of each loaded event (for the crossed-book report)
    // the first maxIssuesPerField issues of each field are held, the rest only counted (book-issues.ts)
    const log = new BookIssueLog(file, opts.maxIssuesPerField);
    const note = (i: InputIssue): void => log.note(i);
    const bad = (row: number, field: string, message: string, value: Pick<InputIssue, "value"> = {}, kept?: string): void => {
      note({ file, row, field, ...value, message, ...(kept !== undefined ? { kept } : {}) });
    };
    const endOfTok = new Float64Array(names.length).fill(Infinity); // market_end per token (Infinity: none)
    const endDisputed = new Uint8Array(names.length); // a second end of the token was reported (once)

    const result = await conn.stream(
      `SELECT ${num("ts")} AS ts_value, CASE WHEN token_id IS NULL OR token_id = '' THEN -1
                   ELSE dense_rank() OVER (PARTITION BY (token_id IS NULL OR token_id = '') ORDER BY token_id) - 1
              END::INTEGER AS tok,
              CASE upper(side) WHEN 'BUY' THEN 1 WHEN 'SELL' THEN 2 ELSE 0 END::INTEGER,
              ${num("price")}, ${num("size")}, CASE lower(kind) WHEN 'snapshot' THEN 1 WHEN 'delta' THEN 2 ELSE 0 END::INTEGER,
              ${num("tick")}, file_row_number::DOUBLE, (token_id IS NULL OR token_id = ''),
              ${cols.has("tick") ? `(tick IS NOT NULL AND ${num("tick")} IS NULL)` : "false"},
              (side IS NULL AND price IS NULL AND size IS NULL),
              ${num("market_end")},
              ${cols.has("market_end") ? `CASE WHEN market_end IS NOT NULL AND ${num("market_end")} IS NULL THEN CAST(market_end AS VARCHAR) END` : "NULL::VARCHAR"}
       FROM ${src} ORDER BY tok, ts_value, file_row_number`, // by the time read, not the column: text sorts "1.7e12" first
    );
    let n = 0;
    let prevTok = -2;
    let prevTs = NaN;
    let prevSnap = false;
    let tick = NaN;
    let had: number[] = []; // the ticks the token has had so far (a level on any of them may rest on its book)
    for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const cTs = chunk.getColumnVector(0);
      const cTok = chunk.getColumnVector(1);
      const cSide = chunk.getColumnVector(2);
      const cPrice = chunk.getColumnVector(3);
      const cSize = chunk.getColumnVector(4);
      const cKind = chunk.getColumnVector(5);
      const cTick = chunk.getColumnVector(6);
      const cRow = chunk.getColumnVector(7);
      const cNoTok = chunk.getColumnVector(8);
      const cTickBad = chunk.getColumnVector(9);
      const cNoLevel = chunk.getColumnVector(10);
      const cEnd = chunk.getColumnVector(11);
      const cEndText = chunk.getColumnVector(12);
      for (let j = 0; j < chunk.rowCount; j++) {
        const row = cRow.getItem(j) as number;
        const t = cTs.getItem(j) as number | null;
        const tok = cTok.getItem(j) as number;
        const sd = cSide.getItem(j) as number;
        const p = cPrice.getItem(j) as number | null;
        const s = cSize.getItem(j) as number | null;
        const k = cKind.getItem(j) as number;
        const tk = cTick.getItem(j) as number | null;
        if (cNoTok.getItem(j) === true) { bad(row, "token_id", "missing"); continue; }
        const rounded = roundedIds[tok];
        if (rounded !== undefined) { bad(row, "token_id", rounded, { value: names[tok] }); continue; }
        // the token's end, whatever else the row holds (a statement about the token, not about a level)
        const endText = cEndText.getItem(j) as string | null;
        const end = cEnd.getItem(j) as number | null;
        const endGiven = endText === null && end !== null && bookTimeProblem(end) === undefined;
        if (endText !== null) bad(row, "market_end", "not a number (unix ms)", { value: endText }, "ignored");
        else if (end !== null && !endGiven) bad(row, "market_end", bookTimeProblem(end)!, { value: end }, "ignored");
        else if (endGiven) {
          const was = endOfTok[tok] as number;
          if (was !== Infinity && end !== was && endDisputed[tok] === 0) {
            endDisputed[tok] = 1;
            bad(row, "market_end", `the token's rows give another end before it, ${was}`, { value: end }, "the earliest end given holds");
          }
          endOfTok[tok] = Math.min(was, end);
        }
        if (t === null) { bad(row, "ts", "missing or not a number", { value: null }); continue; }
        const tsProblem = bookTimeProblem(t);
        if (tsProblem !== undefined) { bad(row, "ts", tsProblem, { value: t }); continue; }
        if (cNoLevel.getItem(j) === true) {
          // no side, price nor size: a tick change (tick_size_change), which needs a valid tick
          if (cTickBad.getItem(j) === true) { bad(row, "tick", "not a number", { value: null }); continue; }
          if (tk === null) {
            if (endGiven) continue; // only the token's end: recorded above
            bad(row, "side", "missing (a row without side, price and size is a tick change or a market_end: it needs one)", { value: null });
            continue;
          }
          if (!isTickSize(String(tk))) { bad(row, "tick", `not one of the venue's ticks ${TICK_SIZES.join(", ")}`, { value: tk }); continue; }
          if (tok !== prevTok) { prevTok = tok; tick = NaN; prevSnap = false; prevTs = NaN; had = []; }
          tick = tk; // a run of snapshot rows of this ts goes on past it (prevSnap, prevTs unchanged)
          if (!had.includes(tk)) had.push(tk);
          ts[n] = t;
          side[n] = 0;
          price[n] = 0;
          size[n] = 0;
          snapStart[n] = 0;
          tickAt[n] = tk;
          tokOf[n] = tok;
          rowAt[n] = row;
          n++;
          continue;
        }
        if (sd === 0) { bad(row, "side", "not BUY or SELL", { value: null }); continue; }
        if (p === null || !(p > 0 && p < 1)) { bad(row, "price", "not a number in (0, 1)", { value: p }); continue; }
        if (s === null || !(s >= 0) || !Number.isFinite(s)) { bad(row, "size", "not a finite number ≥ 0", { value: s }); continue; }
        if (k === 0) { bad(row, "kind", "not snapshot or delta", { value: null }); continue; }
        if (cTickBad.getItem(j) === true) { bad(row, "tick", "not a number", { value: null }); continue; }
        if (tk !== null && !isTickSize(String(tk))) { bad(row, "tick", `not one of the venue's ticks ${TICK_SIZES.join(", ")}`, { value: tk }); continue; }
        if (tok !== prevTok) { prevTok = tok; tick = NaN; prevSnap = false; prevTs = NaN; had = []; }
        if (tk !== null) tick = tk;
        const inForce = Number.isNaN(tick) ? defaultTick : tick;
        if (!had.includes(inForce)) had.push(inForce);
        if (s > 0 && !had.some((h) => onTick(p, h))) {
          const whose = Number.isNaN(tick) ? "fill.tick: the file gives none for this token yet" : "the file's tick column";
          bad(row, "price", `not on the tick ${inForce} in force (${whose}): the venue shows no such level`, { value: p });
          if (tk !== null) {
            // the row's tick change stands: kept as a tick change only
            ts[n] = t; side[n] = 0; price[n] = 0; size[n] = 0; snapStart[n] = 0; tickAt[n] = tk; tokOf[n] = tok; rowAt[n] = row;
            n++;
          }
          continue;
        }
        const isSnap = k === 1;
        snapStart[n] = isSnap && !(prevSnap && prevTs === t) ? 1 : 0;
        prevSnap = isSnap;
        prevTs = t;
        ts[n] = t;
        side[n] = sd;
        price[n] = p;
        size[n] = s;
        tickAt[n] = inForce;
        tokOf[n] = tok;
        rowAt[n] = row;
        n++;
      }
    }

    await showUnreadable(conn, src, log.listed);

    // Per token: its contiguous range and, per event, the governing snapshot start (-1 = none).
    const tokens = new Map<string, Token>();
    const gov = new Int32Array(n);
    for (let i = 0; i < n; ) {
      const tok = tokOf[i] as number;
      let j = i;
      let g = -1;
      let first = -1;
      while (j < n && tokOf[j] === tok) {
        if (snapStart[j] === 1) g = j;
        if (first < 0 && side[j] !== 0) first = j;
        gov[j] = g;
        j++;
      }
      // a token with tick changes only has no book: not listed
      if (first >= 0) {
        tokens.set(names[tok] as string, {
          start: i, end: j, first, endTs: endOfTok[tok] as number, applied: -1, bids: [], asks: [],
          cache: new BookRing(),
        });
      }
      i = j;
    }

    const apply = (st: Token, k: number): void => {
      if (snapStart[k] === 1) {
        st.bids.length = 0;
        st.asks.length = 0;
      }
      if (side[k] === 0) { st.applied = k; return; } // a tick change: no level moves
      const isBid = side[k] === 1;
      const arr = isBid ? st.bids : st.asks;
      const p = price[k] as number;
      const s = size[k] as number;
      // Binary search for p in a best-first array (bids descending, asks ascending).
      let lo = 0;
      let hi = arr.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const q = (arr[mid] as Level).price;
        if (isBid ? q > p : q < p) lo = mid + 1;
        else hi = mid;
      }
      const found = lo < arr.length && (arr[lo] as Level).price === p;
      if (s > 0) {
        const l: Level = { price: p, size: s };
        if (found) arr[lo] = l;
        else arr.splice(lo, 0, l);
      } else if (found) arr.splice(lo, 1);
      st.applied = k;
    };
    // Crossed or locked books (best bid ≥ best ask once all events of a ts are applied): the venue would have matched
    // them, so some level is stale (a missed removal). Each run of such instants is reported once, at the row that
    // crossed it, and gives no book while it lasts (an order meeting it is refused NO_BOOK instead of filling at a
    // price that was not there). Ties within one ts may cross in passing (an add before a removal): not reported.
    const crossed = new Uint8Array(n);
    for (const st of tokens.values()) {
      const scan: Token = { start: st.start, end: st.end, first: st.first, endTs: st.endTs, applied: -1, bids: [], asks: [], cache: st.cache };
      const runs = new CrossedRuns(log);
      let k = st.start;
      let bid: number | undefined;
      let ask: number | undefined;
      // reported at the row of this ts that set the best bid or best ask (one of them did: nothing else crosses a book)
      const place = () => {
        let r = k;
        for (let q = k; q >= st.start && ts[q] === ts[k]; q--) {
          if ((side[q] === 1 && price[q] === bid) || (side[q] === 2 && price[q] === ask)) { r = q; break; }
        }
        return { file, row: rowAt[r] as number, field: "price", value: price[r] };
      };
      for (; k < st.end; k++) {
        apply(scan, k);
        if (k + 1 < st.end && ts[k + 1] === ts[k]) continue;
        bid = scan.bids[0]?.price;
        ask = scan.asks[0]?.price;
        if (runs.step(ts[k] as number, bid, ask, place)) crossed[k] = 1;
      }
      runs.end();
    }

    const bookAt = (tokenId: string, st: Token, i: number): Book | undefined => {
      if (crossed[i] === 1 || i < st.first) return undefined;
      const hit = st.cache.get(i);
      if (hit !== undefined) return hit;
      const g = gov[i] as number;
      if (!(st.applied >= 0 && st.applied <= i && g <= st.applied)) {
        st.bids.length = 0;
        st.asks.length = 0;
        st.applied = (g < 0 ? st.start : g) - 1;
      }
      for (let k = st.applied + 1; k <= i; k++) apply(st, k);
      // Later ts-equal events belong to the same instant: index i is already the last with ts ≤ query.
      const b: Book = {
        tokenId,
        ts: ts[i] as number,
        bids: st.bids.slice(),
        asks: st.asks.slice(),
        tick: tickAt[i] as number,
        minSize,
      };
      st.cache.put(i, b);
      return b;
    };
    const find = (st: Token, t: number): number => lastAtOrBeforeIn(ts, st.start, st.end, t);

    const issues = log.issues();

    return {
      name: "parquet-events",
      file,
      events: n,
      issues,
      at(tokenId, t) {
        const st = tokens.get(tokenId);
        if (st === undefined || t >= st.endTs) return undefined; // from its market_end on: no book
        const i = find(st, t);
        return i < 0 ? undefined : bookAt(tokenId, st, i);
      },
      latest(tokenId) {
        const st = tokens.get(tokenId);
        return st === undefined ? undefined : bookAt(tokenId, st, st.end - 1);
      },
      nextChange(tokenId, t) {
        const st = tokens.get(tokenId);
        if (st === undefined) return undefined;
        const i = find(st, t);
        const k = i < 0 ? st.start : i + 1;
        return k < st.end && (ts[k] as number) < st.endTs ? (ts[k] as number) : undefined;
      },
      onChange() {}, // every snapshot is loaded up front: nothing new to announce
      tokens: () => [...tokens.keys()],
      size(tokenId) {
        const st = tokens.get(tokenId);
        if (st === undefined) return 0;
        let c = 0;
        for (let k = st.start; k < st.end; k++) if (k === st.start || ts[k] !== ts[k - 1]) c++;
        return c;
      },
      span(tokenId) {
        const st = tokens.get(tokenId);
        return st === undefined ? undefined : { from: ts[st.first] as number, to: ts[st.end - 1] as number };
      },
      // Per-token state (current levels, built books) goes; the shared column arrays are loaded once and stay.
      forget(tokenIds) {
        for (let i = 0; i < tokenIds.length; i++) tokens.delete(tokenIds[i] as string);
      },
    };
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`, { cause: e });
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

/** DuckDB's names of 32-bit floats (read through their text: see `num`). */
const FLOAT_TYPES = new Set(["FLOAT", "REAL", "FLOAT4"]);

/** Columns whose unreadable values (not a number: read as NULL; not one of the words) are shown as the file has them. */
const SHOWN_FIELDS = ["ts", "price", "size", "tick", "side", "kind"] as const;

/** Issues of a numeric field that read as NULL get the file's own text of the value (when it has one: not a real null). */
async function showUnreadable(conn: DuckDBConnection, src: string, issues: InputIssue[]): Promise<void> {
  const wanted = issues.filter((i) => (SHOWN_FIELDS as readonly string[]).includes(i.field) && i.value === null && i.row !== undefined).slice(0, 1000);
  if (wanted.length === 0) return;
  const rows = [...new Set(wanted.map((i) => i.row!))].join(", ");
  const read = await conn.runAndReadAll(`SELECT file_row_number::DOUBLE, ${wanted.some((i) => i.field === "tick") ? "CAST(tick AS VARCHAR)" : "NULL"}, CAST(price AS VARCHAR), CAST(size AS VARCHAR), CAST(ts AS VARCHAR), side, kind FROM ${src} WHERE file_row_number IN (${rows})`);
  const [row, tick, price, size, ts, side, kind] = read.getColumns();
  const text = new Map<string, unknown>();
  for (let k = 0; k < row!.length; k++) {
    text.set(`${String(row![k])}:tick`, tick![k]);
    text.set(`${String(row![k])}:price`, price![k]);
    text.set(`${String(row![k])}:size`, size![k]);
    text.set(`${String(row![k])}:ts`, ts![k]);
    text.set(`${String(row![k])}:side`, side![k]);
    text.set(`${String(row![k])}:kind`, kind![k]);
  }
  for (const i of wanted) {
    const raw = text.get(`${i.row}:${i.field}`);
    if (raw !== null && raw !== undefined) i.value = raw;
  }
}

/** Columns every book-event Parquet file must have. */
const REQUIRED_COLUMNS = ["ts", "token_id", "side", "price", "size", "kind"] as const;

/** Write rows in the documented format (DuckDB appender, then COPY … TO PARQUET). */
export async function writeBookEventsParquet(file: string, rows: Iterable<BookEventRow | BookTickRow>): Promise<number> {
  const db = await DuckDBInstance.create(":memory:");
  const conn: DuckDBConnection = await db.connect();
  try {
    await conn.run(
      "CREATE TABLE ev (ts BIGINT, token_id VARCHAR, side VARCHAR, price DOUBLE, size DOUBLE, kind VARCHAR, tick DOUBLE, market_end BIGINT)",
    );
    const app = await conn.createAppender("ev");
    let n = 0;
    for (const r of rows) {
      app.appendBigInt(BigInt(Math.round(r.ts)));
      app.appendVarchar(r.tokenId);
      if (!("side" in r)) {
        // a tick change only: side, price, size and kind NULL
        for (let c = 0; c < 4; c++) app.appendNull();
        app.appendDouble(r.tick);
        app.appendNull();
        app.endRow();
        n++;
        continue;
      }
      app.appendVarchar(r.side);
      app.appendDouble(r.price);
      app.appendDouble(r.size);
      app.appendVarchar(r.kind);
      if (r.tick === undefined || r.tick === null) app.appendNull();
      else app.appendDouble(r.tick);
      if (r.marketEnd === undefined || r.marketEnd === null) app.appendNull();
      else app.appendBigInt(BigInt(Math.round(r.marketEnd)));
      app.endRow();
      n++;
    }
    app.flushSync();
    app.closeSync();
    await conn.run(`COPY ev TO ${sqlString(file)} (FORMAT parquet)`);
    return n;
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
