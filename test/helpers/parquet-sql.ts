// Test helper: real Parquet files written by DuckDB from a SELECT (a throwaway in-memory instance), as a user's own
// tools would write book events, and the typed SQL literal the row-building tests share.
import { DuckDBInstance } from "@duckdb/node-api";

/** Write the rows of `select` to `file` as Parquet; returns `file`. */
export async function copyToParquet(file: string, select: string): Promise<string> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  try {
    await c.run(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
  } finally {
    c.closeSync();
    db.closeSync();
  }
  return file;
}

/** `x` as a SQL literal of `type`: NULL::type, a quoted string, or a cast number. */
export function sqlValue(x: unknown, type: string): string {
  return x === null ? `NULL::${type}` : typeof x === "string" ? `'${x}'` : `${x}::${type}`;
}
