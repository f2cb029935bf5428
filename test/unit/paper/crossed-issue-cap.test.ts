// The per-field issue cap of the recorded book views does not hide crossed books behind other bad values of the same
// field: a crossed run is listed (and capped) apart from, e.g., 20 unreadable prices before it.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadParquetBookEvents, loadRecordedL1, writeBookEventsParquet, type BookEventRow } from "../../../src/replay/books/index.js";

const dir = mkdtempSync(join(tmpdir(), "spy-crossed-cap-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = 1_767_225_600_000;

describe("crossed runs are not hidden by the cap of their field", () => {
  it("parquet-events: 25 bad prices, then a crossed book: the crossed run is listed", async () => {
    const ev = (ts: number, side: "BUY" | "SELL", price: number, size: number, kind: "snapshot" | "delta"): BookEventRow => ({ ts: T0 + ts, tokenId: "y", side, price, size, kind });
    const rows = [ev(0, "BUY", 0.48, 100, "snapshot"), ev(0, "SELL", 0.5, 100, "snapshot")];
    for (let i = 1; i <= 25; i++) rows.push(ev(i, "SELL", 1.5, 10, "delta"));
    rows.push(ev(100, "BUY", 0.55, 100, "delta"));
    const f = join(dir, "p.parquet");
    await writeBookEventsParquet(f, rows);
    const v = await loadParquetBookEvents(f);
    expect(v.issues.filter((i) => /book crossed/.test(i.message)).map((i) => i.row)).toEqual([27]);
    expect(v.issues.filter((i) => i.count !== undefined).map((i) => [i.field, i.count])).toEqual([["price", 5]]);
    expect(v.issues.reduce((n, i) => n + (i.count ?? 1), 0)).toBe(26);
  });

  it("recorded-l1: 25 bad bids, then a crossed book: the crossed run is listed", async () => {
    const head = "market_slug,up_token_id,down_token_id,market_end_ts,up_book_ts,down_book_ts,up_bid,up_bid_size,up_ask,up_ask_size,down_bid,down_bid_size,down_ask,down_ask_size";
    const row = (dt: number, bid: number | string) => ["m", "up", "down", "", T0 + dt, T0 + dt, bid, 100, 0.5, 100, 0.5, 100, 0.52, 100].join(",");
    const rows = [row(0, 0.48)];
    for (let i = 1; i <= 25; i++) rows.push(row(i, "x"));
    rows.push(row(100, 0.55)); // line 28
    const f = join(dir, "l1.csv");
    writeFileSync(f, [head, ...rows].join("\n") + "\n");
    const v = await loadRecordedL1(f);
    expect(v.issues.filter((i) => /book crossed/.test(i.message)).map((i) => i.line)).toEqual([28]);
    expect(v.issues.reduce((n, i) => n + (i.count ?? 1), 0)).toBe(26);
  });
});
