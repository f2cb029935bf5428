// spy replay --config a.json b.json refuses bad configs naming every bad field of every file (exit 2), not only the
// first bad file's; a bad SPY__ variable, applied to each file, is named once.
import { expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;

it("names the bad fields of every --config file", () => {
  const dir = mkdtempSync(join(tmpdir(), "spy-replay-cfgs-"));
  const [a, ok, b] = ["a.json", "ok.json", "b.json"].map((n) => join(dir, n)) as [string, string, string];
  writeFileSync(a, JSON.stringify({ bankroll: -1 }));
  writeFileSync(ok, JSON.stringify({ defaults: { ratio: 0.02 } }));
  writeFileSync(b, JSON.stringify({ defaults: { orderType: "XYZ" } }));
  const r = spawnSync(process.execPath, [SPY, "replay", "--synthetic", "100", "--config", a, ok, b], {
    encoding: "utf8",
    env: { ...process.env, SPY__killSwitch: "maybe" },
  });
  expect(r.status).toBe(2);
  expect(r.stdout).toBe(""); // nothing replayed
  expect(r.stderr).toContain(`${a}: bankroll: Too small: expected number to be >0 (got -1)`);
  expect(r.stderr).toContain(`${b}: defaults.orderType: Invalid option`);
  expect(r.stderr.split("SPY__killSwitch: killSwitch: Invalid input").length).toBe(2);
  expect(r.stderr).not.toContain(ok);
});
