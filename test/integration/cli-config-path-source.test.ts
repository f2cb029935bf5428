// spy config check with recorded books at a missing fill.path blames where the path came from: the SPY__ variable that
// set it (not the config file, which may not even name a path), else the file.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const spy = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [SPY, ...args], { encoding: "utf8", env: { ...process.env, ...env } });

describe("spy config check: a missing fill.path", () => {
  it("names the SPY__ variable that set it, or the file that did", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cfg-path-"));
    const f = join(dir, "books.json");
    writeFileSync(f, JSON.stringify({ fill: { book: "recorded-l1", path: join(dir, "in-file.csv") } }));
    const missing = join(dir, "from-env.csv");
    const byEnv = spy(["config", "check", f], { SPY__fill__path: JSON.stringify(missing) });
    expect(byEnv.status).toBe(2);
    expect(byEnv.stderr).toContain(`SPY__fill__path: fill.path: no such file or folder (got "${missing}")`);
    expect(byEnv.stderr).not.toContain(`${f}: fill.path`);
    const byFile = spy(["config", "check", f]);
    expect(byFile.status).toBe(2);
    expect(byFile.stderr).toContain(`${f}: fill.path: no such file or folder (got "${join(dir, "in-file.csv")}")`);
  });
});
