// Writes one replay run into the store: the run row (config JSON, book source, fill and latency models) and its
// intents, skips, mirrors, exec events, market resolutions applied, positions over time and metrics. A run id
// written again replaces it.
import { DOUBLE, INTEGER, LIST, listValue, VARCHAR, type DuckDBType } from "@duckdb/node-api";
import type { Decision, ExecEvent, Resolution } from "../core/index.js";
import { inTransaction, type ChunkWriter, type Store } from "./db.js";
import { RUN_COLUMNS, RUN_TABLES, type RunColumn, type RunTable } from "./schema.js";

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
  /** The leaders the run was filtered to (lower-case wallets); absent: every leader of the source. */
  leaders?: readonly string[];
  /** Rows of the source refused as unreadable (not replayed); 0 when none. */
  skippedRows?: number;
}

/** What a RunWriter streams into each run table. */
const STAGED = {
  intents: "run_intents",
  skips: "run_skips",
  mirrors: "run_mirrors",
  exec: "run_exec_events",
  positions: "run_positions",
  resolutions: "run_resolutions",
} as const satisfies Record<string, RunTable>;
type Staged = keyof typeof STAGED;

/**
 * How a run column is staged: a VARCHAR of few values as an INTEGER code into the run's dictionary, a BIGINT as a DOUBLE
 * (no BigInt per value), anything else as it is.
 */
function stagedType(c: RunColumn): DuckDBType {
  if (c.type === "VARCHAR") return c.few ? INTEGER : VARCHAR;
  return DOUBLE;
}

