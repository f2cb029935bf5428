// parquet-events book view: write events with the helper, read them back through DuckDB, and check the L2 book
// reconstructed at many times against a straightforward in-test replay of the same events.
import { afterAll, describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadParquetBookEvents, writeBookEventsParquet, type BookEventRow } from "../../../src/replay/books/parquet-events.js";
import { rng } from "../../../src/core/rng.js";
import type { Book } from "../../../src/core/book.js";

const dir = mkdtempSync(join(tmpdir(), "spy-parquet-"));
/** Event times are unix ms: the hand-made rows sit ms offsets after 2026-01-01T00:00Z. */
const T0 = 1_767_225_600_000;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reference reconstruction: apply every event of the token with ts ≤ t, file order within equal ts (none if crossed). */
function reference(rows: BookEventRow[], tokenId: string, t: number): { bids: [number, number][]; asks: [number, number][] } | undefined {
  const mine = rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.tokenId === tokenId && r.ts <= t)
    .sort((a, b) => a.r.ts - b.r.ts || a.i - b.i);
  if (mine.length === 0) return undefined;
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  let prev: BookEventRow | undefined;
  for (const { r } of mine) {
    if (r.kind === "snapshot" && !(prev?.kind === "snapshot" && prev.ts === r.ts)) {
      bids.clear();
      asks.clear();
    }
    const m = r.side === "BUY" ? bids : asks;
    if (r.size > 0) m.set(r.price, r.size);
    else m.delete(r.price);
    prev = r;
  }
  const book = {
    bids: [...bids].sort((a, b) => b[0] - a[0]),
    asks: [...asks].sort((a, b) => a[0] - b[0]),
  };
  // a crossed or locked book (a stale level) gives no book
  if (book.bids.length > 0 && book.asks.length > 0 && book.bids[0]![0] >= book.asks[0]![0]) return undefined;
  return book;
}
const pairs = (b: Book | undefined) =>
  b && { bids: b.bids.map((l) => [l.price, l.size]), asks: b.asks.map((l) => [l.price, l.size]) };

