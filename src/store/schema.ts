// DuckDB schema of the project store: imported leader events, import errors, replay runs and everything a
// run produces (intents, skips, mirrors, exec events, positions over time, metrics). Idempotent DDL.
import type { Store } from "./db.js";

export interface SchemaOptions {
  /**
   * Enforce event_id uniqueness on leader_events with a PRIMARY KEY (default true). Bulk synthetic benchmark
   * databases turn it off: an ART index over 10 M keys needs more memory than the benchmark budget.
   */
  eventKey?: boolean;
}

/** Columns of leader_events in table order (the appender relies on it). */
export const LEADER_EVENT_COLUMNS = [
  "event_id", // 'ev_' + 24 hex (pipeline/ids.ts); PRIMARY KEY
  "id0", "id1", "id2", // the 24 hex digits as three UINTEGERs (NULL when the id is not canonical): fast reads
  "seq", // import order, tie-break within one ts
  "leader", "kind", "condition_id", "token_id", "outcome_index", "side",
  "size", "price", "usdc_size", "ts", "seen_at",
  "tx_hash", "tx0", "tx1", "tx2", "tx3", "tx4", "tx5", "tx6", "tx7", // tx hash and its 64 hex digits as UINTEGERs
  "source", "slug", "outcome", "file", "row_index",
] as const;

/** Integer codes of the string columns (the `dictionary` table maps them back): what the fast reader streams. */
export const LEADER_EVENT_CODE_COLUMNS = ["leader_c", "condition_c", "token_c", "slug_c", "outcome_c", "kind_c", "side_c", "source_c"] as const;

/** Dictionaries: name → column of leader_events it encodes. */
export const DICTIONARIES = { leader: "leader", condition: "condition_id", token: "token_id", slug: "slug", outcome: "outcome" } as const;
export type DictName = keyof typeof DICTIONARIES;

function leaderEventsDdl(eventKey: boolean): string {
  const tx = Array.from({ length: 8 }, (_, k) => `tx${k} UINTEGER`).join(", ");
  return `CREATE TABLE IF NOT EXISTS leader_events (
    event_id VARCHAR NOT NULL ${eventKey ? "PRIMARY KEY" : ""},
    id0 UINTEGER, id1 UINTEGER, id2 UINTEGER,
    seq BIGINT NOT NULL,
    leader VARCHAR NOT NULL, kind VARCHAR NOT NULL, condition_id VARCHAR NOT NULL, token_id VARCHAR NOT NULL,
    outcome_index INTEGER, side VARCHAR,
    size DOUBLE NOT NULL, price DOUBLE NOT NULL, usdc_size DOUBLE NOT NULL,
    ts BIGINT NOT NULL, seen_at BIGINT NOT NULL,
    tx_hash VARCHAR NOT NULL, ${tx},
    source VARCHAR NOT NULL, slug VARCHAR, outcome VARCHAR, file VARCHAR, row_index INTEGER,
    leader_c INTEGER NOT NULL, condition_c INTEGER NOT NULL, token_c INTEGER NOT NULL, slug_c INTEGER NOT NULL,
    outcome_c INTEGER NOT NULL, kind_c INTEGER NOT NULL, side_c INTEGER NOT NULL, source_c INTEGER NOT NULL
  )`;
}

const RUN_DDL = [
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
  `CREATE TABLE IF NOT EXISTS run_intents (
    run_id VARCHAR NOT NULL, intent_id VARCHAR NOT NULL, leader VARCHAR, token_id VARCHAR, condition_id VARCHAR,
    side VARCHAR, target_shares DOUBLE, target_notional DOUBLE, limit_price DOUBLE, order_type VARCHAR,
    leader_price DOUBLE, ideal_shares DOUBLE, ratio DOUBLE, purpose VARCHAR, source_event_ids VARCHAR,
    ts BIGINT, seen_at BIGINT
  )`,
  `CREATE TABLE IF NOT EXISTS run_skips (
    run_id VARCHAR NOT NULL, reason VARCHAR NOT NULL, detail VARCHAR, leader VARCHAR, token_id VARCHAR, side VARCHAR,
    leader_price DOUBLE, ideal_shares DOUBLE, source_event_ids VARCHAR, ts BIGINT
  )`,
  `CREATE TABLE IF NOT EXISTS run_mirrors (
    run_id VARCHAR NOT NULL, action VARCHAR NOT NULL, leader VARCHAR, condition_id VARCHAR, token_ids VARCHAR,
    shares DOUBLE, winning_token_id VARCHAR, source_event_ids VARCHAR, ts BIGINT
  )`,
  `CREATE TABLE IF NOT EXISTS run_exec_events (
    run_id VARCHAR NOT NULL, seq BIGINT NOT NULL, type VARCHAR NOT NULL, intent_id VARCHAR NOT NULL, mode VARCHAR,
    ts BIGINT, order_id VARCHAR, token_id VARCHAR, side VARCHAR, price DOUBLE, size DOUBLE, fee DOUBLE,
    trade_id VARCHAR, terminal VARCHAR, filled_shares DOUBLE, avg_price DOUBLE, reason VARCHAR, detail VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS run_positions (
    run_id VARCHAR NOT NULL, seq BIGINT NOT NULL, ts BIGINT NOT NULL, token_id VARCHAR NOT NULL,
    shares DOUBLE NOT NULL, cash DOUBLE NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS run_metrics (run_id VARCHAR NOT NULL, name VARCHAR NOT NULL, value DOUBLE)`,
];

/** Tables that hold one run's rows (cleared before a run with the same id is written again). */
export const RUN_TABLES = ["run_intents", "run_skips", "run_mirrors", "run_exec_events", "run_positions", "run_metrics"] as const;

export async function ensureSchema(store: Store, opts: SchemaOptions = {}): Promise<void> {
  await store.run(leaderEventsDdl(opts.eventKey !== false));
  for (const ddl of RUN_DDL) await store.run(ddl);
}