/** The staged column back to its table type (`$2`: the run's dictionary, a list, bound at the final INSERT). */
function finalExpr(c: RunColumn): string {
  if (c.type === "VARCHAR") return c.few ? `$2[${c.name} + 1]` : c.name;
  return c.type === "BIGINT" ? `CAST(${c.name} AS BIGINT)` : c.name;
}

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

  /** The run's dictionary of the few-valued columns' strings: value → code (its index in `dict`). */
  private readonly codes = new Map<string, number>();
  private readonly dict: string[] = [];
  /** Per staged table, the positions of its few-valued columns (coded before the row is appended). */
  private readonly coded = Object.fromEntries(
    (Object.keys(STAGED) as Staged[]).map((k) => [k, RUN_COLUMNS[STAGED[k]].flatMap((c: RunColumn, i) => (c.few ? [i] : []))]),
  ) as Record<Staged, number[]>;

  /** Append a row (table column order) to a staged table, its few-valued strings replaced by their codes. */
  private put(k: Staged, row: unknown[]): void {
    const ix = this.coded[k];
    for (let j = 0; j < ix.length; j++) {
      const v = row[ix[j]!];
      if (typeof v !== "string") continue; // null stays null
      let c = this.codes.get(v);
      if (c === undefined) {
        c = this.dict.length;
        this.codes.set(v, c);
        this.dict.push(v);
      }
      row[ix[j]!] = c;
    }
    this.w[k].push(row);
  }

  static async open(db: Store, runId: string): Promise<RunWriter> {
    const store = await db.connect();
    const n = nextStage++;
    const stage = {} as Record<Staged, string>;
    const w = {} as Record<Staged, ChunkWriter>;
    try {
      for (const [k, table] of Object.entries(STAGED) as [Staged, RunTable][]) {
        const name = (stage[k] = `stage_${table}_${n}`);
        const cols: readonly RunColumn[] = RUN_COLUMNS[table];
        await store.run(`CREATE OR REPLACE TEMP TABLE ${name} (${cols.map((c) => `${c.name} ${stagedType(c).toString()}`).join(", ")})`);
        w[k] = await store.writer(name, cols.map(stagedType), "temp");
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
      this.put("intents", [i.intentId, i.leader, i.tokenId, i.conditionId, i.side, i.targetShares, i.targetNotional, i.limitPrice,
        i.orderType, i.leaderPrice, i.idealShares, i.ratio, i.purpose, i.sourceEventIds.join(","), i.ts, i.seenAt, i.slippage, i.sourceRatios?.join(",") ?? null]);
    } else if (d.kind === "skip") {
      this.put("skips", [d.reason, d.detail, d.leader, d.tokenId, d.side, d.leaderPrice, d.idealShares, d.sourceEventIds.join(","), d.ts, d.ratio ?? null, d.sourceRatios?.join(",") ?? null, d.targetShares ?? null]);
    } else {
      this.put("mirrors", [d.action, d.leader, d.conditionId, d.tokenIds.join(","), d.shares, d.winningTokenId ?? null, d.sourceEventIds.join(","), d.ts, d.lostTokenIds?.join(",") ?? null]);
    }
  }

  exec(e: ExecEvent): void {
    const seq = this.execSeq++;
    switch (e.type) {
      case "accepted":
        return this.put("exec", [seq, e.type, e.intentId, e.mode, e.ts, e.orderId, null, null, e.price, e.size, null, null, null, null, null, null, null]);
      case "rejected":
        return this.put("exec", [seq, e.type, e.intentId, e.mode, e.ts, null, null, null, null, null, null, null, null, null, null, e.reason, e.detail]);
      case "fill":
        return this.put("exec", [seq, e.type, e.intentId, e.mode, e.ts, e.orderId, e.tokenId, e.side, e.price, e.size, e.fee, e.tradeId, null, null, null, null, null]);
      case "done":
        return this.put("exec", [seq, e.type, e.intentId, e.mode, e.ts, null, null, null, null, null, null, null, e.terminal, e.filledShares, e.avgPrice, null, e.detail]);
    }
  }

  /** A market outcome the run applied (its held shares settled at 1/0 then). */
  resolution(r: Resolution): void {
    this.put("resolutions", [r.conditionId, r.winningTokenId, r.ts]);
  }

  position(ts: number, tokenId: string, shares: number, cash: number): void {
    this.put("positions", [this.posSeq++, ts, tokenId, shares, cash]);
  }

  /** Close the appenders, then in one transaction replace the run: its rows, run row and metrics. */
  async finish(run: RunRow, metrics: Record<string, number>): Promise<void> {
    const st = this.store;
    const id = this.runId;
    try {
      for (const w of Object.values(this.w)) w.close(); // flushes the last staged rows: may fail too
      await inTransaction(st, async () => {
        await st.run("DELETE FROM replay_runs WHERE run_id = ?", [id]);
        for (const t of RUN_TABLES) await st.run(`DELETE FROM ${t} WHERE run_id = ?`, [id]);
        // the dictionary is one constant list: a projection over one table keeps the staged rows' order
        const dict = listValue(this.dict);
        for (const [k, table] of Object.entries(STAGED) as [Staged, RunTable][]) {
          const cols: readonly RunColumn[] = RUN_COLUMNS[table];
          const sql = `INSERT INTO ${table} (run_id, ${cols.map((c) => c.name).join(", ")}) SELECT $1, ${cols.map(finalExpr).join(", ")} FROM temp.main.${this.stage[k]}`;
          if (cols.some((c) => c.few)) await st.conn.run(sql, [id, dict], [VARCHAR, LIST(VARCHAR)]);
          else await st.conn.run(sql, [id], [VARCHAR]);
        }
        await st.run(
          `INSERT INTO replay_runs (run_id, label, config, book_source, fill_model, latency_model, source, events, created_at, fees, leaders, skipped_rows)
           VALUES (?, ?, ?::JSON, ?, ?, ?, ?, ?, now()::TIMESTAMP, ?, ?::JSON, ?)`,
          [run.runId, run.label, JSON.stringify(run.config), run.bookSource, run.fillModel, run.latencyModel, run.source, run.events, run.fees ?? null, run.leaders ? JSON.stringify([...run.leaders].sort()) : null, run.skippedRows ?? 0],
        );
        const mw = await st.writer("run_metrics", [VARCHAR, VARCHAR, DOUBLE]);
        for (const [k, v] of Object.entries(metrics)) mw.push([run.runId, k, Number.isFinite(v) ? v : null]);
        mw.close();
      });
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
