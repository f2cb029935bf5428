// A private key pasted as a leader's wallet, in a file or an SPY__ variable's name: errors still show the bad value
// found under it (not "undefined") and blame the variable that set it, naming the key by its length only.
import { expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const KEY = `0x${"ab12".repeat(16)}`; // 0x + 64 hex digits: a private key's shape
const HIDDEN = "<a key of 66 characters, not shown>";

function check(config: unknown, env: Record<string, string> = {}) {
  const f = join(mkdtempSync(join(tmpdir(), "spy-cfg-key-")), "c.json");
  writeFileSync(f, JSON.stringify(config));
  return { f, r: spawnSync(process.execPath, [SPY, "config", "check", f], { encoding: "utf8", env: { ...process.env, ...env } }) };
}

it("a bad value under a withheld leader key is shown, and blamed on the SPY__ variable without the key", () => {
  const { f, r } = check({ bankroll: 100 }, { [`SPY__leaders__${KEY}__state`]: "maybe", SPY__leaders__bob__ratio: "-1" });
  expect(r.status).toBe(2);
  expect(r.stderr + r.stdout).not.toContain(KEY.slice(2));
  expect(r.stderr).toContain(`SPY__leaders__${HIDDEN}__state: leaders.${HIDDEN}.state: Invalid option: expected one of "inherit"|"on"|"off" (got "maybe")`);
  expect(r.stderr).toContain(`SPY__leaders__${HIDDEN}__state: leaders.${HIDDEN}: not a wallet`);
  expect(r.stderr).toContain("SPY__leaders__bob__ratio: leaders.bob.ratio: Too small: expected number to be >0 (got -1)");
  expect(r.stderr).not.toContain(`${f}: leaders.`);
});

it("in a file, the value under the key is shown as any other", () => {
  const { f, r } = check({ leaders: { [KEY]: { ratio: "lots" } } });
  expect(r.status).toBe(2);
  expect(r.stderr + r.stdout).not.toContain(KEY.slice(2));
  expect(r.stderr).toContain(`${f}: leaders.${HIDDEN}.ratio: Invalid input: expected number, received string (got "lots")`);
  expect(r.stderr).toContain(`${f}: leaders.${HIDDEN}: not a wallet: leaders are keyed by their 0x address (40 hex digits), not by name (got an object (contents not shown))`);
});
