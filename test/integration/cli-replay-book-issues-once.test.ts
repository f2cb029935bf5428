// A real `spy replay` process with two configs reading the same book file: each bad book row is warned about once and
// counted once in the closing count of skipped rows, not once per config.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeBookEventsParquet } from "../../src/replay/books/index.js";
import { activityRow } from "../helpers/activity-row.js";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;

describe("spy replay: book issues of a file several configs read", () => {
  it("are warned about and counted once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cli-book-once-"));
    const T0 = 1_767_236_479_000; // activityRow(0)'s time, in ms
    const books = join(dir, "books.parquet");
    await writeBookEventsParquet(books, [
      { ts: T0 - 1000, tokenId: "123", side: "SELL", price: 0.5, size: 1000, kind: "snapshot" },
      { ts: T0 - 900, tokenId: "123", side: "SELL", price: 1.5, size: 10, kind: "delta" }, // a bad price
    ]);
    writeFileSync(join(dir, "a.json"), JSON.stringify([activityRow(0)]));
    for (const [name, ratio] of [["c1", 1], ["c2", 0.5]] as const) {
      writeFileSync(join(dir, `${name}.json`), JSON.stringify({ defaults: { ratio, slippage: 0.02 }, fill: { book: "parquet-events", path: books } }));
    }
    const r = spawnSync(process.execPath, [SPY, "replay", "--from-json", join(dir, "a.json"), "--config", join(dir, "c1.json"), join(dir, "c2.json"), "--no-save"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n").filter((l) => l.includes("price = 1.5"))).toHaveLength(1);
    expect(r.stderr).toContain("1 input row(s) or file(s) skipped as bad");
  }, 120_000);
});
