// Config checks across fields: contradictory min/max pairs refused (naming the field set, as written, with its env
// variable), jitter ignored by the constant latency model refused, ratioMax bounded, `config show` prints what decide uses.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyEnvOverrides, parseConfig, type LeaderTradeEvent } from "../../../src/core/index.js";
import { Decider } from "../../../src/pipeline/decide.js";
import { latencyFromConfig } from "../../../src/exec/paper/latency.js";
import { configIssues } from "../../helpers/config-issues.js";

const issues = configIssues;
const W = "0x" + "ab".repeat(20);
const WMixed = "0x" + "aB".repeat(20);
const SPY = new URL("../../../bin/spy.mjs", import.meta.url).pathname;

describe("contradictory min/max notionals are refused", () => {
  it("minCopyNotional > maxCopyNotional is accepted, and every copy is then skipped", () => {
    const cfg = { bankroll: 1e6, defaults: { ratio: 1, maxBankrollPct: 1, minCopyNotional: 10, maxCopyNotional: 5 } };
    // what the config does: every BUY is clipped to $5 and then skipped as below the $10 minimum
    let k = 0;
    const ev = (size: number): LeaderTradeEvent => ({ eventId: `e${++k}`, leader: W, kind: "TRADE", conditionId: "m", tokenId: "t", outcomeIndex: 0, side: "BUY", size, price: 0.5, usdcSize: size / 2, ts: k, seenAt: k, txHash: "0x", source: "synthetic" });
    const c = parseConfig({ ...cfg, defaults: { ...cfg.defaults, minCopyNotional: 0 } });
    c.defaults.minCopyNotional = 10; // as the audited code accepted it
    const d = new Decider(c);
    const reasons = [10, 100, 10_000].flatMap((s) => d.step(ev(s))).map((x) => (x.kind === "skip" ? x.reason : x.kind));
    expect(reasons).toEqual(["COPY_NOTIONAL_BELOW_MIN", "COPY_NOTIONAL_BELOW_MIN", "COPY_NOTIONAL_BELOW_MIN"]);
    // expected: refused, naming the field
    expect(issues(cfg)).toEqual([expect.stringMatching(/^defaults\.minCopyNotional: .*maxCopyNotional/)]);
  });
  it("minLeaderNotional > maxLeaderNotional is accepted (no leader trade can ever be copied)", () => {
    expect(issues({ defaults: { minLeaderNotional: 100, maxLeaderNotional: 50 } })).toEqual([expect.stringMatching(/^defaults\.minLeaderNotional: /)]);
  });
  it("a leader's minCopyNotional above the defaults' maxCopyNotional is accepted", () => {
    expect(issues({ defaults: { maxCopyNotional: 20 }, leaders: { [W]: { minCopyNotional: 50 } } })).toEqual([expect.stringMatching(new RegExp(`^leaders\\.${W}\\.minCopyNotional: `))]);
  });
});

