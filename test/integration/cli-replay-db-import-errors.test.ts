// Real `spy import` + `spy replay --db` processes: rows an import refused are missing from the database's history, so a
// replay of it warns, exits 1 and journals them as skipped_rows, as a --from-json replay of the same files does.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { activityRow } from "../helpers/activity-row.js";
import { openStore } from "../../src/store/db.js";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const spy = (args: string[]) => spawnSync(process.execPath, [SPY, ...args], { encoding: "utf8" });
const dir = mkdtempSync(join(tmpdir(), "rev-cli-db-import-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("a replay of a partly imported history says so, in its exit status and its journalled run", async () => {
  const acts = join(dir, "acts");
  const rows = [activityRow(0), activityRow(1), activityRow(2, { price: "half" }), activityRow(3, { size: -1 })];
  mkdirSync(acts);
  writeFileSync(join(acts, "a.json"), JSON.stringify(rows));
  const db = join(dir, "h.duckdb");
  expect(spy(["import", "activity", acts, "--db", db]).status).toBe(1);

  const fromDb = spy(["replay", "--db", db]);
  expect(fromDb.status).toBe(1);
  expect(fromDb.stderr).toContain(`${db}: 2 row(s) or file(s) of its imports were refused as unreadable`);
  const fromJson = spy(["replay", "--from-json", acts, "--db", db, "--config", writeCfg("j")]);
  expect(fromJson.status).toBe(1);

  // the files fixed and imported again: nothing is missing any more
  writeFileSync(join(acts, "a.json"), JSON.stringify([activityRow(0), activityRow(1), activityRow(2), activityRow(3)]));
  expect(spy(["import", "activity", acts, "--db", db]).status).toBe(0);
  const whole = spy(["replay", "--db", db, "--config", writeCfg("whole")]);
  expect(whole.status).toBe(0);

  const store = await openStore(db, { readOnly: true });
  const runs = await store.rows<{ label: string; skipped_rows: number; events: number }>("SELECT label, skipped_rows, events FROM replay_runs ORDER BY label");
  store.close();
  expect(runs.map((r) => [r.label, Number(r.skipped_rows), Number(r.events)])).toEqual([
    ["default", 2, 2],
    ["j", 2, 2],
    ["whole", 0, 4],
  ]);
}, 60_000);

function writeCfg(name: string): string {
  const f = join(dir, `${name}.json`);
  writeFileSync(f, JSON.stringify({ defaults: { ratio: 0.2 } }));
  return f;
}
