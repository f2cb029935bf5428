// parquet-events book view: write events with the helper, read them back through DuckDB, and check the L2 book
// reconstructed at many times against a straightforward in-test replay of the same events.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadParquetBookEvents, writeBookEventsParquet, type BookEventRow } from "../../../src/replay/books/parquet-events.js";
import { rng } from "../../../src/core/rng.js";
import type { Book } from "../../../src/core/book.js";

const dir = mkdtempSync(join(tmpdir(), "spy-parquet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reference reconstruction: apply every event of the token with ts ≤ t, file order within equal ts. */
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
  return {
    bids: [...bids].sort((a, b) => b[0] - a[0]),
    asks: [...asks].sort((a, b) => a[0] - b[0]),
  };
}
const pairs = (b: Book | undefined) =>
  b && { bids: b.bids.map((l) => [l.price, l.size]), asks: b.asks.map((l) => [l.price, l.size]) };

describe("parquet-events", () => {
  it("round-trips a small hand-made file: snapshot, deltas, removal, tick change, second snapshot", async () => {
    const rows: BookEventRow[] = [
      { ts: 100, tokenId: "A", side: "BUY", price: 0.4, size: 10, kind: "snapshot", tick: 0.01 },
      { ts: 100, tokenId: "A", side: "SELL", price: 0.42, size: 5, kind: "snapshot" },
      { ts: 100, tokenId: "A", side: "SELL", price: 0.45, size: 7, kind: "snapshot" },
      { ts: 200, tokenId: "A", side: "SELL", price: 0.42, size: 0, kind: "delta" },
      { ts: 200, tokenId: "A", side: "BUY", price: 0.41, size: 3, kind: "delta" },
      { ts: 300, tokenId: "A", side: "BUY", price: 0.415, size: 1, kind: "delta", tick: 0.005 },
      { ts: 400, tokenId: "A", side: "SELL", price: 0.6, size: 9, kind: "snapshot" },
      { ts: 150, tokenId: "B", side: "BUY", price: 0.1, size: 1, kind: "delta" },
    ];
    const f = join(dir, "small.parquet");
    expect(await writeBookEventsParquet(f, rows)).toBe(rows.length);
    const v = await loadParquetBookEvents(f);
    expect(v.name).toBe("parquet-events");
    expect(v.events).toBe(8);
    expect(v.issues).toEqual([]);
    expect(v.tokens().sort()).toEqual(["A", "B"]);
    expect(v.at("A", 99)).toBeUndefined();
    expect(v.at("A", 100)).toMatchObject({ ts: 100, tick: 0.01, bids: [{ price: 0.4, size: 10 }], asks: [{ price: 0.42, size: 5 }, { price: 0.45, size: 7 }] });
    expect(pairs(v.at("A", 250))).toEqual({ bids: [[0.41, 3], [0.4, 10]], asks: [[0.45, 7]] });
    expect(v.at("A", 300)).toMatchObject({ tick: 0.005, bids: [{ price: 0.415 }, { price: 0.41 }, { price: 0.4 }] });
    expect(pairs(v.at("A", 1e12))).toEqual({ bids: [], asks: [[0.6, 9]] });
    expect(v.at("A", 400)?.tick).toBe(0.005); // the tick carries over a snapshot
    expect(v.nextChange("A", 100)).toBe(200);
    expect(v.nextChange("A", 0)).toBe(100);
    expect(v.nextChange("A", 400)).toBeUndefined();
    expect(v.at("A", 250)).toBe(v.at("A", 260)); // same snapshot, same object
    expect(pairs(v.at("A", 150))).toEqual({ bids: [[0.4, 10]], asks: [[0.42, 5], [0.45, 7]] }); // going back in time
  });

  it("matches a reference replay at random times (seeded random events, several tokens)", async () => {
    const r = rng(7);
    const rows: BookEventRow[] = [];
    for (let i = 0; i < 3000; i++) {
      const tokenId = r.pick(["T1", "T2", "T3"]);
      const snap = r.next() < 0.02;
      rows.push({
        ts: r.int(0, 20_000),
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
    const times = Array.from({ length: 150 }, () => r.int(-10, 21_000));
    for (const t of [...times, ...times.slice().sort((a, b) => a - b)]) {
      for (const tok of ["T1", "T2", "T3"]) expect(pairs(v.at(tok, t))).toEqual(reference(rows, tok, t));
    }
  });

  it("skips and reports invalid rows, loading the rest", async () => {
    const rows = [
      { ts: 1, tokenId: "A", side: "BUY", price: 0.5, size: 1, kind: "delta" },
      { ts: 2, tokenId: "A", side: "HOLD", price: 0.5, size: 1, kind: "delta" },
      { ts: 3, tokenId: "A", side: "SELL", price: 1.5, size: 1, kind: "delta" },
      { ts: 4, tokenId: "", side: "SELL", price: 0.6, size: 1, kind: "delta" },
      { ts: 5, tokenId: "A", side: "SELL", price: 0.6, size: 1, kind: "later" },
      { ts: 6, tokenId: "A", side: "SELL", price: 0.6, size: 2, kind: "delta" },
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
    expect(pairs(v.at("A", 10))).toEqual({ bids: [[0.5, 1]], asks: [[0.6, 2]] });
  });
});
