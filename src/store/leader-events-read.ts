// leader_events read side: filters, the sorted-order flag, and the fast time-ordered reader that streams integer
// columns (codes, hex-packed ids) by chunk and rebuilds strings only for the events it emits.
import type { DuckDBDataChunk } from "@duckdb/node-api";
import { ACTIVITY_KINDS, EVENT_SOURCES, type LeaderTradeEvent } from "../core/index.js";
import { numericColumn, sqlString, type Store } from "./db.js";
import { hexRowPieces, PIECE_ROWS } from "./hexpack.js";
import { DICTIONARIES, type DictName } from "./schema.js";

export interface EventFilter {
  /** Only these leaders (lower-case wallets). */
  leaders?: readonly string[];
  /** ts ≥ from (ms). */
  from?: number;
  /** ts < to (ms). */
  to?: number;
}

/** WHERE clause of a filter over leader_events (`table`: its alias when the query joins it with another). */
export function whereOf(f: EventFilter, table?: string): string {
  const col = (name: string) => (table ? `${table}.${name}` : name);
  const c: string[] = [];
  if (f.leaders && f.leaders.length > 0) {
    const names = f.leaders.map((l) => sqlString(l.toLowerCase())).join(", ");
    c.push(`${col("leader_c")} IN (SELECT code FROM dictionary WHERE dict = 'leader' AND value IN (${names}))`);
  }
  if (f.from !== undefined) c.push(`${col("ts")} >= ${Math.floor(f.from)}`);
  if (f.to !== undefined) c.push(`${col("ts")} < ${Math.floor(f.to)}`);
  return c.length ? `WHERE ${c.join(" AND ")}` : "";
}

export async function countLeaderEvents(store: Store, f: EventFilter = {}): Promise<number> {
  return Number(await store.scalar(`SELECT count(*) FROM leader_events ${whereOf(f)}`));
}
/** Rows per sorted read window. */
const WINDOW_ROWS = 1 << 18;
export const quotedList = (xs: readonly string[]) => `[${xs.map(sqlString).join(", ")}]`;
/** Column order of the fast read query (all numeric except the two raw fallbacks). */
const C = {
  id0: 0, id1: 1, id2: 2, seq: 3, leader: 4, kind: 5, condition: 6, token: 7, outcomeIndex: 8, side: 9,
  size: 10, price: 11, usdc: 12, ts: 13, seenAt: 14, tx0: 15, unused: 23, source: 24, slug: 25, outcome: 26, flags: 27,
} as const;

export interface ReadOptions extends EventFilter {
  /** Stop after this many events. */
  limit?: number;
  /** Rows per sorted read window (default 262,144). */
  windowRows?: number;
  /** Use the no-sort scan when the table is stored in (ts, seq) order (default true). */
  presorted?: boolean;
}

/** Prepared fast read: dictionaries (small) and the SQL of the numeric stream. Drop with `dispose`. */
export interface EventReadPlan {
  /** One query over everything (ORDER BY ts, seq). */
  sql: string;
  /** The same rows as consecutive ts windows, each ordered: run them in order (what readLeaderEvents does). */
  queries: string[];
  dicts: Record<DictName, string[]>;
  /** seq → event id / tx hash of rows stored without hex parts. */
  rawIds: Map<number, string>;
  rawTx: Map<number, string>;
  dispose(): Promise<void>;
}

