// DuckDB schema of the project store: imported leader events, import errors, replay runs and everything a
// run produces (intents, skips, mirrors, exec events, positions over time, metrics). Idempotent DDL.
import { ACTIVITY_KINDS, EVENT_SOURCES } from "../core/index.js";
import type { Store } from "./db.js";

export interface SchemaOptions {
  /**
   * Enforce event_id uniqueness on leader_events with a PRIMARY KEY (default true). Bulk synthetic benchmark
   * databases turn it off: an ART index over 10 M keys needs more memory than the benchmark budget.
   */
  eventKey?: boolean;
}

const TX = Array.from({ length: 8 }, (_, k) => `tx${k}`);

/**
 * Columns of a leader-event staging table (strings as the venue gives them), in order: the importer appends here,
 * then leader-events.ts moves rows into leader_events, replacing strings by dictionary codes.
 */
export const LEADER_EVENT_STAGE_COLUMNS = [
  "event_id", "id0", "id1", "id2", "seq",
  "leader", "kind", "condition_id", "token_id", "outcome_index", "side",
  "size", "price", "usdc_size", "ts", "seen_at",
  "tx_hash", ...TX,
  "source", "slug", "outcome", "file", "row_index",
] as const;

export function leaderEventStageDdl(name: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${name} (
    event_id VARCHAR NOT NULL, id0 UINTEGER, id1 UINTEGER, id2 UINTEGER, seq BIGINT NOT NULL,
    leader VARCHAR, kind VARCHAR, condition_id VARCHAR, token_id VARCHAR, outcome_index INTEGER, side VARCHAR,
    size DOUBLE, price DOUBLE, usdc_size DOUBLE, ts BIGINT, seen_at BIGINT,
    tx_hash VARCHAR, ${TX.map((t) => `${t} UINTEGER`).join(", ")},
    source VARCHAR, slug VARCHAR, outcome VARCHAR, file VARCHAR, row_index INTEGER)`;
}

/** Dictionaries: name → string column of the stage it encodes (and leader_events column of the code). */
export const DICTIONARIES = { leader: "leader", condition: "condition_id", token: "token_id", slug: "slug", outcome: "outcome" } as const;
export type DictName = keyof typeof DICTIONARIES;

/** Columns of leader_events in table order. Strings live in `dictionary`; `leader_events_v` shows them. */
export const LEADER_EVENT_COLUMNS = [
  "event_id", // 'ev_' + 24 hex (pipeline/ids.ts); PRIMARY KEY
  "id0", "id1", "id2", // the 24 hex digits as three UINTEGERs (NULL when the id is not canonical): fast reads
  "seq", // import order, tie-break within one ts
  "leader_c", "kind_c", "condition_c", "token_c", "outcome_index", "side_c",
  "size", "price", "usdc_size", "ts", "seen_at",
  "tx_hash", ...TX, // tx_hash only when not canonical '0x'+64 hex; else its digits as UINTEGERs
  "source_c", "slug_c", "outcome_c", "file", "row_index",
] as const;

function leaderEventsDdl(eventKey: boolean): string {
  return `CREATE TABLE IF NOT EXISTS leader_events (
    event_id VARCHAR NOT NULL ${eventKey ? "PRIMARY KEY" : ""},
    id0 UINTEGER, id1 UINTEGER, id2 UINTEGER,
    seq BIGINT NOT NULL,
    leader_c INTEGER NOT NULL, kind_c INTEGER NOT NULL, condition_c INTEGER NOT NULL, token_c INTEGER NOT NULL,
    outcome_index INTEGER, side_c INTEGER NOT NULL,
    size DOUBLE NOT NULL, price DOUBLE NOT NULL, usdc_size DOUBLE NOT NULL,
    ts BIGINT NOT NULL, seen_at BIGINT NOT NULL,
    tx_hash VARCHAR, ${TX.map((t) => `${t} UINTEGER`).join(", ")},
    source_c INTEGER NOT NULL, slug_c INTEGER NOT NULL, outcome_c INTEGER NOT NULL, file VARCHAR, row_index INTEGER
  )`;
}

const sqlList = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(", ")}]`;

/** leader_events with its strings back (for people and notebooks; the replay reads codes). */
function leaderEventsViewDdl(kinds: readonly string[], sources: readonly string[]): string {
  const dj = (a: string, dict: string, col: string) => `LEFT JOIN dictionary ${a} ON ${a}.dict = '${dict}' AND ${a}.code = e.${col}`;
  return `CREATE OR REPLACE VIEW leader_events_v AS
    SELECT e.event_id, dl.value AS leader, ${sqlList(kinds)}[e.kind_c + 1] AS kind, dc.value AS condition_id, dt.value AS token_id,
      e.outcome_index, ['', 'BUY', 'SELL'][e.side_c + 1] AS side, e.size, e.price, e.usdc_size, e.ts, e.seen_at,
      coalesce(e.tx_hash, printf('0x%08x%08x%08x%08x%08x%08x%08x%08x', ${TX.map((t) => `e.${t}`).join(", ")})) AS tx_hash,
      ${sqlList(sources)}[e.source_c + 1] AS source, ds.value AS slug, dout.value AS outcome, e.file, e.row_index, e.seq
    FROM leader_events e ${dj("dl", "leader", "leader_c")} ${dj("dc", "condition", "condition_c")} ${dj("dt", "token", "token_c")}
      ${dj("ds", "slug", "slug_c")} ${dj("dout", "outcome", "outcome_c")}`;
}

/**
 * A column of a run table (after its leading run_id). `few`: a VARCHAR with few distinct values (leader, side, type,
 * reason…): a run journal stages it as codes into a small per-run dictionary (store/runs.ts), so each distinct string
 * crosses into DuckDB once, not once per row. Not for token or market ids: thousands of them make the dictionary, which
 * the final INSERT reads as one constant list, cost more than it saves (measured).
 */
export interface RunColumn {
  name: string;
  type: "VARCHAR" | "DOUBLE" | "BIGINT";
  notNull?: true;
  few?: true;
}
const str = (name: string, ...f: ("not null" | "few")[]): RunColumn => ({ name, type: "VARCHAR", ...(f.includes("not null") ? { notNull: true } : {}), ...(f.includes("few") ? { few: true } : {}) });
const dbl = (name: string, notNull?: "not null"): RunColumn => ({ name, type: "DOUBLE", ...(notNull ? { notNull: true } : {}) });
const big = (name: string, notNull?: "not null"): RunColumn => ({ name, type: "BIGINT", ...(notNull ? { notNull: true } : {}) });
const R = "few";
const NN = "not null";

/** The tables holding one run's rows a journal streams (run_metrics, written at the end, is declared below). */
export const RUN_COLUMNS = {
  run_intents: [str("intent_id", NN), str("leader", R), str("token_id"), str("condition_id"), str("side", R), dbl("target_shares"),
    dbl("target_notional"), dbl("limit_price"), str("order_type", R), dbl("leader_price"), dbl("ideal_shares"), dbl("ratio"), str("purpose", R),
    str("source_event_ids"), big("ts"), big("seen_at"), dbl("slippage"), str("source_ratios")],
  run_skips: [str("reason", NN, R), str("detail"), str("leader", R), str("token_id"), str("side", R), dbl("leader_price"), dbl("ideal_shares"),
    str("source_event_ids"), big("ts"), dbl("ratio"), str("source_ratios"), dbl("target_shares")],
  run_mirrors: [str("action", NN, R), str("leader", R), str("condition_id"), str("token_ids"), dbl("shares"), str("winning_token_id"),
    str("source_event_ids"), big("ts"), str("lost_token_ids")],
  run_exec_events: [big("seq", NN), str("type", NN, R), str("intent_id", NN), str("mode", R), big("ts"), str("order_id"), str("token_id"),
    str("side", R), dbl("price"), dbl("size"), dbl("fee"), str("trade_id"), str("terminal", R), dbl("filled_shares"), dbl("avg_price"), str("reason", R),
    str("detail")],
  run_positions: [big("seq", NN), big("ts", NN), str("token_id", NN), dbl("shares", NN), dbl("cash", NN)],
  // market outcomes the run applied (--resolutions): held shares settled 1/0 at ts, which moves cash and positions
  run_resolutions: [str("condition_id", NN), str("winning_token_id", NN), big("ts", NN)],
} as const satisfies Record<string, readonly RunColumn[]>;
export type RunTable = keyof typeof RUN_COLUMNS;

function runTableDdl(table: string, cols: readonly RunColumn[]): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (run_id VARCHAR NOT NULL, ${cols.map((c) => `${c.name} ${c.type}${c.notNull ? " NOT NULL" : ""}`).join(", ")})`;
}

const RUN_DDL = [
  `CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS dictionary (dict VARCHAR NOT NULL, code INTEGER NOT NULL, value VARCHAR NOT NULL, PRIMARY KEY (dict, code))`,
  `CREATE TABLE IF NOT EXISTS import_errors (
    file VARCHAR NOT NULL, row_index INTEGER NOT NULL, field VARCHAR NOT NULL, value VARCHAR, message VARCHAR NOT NULL,
    PRIMARY KEY (file, row_index)
  )`,
  `CREATE TABLE IF NOT EXISTS replay_runs (
    run_id VARCHAR PRIMARY KEY, label VARCHAR, config JSON NOT NULL, book_source VARCHAR NOT NULL,
    fill_model VARCHAR NOT NULL, latency_model VARCHAR NOT NULL, source VARCHAR NOT NULL, events BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
  )`,
  ...Object.entries(RUN_COLUMNS).map(([table, cols]) => runTableDdl(table, cols)),
  `CREATE TABLE IF NOT EXISTS run_metrics (run_id VARCHAR NOT NULL, name VARCHAR NOT NULL, value DOUBLE)`,
];

/** Columns added to the run tables since they first shipped (ALTER … IF NOT EXISTS: no-ops on a new database). */
const RUN_COLUMNS_ADDED = [
  // which taker fees a run modelled ("none", or where the rates came from)
  `ALTER TABLE replay_runs ADD COLUMN IF NOT EXISTS fees VARCHAR`,
  // r_u a skipped copy was sized at when it is not the ideal's own (Skip.ratio: netted windows, BUDGETED_DYNAMIC)
  `ALTER TABLE run_skips ADD COLUMN IF NOT EXISTS ratio DOUBLE`,
  // the slippage cap an intent's order was sent with (per-leader overrides differ from the defaults)
  `ALTER TABLE run_intents ADD COLUMN IF NOT EXISTS slippage DOUBLE`,
  // a REDEEM mirror's tokens the leader's payout showed lost when it named no winner (Mirror.lostTokenIds)
  `ALTER TABLE run_mirrors ADD COLUMN IF NOT EXISTS lost_token_ids VARCHAR`,
  // r_u of each source event of a netted intent/skip when they differ (CopyIntent/Skip.sourceRatios, attribution's)
  `ALTER TABLE run_intents ADD COLUMN IF NOT EXISTS source_ratios VARCHAR`,
  `ALTER TABLE run_skips ADD COLUMN IF NOT EXISTS source_ratios VARCHAR`,
  // what was left of a copy caps or holdings cut before a size rule refused it (Skip.targetShares, attribution's)
  `ALTER TABLE run_skips ADD COLUMN IF NOT EXISTS target_shares DOUBLE`,
  // the --leader filter a run read its source with (JSON array of wallets; NULL: every leader of the source)
  `ALTER TABLE replay_runs ADD COLUMN IF NOT EXISTS leaders JSON`,
  // source rows refused as unreadable (named on stderr, not replayed): a run of a partly unreadable source says so
  `ALTER TABLE replay_runs ADD COLUMN IF NOT EXISTS skipped_rows BIGINT`,
];

/** Tables that hold one run's rows (cleared before a run with the same id is written again). */
export const RUN_TABLES = [...(Object.keys(RUN_COLUMNS) as RunTable[]), "run_metrics"] as const;

export async function ensureSchema(store: Store, opts: SchemaOptions = {}): Promise<void> {
  await store.run(leaderEventsDdl(opts.eventKey !== false));
  for (const ddl of RUN_DDL) await store.run(ddl);
  // columns added after a table first shipped: a database written by an older version gains them
  for (const ddl of RUN_COLUMNS_ADDED) await store.run(ddl);
  await store.run(leaderEventsViewDdl(ACTIVITY_KINDS, EVENT_SOURCES));
}
