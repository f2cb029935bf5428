// A book-event Parquet file whose token_id column is floating point (77-digit ids held rounded, '7.13…e+76') is
// refused by name: its books would load under ids no leader token can match.
import { afterAll, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyToParquet } from "../../helpers/parquet-sql.js";
import { loadParquetBookEvents } from "../../../src/replay/books/parquet-events.js";

const dir = mkdtempSync(join(tmpdir(), "rev-parquet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = 1_767_225_600_000;
const TOKEN = "71321045679252212594626385532706912750332728571942532289631379312455583992563";

it("a DOUBLE token_id is refused by name, not loaded as books under lossy ids", async () => {
  const file = join(dir, "dbl.parquet");
  await copyToParquet(file, `SELECT ${T0}::BIGINT ts, '${TOKEN}'::DOUBLE token_id, 'BUY' side, 0.5 price, 10.0 size, 'snapshot' kind`);
  await expect(loadParquetBookEvents(file)).rejects.toThrow(/: token_id is DOUBLE: /);
});