export async function planLeaderEventRead(store: Store, opts: ReadOptions = {}): Promise<EventReadPlan> {
  const where = whereOf(opts);
  const dicts = {} as EventReadPlan["dicts"];
  for (const name of Object.keys(DICTIONARIES) as DictName[]) {
    const cols = await store.columns(`SELECT code, value FROM dictionary WHERE dict = '${name}' ORDER BY code`);
    const arr: string[] = [];
    (cols.code ?? []).forEach((c, i) => (arr[Number(c)] = String(cols.value![i])));
    dicts[name] = arr;
  }
  const tx = Array.from({ length: 8 }, (_, k) => `coalesce(tx${k}, 0)`).join(", ");
  // Rows whose ids are not canonical hex keep their strings (rare: foreign ids): fetched once, by seq.
  const raw = await store.columns(`SELECT seq::DOUBLE AS seq, event_id, tx_hash FROM leader_events ${where ? where + " AND" : "WHERE"} (id0 IS NULL OR tx0 IS NULL)`);
  const rawIds = new Map<number, string>();
  const rawTx = new Map<number, string>();
  (raw.seq ?? []).forEach((q, i) => {
    rawIds.set(Number(q), String(raw.event_id![i]));
    rawTx.set(Number(q), String(raw.tx_hash![i]));
  });
  const cols = `coalesce(id0, 0), coalesce(id1, 0), coalesce(id2, 0), seq::DOUBLE,
      leader_c, kind_c, condition_c, token_c, coalesce(outcome_index, -1)::INTEGER, side_c,
      size, price, usdc_size, ts::DOUBLE, seen_at::DOUBLE, ${tx}, 0::INTEGER,
      source_c, slug_c, outcome_c, ((id0 IS NULL)::INTEGER + 2 * (tx0 IS NULL)::INTEGER)::INTEGER`;
  const limit = opts.limit !== undefined ? `LIMIT ${Math.floor(opts.limit)}` : "";
  const sql = `SELECT ${cols} FROM leader_events ${where} ORDER BY ts, seq ${limit}`;
  // Time windows of ~WINDOW_ROWS rows each (approximate quantiles of ts): each window sorts in memory and the
  // zone maps skip the rest, instead of one external sort of the whole table. Boundaries are exact ts values,
  // so the windows partition the rows whatever the approximation.
  const total = Number(await store.scalar(`SELECT count(*) FROM leader_events ${where}`));
  const k = Math.max(1, Math.ceil(total / (opts.windowRows ?? WINDOW_ROWS)));
  let queries = [sql];
  if (opts.limit === undefined && opts.presorted !== false && (await physicallySorted(store))) {
    // Stored in (ts, seq) order already: a plain scan keeps insertion order (preserve_insertion_order), no sort.
    queries = [`SELECT ${cols} FROM leader_events ${where}`];
  } else if (k > 1 && opts.limit === undefined) {
    const qs = Array.from({ length: k - 1 }, (_, i) => (i + 1) / k);
    const b = (await store.columns(`SELECT unnest(approx_quantile(ts, [${qs.join(", ")}]))::DOUBLE AS b FROM leader_events ${where}`)).b ?? [];
    const bounds = [...new Set(b.map(Number))].sort((x, y) => x - y);
    const and = where ? `${where} AND` : "WHERE";
    queries = [];
    let lo: number | undefined;
    for (const hi of [...bounds, undefined]) {
      const c = [lo !== undefined ? `ts >= ${lo}` : "", hi !== undefined ? `ts < ${hi}` : ""].filter(Boolean).join(" AND ");
      queries.push(`SELECT ${cols} FROM leader_events ${and} ${c} ORDER BY ts, seq`);
      lo = hi;
    }
  }
  return { sql, queries, dicts, rawIds, rawTx, async dispose() {} };
}
/** True when leader_events' physical row order is (ts, seq) order (checked in SQL, no data leaves DuckDB). */
export async function physicallySorted(store: Store, recheck = false): Promise<boolean> {
  if (!recheck) {
    const flag = await store.scalar(`SELECT value FROM store_meta WHERE key = '${SORTED_KEY}'`).catch(() => undefined);
    if (flag === "true" || flag === "false") return flag === "true";
  }
  const bad = await store.scalar(`SELECT count(*) FROM (
      SELECT ts, seq, lag(ts) OVER w AS pts, lag(seq) OVER w AS pseq FROM leader_events WINDOW w AS (ORDER BY rowid))
    WHERE ts < pts OR (ts = pts AND seq < pseq)`);
  const sorted = Number(bad) === 0;
  if (!store.readOnly) await setSortedFlag(store, sorted);
  return sorted;
}

const SORTED_KEY = "leader_events.sorted";

async function setSortedFlag(store: Store, sorted: boolean): Promise<void> {
  await store.run(`INSERT OR REPLACE INTO store_meta VALUES ('${SORTED_KEY}', '${sorted}')`);
}

/** Before appending rows: what it takes to keep the sorted flag right afterwards. */
export async function beforeAppend(store: Store): Promise<{ maxTs: number | null; wasEmpty: boolean }> {
  const maxTs = await store.scalar("SELECT max(ts) FROM leader_events");
  return { maxTs: maxTs === null || maxTs === undefined ? null : Number(maxTs), wasEmpty: maxTs === null || maxTs === undefined };
}

/**
 * After appending rows (each batch is inserted in (ts, seq) order): the table stays physically sorted iff the new
 * rows start at or after the previous maximum ts. An unknown flag stays unknown (checked on the next read).
 */