describe("parquet-events", () => {
  it("round-trips a small hand-made file: snapshot, deltas, removal, tick change, second snapshot", async () => {
    const rows: BookEventRow[] = [
      { ts: T0 + 100, tokenId: "A", side: "BUY", price: 0.4, size: 10, kind: "snapshot", tick: 0.01 },
      { ts: T0 + 100, tokenId: "A", side: "SELL", price: 0.42, size: 5, kind: "snapshot" },
      { ts: T0 + 100, tokenId: "A", side: "SELL", price: 0.45, size: 7, kind: "snapshot" },
      { ts: T0 + 200, tokenId: "A", side: "SELL", price: 0.42, size: 0, kind: "delta" },
      { ts: T0 + 200, tokenId: "A", side: "BUY", price: 0.41, size: 3, kind: "delta" },
      { ts: T0 + 300, tokenId: "A", side: "BUY", price: 0.415, size: 1, kind: "delta", tick: 0.005 },
      { ts: T0 + 400, tokenId: "A", side: "SELL", price: 0.6, size: 9, kind: "snapshot" },
      { ts: T0 + 150, tokenId: "B", side: "BUY", price: 0.1, size: 1, kind: "delta" },
    ];
    const f = join(dir, "small.parquet");
    expect(await writeBookEventsParquet(f, rows)).toBe(rows.length);
    const v = await loadParquetBookEvents(f);
    expect(v.name).toBe("parquet-events");
    expect(v.events).toBe(8);
    expect(v.issues).toEqual([]);
    expect(v.tokens().sort()).toEqual(["A", "B"]);
    expect(v.at("A", T0 + 99)).toBeUndefined();
    expect(v.at("A", T0 + 100)).toMatchObject({ ts: T0 + 100, tick: 0.01, bids: [{ price: 0.4, size: 10 }], asks: [{ price: 0.42, size: 5 }, { price: 0.45, size: 7 }] });
    expect(pairs(v.at("A", T0 + 250))).toEqual({ bids: [[0.41, 3], [0.4, 10]], asks: [[0.45, 7]] });
    expect(v.at("A", T0 + 300)).toMatchObject({ tick: 0.005, bids: [{ price: 0.415 }, { price: 0.41 }, { price: 0.4 }] });
    expect(pairs(v.at("A", T0 + 1e9))).toEqual({ bids: [], asks: [[0.6, 9]] });
    expect(v.at("A", T0 + 400)?.tick).toBe(0.005); // the tick carries over a snapshot
    expect(v.nextChange("A", T0 + 100)).toBe(T0 + 200);
    expect(v.nextChange("A", 0)).toBe(T0 + 100);
    expect(v.nextChange("A", T0 + 400)).toBeUndefined();
    expect(v.at("A", T0 + 250)).toBe(v.at("A", T0 + 260)); // same snapshot, same object
    expect(pairs(v.at("A", T0 + 150))).toEqual({ bids: [[0.4, 10]], asks: [[0.42, 5], [0.45, 7]] }); // going back in time
  });

  it("matches a reference replay at random times (seeded random events, several tokens)", async () => {
    const r = rng(7);
    const rows: BookEventRow[] = [];
    for (let i = 0; i < 3000; i++) {
      const tokenId = r.pick(["T1", "T2", "T3"]);
      const snap = r.next() < 0.02;
      rows.push({
        ts: T0 + r.int(0, 20_000),
        tokenId,
        side: r.next() < 0.5 ? "BUY" : "SELL",
        price: r.int(1, 99) / 100,
        size: r.next() < 0.2 ? 0 : r.int(1, 500) / 10,
        kind: snap ? "snapshot" : "delta",
      });
    }
    const f = join(dir, "random.parquet");
    await writeBookEventsParquet(f, rows);
    const v = await loadParquetBookEvents(f);
    expect(v.events).toBe(rows.length);
    const times = Array.from({ length: 150 }, () => T0 + r.int(-10, 21_000));
    for (const t of [...times, ...times.slice().sort((a, b) => a - b)]) {
      for (const tok of ["T1", "T2", "T3"]) expect(pairs(v.at(tok, t))).toEqual(reference(rows, tok, t));
    }
  });

  it("skips and reports invalid rows, loading the rest", async () => {
    const rows = [
      { ts: T0 + 1, tokenId: "A", side: "BUY", price: 0.5, size: 1, kind: "delta" },
      { ts: T0 + 2, tokenId: "A", side: "HOLD", price: 0.5, size: 1, kind: "delta" },
      { ts: T0 + 3, tokenId: "A", side: "SELL", price: 1.5, size: 1, kind: "delta" },
      { ts: T0 + 4, tokenId: "", side: "SELL", price: 0.6, size: 1, kind: "delta" },
      { ts: T0 + 5, tokenId: "A", side: "SELL", price: 0.6, size: 1, kind: "later" },
      { ts: T0 + 6, tokenId: "A", side: "SELL", price: 0.6, size: 2, kind: "delta" },
    ] as BookEventRow[];
    const f = join(dir, "bad.parquet");
    await writeBookEventsParquet(f, rows);
    const v = await loadParquetBookEvents(f);
    expect(v.issues.map((i) => [i.row, i.field]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, "side"],
      [2, "price"],
      [3, "token_id"],
      [4, "kind"],
    ]);
    expect(v.events).toBe(2);
    expect(pairs(v.at("A", T0 + 10))).toEqual({ bids: [[0.5, 1]], asks: [[0.6, 2]] });
  });

  it("reads DECIMAL and FLOAT numbers, a file without a tick column, names a bad value and a missing column", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    const f = join(dir, "decimal.parquet");
    // sizes as DECIMAL, prices as FLOAT, no tick column at all; one price that is not a number
    await c.run(`COPY (SELECT * FROM (VALUES
        (${T0 + 1}::BIGINT, 'A', 'BUY', 0.5::FLOAT, 100.25::DECIMAL(12,2), 'snapshot'),
        (${T0 + 1}::BIGINT, 'A', 'SELL', 0.75::FLOAT, 7.5::DECIMAL(12,2), 'snapshot'), -- exact in FLOAT, on the default tick
        (${T0 + 2}::BIGINT, 'A', 'SELL', 'NaN'::FLOAT, 1::DECIMAL(12,2), 'delta')
      ) t(ts, token_id, side, price, size, kind)) TO '${f}' (FORMAT parquet)`);
    const v = await loadParquetBookEvents(f);
    expect(pairs(v.at("A", T0 + 5))).toEqual({ bids: [[0.5, 100.25]], asks: [[0.75, 7.5]] });
    expect(v.issues.map((i) => [i.row, i.field, i.value])).toEqual([[2, "price", Number.NaN]]);
    const g = join(dir, "ticks.parquet");
    await c.run(`COPY (SELECT * FROM (VALUES (${T0 + 1}::BIGINT, 'A', 'BUY', 0.5, 1.0, 'snapshot', 0.02), (${T0 + 2}::BIGINT, 'A', 'BUY', 0.4, 1.0, 'delta', 0.01))
      t(ts, token_id, side, price, size, kind, tick)) TO '${g}' (FORMAT parquet)`);
    const w = await loadParquetBookEvents(g);
    expect(w.issues.map((i) => [i.row, i.field, i.value])).toEqual([[0, "tick", 0.02]]); // not a venue tick
    const h = join(dir, "nosize.parquet");
    await c.run(`COPY (SELECT ${T0}::BIGINT AS ts, 'A' AS token_id, 'BUY' AS side, 0.5 AS price, 'delta' AS kind) TO '${h}' (FORMAT parquet)`);
    await expect(loadParquetBookEvents(h)).rejects.toThrow(`${h}: missing column size`);
    c.closeSync();
    db.closeSync();
  });

  it("reads 32-bit FLOAT prices and ticks as the decimals they print as, and shows a value that is not a number as the file has it", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    const f = join(dir, "float32.parquet");
    // 0.57 and 0.01 as FLOAT are 0.5699999928474426 and 0.009999999776482582 when widened bit for bit
    await c.run(`COPY (SELECT * FROM (VALUES
        (${T0 + 1}::BIGINT, 'A', 'BUY', 0.57::FLOAT, 10::FLOAT, 'snapshot', 0.01::FLOAT),
        (${T0 + 2}::BIGINT, 'A', 'BUY', 0.57::FLOAT, 4::FLOAT, 'delta', NULL::FLOAT),
        (${T0 + 3}::BIGINT, 'A', 'SELL', 0.58::FLOAT, 3::FLOAT, 'delta', NULL::FLOAT)
      ) t(ts, token_id, side, price, size, kind, tick)) TO '${f}' (FORMAT parquet)`);
    const v = await loadParquetBookEvents(f);
    expect(v.issues).toEqual([]);
    const b = v.at("A", T0 + 5)!;
    expect(b.tick).toBe(0.01);
    // the delta at 0.57 replaced the snapshot's level (same price), not added a second one next to it
    expect(pairs(b)).toEqual({ bids: [[0.57, 4]], asks: [[0.58, 3]] });
    const g = join(dir, "text-numbers.parquet");
    await c.run(`COPY (SELECT * FROM (VALUES
        (${T0 + 1}::BIGINT, 'A', 'BUY', '0.5', '10', 'snapshot', '0.01'),
        (${T0 + 2}::BIGINT, 'A', 'BUY', 'half', '10', 'delta', NULL),
        (${T0 + 3}::BIGINT, 'A', 'BUY', '0.4', 'lots', 'delta', NULL),
        (${T0 + 4}::BIGINT, 'A', 'BUY', '0.4', '1', 'delta', 'fine'),
        (${T0 + 5}::BIGINT, 'A', 'BUY', NULL, '1', 'delta', NULL)
      ) t(ts, token_id, side, price, size, kind, tick)) TO '${g}' (FORMAT parquet)`);
    const w = await loadParquetBookEvents(g);
    expect(w.issues.map((i) => [i.row, i.field, i.value])).toEqual([
      [1, "price", "half"],
      [2, "size", "lots"],
      [3, "tick", "fine"], // not silently taken as "no tick change"
      [4, "price", null],
    ]);
    expect(w.events).toBe(1);
    c.closeSync();
    db.closeSync();
  });

  it("reports a ts that is not a number as the file has it and loads the rest; refuses a file with no rows", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    const f = join(dir, "text-ts.parquet");
    await c.run(`COPY (SELECT * FROM (VALUES
        ('${T0 + 1}', 'A', 'BUY', 0.5, 10.0, 'snapshot'),
        ('abc', 'A', 'BUY', 0.4, 10.0, 'delta'),
        ('${T0 + 3}', 'A', 'SELL', 0.6, 5.0, 'delta')
      ) t(ts, token_id, side, price, size, kind)) TO '${f}' (FORMAT parquet)`);
    const v = await loadParquetBookEvents(f);
    expect(v.issues.map((i) => [i.row, i.field, i.value])).toEqual([[1, "ts", "abc"]]);
    expect(pairs(v.at("A", T0 + 5))).toEqual({ bids: [[0.5, 10]], asks: [[0.6, 5]] });
    const g = join(dir, "empty.parquet");
    await c.run(`COPY (SELECT ${T0}::BIGINT AS ts, 'A' AS token_id, 'BUY' AS side, 0.5 AS price, 1.0 AS size, 'delta' AS kind WHERE false) TO '${g}' (FORMAT parquet)`);
    await expect(loadParquetBookEvents(g)).rejects.toThrow(`${g}: no rows`);
    c.closeSync();
    db.closeSync();
  });

  it("reports a ts in seconds, microseconds or nanoseconds (row, field, value) and loads the other rows", async () => {
    const secs = T0 / 1000 + 2;
    const micros = (T0 + 3) * 1000;
    const nanos = (T0 + 4) * 1e6;
    const rows: BookEventRow[] = [
      { ts: T0 + 1, tokenId: "A", side: "BUY", price: 0.5, size: 1, kind: "delta" },
      { ts: secs, tokenId: "A", side: "SELL", price: 0.7, size: 1, kind: "delta" },
      { ts: micros, tokenId: "A", side: "SELL", price: 0.8, size: 1, kind: "delta" },
      { ts: nanos, tokenId: "A", side: "SELL", price: 0.9, size: 1, kind: "delta" },
      { ts: T0 + 5, tokenId: "A", side: "SELL", price: 0.6, size: 2, kind: "delta" },
    ];
    const f = join(dir, "units.parquet");
    await writeBookEventsParquet(f, rows);
    const v = await loadParquetBookEvents(f);
    const issues = [...v.issues].sort((a, b) => Number(a.row) - Number(b.row));
    expect(issues.map((i) => [i.row, i.field, i.value])).toEqual([
      [1, "ts", secs],
      [2, "ts", micros],
      [3, "ts", nanos],
    ]);
    expect(issues[0]!.message).toMatch(/seconds, expected milliseconds/);
    expect(issues[1]!.message).toMatch(/microseconds.*expected milliseconds/);
    expect(v.events).toBe(2);
    expect(v.span("A")).toEqual({ from: T0 + 1, to: T0 + 5 });
    expect(pairs(v.at("A", T0 + 10))).toEqual({ bids: [[0.5, 1]], asks: [[0.6, 2]] });
  });
});
