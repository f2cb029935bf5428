// parquet-events reads one Parquet file (fill.path): a folder, or a pattern DuckDB would glob, is refused naming the
// path, instead of every Parquet file below it being merged into one book series without a word.
import { afterAll, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyToParquet } from "../../helpers/parquet-sql.js";
import { loadParquetBookEvents } from "../../../src/replay/books/parquet-events.js";

const dir = mkdtempSync(join(tmpdir(), "rev-parquet-path-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = 1_767_225_600_000;
const rows = (token: string) => `SELECT * FROM (VALUES (${T0}::BIGINT, '${token}', 'BUY', 0.5, 10.0, 'snapshot')) t(ts, token_id, side, price, size, kind)`;

it("a folder of book-event files is refused by name, not read as one file", async () => {
  const books = join(dir, "books");
  mkdirSync(join(books, "day2"), { recursive: true });
  await copyToParquet(join(books, "day1.parquet"), rows("111"));
  await copyToParquet(join(books, "day2", "b.parquet"), rows("222"));
  await expect(loadParquetBookEvents(books)).rejects.toThrow(`${books}: a folder, not a Parquet file`);
});

it("a glob pattern is not a file: refused, not expanded to the files it matches", async () => {
  await copyToParquet(join(dir, "x1.parquet"), rows("111"));
  await copyToParquet(join(dir, "x2.parquet"), rows("222"));
  await expect(loadParquetBookEvents(join(dir, "x*.parquet"))).rejects.toThrow(/cannot read \(ENOENT\)/);
  // the files themselves load
  expect((await loadParquetBookEvents(join(dir, "x1.parquet"))).tokens()).toEqual(["111"]);
});
