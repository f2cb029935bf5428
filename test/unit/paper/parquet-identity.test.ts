// Parquet book events keep the snapshot orders arrive on as the same Book object however many older snapshots were
// looked up (the engine's record of what was taken is keyed on it: a rebuilt object offered the shares again).
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadParquetBookEvents, writeBookEventsParquet, type BookEventRow } from "../../../src/replay/books/parquet-events.js";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";
import { fills, intent } from "./fixtures.js";

const T0 = 1_767_225_600_000;
describe("parquet-events snapshot identity", () => {
  it("a snapshot's 10 displayed shares are taken once, however many other snapshots were looked at meanwhile", async () => {
    const rows: BookEventRow[] = [
      { ts: T0, tokenId: "A", side: "SELL", price: 0.5, size: 10, kind: "snapshot" },
      { ts: T0, tokenId: "A", side: "BUY", price: 0.4, size: 10, kind: "snapshot" },
    ];
    // the bid changes every second for 10 s; the ask (10 shares at 0.50) never does
    for (let k = 1; k <= 10; k++) rows.push({ ts: T0 + k * 1000, tokenId: "A", side: "BUY", price: 0.4, size: 10 + k, kind: "delta" });
    const f = join(mkdtempSync(join(tmpdir(), "rev-pq-")), "a.parquet");
    await writeBookEventsParquet(f, rows);
    const books = await loadParquetBookEvents(f);
    const engine = createPaperEngine({ books, latency: constantLatency(30_000), onReference: () => {} });
    let total = 0;
    for (let k = 0; k < 10; k++) {
      // leader trade at T0 + k s; every order arrives at T0 + 30 s + k s: all on the last snapshot (T0 + 10 s)
      const evs = engine.submit(intent({ tokenId: "A", ts: T0 + k * 1000, seenAt: T0 + k * 1000, targetShares: 10, limitPrice: 0.6 }));
      total += fills(evs).reduce((s, x) => s + x.size, 0);
    }
    expect(books.at("A", T0 + 30_000)).toBe(books.at("A", T0 + 39_000));
    expect(total).toBe(10);
  });
});
