// Recorded best bid/ask WITHOUT sizes (polled sessions, ../shared/data/book-series/btc-15m-bbo) loaded into a
// per-token time series (BookView "recorded-bbo"), so replays can fill against real spreads when no sizes were kept.
//
// Format: a session JSON file, or a folder of them (searched below, read in name order): one object
// `{ sessionId, startTime, endTime, marketSlug, totalTicks, ticks: [...] }`; each tick `{ timestampMs (ms; else the ISO
// `timestamp`), market: { slug, upTokenId, downTokenId, endDate (ISO) }, prices: { upAsk, upBid, downAsk, downBid } }`
// gives one snapshot per outcome at its time. A price of 0 is an empty side. Sizes are not recorded: each touch gets an
// ASSUMED size `touchSize` (config fill.depthShares, default 200). Tick and min size as recorded-l1 (top-of-book.ts).
// Equal times of a token collapse to one snapshot (the last wins). From a market's endDate on, at() gives no book for
// its tokens (closeAtMarketEnd, default on). A bad field is reported (file, row = index in `ticks`, field, value) and
// its tick (or that outcome, for a price or token id) is skipped — a time that is not ms (seconds, µs, ns: times.ts)
// included; a bad endDate (reported once per market) only leaves the market's end unset.
// As in every recorded view (top-of-book.ts, book-issues.ts): a price on none of the venue's ticks is reported and its
// side left out, a crossed or locked book gives no book (each run reported once, at the row and price that crossed
// it), and only the first 20 issues of a field are listed (over all files read), one summary counting the rest.
// Cannot model: sizes (assumed, not recorded), depth beyond the touch, trades between polls, our own impact on later
// polls, queue position.
import { readFileSync } from "node:fs";
import type { Book } from "../../core/book.js";
import { parseJsonText } from "../../core/json-text.js";
import { parseUtcTime } from "../../core/utc-time.js";
import { jsonFiles } from "../../core/json-files.js";
import { bookTimeProblem } from "./times.js";
import { recordedTopOfBook, roundedTokenIdProblem, topOfBook, codeOfSnapshot, type RecordedTopOfBook, type SnapshotPlace, type TopOfBookMarket, type TopOfBookOptions } from "./top-of-book.js";
import { BookIssueLog } from "./book-issues.js";

export type RecordedBboBooks = RecordedTopOfBook;

export interface RecordedBboOptions extends TopOfBookOptions {
  /** Assumed shares shown at each best bid and ask (the recording has no sizes); default 200. */
  touchSize?: number;
  /** No book from a market's end (market.endDate) on: orders then meet no book (default true). */
  closeAtMarketEnd?: boolean;
}

export const DEFAULT_TOUCH_SIZE = 200;
const OUTCOMES = ["up", "down"] as const;

/** What one session file holds, before it becomes a view. */
interface SessionRead {
  file: string;
  rows: number;
  snapshots: Book[];
  markets: TopOfBookMarket[];
  /** Where each of `snapshots` was read: row × 2 + its outcome's index. */
  codes: number[];
}

/** What all the files of one load share: their issues. */
interface LoadState {
  log: BookIssueLog;
}

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);

/** Venue time (ms) of a tick, or the message saying why not. */
function tickTime(raw: unknown): number | string {
  const ms = typeof raw === "string" ? (/^\d+$/.test(raw.trim()) ? Number(raw) : parseUtcTime(raw)) : raw;
  return bookTimeProblem(ms) ?? (ms as number);
}

