// parquet-events: a text token_id holding a rounded number ('7.1321045679252214e+76', an id that went through a float
// before it was written as text) is reported per row by file, row, field and value, its rows skipped; others load.
import { afterAll, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyToParquet } from "../../helpers/parquet-sql.js";
import { loadParquetBookEvents } from "../../../src/replay/books/parquet-events.js";

const dir = mkdtempSync(join(tmpdir(), "rev-parquet-text-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = 1_767_225_600_000;
const TOKEN = "71321045679252212594626385532706912750332728571942532289631379312455583992563";
const ROUNDED = "7.1321045679252214e+76";

it("a VARCHAR token_id in floating-point notation is reported, its rows skipped", async () => {
  const file = join(dir, "txt.parquet");
  await copyToParquet(
    file,
    `SELECT * FROM (VALUES (${T0}::BIGINT, '${ROUNDED}', 'BUY', 0.5, 10.0, 'snapshot'), (${T0}::BIGINT, '${TOKEN}', 'BUY', 0.5, 10.0, 'snapshot')) t(ts, token_id, side, price, size, kind)`,
  );
  const v = await loadParquetBookEvents(file);
  expect(v.issues.map((i) => [i.row, i.field, i.value])).toEqual([[0, "token_id", ROUNDED]]);
  expect(v.tokens()).toEqual([TOKEN]);
});
