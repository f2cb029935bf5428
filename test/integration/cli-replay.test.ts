// The real `spy replay` process on a folder with a bad row: the runs go ahead on the good rows (report on stdout), the
// bad row is a warning on stderr, and the command exits 1, as `spy import` does on the same files; nothing to replay is
// an error, not an all-zero report; a reader closing stdout early does not fail the runs.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { activityRow } from "../helpers/activity-row.js";
import { openStore } from "../../src/store/db.js";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const spy = (args: string[]) => spawnSync(process.execPath, [SPY, ...args], { encoding: "utf8" });

describe("spy replay exit status", () => {
  it("exits 1 after replaying the good rows when some were skipped as bad, 0 when none were", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cli-replay-"));
    writeFileSync(join(dir, "a.json"), JSON.stringify([activityRow(0), activityRow(1), activityRow(2, { price: "half" })]));
    const bad = spy(["replay", "--from-json", dir, "--no-save"]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("2 events from json:");
    expect(bad.stderr).toContain("warning: a.json row 2: price");
    expect(bad.stderr).toContain("1 input row(s) or file(s) skipped as bad (warnings above): exit 1");
    writeFileSync(join(dir, "a.json"), JSON.stringify([activityRow(0), activityRow(1)]));
    const good = spy(["replay", "--from-json", dir, "--no-save"]);
    expect([good.status, good.stderr.includes("warning")]).toEqual([0, false]);
  });
});

describe("spy replay with nothing to replay", () => {
  it("an empty database or a --leader the synthetic history lacks is an error naming what to do, not an all-zero report", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cli-empty-"));
    writeFileSync(join(dir, "bad.json"), JSON.stringify([activityRow(0, { price: "half" })]));
    const db = join(dir, "e.duckdb");
    expect(spy(["import", "activity", join(dir, "bad.json"), "--db", db]).status).toBe(1);
    const empty = spy(["replay", "--db", db]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain("no leader events in");
    expect(empty.stderr).toContain("spy import activity");
    const synth = spy(["replay", "--synthetic", "200", "--leader", "0x" + "de".repeat(20), "--no-save"]);
    expect(synth.status).toBe(1);
    expect(synth.stderr).toContain("no events of this leader");
  });

  it("spy import of a path that does not exist creates no database", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cli-typo-"));
    const db = join(dir, "x.duckdb");
    expect(spy(["import", "activity", join(dir, "nope"), "--db", db]).status).not.toBe(0);
    expect(existsSync(db)).toBe(false);
  });
});

describe("spy replay | head", () => {
  it("a reader that closes stdout after the first line: every run still goes into the journal and the exit code is 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cli-pipe-"));
    for (const [n, r] of [["a", 0.2], ["b", 0.4]] as const) writeFileSync(join(dir, `${n}.json`), JSON.stringify({ defaults: { ratio: r } }));
    const db = join(dir, "p.duckdb");
    const child = spawn(process.execPath, [SPY, "replay", "--synthetic", "3000", "--db", db, "--config", join(dir, "a.json"), join(dir, "b.json")], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.once("data", () => child.stdout.destroy()); // as `head -1` does
    let err = "";
    child.stderr.on("data", (d) => (err += String(d)));
    const code = await new Promise<number | null>((res) => child.on("close", res));
    expect(err).not.toContain("EPIPE");
    expect(code).toBe(0);
    const store = await openStore(db);
    expect((await store.rows<{ label: string }>("SELECT label FROM replay_runs ORDER BY label")).map((r) => r.label)).toEqual(["a", "b"]);
    store.close();
  }, 60_000);
});

describe("spy demo", () => {
  it("applies SPY__ environment overrides to its embedded config, as every config does", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cli-demo-"));
    const run = (env: Record<string, string>) => spawnSync(process.execPath, [SPY, "demo", "--events", "500", "--out", join(dir, "d.html")], { encoding: "utf8", env: { ...process.env, ...env } });
    expect(run({}).stdout).toMatch(/0x\S+\s+0\.2500\s/); // the demo's own r_u
    const over = run({ SPY__defaults__ratio: "0.1" });
    expect(over.status).toBe(0);
    expect(over.stdout).toMatch(/0x\S+\s+0\.1000\s/);
  }, 60_000);
});
