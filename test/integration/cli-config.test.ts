// The real `spy` process: config validation names every bad field and exits non-zero; env overrides apply.
// Spawns bin/spy.mjs as a child process and checks its exit status, stdout and stderr.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
function spy(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [SPY, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
}

describe("spy config", () => {
  it("refuses an invalid config naming every bad field and value, exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cfg-"));
    const f = join(dir, "bad.json");
    writeFileSync(f, JSON.stringify({ bankroll: "lots", defaults: { ratio: -1, orderType: "XYZ" }, leaders: { "0xA": { slippage: 3 } } }));
    const r = spy(["config", "check", f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bankroll: Invalid input: expected number, received string (got "lots")');
    expect(r.stderr).toContain("defaults.ratio");
    expect(r.stderr).toContain('(got "XYZ")');
    expect(r.stderr).toContain("leaders.0xA.slippage");
  });
  it("applies SPY__ env overrides on top of the file and defaults", () => {
    const r = spy(["config", "show"], { SPY__defaults__ratio: "0.25", SPY__killSwitch: "true" });
    expect(r.status).toBe(0);
    const cfg = JSON.parse(r.stdout) as { killSwitch: boolean; defaults: { ratio: number; priceCap: number } };
    expect(cfg.killSwitch).toBe(true);
    expect(cfg.defaults.ratio).toBe(0.25);
    expect(cfg.defaults.priceCap).toBe(0.97);
  });
  it("blames a bad value on the SPY__ variable that set it, not on the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cfg-"));
    const f = join(dir, "c.json");
    writeFileSync(f, JSON.stringify({ bankroll: -5 }));
    const r = spy(["config", "check", f], { SPY__defaults__ratio: "99" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("SPY__defaults__ratio: defaults.ratio: Too big");
    expect(r.stderr).toContain(`${f}: bankroll:`);
    expect(r.stderr).not.toContain(`${f}: defaults.ratio`);
  });
  it("a JSON syntax error says where, never quoting the file (it may hold a secret)", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cfg-"));
    const f = join(dir, "s.json");
    writeFileSync(f, '{\n  "bankroll": 100,\n  "privateKey": ab12SUPERSECRET\n}');
    const r = spy(["config", "check", f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${f}: not valid JSON (unexpected character at line 3 column 17)`);
    expect(r.stderr).not.toMatch(/SUPERS|ab12/);
    writeFileSync(f, '{\n  "bankroll": 100,\n  "x": 1,\n}');
    expect(spy(["config", "check", f]).stderr).toContain("not valid JSON (expected a property name in double quotes at line 4 column 1)");
  });
  it("blames a variable that made a field an object, and checks that recorded books are there", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cfg-"));
    const f = join(dir, "ok.json");
    writeFileSync(f, JSON.stringify({ bankroll: 100 }));
    const r = spy(["config", "check", f], { SPY__bankroll__x: "5" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("SPY__bankroll__x: bankroll:");
    writeFileSync(f, JSON.stringify({ fill: { book: "recorded-l1", path: join(dir, "missing.csv") } }));
    const m = spy(["config", "check", f]);
    expect(m.status).toBe(2);
    expect(m.stderr).toContain(`fill.path: no such file or folder (got "${join(dir, "missing.csv")}")`);
  });
  it("exits non-zero on an unknown command", () => {
    expect(spy(["nonsense"]).status).not.toBe(0);
  });
});
