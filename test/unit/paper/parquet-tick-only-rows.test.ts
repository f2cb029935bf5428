// parquet-events: a row carrying only a tick (side, price and size NULL: the venue's tick_size_change) is a tick change
// of its token from its ts on, not a bad row, and books after it (and copies priced on them) use the new tick.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyToParquet, sqlValue } from "../../helpers/parquet-sql.js";
import { parseConfig } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { loadParquetBookEvents, openBookView, writeBookEventsParquet } from "../../../src/replay/books/index.js";
import { history } from "../../helpers/leader-history.js";

const dir = mkdtempSync(join(tmpdir(), "spy-parquet-tick-only-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = 1_767_225_600_000;

/** Rows (ts offset, side, price, size, kind, tick) written by DuckDB itself; NULL where the value is null. */
async function writeRows(name: string, rows: [number, string | null, number | null, number | null, string | null, number | null][]): Promise<string> {
  const f = join(dir, name);
  const v = sqlValue;
  const values = rows.map(([t, s, p, z, k, tk]) => `(${T0 + t}::BIGINT, 'y', ${v(s, "VARCHAR")}, ${v(p, "DOUBLE")}, ${v(z, "DOUBLE")}, ${v(k, "VARCHAR")}, ${v(tk, "DOUBLE")})`);
  return copyToParquet(f, `SELECT * FROM (VALUES ${values.join(", ")}) t(ts, token_id, side, price, size, kind, tick)`);
}

const ROWS: [number, string | null, number | null, number | null, string | null, number | null][] = [
  [0, "BUY", 0.98, 1000, "snapshot", 0.01], //  row 0
  [0, "SELL", 0.99, 1000, "snapshot", null], // row 1
  [100, null, null, null, null, 0.001], //       row 2: tick_size_change 0.01 → 0.001 (kind NULL, as the venue has none)
  [150, null, null, null, "delta", 0.001], //    row 3: the same with kind delta
  [200, "SELL", 0.99, 0, "delta", null], //      row 4: the 0.99 ask goes
  [200, "SELL", 0.995, 1000, "delta", null], //  row 5: an ask on the new tick
];

describe("parquet-events: tick-only rows", () => {
  it("a row with only a tick changes the token's tick from its ts on, and is no bad row", async () => {
    const v = await loadParquetBookEvents(await writeRows("tick-only.parquet", ROWS));
    expect(v.issues).toEqual([]);
    expect(v.at("y", T0 + 99)?.tick).toBe(0.01);
    expect(v.at("y", T0 + 100)?.tick).toBe(0.001);
    // the book is unchanged by a tick change: same levels
    expect(v.at("y", T0 + 100)?.asks).toEqual([{ price: 0.99, size: 1000 }]);
    expect(v.at("y", T0 + 200)).toMatchObject({ tick: 0.001, asks: [{ price: 0.995, size: 1000 }] });
  });

  it("a tick-only row in the middle of a snapshot run does not split the snapshot", async () => {
    const v = await loadParquetBookEvents(
      await writeRows("tick-in-snapshot.parquet", [
        [0, "BUY", 0.5, 10, "snapshot", null],
        [0, null, null, null, null, 0.001],
        [0, "SELL", 0.6, 10, "snapshot", null],
      ]),
    );
    expect(v.issues).toEqual([]);
    expect(v.at("y", T0)).toMatchObject({ tick: 0.001, bids: [{ price: 0.5, size: 10 }], asks: [{ price: 0.6, size: 10 }] });
  });

  it("a tick-only row before any level gives no book yet (the book is unknown), only its tick", async () => {
    const v = await loadParquetBookEvents(await writeRows("tick-first.parquet", [[0, null, null, null, null, 0.001], [50, "BUY", 0.5, 10, "snapshot", null]]));
    expect(v.issues).toEqual([]);
    expect(v.at("y", T0)).toBeUndefined();
    expect(v.at("y", T0 + 50)).toMatchObject({ tick: 0.001, bids: [{ price: 0.5, size: 10 }] });
  });

  it("a row with no side, price, size nor tick is still refused", async () => {
    const v = await loadParquetBookEvents(await writeRows("nothing.parquet", [[0, "BUY", 0.5, 10, "snapshot", null], [10, null, null, null, "delta", null]]));
    expect(v.issues.map((i) => [i.row, i.field])).toEqual([[1, "side"]]);
  });

  it("the writer writes tick-only rows", async () => {
    const f = join(dir, "writer.parquet");
    await writeBookEventsParquet(f, [
      { ts: T0, tokenId: "y", side: "BUY", price: 0.5, size: 10, kind: "snapshot" },
      { ts: T0 + 10, tokenId: "y", tick: 0.001 },
    ]);
    const v = await loadParquetBookEvents(f);
    expect(v.issues).toEqual([]);
    expect(v.at("y", T0 + 10)?.tick).toBe(0.001);
  });

  it("a copy of a BUY at 0.995 fills on the new 0.001 tick (on the lost change's 0.01 tick its limit is outside [tick, 1 - tick])", async () => {
    const f = await writeRows("tick-run.parquet", ROWS);
    const config = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, maxBankrollPct: 1, slippage: 0.002, priceCap: 0.999 }, fill: { book: "parquet-events", path: f }, latency: { model: "constant", ms: 0 } });
    const books = await openBookView(config.fill);
    const h = history();
    const r = await runReplay({ source: arraySource([h.trade("BUY", "y", 100, 0.995, T0 + 1000, "c")]), config, books });
    expect(r.result.attribution.filledNotional).toBeCloseTo(50 * 0.995, 9);
    expect(books.issues).toEqual([]);
  });
});
