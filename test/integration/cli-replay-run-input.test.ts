// Real `spy replay --from-json … --db` processes: the journalled run row says which leaders it was filtered to
// (NULL: all of the source) and how many source rows were refused as unreadable, so a notebook can tell partial runs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { activityRow } from "../helpers/activity-row.js";
import { openStore } from "../../src/store/db.js";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const spy = (args: string[]) => spawnSync(process.execPath, [SPY, ...args], { encoding: "utf8" });

describe("spy replay journals the run's input", () => {
  it("records the --leader filter and the rows skipped as bad with the run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cli-run-input-"));
    const leader = "0x" + "ab".repeat(20);
    writeFileSync(join(dir, "a.json"), JSON.stringify([activityRow(0), activityRow(1), activityRow(2, { price: "half" }), activityRow(3, { size: -1 })]));
    const db = join(dir, "r.duckdb");
    const cfg = (name: string, ratio: number) => {
      writeFileSync(join(dir, `${name}.json`), JSON.stringify({ defaults: { ratio } }));
      return join(dir, `${name}.json`);
    };
    const filtered = spy(["replay", "--from-json", join(dir, "a.json"), "--db", db, "--leader", leader.toUpperCase().replace("0X", "0x"), "--config", cfg("f", 0.2)]);
    expect(filtered.status).toBe(1); // two rows skipped as bad
    expect(filtered.stderr).toContain("a.json row 2: price");
    const all = spy(["replay", "--from-json", join(dir, "a.json"), "--db", db, "--config", cfg("g", 0.3)]);
    expect(all.status).toBe(1);
    const store = await openStore(db);
    const rows = await store.rows<{ label: string; leaders: string | null; skipped_rows: number; events: number }>("SELECT label, leaders::VARCHAR AS leaders, skipped_rows, events FROM replay_runs ORDER BY label");
    store.close();
    expect(rows.map((r) => [r.label, r.leaders === null ? null : JSON.parse(r.leaders), Number(r.skipped_rows), Number(r.events)])).toEqual([
      ["f", [leader], 2, 2],
      ["g", null, 2, 2],
    ]);
  }, 60_000);
});