export async function afterAppend(store: Store, before: { maxTs: number | null; wasEmpty: boolean }, newMinTs: number | null): Promise<void> {
  if (newMinTs === null) return;
  if (before.wasEmpty) return setSortedFlag(store, true);
  const flag = await store.scalar(`SELECT value FROM store_meta WHERE key = '${SORTED_KEY}'`);
  if (flag === "true" && before.maxTs !== null && newMinTs < before.maxTs) await setSortedFlag(store, false);
}
const SIDE_OF = [null, "BUY", "SELL"] as const;

/** Decode one chunk of the fast read query into events. */
function decodeChunk(chunk: DuckDBDataChunk, plan: Pick<EventReadPlan, "dicts" | "rawIds" | "rawTx">, out: LeaderTradeEvent[] = []): LeaderTradeEvent[] {
  const m = chunk.rowCount;
  const col = (k: number) => numericColumn(chunk, k);
  // Ids and hashes: every row's digits in one word-at-a-time pass, then a few strings of PIECE_ROWS rows; each
  // event's id is a slice of its piece (flat, no copy; a kept id keeps only its ≤ 34 KB piece alive).
  const ids = hexRowPieces("ev_", [col(C.id0), col(C.id1), col(C.id2)], m);
  const txCols: ArrayLike<number>[] = [];
  for (let k = 0; k < 8; k++) txCols.push(col(C.tx0 + k));
  const txs = hexRowPieces("0x", txCols, m);
  const leader = col(C.leader), kind = col(C.kind), cond = col(C.condition), tok = col(C.token);
  const oi = col(C.outcomeIndex), side = col(C.side), size = col(C.size), price = col(C.price), usdc = col(C.usdc);
  const ts = col(C.ts), seen = col(C.seenAt), src = col(C.source), slug = col(C.slug), outc = col(C.outcome);
  const seq = col(C.seq);
  const { rawIds, rawTx, dicts } = plan;
  const flags = col(C.flags);
  const { leader: L, condition: CD, token: T, slug: S, outcome: O } = dicts;
  const idW = ids.width, idS = ids.stride, idP = ids.pad;
  const txW = txs.width, txS = txs.stride, txP = txs.pad;
  let at = out.length;
  out.length = at + m; // one allocation instead of growing by push
  for (let base = 0, piece = 0; base < m; base += PIECE_ROWS, piece++) {
    const idStr = ids.pieces[piece]!;
    const txStr = txs.pieces[piece]!;
    const end = base + PIECE_ROWS < m ? base + PIECE_ROWS : m;
    for (let i = base, io = idP, to = txP; i < end; i++, io += idS, to += txS) {
      const f = flags[i]!;
      const o = oi[i]!;
      const sl = slug[i]!;
      const ou = outc[i]!;
      out[at++] = {
        eventId: f & 1 ? rawIds.get(seq[i]!)! : idStr.slice(io, io + idW),
        leader: L[leader[i]!]!,
        kind: ACTIVITY_KINDS[kind[i]!]!,
        conditionId: CD[cond[i]!]!,
        tokenId: T[tok[i]!]!,
        outcomeIndex: o < 0 ? null : o,
        side: SIDE_OF[side[i]!]!,
        size: size[i]!,
        price: price[i]!,
        usdcSize: usdc[i]!,
        ts: ts[i]!,
        seenAt: seen[i]!,
        txHash: f & 2 ? rawTx.get(seq[i]!)! : txStr.slice(to, to + txW),
        source: EVENT_SOURCES[src[i]!]!,
        slug: sl < 0 ? undefined : S[sl],
        outcome: ou < 0 ? undefined : O[ou],
      };
    }
  }
  return out;
}

/**
 * Time-ordered leader events from the store, one array per DuckDB chunk (≈2048 events). The stream has a connection
 * of its own: on the store's shared one, any other query (another read, a journal write, a count) ends a pending
 * result, and the read would stop early looking like its end.
 */
export async function* readLeaderEvents(store: Store, opts: ReadOptions = {}): AsyncGenerator<LeaderTradeEvent[]> {
  const plan = await planLeaderEventRead(store, opts);
  const own = await store.connect();
  try {
    for (const q of plan.queries) for await (const chunk of own.stream(q)) yield decodeChunk(chunk, plan);
  } finally {
    own.close();
    await plan.dispose();
  }
}
