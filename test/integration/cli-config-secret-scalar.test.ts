// A private key (0x + 64 hex) or an API secret given as the value of a known field — in the file or in an SPY__
// variable — is a string scalar: e0d5e7c withholds objects and arrays only, so `spy config check` still printed the key.
import { expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const KEY = "0x" + "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
const SECRET = "dGhpcyBpcyBhbiBhcGkgc2VjcmV0IGJhc2U2NA==";
const spy = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [SPY, ...args], { encoding: "utf8", env: { ...process.env, ...env } });

it("a key or secret string under a known field is refused without printing it; a short bad word is still shown", () => {
  const f = join(mkdtempSync(join(tmpdir(), "rev-cfg-")), "c.json");
  writeFileSync(f, JSON.stringify({ bankroll: KEY, defaults: { orderType: "fok" } }));
  const r = spy(["config", "check", f], { SPY__seed: SECRET });
  expect(r.status).toBe(2);
  expect(r.stderr + r.stdout).not.toContain(KEY.slice(2));
  expect(r.stderr + r.stdout).not.toContain(SECRET);
  expect(r.stderr).toMatch(/bankroll: .*\(got a string of 66 characters \(not shown\)\)/);
  expect(r.stderr).toContain('(got "fok")');
});

it("a private key pasted as a leader's wallet is not echoed in the field name; a short name still is", () => {
  const f = join(mkdtempSync(join(tmpdir(), "rev-cfg-")), "c.json");
  writeFileSync(f, JSON.stringify({ leaders: { [KEY]: { ratio: 0.1 }, gabagool22: { ratio: 0.1 } } }));
  const r = spy(["config", "check", f]);
  expect(r.status).toBe(2);
  expect(r.stderr + r.stdout).not.toContain(KEY.slice(2));
  expect(r.stderr).toContain("leaders.<a key of 66 characters, not shown>: not a wallet");
  expect(r.stderr).toContain("leaders.gabagool22: not a wallet");
});
