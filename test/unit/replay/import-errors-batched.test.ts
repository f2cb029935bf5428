// An import's bad rows are written to import_errors in a few statements, not one INSERT (one commit) per bad row (a folder
// of 10,178 rows with ms timestamps took 100 s to refuse); what is stored is unchanged and a re-import replaces it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { importActivity } from "../../../src/replay/import-activity.js";
import { openStore } from "../../../src/store/db.js";
import { activityRow } from "../../helpers/activity-row.js";

const dir = mkdtempSync(join(tmpdir(), "spy-import-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BAD_ROWS = 300;
const row = (i: number) => activityRow(i);

describe("import_errors of a file with many bad rows", () => {
  it("are written in a bounded number of statements, read back whole, and replaced by a re-import", async () => {
    const data = join(dir, "data");
    const file = join(dir, "a.json");
    // every other row has its time in ms (a common mistake in saved dumps): reported and skipped
    const rows = Array.from({ length: 2 * BAD_ROWS }, (_, i) => (i % 2 ? { ...row(i), timestamp: (row(i).timestamp as number) * 1000 } : row(i)));
    writeFileSync(file, JSON.stringify(rows));
    const store = await openStore(join(data, "s.duckdb"));
    const run = vi.spyOn(store, "run");
    const r = await importActivity(store, file);
    expect(r).toMatchObject({ read: 2 * BAD_ROWS, imported: BAD_ROWS, bad: BAD_ROWS });
    const errorStatements = run.mock.calls.filter(([sql]) => sql.includes("import_errors")).length;
    expect(errorStatements).toBeLessThan(10);
    run.mockRestore();
    const stored = await store.rows<{ file: string; row_index: number; field: string; value: string }>(
      "SELECT file, row_index, field, value FROM import_errors ORDER BY row_index",
    );
    expect(stored).toEqual(r.errors.map((e) => ({ file: "a.json", row_index: e.row, field: "timestamp", value: String(e.value) })));
    expect(stored.map((s) => s.row_index)).toEqual(Array.from({ length: BAD_ROWS }, (_, i) => 2 * i + 1));
    // importing again keeps one row per issue; the file fixed, its issues go
    await importActivity(store, file);
    expect(Number(await store.scalar("SELECT count(*) FROM import_errors"))).toBe(BAD_ROWS);
    writeFileSync(file, JSON.stringify(rows.filter((_, i) => i % 2 === 0)));
    await importActivity(store, file);
    expect(Number(await store.scalar("SELECT count(*) FROM import_errors"))).toBe(0);
    store.close();
  });
});
