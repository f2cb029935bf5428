// parquet-events ts column of another type than BIGINT: text times in mixed notations are ordered by their value (not
// as text), and a 32-bit FLOAT ts (which cannot hold unix ms: times move by up to a minute) is refused by name.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyToParquet } from "../../helpers/parquet-sql.js";
import { loadParquetBookEvents } from "../../../src/replay/books/parquet-events.js";

const dir = mkdtempSync(join(tmpdir(), "spy-parquet-ts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = 1_767_225_600_000;

const writeParquet = (name: string, select: string): Promise<string> => copyToParquet(join(dir, name), select);

describe("parquet-events: ts column types", () => {
  it("orders text times by their value: a time written in exponent form is not sorted before earlier ones", async () => {
    // T0: ask 0.50; T0+60 s (written "1.76722566e12"): ask 0.60; T0+120 s: ask 0.70
    const f = await writeParquet(
      "text-ts.parquet",
      `SELECT * FROM (VALUES ('${T0}', '1', 'SELL', 0.5, 10.0, 'snapshot'), ('1.76722566e12', '1', 'SELL', 0.6, 10.0, 'snapshot'),
         ('${T0 + 120_000}', '1', 'SELL', 0.7, 10.0, 'snapshot')) t(ts, token_id, side, price, size, kind)`,
    );
    const v = await loadParquetBookEvents(f);
    expect(v.issues).toEqual([]);
    expect(v.span("1")).toEqual({ from: T0, to: T0 + 120_000 });
    expect(v.at("1", T0)?.asks).toEqual([{ price: 0.5, size: 10 }]);
    expect(v.at("1", T0 + 90_000)?.asks).toEqual([{ price: 0.6, size: 10 }]);
    expect(v.at("1", T0 + 120_000)?.asks).toEqual([{ price: 0.7, size: 10 }]);
    expect(v.nextChange("1", T0)).toBe(T0 + 60_000);
  });

  it("refuses a 32-bit FLOAT ts by name: it holds unix ms only to about 100 s", async () => {
    // T0 + 60 s as a FLOAT reads back as T0 + 100 s: the book would be moved 40 s without a word
    const f = await writeParquet(
      "float-ts.parquet",
      `SELECT * FROM (VALUES (${T0}::FLOAT, '1', 'SELL', 0.5, 10.0, 'snapshot'), ((${T0 + 60_000})::FLOAT, '1', 'SELL', 0.6, 10.0, 'snapshot'))
         t(ts, token_id, side, price, size, kind)`,
    );
    await expect(loadParquetBookEvents(f)).rejects.toThrow(/float-ts\.parquet: ts is FLOAT/);
  });
});
