// Small typed wrapper around @duckdb/node-api: open/close, statements, column queries, chunk streams and a
// chunked bulk writer (DataChunk + Appender). One writer per database file (DuckDB's process model).
import {
  DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTypeId,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { ensureSchema, type SchemaOptions } from "./schema.js";

/** The store's DuckDB memory_limit unless told otherwise: ample for streaming reads and imports (DuckDB spills past it). */
export const DEFAULT_MEMORY_LIMIT = "256MB";

export interface OpenOptions extends SchemaOptions {
  /**
   * DuckDB memory_limit, e.g. "1GB" (default DEFAULT_MEMORY_LIMIT; "" = DuckDB's own, 80 % of RAM, which it fills
   * with cache while a replay streams rows it reads once).
   */
  memoryLimit?: string;
  threads?: number;
  /** Create the project tables (default true; never in read-only mode). */
  schema?: boolean;
  /** Open read-only: other processes may read the file too, none may write it meanwhile (DuckDB's model). */
  readOnly?: boolean;
}

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

export interface Store {
  readonly path: string;
  readonly readOnly: boolean;
  readonly conn: DuckDBConnection;
  run(sql: string, params?: Params): Promise<void>;
  /** Result as named columns of JS values (BIGINT → bigint). */
  columns(sql: string, params?: Params): Promise<Record<string, unknown[]>>;
  /** Result as row objects (small results only). */
  rows<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  /** Single scalar (first column of the first row), numbers for BIGINT. */
  scalar(sql: string, params?: Params): Promise<unknown>;
  /** Stream the result chunk by chunk (≈2048 rows each), fetching the next chunk while this one is used. */
  stream(sql: string, params?: Params): AsyncIterable<DuckDBDataChunk>;
  /** Chunked appender into `table` (of `catalog`, e.g. "temp" for a TEMP table; default the database's). */
  writer(table: string, types: readonly DuckDBType[], catalog?: string): Promise<ChunkWriter>;
  /**
   * Another connection to the same database, with its own transactions and TEMP tables (a run journal stages and
   * commits on one, so runs written at once do not share a transaction). Its close() closes only that connection.
   */
  connect(): Promise<Store>;
  close(): void;
}

function toNumberIfBig(v: unknown): unknown {
  return typeof v === "bigint" ? Number(v) : v;
}

export async function openStore(path: string, opts: OpenOptions = {}): Promise<Store> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const config: Record<string, string> = {};
  const limit = opts.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
  if (limit) config.memory_limit = limit;
  if (opts.threads) config.threads = String(opts.threads);
  if (opts.readOnly) config.access_mode = "READ_ONLY";
  const instance = await DuckDBInstance.create(path, config);
  const store = storeOn(instance, await instance.connect(), path, opts.readOnly === true, true);
  if (path !== ":memory:" && (await store.scalar("SELECT path FROM duckdb_databases() WHERE database_name = current_database()")) == null) {
    // DuckDB opens an existing data file (JSON, CSV, Parquet) as an in-memory database with a view over it: an import
    // would report its rows and keep none of them, and a replay would find no events
    store.close();
    throw new Error(`${path}: not a DuckDB database file (DuckDB reads it as a data file, into memory only, so nothing would be kept); give a .duckdb path`);
  }
  if (opts.schema !== false && !opts.readOnly) await ensureSchema(store, opts);
  return store;
}

/**
 * Run `work` in one transaction: committed when it resolves, rolled back when it throws (the error it threw is the
 * one reported, not a failure of the rollback).
 */
export async function inTransaction<T>(store: Store, work: () => Promise<T>): Promise<T> {
  await store.run("BEGIN TRANSACTION");
  let out: T;
  try {
    out = await work();
    await store.run("COMMIT");
  } catch (e) {
    await store.run("ROLLBACK").catch(() => undefined);
    throw e;
  }
  return out;
}

