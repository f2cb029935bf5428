// Writes one replay run into the store: the run row (config JSON, book source, fill and latency models) and its
// intents, skips, mirrors, exec events, positions over time and metrics. A run id written again replaces it.
import { DOUBLE, VARCHAR, type DuckDBType } from "@duckdb/node-api";
import type { Decision, ExecEvent } from "../core/index.js";
import type { ChunkWriter, Store } from "./db.js";
import { RUN_TABLES } from "./schema.js";

export interface RunRow {
  runId: string;
  label: string;
  config: unknown;
  bookSource: string;
  fillModel: string;
  latencyModel: string;
  /** Taker fees modelled (report text). */
  fees?: string;
  source: string;
  events: number;
}

/** A journal column: its name in the run table and how it is staged (BIGINTs staged as DOUBLE: no BigInt per value). */
type Col = [name: string, staged: DuckDBType, final?: "BIGINT"];
const V = VARCHAR;
const D = DOUBLE;

/** The run tables a RunWriter stages, their columns after run_id in table order. */
const STAGED = {
  intents: ["run_intents", [["intent_id", V], ["leader", V], ["token_id", V], ["condition_id", V], ["side", V], ["target_shares", D],
    ["target_notional", D], ["limit_price", D], ["order_type", V], ["leader_price", D], ["ideal_shares", D], ["ratio", D], ["purpose", V],
    ["source_event_ids", V], ["ts", D, "BIGINT"], ["seen_at", D, "BIGINT"]]],
  skips: ["run_skips", [["reason", V], ["detail", V], ["leader", V], ["token_id", V], ["side", V], ["leader_price", D], ["ideal_shares", D],
    ["source_event_ids", V], ["ts", D, "BIGINT"]]],
  mirrors: ["run_mirrors", [["action", V], ["leader", V], ["condition_id", V], ["token_ids", V], ["shares", D], ["winning_token_id", V],
    ["source_event_ids", V], ["ts", D, "BIGINT"]]],
  exec: ["run_exec_events", [["seq", D, "BIGINT"], ["type", V], ["intent_id", V], ["mode", V], ["ts", D, "BIGINT"], ["order_id", V], ["token_id", V],
    ["side", V], ["price", D], ["size", D], ["fee", D], ["trade_id", V], ["terminal", V], ["filled_shares", D], ["avg_price", D], ["reason", V],
    ["detail", V]]],
  positions: ["run_positions", [["seq", D, "BIGINT"], ["ts", D, "BIGINT"], ["token_id", V], ["shares", D], ["cash", D]]],
} as const satisfies Record<string, readonly [string, readonly Col[]]>;
type Staged = keyof typeof STAGED;

/** Staging tables get a number (each writer stages on a connection of its own, where TEMP tables are private). */
let nextStage = 0;

/**
 * Streams a run's rows as they happen (chunked appenders) into TEMP staging tables on a connection of its own;
 * `finish` then replaces the run in one transaction there (old rows of the run id out, staged rows, run row and
 * metrics in). A run that fails before `finish` (or is `abort`ed) leaves the journal as it was: an earlier run of the
 * same id is not lost. Runs journalled at once into one store do not share a transaction.
 */
export class RunWriter {
  private execSeq = 0;
  private posSeq = 0;
  private done = false;
  private constructor(
    private readonly store: Store,
    readonly runId: string,
    private readonly stage: Record<Staged, string>,
    private readonly w: Record<Staged, ChunkWriter>,
  ) {}

  static async open(db: Store, runId: string): Promise<RunWriter> {
    const store = await db.connect();
    const n = nextStage++;
    const stage = {} as Record<Staged, string>;
    const w = {} as Record<Staged, ChunkWriter>;
    try {
      for (const [k, [table, cols]] of Object.entries(STAGED) as [Staged, (typeof STAGED)[Staged]][]) {
        const name = (stage[k] = `stage_${table}_${n}`);
        await store.run(`CREATE OR REPLACE TEMP TABLE ${name} (${cols.map(([c, t]) => `${c} ${t.toString()}`).join(", ")})`);
        w[k] = await store.writer(name, cols.map(([, t]) => t), "temp");
      }
    } catch (e) {
      store.close(); // its TEMP tables go with it
      throw e;
    }
    return new RunWriter(store, runId, stage, w);
  }

