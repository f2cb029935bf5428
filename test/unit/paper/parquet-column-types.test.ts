// A book-event Parquet file whose text columns have another type (side as 0/1, token ids as integers) loads its good
// rows and names each bad row with its field and value (not DuckDB's binder or conversion error quoting our SQL).
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyToParquet } from "../../helpers/parquet-sql.js";
import { loadParquetBookEvents } from "../../../src/replay/books/parquet-events.js";

const dir = mkdtempSync(join(tmpdir(), "spy-parquet-types-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = 1_767_225_600_000;

const writeParquet = (name: string, select: string): Promise<string> => copyToParquet(join(dir, name), select);

describe("parquet-events: text columns of another type", () => {
  it("reads numeric token ids as their digits", async () => {
    const f = await writeParquet("tok.parquet", `SELECT ${T0}::BIGINT ts, 123::BIGINT token_id, 'BUY' side, 0.5 price, 10.0 size, 'snapshot' kind`);
    const b = await loadParquetBookEvents(f);
    expect(b.issues).toEqual([]);
    expect(b.events).toBe(1);
    expect(b.at("123", T0)?.bids).toEqual([{ price: 0.5, size: 10 }]);
  });

  it("names an integer side and a bad kind by row, field and value, and loads the good rows", async () => {
    const f = await writeParquet(
      "side.parquet",
      `SELECT * FROM (VALUES (${T0}::BIGINT, '1', 1, 0.5, 10.0, 'snapshot'), (${T0 + 1}, '1', 0, 0.4, 10.0, 'delta'), (${T0 + 2}, '1', 1, 0.6, 10.0, 'snap'))
         t(ts, token_id, side, price, size, kind)`,
    );
    const b = await loadParquetBookEvents(f);
    expect(b.events).toBe(0);
    expect(b.issues.map((i) => [i.row, i.field, i.value, i.message])).toEqual([
      [0, "side", "1", "not BUY or SELL"],
      [1, "side", "0", "not BUY or SELL"],
      [2, "side", "1", "not BUY or SELL"],
    ]);
    const g = await writeParquet(
      "kind.parquet",
      `SELECT * FROM (VALUES (${T0}::BIGINT, '1', 'BUY', 0.5, 10.0, 'snapshot'), (${T0 + 1}, '1', 'SELL', 0.6, 10.0, 'snap')) t(ts, token_id, side, price, size, kind)`,
    );
    const k = await loadParquetBookEvents(g);
    expect(k.events).toBe(1);
    expect(k.issues.map((i) => [i.row, i.field, i.value])).toEqual([[1, "kind", "snap"]]);
  });
});
