// A real `spy replay` process over a book-event Parquet file of 100,000 bad rows: stderr lists the first issues of
// each field and one summary line per field, and the closing count of skipped rows (exit 1) stays exact.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyToParquet } from "../helpers/parquet-sql.js";
import { describe, expect, it } from "vitest";
import { activityRow } from "../helpers/activity-row.js";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;

describe("spy replay over a book file of many bad rows", () => {
  it("prints a bounded number of warnings and the exact count of skipped rows", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cli-parquet-cap-"));
    const T0 = 1_767_236_479_000; // activityRow(0)'s time, in ms
    const books = join(dir, "books.parquet");
    // one good snapshot, then 100,000 rows whose side is no side
    await copyToParquet(books, `SELECT ${T0 - 1000}::BIGINT AS ts, '123' AS token_id, 'SELL' AS side, 0.5 AS price, 1000.0 AS size, 'snapshot' AS kind
        UNION ALL SELECT ${T0 - 1000}::BIGINT + i, '123', 'HOLD', 0.4, 10.0, 'delta' FROM range(1, 100001) r(i)`);
    writeFileSync(join(dir, "a.json"), JSON.stringify([activityRow(0)]));
    writeFileSync(join(dir, "c.json"), JSON.stringify({ defaults: { ratio: 1, slippage: 0.02 }, fill: { book: "parquet-events", path: books } }));
    const r = spawnSync(process.execPath, [SPY, "replay", "--from-json", join(dir, "a.json"), "--config", join(dir, "c.json"), "--no-save"], { encoding: "utf8", maxBuffer: 1 << 28 });
    expect(r.status).toBe(1);
    const warnings = r.stderr.split("\n").filter((l) => l.startsWith("warning:"));
    expect(warnings.length).toBeLessThanOrEqual(21);
    expect(r.stderr).toMatch(/side: 99,980 more/);
    expect(r.stderr).toContain("100000 input row(s) or file(s) skipped as bad");
  }, 120_000);
});