/** The ticks of one session; throws (naming `file`) when `data` is not a session object. */
function readSession(data: unknown, file: string, opts: RecordedBboOptions, st: LoadState): SessionRead {
  if (!isObject(data) || !Array.isArray(data.ticks)) {
    const what = Array.isArray(data) ? "an array" : isObject(data) ? "an object without a ticks array" : typeof data;
    throw new Error(`${file}: not a recording session (expected an object with a ticks array, got ${what})`);
  }
  const out: SessionRead = { file, rows: 0, snapshots: [], markets: [], codes: [] };
  const markets = new Map<string, TopOfBookMarket>();
  const badEnd = new Set<string>(); // markets whose bad endDate was reported (once each)
  const touch = opts.touchSize ?? DEFAULT_TOUCH_SIZE;
  data.ticks.forEach((tick: unknown, row) => {
    out.rows++;
    const bad = (field: string, value: unknown, message: string, kept?: string): undefined => {
      st.log.note({ file, row, field, value, message, ...(kept ? { kept } : {}) });
      return undefined;
    };
    if (!isObject(tick)) return bad("(tick)", tick, "not an object");
    const ms = tick.timestampMs !== undefined && tick.timestampMs !== null; // null: fall back to the ISO time
    const [timeField, rawTime] = ms ? ["timestampMs", tick.timestampMs] : ["timestamp", tick.timestamp];
    const ts = tickTime(rawTime);
    if (typeof ts === "string") return bad(timeField, rawTime, ts);
    const { market, prices } = tick;
    if (!isObject(market)) return bad("market", market, "not an object");
    if (!isObject(prices)) return bad("prices", prices, "not an object");
    const tokens = { up: market.upTokenId, down: market.downTokenId };
    for (const o of OUTCOMES) {
      const tokenId = tokens[o];
      if (typeof tokenId !== "string" || tokenId.trim() === "") {
        bad(`market.${o}TokenId`, tokenId, "not a token id");
        continue;
      }
      const rounded = roundedTokenIdProblem(tokenId.trim());
      if (rounded !== undefined) {
        bad(`market.${o}TokenId`, tokenId, rounded);
        continue;
      }
      const price = (side: "Bid" | "Ask"): number | undefined => {
        const x = prices[`${o}${side}`];
        return typeof x === "number" && x >= 0 && x <= 1 ? x : bad(`prices.${o}${side}`, x, "not a number in [0, 1]");
      };
      const bid = price("Bid");
      const ask = price("Ask");
      if (bid === undefined || ask === undefined) continue;
      const [bidField, askField] = [`prices.${o}Bid`, `prices.${o}Ask`];
      const quote = { tokenId: tokenId.trim(), ts, bid, bidSize: touch, ask, askSize: touch };
      const book = topOfBook(quote, opts, (side, message) => bad(side === "bid" ? bidField : askField, side === "bid" ? bid : ask, message));
      out.codes.push(row * 2 + OUTCOMES.indexOf(o));
      out.snapshots.push(book);
    }
    if (typeof tokens.up !== "string" || typeof tokens.down !== "string") return;
    const key = `${tokens.up}/${tokens.down}`;
    let m = markets.get(key);
    if (m === undefined) {
      const slug = typeof market.slug === "string" ? market.slug : "";
      markets.set(key, (m = { slug, upTokenId: tokens.up.trim(), downTokenId: tokens.down.trim(), endTs: undefined }));
    }
    if (m.endTs === undefined && market.endDate !== undefined) {
      const end = typeof market.endDate === "string" ? parseUtcTime(market.endDate) : NaN;
      if (Number.isFinite(end)) m.endTs = end;
      else if (!badEnd.has(key)) {
        badEnd.add(key);
        bad("market.endDate", market.endDate, "not an ISO date", "the market's end stays unset");
      }
    }
  });
  out.markets = [...markets.values()];
  return out;
}

/** The view over what the files held; markets seen in several files are listed once (their first end wins). */
function view(file: string, reads: readonly SessionRead[], opts: RecordedBboOptions, st: LoadState): RecordedBboBooks {
  const markets = new Map<string, TopOfBookMarket>();
  for (const r of reads) {
    for (const m of r.markets) {
      const key = `${m.upTokenId}/${m.downTokenId}`;
      const seen = markets.get(key);
      if (seen === undefined) markets.set(key, { ...m });
      else if (seen.endTs === undefined) seen.endTs = m.endTs;
    }
  }
  const codesOf = reads.map((r) => [r, codeOfSnapshot(r.snapshots, r.codes)] as const);
  const read = {
    file,
    rows: reads.reduce((n, r) => n + r.rows, 0),
    snapshots: reads.flatMap((r) => r.snapshots),
    log: st.log,
    place: ((book, side) => {
      for (const [r, codeOf] of codesOf) {
        const code = codeOf(book);
        if (code === undefined) continue;
        const value = (side === "bid" ? book.bids : book.asks)[0]?.price;
        return { file: r.file, row: Math.floor(code / 2), field: `prices.${OUTCOMES[code % 2]}${side === "bid" ? "Bid" : "Ask"}`, value };
      }
      return undefined;
    }) satisfies SnapshotPlace,
    markets: [...markets.values()],
  };
  return recordedTopOfBook("recorded-bbo", read, opts.closeAtMarketEnd ?? true);
}

function parseSessionText(text: string, file: string, opts: RecordedBboOptions, st: LoadState): SessionRead {
  let data: unknown;
  try {
    data = parseJsonText(text);
  } catch (e) {
    throw new Error(`${file}: not JSON: ${(e as Error).message}`);
  }
  return readSession(data, file, opts, st);
}

/**
 * Load a session file, or every *.json below a folder (in name order; the same market in several files merges, later
 * files winning equal times). Throws when a file is unreadable, not JSON or not a session; bad ticks are issues.
 */
export function loadRecordedBbo(path: string, opts: RecordedBboOptions = {}): RecordedBboBooks {
  const st: LoadState = { log: new BookIssueLog(path, opts.maxIssuesPerField) };
  const reads = jsonFiles(path).map((f) => {
    let text: string;
    try {
      text = readFileSync(f, "utf8");
    } catch (e) {
      throw new Error(`${f}: cannot read: ${(e as Error).message}`);
    }
    return parseSessionText(text, f, opts, st);
  });
  return view(path, reads, opts, st);
}

/** Same from one session's text already in memory (tests, small fixtures); `file` names it in issues and errors. */
export function parseRecordedBbo(text: string, file = "<text>", opts: RecordedBboOptions = {}): RecordedBboBooks {
  const st: LoadState = { log: new BookIssueLog(file, opts.maxIssuesPerField) };
  return view(file, [parseSessionText(text, file, opts, st)], opts, st);
}
