// parquet-events: a file of very many bad rows holds only the first issues of each field plus one summary per field
// that counts the rest, so the count stays exact while memory and the printed warnings stay bounded.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyToParquet } from "../../helpers/parquet-sql.js";
import { loadParquetBookEvents } from "../../../src/replay/books/index.js";

const dir = mkdtempSync(join(tmpdir(), "spy-parquet-cap-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = 1_767_225_600_000;

/** n rows of token y, one a ms: even rows have side 'HOLD' (bad), rows ≡ 1 mod 4 a price of 0.505 (off the 0.01 tick). */
async function writeBad(name: string, n: number): Promise<string> {
  const f = join(dir, name);
  return copyToParquet(f, `SELECT ${T0}::BIGINT + i AS ts, 'y' AS token_id, CASE WHEN i % 2 = 0 THEN 'HOLD' ELSE 'BUY' END AS side,
      CASE WHEN i % 4 = 1 THEN 0.505 ELSE 0.5 END AS price, 10.0 AS size, 'delta' AS kind FROM range(${n}) r(i)`);
}

describe("parquet-events: issues are capped per field", () => {
  it("holds the first 20 of each field and one summary standing for the rest; the count stays exact", async () => {
    const n = 200_000;
    const v = await loadParquetBookEvents(await writeBad("many.parquet", n));
    expect(v.events).toBe(n / 4);
    const listed = (field: string) => v.issues.filter((i) => i.field === field && i.count === undefined);
    const summary = (field: string) => v.issues.filter((i) => i.field === field && i.count !== undefined);
    expect(listed("side")).toHaveLength(20);
    expect(listed("side").map((i) => i.row)).toEqual(Array.from({ length: 20 }, (_, k) => 2 * k)); // the first ones
    expect(listed("price")).toHaveLength(20);
    expect(summary("side")).toHaveLength(1);
    expect(summary("side")[0]!.count).toBe(n / 2 - 20);
    expect(summary("side")[0]!.message).toMatch(/99,980 more/);
    expect(summary("price")[0]!.count).toBe(n / 4 - 20);
    expect(v.issues).toHaveLength(42);
    // every skipped row is counted: listed ones count 1, a summary its count
    expect(v.issues.reduce((a, i) => a + (i.count ?? 1), 0)).toBe(n - n / 4);
  });

  it("a file with few bad rows lists them all, with no summary", async () => {
    const v = await loadParquetBookEvents(await writeBad("few.parquet", 40)); // 20 bad sides, 10 off-tick prices
    expect(v.issues).toHaveLength(30);
    expect(v.issues.every((i) => i.count === undefined)).toBe(true);
  });
});
