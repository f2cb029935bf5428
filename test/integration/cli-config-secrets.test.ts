// The real `spy config check`: a credentials file given as a config, or a key put under a known field as an object
// or array, is refused without printing its contents.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const SECRET = "S3CR3T-do-not-print";
const spy = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [SPY, ...args], { encoding: "utf8", env: { ...process.env, ...env } });

describe("spy config check never prints a secret it was given by mistake", () => {
  const dir = mkdtempSync(join(tmpdir(), "spy-cfg-secret-"));
  const cases: [string, unknown][] = [
    ["creds-array.json", [{ apiKey: "k", secret: SECRET, passphrase: "p" }]],
    ["key-string.json", `0x${SECRET}`],
    ["nested.json", { bankroll: { privateKey: SECRET }, leaders: { ["0x" + "ab".repeat(20)]: [SECRET] } }],
  ];
  for (const [name, content] of cases) {
    it(`${name}: exit 2, the field named, the value withheld`, () => {
      const f = join(dir, name);
      writeFileSync(f, JSON.stringify(content));
      const r = spy(["config", "check", f]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/invalid config/);
      expect(r.stderr + r.stdout).not.toContain(SECRET);
    });
  }

  it("names the field and the kind of value it got instead", () => {
    const f = join(dir, "nested.json");
    const r = spy(["config", "check", f]);
    expect(r.stderr).toContain("bankroll: Invalid input: expected number, received object (got an object (contents not shown))");
    expect(spy(["config", "check", join(dir, "creds-array.json")]).stderr).toContain("(root): expected an object (got an array of 1 (contents not shown))");
  });

  it("an SPY__ variable holding an object is withheld too; a scalar is still shown", () => {
    const r = spy(["config", "check"], { SPY__bankroll: JSON.stringify({ secret: SECRET }), SPY__defaults__ratio: '"lots"' });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain(SECRET);
    expect(r.stderr).toContain('SPY__defaults__ratio: defaults.ratio: Invalid input: expected number, received string (got "lots")');
  });
});
