// The real `spy replay` process on a folder with a bad row: the runs go ahead on the good rows (report on stdout), the
// bad row is a warning on stderr, and the command exits 1, as `spy import` does on the same files.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { activityRow } from "../helpers/activity-row.js";

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