/** A Store over one connection of `instance`; `owner` also closes the instance on close(). */
function storeOn(instance: DuckDBInstance, conn: DuckDBConnection, path: string, readOnly: boolean, owner: boolean): Store {
  let closed = false;
  const store: Store = {
    path,
    readOnly,
    conn,
    async run(sql, params) {
      await conn.run(sql, params);
    },
    async columns(sql, params) {
      const r = await conn.runAndReadAll(sql, params);
      return r.getColumnsObjectJS() as Record<string, unknown[]>;
    },
    async rows<T>(sql: string, params?: Params) {
      const r = await conn.runAndReadAll(sql, params);
      return r.getRowObjectsJS().map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toNumberIfBig(v)]))) as T[];
    },
    async scalar(sql, params) {
      const r = await conn.runAndReadAll(sql, params);
      const row = r.getRowsJS()[0];
      return row ? toNumberIfBig(row[0]) : undefined;
    },
    async *stream(sql, params) {
      const r = await conn.stream(sql, params);
      // One chunk in flight ahead: DuckDB fills it on its own thread while the consumer works on this one.
      let next = r.fetchChunk();
      try {
        for (;;) {
          const chunk = await next;
          if (!chunk || chunk.rowCount === 0) return;
          next = r.fetchChunk();
          yield chunk;
        }
      } finally {
        next.catch(() => undefined);
      }
    },
    writer: (table, types, catalog) => createChunkWriter(conn, table, types, catalog),
    connect: async () => storeOn(instance, await instance.connect(), path, readOnly, false),
    close() {
      if (closed) return;
      closed = true;
      conn.closeSync();
      if (owner) instance.closeSync();
    },
  };
  return store;
}

/** Buffers rows column-wise and appends them a DataChunk at a time (the fast path into DuckDB). */
export interface ChunkWriter {
  /** Append one row (values in table column order; BIGINT columns take bigint or number). */
  push(row: readonly unknown[]): void;
  /** Append a whole set of columns at once (each array the same length). */
  pushColumns(cols: readonly (readonly unknown[])[], n: number): void;
  readonly rows: number;
  /** Flush buffered rows and close the appender. */
  close(): void;
}

const CHUNK = 2048;

export async function createChunkWriter(conn: DuckDBConnection, table: string, types: readonly DuckDBType[], catalog?: string): Promise<ChunkWriter> {
  const appender = await conn.createAppender(table, catalog === undefined ? null : "main", catalog ?? null);
  const width = types.length;
  const bigintCols = types.map((t) => t.typeId === DuckDBTypeId.BIGINT || t.typeId === DuckDBTypeId.UBIGINT || t.typeId === DuckDBTypeId.HUGEINT);
  let cols: unknown[][] = types.map(() => []);
  let n = 0;
  let total = 0;
  const flush = () => {
    if (n === 0) return;
    for (let k = 0; k < width; k++) {
      if (!bigintCols[k]) continue;
      const c = cols[k]!;
      for (let i = 0; i < n; i++) if (typeof c[i] === "number") c[i] = BigInt(c[i] as number);
    }
    const chunk = DuckDBDataChunk.create(types as DuckDBType[], n);
    chunk.setColumns(cols as DuckDBValue[][]);
    appender.appendDataChunk(chunk);
    cols = types.map(() => []);
    n = 0;
  };
  return {
    push(row) {
      for (let k = 0; k < width; k++) cols[k]!.push(row[k] ?? null);
      n++;
      total++;
      if (n >= CHUNK) flush();
    },
    pushColumns(src, count) {
      for (let s = 0; s < count; s += CHUNK) {
        const m = Math.min(CHUNK, count - s);
        flush();
        cols = src.map((c) => c.slice(s, s + m) as unknown[]);
        n = m;
        total += m;
        flush();
      }
    },
    get rows() {
      return total;
    },
    close() {
      flush();
      appender.closeSync();
    },
  };
}

/** Fast typed-array view of a numeric vector of a chunk (no per-item validity checks: use NOT NULL columns). */
export function numericColumn(chunk: DuckDBDataChunk, col: number): ArrayLike<number> {
  const v = chunk.getColumnVector(col) as unknown as { items?: ArrayLike<number> };
  if (v.items && ArrayBuffer.isView(v.items)) return v.items;
  const vec = chunk.getColumnVector(col);
  const out = new Float64Array(chunk.rowCount);
  for (let i = 0; i < chunk.rowCount; i++) out[i] = Number(vec.getItem(i) ?? NaN);
  return out;
}

/** SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
