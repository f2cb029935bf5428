// parquet-events: a level (size > 0) whose price is not on the token's tick (the file's tick column, else fill.tick)
// is reported by file, row, field, value and the tick, and skipped: the venue shows no such level.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyToParquet, sqlValue } from "../../helpers/parquet-sql.js";
import { loadParquetBookEvents } from "../../../src/replay/books/index.js";

const dir = mkdtempSync(join(tmpdir(), "spy-parquet-off-tick-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = 1_767_225_600_000;

type Row = [number, string | null, number | null, number | null, string | null, number | null];
/** Rows (ts offset, side, price, size, kind, tick) written by DuckDB itself; without the tick column when `noTick`. */
async function writeRows(name: string, rows: Row[], noTick = false): Promise<string> {
  const f = join(dir, name);
  const v = sqlValue;
  const values = rows.map(([t, s, p, z, k, tk]) => `(${T0 + t}::BIGINT, 'y', ${v(s, "VARCHAR")}, ${v(p, "DOUBLE")}, ${v(z, "DOUBLE")}, ${v(k, "VARCHAR")}, ${v(tk, "DOUBLE")})`);
  const cols = noTick ? "ts, token_id, side, price, size, kind" : "*";
  return copyToParquet(f, `SELECT ${cols} FROM (VALUES ${values.join(", ")}) t(ts, token_id, side, price, size, kind, tick)`);
}

describe("parquet-events: levels off the tick", () => {
  // a 0.001-tick market written without a tick column
  const FINE: Row[] = [
    [0, "BUY", 0.45, 100, "snapshot", null], //  row 0: on 0.01
    [0, "SELL", 0.455, 100, "snapshot", null], // row 1: on 0.001 only
    [100, "SELL", 0.46, 100, "delta", null], //   row 2
    [200, "SELL", 0.455, 0, "delta", null], //    row 3: a removal: never refused
  ];

  it("names each level off the default tick (file, row, field, value, tick) and leaves it out of the book", async () => {
    const f = await writeRows("fine-no-tick.parquet", FINE, true);
    const v = await loadParquetBookEvents(f);
    expect(v.issues.map((i) => [i.file, i.row, i.field, i.value])).toEqual([[f, 1, "price", 0.455]]);
    expect(v.issues[0]!.message).toMatch(/not on the tick 0\.01/);
    expect(v.at("y", T0)?.asks).toEqual([]);
    expect(v.at("y", T0 + 100)?.asks).toEqual([{ price: 0.46, size: 100 }]);
  });

  it("loads them all when fill.tick gives the file's tick", async () => {
    const v = await loadParquetBookEvents(await writeRows("fine-no-tick-2.parquet", FINE, true), { tick: 0.001 });
    expect(v.issues).toEqual([]);
    expect(v.at("y", T0)?.asks).toEqual([{ price: 0.455, size: 100 }]);
  });

  it("checks against the file's tick column; a refused row's tick change still applies", async () => {
    const v = await loadParquetBookEvents(
      await writeRows("tick-col.parquet", [
        [0, "BUY", 0.95, 100, "snapshot", 0.01], //  row 0
        [0, "SELL", 0.96, 100, "snapshot", null], // row 1
        [100, "SELL", 0.9555, 100, "delta", 0.001], // row 2: tick → 0.001, but 0.9555 is on no venue grid of it
        [200, "SELL", 0.955, 100, "delta", null], //  row 3: on 0.001
      ]),
    );
    expect(v.issues.map((i) => [i.row, i.field, i.value])).toEqual([[2, "price", 0.9555]]);
    expect(v.issues[0]!.message).toMatch(/tick 0\.001/);
    expect(v.at("y", T0 + 100)).toMatchObject({ tick: 0.001, asks: [{ price: 0.96, size: 100 }] });
    expect(v.at("y", T0 + 200)?.asks).toEqual([{ price: 0.955, size: 100 }, { price: 0.96, size: 100 }]);
  });

  it("a level left from a finer tick the token had may still change after the tick coarsens", async () => {
    const v = await loadParquetBookEvents(
      await writeRows("legacy.parquet", [
        [0, "BUY", 0.955, 100, "snapshot", 0.001],
        [0, "SELL", 0.97, 100, "snapshot", null],
        [100, null, null, null, null, 0.01], // tick_size_change 0.001 → 0.01
        [200, "BUY", 0.955, 40, "delta", null], // the resting 0.955 bid partly filled
      ]),
    );
    expect(v.issues).toEqual([]);
    expect(v.at("y", T0 + 200)).toMatchObject({ tick: 0.01, bids: [{ price: 0.955, size: 40 }] });
  });
});
