// Real `spy` processes given a folder where they write a file (replay --plot, demo --out): refused at once naming the
// flag and the folder, exit 1, before any run is computed or journalled (not with EISDIR after the whole run).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const spy = (args: string[]) => spawnSync(process.execPath, [SPY, ...args], { encoding: "utf8" });
const dir = mkdtempSync(join(tmpdir(), "rev-cli-out-folder-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("spy replay --plot <folder> names the flag and runs nothing", () => {
  const db = join(dir, "r.duckdb");
  const r = spy(["replay", "--synthetic", "200", "--db", db, "--plot", dir]);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`--plot: ${JSON.stringify(dir)} is a folder`);
  expect(r.stdout).not.toContain("Book source");
  expect(existsSync(db)).toBe(false);
});

it("spy demo --out <folder> names the flag and runs nothing", () => {
  const r = spy(["demo", "--events", "200", "--out", dir]);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`--out: ${JSON.stringify(dir)} is a folder`);
  expect(r.stdout).not.toContain("Book source");
});