describe("the ratioMin > ratioMax message names the field set, its value and its source", () => {
  it("defaults.ratioMax set alone: blamed on defaults.ratioMin (got undefined), and repeated for a leader that set neither", () => {
    expect(issues({ defaults: { ratioMax: 0.0005 }, leaders: { [W]: { ratio: 0.3 } } })).toEqual([
      "defaults.ratioMax: ratioMin 0.001 > ratioMax 0.0005: BUDGETED_DYNAMIC could only ever use one of them (got 0.0005)",
    ]);
  });
  it("a leader keyed in mixed case: its ratioMax is shown as (got undefined)", () => {
    expect(issues({ leaders: { [WMixed]: { ratioMax: 0.0005 } } })).toEqual([expect.stringMatching(/\(got 0\.0005\)$/)]);
  });
  it("a mixed-case leader's ratioMin > ratioMax goes unreported when another leader key is bad", () => {
    const msgs = issues({ leaders: { [WMixed]: { ratioMax: 0.0005 }, gabagool22: {} } });
    expect(msgs).toHaveLength(2);
  });
  it("spy config check blames the file, not SPY__defaults__ratioMax that set the value", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-aud-"));
    const f = join(dir, "c.json");
    writeFileSync(f, JSON.stringify({ bankroll: 500 }));
    const r = spawnSync(process.execPath, [SPY, "config", "check", f], { encoding: "utf8", env: { ...process.env, SPY__defaults__ratioMax: "0.0005" } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("SPY__defaults__ratioMax: defaults.ratioMax");
  });
  it("spy config check blames the file, not the SPY__leaders__<Mixed>__ratioMax variable", () => {
    const env = { [`SPY__leaders__${WMixed}__ratioMax`]: "0.0005" };
    const merged = applyEnvOverrides({}, env);
    expect(Object.keys(merged.leaders as object)).toEqual([WMixed]);
    const dir = mkdtempSync(join(tmpdir(), "spy-aud-"));
    const f = join(dir, "c.json");
    writeFileSync(f, "{}");
    const r = spawnSync(process.execPath, [SPY, "config", "check", f], { encoding: "utf8", env: { ...process.env, ...env } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`SPY__leaders__${WMixed}__ratioMax:`);
  });
});

describe("latency.jitterMs with the constant model is refused (it would be ignored)", () => {
  it("accepted, then no jitter at all", () => {
    const m = latencyFromConfig({ model: "constant", ms: 500, jitterMs: 400 }, 1); // what the audited code accepted

    expect(m.name).toBe("constant(500ms)"); // the 400 ms jitter is gone
    expect(issues({ latency: { jitterMs: 400 } })).toEqual([expect.stringMatching(/^latency\.jitterMs: /)]);
  });
});

describe("spy config show prints each leader as decide reads it", () => {
  it("a leader's state inherit / partial netting is shown as written, not the effective off / enabled", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-aud-"));
    const f = join(dir, "c.json");
    writeFileSync(f, JSON.stringify({ defaults: { state: "off", netting: { enabled: true } }, leaders: { [W]: { state: "inherit", netting: { windowMs: 100 } } } }));
    const r = spawnSync(process.execPath, [SPY, "config", "show", f], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const shown = JSON.parse(r.stdout) as { leaders: Record<string, { state: string; netting: object }> };
    // decide uses state off, netting { enabled: true, windowMs: 100 }
    expect(JSON.stringify(shown)).toMatch(/"state":\s*"off"[\s\S]*"enabled":\s*true,\s*"windowMs":\s*100|"enabled":\s*true,\s*"windowMs":\s*100[\s\S]*"state":\s*"off"/);
  });
});

describe("spy config show resolves inherit down to each mode's switch", () => {
  it("modesOn: a leader left at inherit follows the global switches; off or a mode override wins", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-aud-"));
    const f = join(dir, "c.json");
    const X = "0x" + "cd".repeat(20);
    const Y = "0x" + "ef".repeat(20);
    writeFileSync(f, JSON.stringify({ modes: { paper: true, shadow: true, live: false }, leaders: { [W]: {}, [X]: { state: "off" }, [Y]: { modes: { shadow: "off", live: "on" } } } }));
    const r = spawnSync(process.execPath, [SPY, "config", "show", f], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const shown = JSON.parse(r.stdout) as { leaders: Record<string, { state: string; modesOn: Record<string, boolean> }> };
    expect(shown.leaders[W]!.state).toBe("inherit"); // as written; what it comes to:
    expect(shown.leaders[W]!.modesOn).toEqual({ paper: true, shadow: true, live: false });
    expect(shown.leaders[X]!.modesOn).toEqual({ paper: false, shadow: false, live: false });
    expect(shown.leaders[Y]!.modesOn).toEqual({ paper: true, shadow: false, live: true });
    const killed = spawnSync(process.execPath, [SPY, "config", "show", f], { encoding: "utf8", env: { ...process.env, SPY__killSwitch: "true" } });
    expect((JSON.parse(killed.stdout) as typeof shown).leaders[Y]!.modesOn).toEqual({ paper: false, shadow: false, live: false });
  });
});

describe("ratioMax is bounded as ratio is (≤ 10)", () => {
  it("ratioMax 1000 is accepted", () => {
    expect(issues({ defaults: { ratio: 1000 } })).toHaveLength(1);
    expect(issues({ defaults: { ratioMax: 1000 } })).toHaveLength(1);
  });
});
