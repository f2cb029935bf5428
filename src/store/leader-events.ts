// leader_events write side: idempotent bulk insert (dedupe by event id, strings → dictionary codes, rows in
// (ts, seq) order) and Parquet export; the read side (leader-events-read.ts) is re-exported from here.
import { DOUBLE, INTEGER, BIGINT, UINTEGER, VARCHAR } from "@duckdb/node-api";
import { ACTIVITY_KINDS, EVENT_SOURCES, type LeaderTradeEvent } from "../core/index.js";
import { inTransaction, sqlString, type Store } from "./db.js";
import { packHex } from "./hexpack.js";
import { afterAppend, beforeAppend, quotedList, whereOf, type EventFilter } from "./leader-events-read.js";
import { DICTIONARIES, LEADER_EVENT_COLUMNS, leaderEventStageDdl, type DictName } from "./schema.js";

export * from "./leader-events-read.js";

export interface StoredEvent {
  event: LeaderTradeEvent;
  file?: string;
  rowIndex?: number;
}

const LEADER_EVENT_TYPES = [
  VARCHAR, UINTEGER, UINTEGER, UINTEGER, BIGINT,
  VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR,
  DOUBLE, DOUBLE, DOUBLE, BIGINT, BIGINT,
  VARCHAR, UINTEGER, UINTEGER, UINTEGER, UINTEGER, UINTEGER, UINTEGER, UINTEGER, UINTEGER,
  VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER,
];

/** One staging row (LEADER_EVENT_STAGE_COLUMNS order) for an event; `seq` is its position in the batch. */
function leaderEventRow(e: LeaderTradeEvent, seq: number, file: string | null = null, rowIndex: number | null = null): unknown[] {
  const id = packHex(e.eventId, "ev_", 3);
  const tx = packHex(e.txHash.toLowerCase() === e.txHash ? e.txHash : "", "0x", 8);
  return [
    e.eventId, id?.[0] ?? null, id?.[1] ?? null, id?.[2] ?? null, seq,
    e.leader, e.kind, e.conditionId, e.tokenId, e.outcomeIndex, e.side,
    e.size, e.price, e.usdcSize, e.ts, e.seenAt,
    e.txHash, ...(tx ?? [null, null, null, null, null, null, null, null]),
    e.source, e.slug ?? null, e.outcome ?? null, file, rowIndex,
  ];
}

export interface InsertResult {
  staged: number;
  imported: number;
  duplicates: number;
  /**
   * New rows sharing a leader and ts with rows stored before this insert: their order inside that ms follows the order
   * of the inserts (the store keeps no other), which may not be the order they happened in.
   */
  sameTsAsStored: number;
}

const STAGE = "stage_leader_events";

/** (Re)create the empty staging table (string columns, no key). */
async function createStage(store: Store, name = STAGE): Promise<void> {
  await store.run(leaderEventStageDdl(name));
}

/** Give codes to values of `table`'s dictionary-encoded columns not yet in `dictionary` (named per dict by `cols`). */
export async function registerDictionaryValues(store: Store, table: string, cols: Record<DictName, string> = DICTIONARIES): Promise<void> {
  for (const [dict, col] of Object.entries(cols)) {
    await store.run(`INSERT INTO dictionary
      SELECT '${dict}', (SELECT coalesce(max(code) + 1, 0) FROM dictionary WHERE dict = '${dict}') + (row_number() OVER (ORDER BY v) - 1)::INTEGER, v
      FROM (SELECT DISTINCT ${col} AS v FROM ${table} WHERE ${col} IS NOT NULL
            EXCEPT SELECT value FROM dictionary WHERE dict = '${dict}')`);
  }
}

/**
 * Move a staging table into leader_events: new dictionary values get codes, rows get `seq` after the current
 * maximum (stage seq is relative), and with `dedupe` rows whose event_id is stored or repeats are dropped.
 */
async function finishStagedInsert(store: Store, stage = STAGE, dedupe = true): Promise<void> {
  // One transaction: the new dictionary codes, the rows and the sorted flag that describes them commit together. Each
  // committed alone, a process stopped after the rows and before the flag left "sorted" over rows that are not, and
  // every later replay read them by plain scan, out of time order (a retried import adds nothing, so nothing fixed it).
  await inTransaction(store, () => moveStaged(store, stage, dedupe));
  await store.run(`DROP TABLE IF EXISTS ${stage}`);
}

