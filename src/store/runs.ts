// Writes one replay run into the store: the run row (config JSON, book source, fill and latency models) and its
// intents, skips, mirrors, exec events, positions over time and metrics. A run id written again replaces it.
import { BIGINT, DOUBLE, VARCHAR, type DuckDBType } from "@duckdb/node-api";
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
  source: string;
  events: number;
}

const T = {
  intents: [VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, DOUBLE, DOUBLE, DOUBLE, VARCHAR, DOUBLE, DOUBLE, DOUBLE, VARCHAR, VARCHAR, BIGINT, BIGINT],
  skips: [VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, DOUBLE, DOUBLE, VARCHAR, BIGINT],
  mirrors: [VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, DOUBLE, VARCHAR, VARCHAR, BIGINT],
  exec: [VARCHAR, BIGINT, VARCHAR, VARCHAR, VARCHAR, BIGINT, VARCHAR, VARCHAR, VARCHAR, DOUBLE, DOUBLE, DOUBLE, VARCHAR, VARCHAR, DOUBLE, DOUBLE, VARCHAR, VARCHAR],
  positions: [VARCHAR, BIGINT, BIGINT, VARCHAR, DOUBLE, DOUBLE],
  metrics: [VARCHAR, VARCHAR, DOUBLE],
} satisfies Record<string, DuckDBType[]>;

/** Streams a run's rows into DuckDB as they happen (chunked appenders); `finish` writes the run row and metrics. */
export class RunWriter {
  private execSeq = 0;
  private posSeq = 0;
  private constructor(
    private readonly store: Store,
    readonly runId: string,
    private readonly w: Record<"intents" | "skips" | "mirrors" | "exec" | "positions", ChunkWriter>,
  ) {}

  static async open(store: Store, runId: string): Promise<RunWriter> {
    await store.run("DELETE FROM replay_runs WHERE run_id = ?", [runId]);
    for (const t of RUN_TABLES) await store.run(`DELETE FROM ${t} WHERE run_id = ?`, [runId]);
    return new RunWriter(store, runId, {
      intents: await store.writer("run_intents", T.intents),
      skips: await store.writer("run_skips", T.skips),
      mirrors: await store.writer("run_mirrors", T.mirrors),
      exec: await store.writer("run_exec_events", T.exec),
      positions: await store.writer("run_positions", T.positions),
    });
  }

  decision(d: Decision): void {
    const id = this.runId;
    if (d.kind === "intent") {
      const i = d.intent;
      this.w.intents.push([id, i.intentId, i.leader, i.tokenId, i.conditionId, i.side, i.targetShares, i.targetNotional, i.limitPrice,
        i.orderType, i.leaderPrice, i.idealShares, i.ratio, i.purpose, i.sourceEventIds.join(","), i.ts, i.seenAt]);
    } else if (d.kind === "skip") {
      this.w.skips.push([id, d.reason, d.detail, d.leader, d.tokenId, d.side, d.leaderPrice, d.idealShares, d.sourceEventIds.join(","), d.ts]);
    } else {
      this.w.mirrors.push([id, d.action, d.leader, d.conditionId, d.tokenIds.join(","), d.shares, d.winningTokenId ?? null, d.sourceEventIds.join(","), d.ts]);
    }
  }

  exec(e: ExecEvent): void {
    const base = [this.runId, this.execSeq++, e.type, e.intentId, e.mode, e.ts];
    switch (e.type) {
      case "accepted":
        return this.w.exec.push([...base, e.orderId, null, null, e.price, e.size, null, null, null, null, null, null, null]);
      case "rejected":
        return this.w.exec.push([...base, null, null, null, null, null, null, null, null, null, null, e.reason, e.detail]);
      case "fill":
        return this.w.exec.push([...base, e.orderId, e.tokenId, e.side, e.price, e.size, e.fee, e.tradeId, null, null, null, null, null]);
      case "done":
        return this.w.exec.push([...base, null, null, null, null, null, null, null, e.terminal, e.filledShares, e.avgPrice, null, e.detail]);
    }
  }

  position(ts: number, tokenId: string, shares: number, cash: number): void {
    this.w.positions.push([this.runId, this.posSeq++, ts, tokenId, shares, cash]);
  }

  /** Close the appenders, then write the run row and its metrics. */
  async finish(run: RunRow, metrics: Record<string, number>): Promise<void> {
    for (const w of Object.values(this.w)) w.close();
    await this.store.run("INSERT INTO replay_runs VALUES (?, ?, ?::JSON, ?, ?, ?, ?, ?, now()::TIMESTAMP)", [
      run.runId, run.label, JSON.stringify(run.config), run.bookSource, run.fillModel, run.latencyModel, run.source, run.events,
    ]);
    const mw = await this.store.writer("run_metrics", T.metrics);
    for (const [k, v] of Object.entries(metrics)) mw.push([run.runId, k, Number.isFinite(v) ? v : null]);
    mw.close();
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
