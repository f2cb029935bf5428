// The real `spy` process with parquet-events books whose fill.path is a folder of Parquet files: `spy replay` exits 1
// naming the folder (it read every file below it as one), and `spy config check` refuses it (exit 2) naming fill.path.
import { afterAll, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyToParquet } from "../helpers/parquet-sql.js";
import { activityRow } from "../helpers/activity-row.js";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const spy = (args: string[]) => spawnSync(process.execPath, [SPY, ...args], { encoding: "utf8", env: { ...process.env, SPY_LOG_LEVEL: "silent" } });
const dir = mkdtempSync(join(tmpdir(), "rev-cli-pq-folder-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = 1_767_236_479_000;

it("a folder as the parquet-events fill.path is refused by name", async () => {
  const books = join(dir, "books");
  mkdirSync(books);
  const rows = `SELECT * FROM (VALUES (${T0}::BIGINT, '123', 'SELL', 0.51, 100.0, 'snapshot')) t(ts, token_id, side, price, size, kind)`;
  await copyToParquet(join(books, "a.parquet"), rows);
  await copyToParquet(join(books, "b.parquet"), rows);
  const cfg = join(dir, "c.json");
  writeFileSync(cfg, JSON.stringify({ fill: { book: "parquet-events", path: books } }));
  const acts = join(dir, "acts.json");
  writeFileSync(acts, JSON.stringify([activityRow(0), activityRow(1)]));

  const replay = spy(["replay", "--from-json", acts, "--config", cfg, "--no-save"]);
  expect(replay.status).toBe(1);
  expect(replay.stderr).toContain(`${books}: a folder, not a Parquet file`);
  expect(replay.stdout).not.toContain("Book source");

  const check = spy(["config", "check", cfg]);
  expect(check.status).toBe(2);
  expect(check.stderr).toContain(`${cfg}: fill.path: a folder, but fill.book "parquet-events" reads one file (got ${JSON.stringify(books)})`);
});
