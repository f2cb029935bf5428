// parquet-events: a crossed or locked book (best bid ≥ best ask: the venue would have matched them, so a level is
// stale) is reported by file row, field and value, and gives no book while it lasts, so no copy fills against it.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { loadParquetBookEvents, openBookView, writeBookEventsParquet, type BookEventRow } from "../../../src/replay/books/index.js";
import { history } from "../../helpers/leader-history.js";

const dir = mkdtempSync(join(tmpdir(), "spy-parquet-crossed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = 1_767_225_600_000;
const ev = (ts: number, side: "BUY" | "SELL", price: number, size: number, kind: "snapshot" | "delta"): BookEventRow => ({ ts: T0 + ts, tokenId: "y", side, price, size, kind });

describe("parquet-events: crossed and locked books", () => {
  it("names the row that crossed the book and gives no book until it uncrosses", async () => {
    const rows = [
      ev(0, "BUY", 0.48, 100, "snapshot"), //  row 0
      ev(0, "SELL", 0.5, 100, "snapshot"), //  row 1
      ev(100, "BUY", 0.55, 100, "delta"), //   row 2: bid 0.55 over the ask 0.50 (the ask's removal was missed)
      ev(200, "BUY", 0.49, 10, "delta"), //    row 3: still crossed
      ev(300, "SELL", 0.5, 0, "delta"), //     row 4: the stale ask goes: uncrossed
      ev(400, "SELL", 0.55, 100, "delta"), //  row 5: locked at 0.55
      ev(500, "BUY", 0.55, 0, "delta"), //     row 6: unlocked
    ];
    const f = join(dir, "crossed.parquet");
    await writeBookEventsParquet(f, rows);
    const v = await loadParquetBookEvents(f);
    expect(v.events).toBe(7);
    expect(v.issues.map((i) => [i.row, i.field, i.value])).toEqual([[2, "price", 0.55], [5, "price", 0.55]]);
    expect(v.issues[0]!.message).toMatch(/best bid 0\.55 ≥ best ask 0\.5/);
    expect(v.at("y", T0 + 50)?.asks).toEqual([{ price: 0.5, size: 100 }]);
    expect(v.at("y", T0 + 100)).toBeUndefined();
    expect(v.at("y", T0 + 299)).toBeUndefined();
    expect(v.at("y", T0 + 300)?.bids[0]).toEqual({ price: 0.55, size: 100 });
    expect(v.at("y", T0 + 400)).toBeUndefined();
    expect(v.at("y", T0 + 500)?.asks).toEqual([{ price: 0.55, size: 100 }]);
  });

  it("a copy arriving on a crossed book does not fill at its stale ask", async () => {
    // the book is crossed from T0+100 (bid 0.55, stale ask 0.50): a leader BUY @ 0.50 at T0+100, copied 500 ms later,
    // filled 50 shares at 0.50 that were not there
    const f = join(dir, "crossed-run.parquet");
    await writeBookEventsParquet(f, [ev(0, "BUY", 0.48, 1000, "snapshot"), ev(0, "SELL", 0.5, 1000, "snapshot"), ev(100, "BUY", 0.55, 1000, "delta")]);
    const config = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, maxBankrollPct: 1, slippage: 0.02 }, fill: { book: "parquet-events", path: f }, latency: { model: "constant", ms: 500 } });
    const books = await openBookView(config.fill);
    expect(books.issues).toHaveLength(1);
    const h = history();
    const r = await runReplay({ source: arraySource([h.trade("BUY", "y", 100, 0.5, T0 + 100, "c")]), config, books });
    expect(r.result.attribution.filledNotional).toBe(0);
    expect(r.summary.counts.endReasons).toMatchObject({ NO_BOOK: 1 });
  });
});
