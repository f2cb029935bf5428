// --db naming an existing data file (JSON, CSV) is refused naming the path: DuckDB would open it as an in-memory
// database with a view over the file, so spy import reported every row imported and kept none (the file unchanged).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../../src/store/db.js";
import { activityRow } from "../helpers/activity-row.js";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const spy = (args: string[]) => spawnSync(process.execPath, [SPY, ...args], { encoding: "utf8" });

describe("--db naming a data file", () => {
  it("spy import and openStore refuse it, leaving the file as it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-db-data-file-"));
    const rows = join(dir, "rows");
    mkdirSync(rows);
    writeFileSync(join(rows, "p.json"), JSON.stringify([activityRow(0), activityRow(1)]));
    const json = join(dir, "notes.json");
    writeFileSync(json, '{"a":1}\n');
    const r = spy(["import", "activity", rows, "--db", json]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`${json}: not a DuckDB database file`);
    expect(r.stdout).not.toContain("imported 2");
    expect(readFileSync(json, "utf8")).toBe('{"a":1}\n');
    const csv = join(dir, "t.csv");
    writeFileSync(csv, "a,b\n1,2\n");
    await expect(openStore(csv)).rejects.toThrow(`${csv}: not a DuckDB database file`);
    // a new path (any name) and an existing DuckDB file open as before
    const fresh = await openStore(join(dir, "new.json"));
    fresh.close();
    const again = await openStore(join(dir, "new.json"));
    again.close();
  });
});