async function moveStaged(store: Store, stage: string, dedupe: boolean): Promise<void> {
  await registerDictionaryValues(store, stage);
  const before = await beforeAppend(store);
  const firstSeq = Number(await store.scalar("SELECT coalesce(max(seq) + 1, 0) FROM leader_events"));
  const src = dedupe
    ? `(SELECT * FROM (SELECT * FROM ${stage} QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY seq) = 1) x
        WHERE NOT EXISTS (SELECT 1 FROM leader_events e WHERE e.event_id = x.event_id)) s`
    : `${stage} s`;
  const dj = (alias: string, dict: string, col: string, left = false) =>
    `${left ? "LEFT " : ""}JOIN dictionary ${alias} ON ${alias}.dict = '${dict}' AND ${alias}.value = s.${col}`;
  const expr: Record<string, string> = {
    seq: `${firstSeq} + s.seq`,
    leader_c: "dl.code",
    kind_c: `(list_position(${quotedList(ACTIVITY_KINDS)}, s.kind) - 1)::INTEGER`,
    condition_c: "dc.code",
    token_c: "dt.code",
    side_c: "(CASE s.side WHEN 'BUY' THEN 1 WHEN 'SELL' THEN 2 ELSE 0 END)::INTEGER",
    tx_hash: "CASE WHEN s.tx0 IS NULL THEN s.tx_hash END",
    source_c: `(list_position(${quotedList(EVENT_SOURCES)}, s.source) - 1)::INTEGER`,
    slug_c: "coalesce(ds.code, -1)",
    outcome_c: "coalesce(dout.code, -1)",
  };
  await store.run(`INSERT INTO leader_events (${LEADER_EVENT_COLUMNS.join(", ")})
    SELECT ${LEADER_EVENT_COLUMNS.map((c) => expr[c] ?? `s.${c}`).join(", ")}
    FROM ${src}
    ${dj("dl", "leader", "leader")} ${dj("dc", "condition", "condition_id")} ${dj("dt", "token", "token_id")}
    ${dj("ds", "slug", "slug", true)} ${dj("dout", "outcome", "outcome", true)}
    ORDER BY s.ts, s.seq`);
  const newMin = await store.scalar(`SELECT min(ts) FROM leader_events WHERE seq >= ${firstSeq}`);
  await afterAppend(store, before, newMin === null || newMin === undefined ? null : Number(newMin));
}

/**
 * Insert events idempotently: rows whose event_id is already stored (or repeats within the batch) are
 * dropped. New rows get `seq` after the current maximum, in batch order.
 */
export async function insertLeaderEvents(store: Store, rows: Iterable<StoredEvent>): Promise<InsertResult> {
  await createStage(store);
  const w = await store.writer(STAGE, LEADER_EVENT_TYPES);
  let i = 0;
  for (const r of rows) w.push(leaderEventRow(r.event, i++, r.file ?? null, r.rowIndex ?? null));
  w.close();
  const before = Number(await store.scalar("SELECT count(*) FROM leader_events"));
  const firstSeq = Number(await store.scalar("SELECT coalesce(max(seq) + 1, 0) FROM leader_events"));
  await finishStagedInsert(store, STAGE, true);
  const after = Number(await store.scalar("SELECT count(*) FROM leader_events"));
  const sameTs = before === 0 ? 0 : Number(
    await store.scalar(`SELECT count(*) FROM leader_events n WHERE n.seq >= ${firstSeq}
      AND EXISTS (SELECT 1 FROM leader_events o WHERE o.seq < ${firstSeq} AND o.leader_c = n.leader_c AND o.ts = n.ts)`),
  );
  return { staged: i, imported: after - before, duplicates: i - (after - before), sameTsAsStored: sameTs };
}

/** Export leader events (strings restored, time-ordered) to a Parquet file; returns the rows written. */
export async function exportLeaderEventsParquet(store: Store, file: string, f: EventFilter = {}): Promise<number> {
  const where = whereOf(f, "e");
  await store.run(`COPY (SELECT v.* EXCLUDE (seq) FROM leader_events_v v JOIN leader_events e USING (event_id) ${where} ORDER BY v.ts, v.seq)
    TO ${sqlString(file)} (FORMAT parquet)`);
  return Number(await store.scalar(`SELECT count(*) FROM read_parquet(${sqlString(file)})`));
}
