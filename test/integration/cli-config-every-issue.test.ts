// spy config check names every bad field at once: the cross-field checks (a leader keyed by name, min above max,
// jitter with the constant model, recorded books without a path) still run when another field has a wrong type.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const W = "0x6031b6eed1c97e853c6e0f03ad3ce3529351f96d";

function check(config: unknown) {
  const f = join(mkdtempSync(join(tmpdir(), "spy-cfg-all-")), "c.json");
  writeFileSync(f, JSON.stringify(config));
  return spawnSync(process.execPath, [SPY, "config", "check", f], { encoding: "utf8" });
}

describe("spy config check: every bad field in one error", () => {
  it("a wrong type elsewhere does not hide the cross-field issues", () => {
    const r = check({
      bankroll: "lots",
      defaults: { ratioMin: 0.5, orderType: 3 },
      leaders: { bob: { ratio: 0.1 }, [W]: { minCopyNotional: 50, maxCopyNotional: 10 } },
      fill: { book: "recorded-l1" },
      latency: { jitterMs: 5 },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("bankroll: Invalid input: expected number");
    expect(r.stderr).toContain("defaults.orderType: Invalid option");
    expect(r.stderr).toContain("defaults.ratioMin: ratioMin 0.5 > ratioMax 0.1");
    expect(r.stderr).toContain("leaders.bob: not a wallet");
    expect(r.stderr).toContain(`leaders.${W}.minCopyNotional: minCopyNotional 50 > maxCopyNotional 10`);
    expect(r.stderr).toContain('fill.path: required with fill.book "recorded-l1"');
    expect(r.stderr).toContain('latency.jitterMs: ignored by latency.model "constant"');
  });
  it("a fractional integer field (seed, netting.windowMs) does not hide them either", () => {
    const r = check({ seed: 1.5, leaders: { bob: {}, [W]: { netting: { windowMs: 1.5 } } } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/seed: expected an integer from -2147483648 to 2147483647 .*\(got 1\.5\)/);
    expect(r.stderr).toContain(`leaders.${W}.netting.windowMs: Invalid input: expected int, received number (got 1.5)`);
    expect(r.stderr).toContain("leaders.bob: not a wallet");
  });
  it("parts of the wrong kind are named once, with no made-up cross-field issue", () => {
    const r = check({ defaults: { ratioMin: 0.5, ratioMax: "0.05" }, leaders: "x", fill: { book: "nope" }, latency: 3 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n").slice(1)).toEqual([
      expect.stringContaining('defaults.ratioMax: Invalid input: expected number, received string (got "0.05")'),
      expect.stringContaining('leaders: Invalid input: expected record, received string (got "x")'),
      expect.stringContaining('fill.book: Invalid option'),
      expect.stringContaining("latency: Invalid input: expected object, received number (got 3)"),
    ]);
  });
});