  decision(d: Decision): void {
    if (d.kind === "intent") {
      const i = d.intent;
      this.w.intents.push([i.intentId, i.leader, i.tokenId, i.conditionId, i.side, i.targetShares, i.targetNotional, i.limitPrice,
        i.orderType, i.leaderPrice, i.idealShares, i.ratio, i.purpose, i.sourceEventIds.join(","), i.ts, i.seenAt]);
    } else if (d.kind === "skip") {
      this.w.skips.push([d.reason, d.detail, d.leader, d.tokenId, d.side, d.leaderPrice, d.idealShares, d.sourceEventIds.join(","), d.ts]);
    } else {
      this.w.mirrors.push([d.action, d.leader, d.conditionId, d.tokenIds.join(","), d.shares, d.winningTokenId ?? null, d.sourceEventIds.join(","), d.ts]);
    }
  }

  exec(e: ExecEvent): void {
    const seq = this.execSeq++;
    switch (e.type) {
      case "accepted":
        return this.w.exec.push([seq, e.type, e.intentId, e.mode, e.ts, e.orderId, null, null, e.price, e.size, null, null, null, null, null, null, null]);
      case "rejected":
        return this.w.exec.push([seq, e.type, e.intentId, e.mode, e.ts, null, null, null, null, null, null, null, null, null, null, e.reason, e.detail]);
      case "fill":
        return this.w.exec.push([seq, e.type, e.intentId, e.mode, e.ts, e.orderId, e.tokenId, e.side, e.price, e.size, e.fee, e.tradeId, null, null, null, null, null]);
      case "done":
        return this.w.exec.push([seq, e.type, e.intentId, e.mode, e.ts, null, null, null, null, null, null, null, e.terminal, e.filledShares, e.avgPrice, null, e.detail]);
    }
  }

  position(ts: number, tokenId: string, shares: number, cash: number): void {
    this.w.positions.push([this.posSeq++, ts, tokenId, shares, cash]);
  }

  /** Close the appenders, then in one transaction replace the run: its rows, run row and metrics. */
  async finish(run: RunRow, metrics: Record<string, number>): Promise<void> {
    for (const w of Object.values(this.w)) w.close();
    const st = this.store;
    const id = this.runId;
    try {
      await st.run("BEGIN TRANSACTION");
    } catch (e) {
      await this.dropStage();
      throw e;
    }
    try {
      await st.run("DELETE FROM replay_runs WHERE run_id = ?", [id]);
      for (const t of RUN_TABLES) await st.run(`DELETE FROM ${t} WHERE run_id = ?`, [id]);
      for (const [k, [table, cols]] of Object.entries(STAGED) as [Staged, (typeof STAGED)[Staged]][]) {
        const names = cols.map(([c]) => c);
        const exprs = cols.map(([c, , f]: Col) => (f ? `CAST(${c} AS ${f})` : c));
        await st.run(`INSERT INTO ${table} (run_id, ${names.join(", ")}) SELECT ?::VARCHAR, ${exprs.join(", ")} FROM temp.main.${this.stage[k]}`, [id]);
      }
      await st.run(
        `INSERT INTO replay_runs (run_id, label, config, book_source, fill_model, latency_model, source, events, created_at, fees)
         VALUES (?, ?, ?::JSON, ?, ?, ?, ?, ?, now()::TIMESTAMP, ?)`,
        [run.runId, run.label, JSON.stringify(run.config), run.bookSource, run.fillModel, run.latencyModel, run.source, run.events, run.fees ?? null],
      );
      const mw = await st.writer("run_metrics", [VARCHAR, VARCHAR, DOUBLE]);
      for (const [k, v] of Object.entries(metrics)) mw.push([run.runId, k, Number.isFinite(v) ? v : null]);
      mw.close();
      await st.run("COMMIT");
    } catch (e) {
      await st.run("ROLLBACK").catch(() => undefined); // the error that made us roll back is the one to report
      throw e;
    } finally {
      await this.dropStage();
    }
  }

  /** The run failed: drop what was staged; the journal keeps any earlier run of this id. */
  async abort(): Promise<void> {
    if (this.done) return;
    for (const w of Object.values(this.w)) {
      try {
        w.close();
      } catch {
        // already closed
      }
    }
    await this.dropStage();
  }

  /** Drop the staging tables and close this writer's connection (once). */
  private async dropStage(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      for (const name of Object.values(this.stage)) await this.store.run(`DROP TABLE IF EXISTS temp.main.${name}`);
    } finally {
      this.store.close();
    }
  }
}

/** Flatten nested numbers of an object into dotted metric names (arrays and strings are skipped). */
export function flattenMetrics(x: unknown, prefix = "", out: Record<string, number> = {}): Record<string, number> {
  if (typeof x === "number") out[prefix] = x;
  else if (x && typeof x === "object" && !Array.isArray(x)) {
    for (const [k, v] of Object.entries(x)) flattenMetrics(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}
