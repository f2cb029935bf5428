// Config: every object is strict (a misspelt key is refused by name, not ignored), wallets are case-insensitive
// (two spellings are refused, an env override reaches the file's entry whatever its case).
import { describe, expect, it } from "vitest";
import { applyEnvOverrides, modeEnabled, parseConfig } from "../../../src/core/config.js";
import { configIssues } from "../../helpers/config-issues.js";

const issues = configIssues;

describe("config", () => {
  it("refuses a misspelt key at any level, naming it", () => {
    expect(issues({ killswitch: true })).toEqual(["killswitch: unknown key (value not shown)"]);
    expect(issues({ modes: { Live: true } })).toEqual(["modes.Live: unknown key (value not shown)"]);
    expect(issues({ fill: { halfspread: 0 } })).toEqual(["fill.halfspread: unknown key (value not shown)"]);
    expect(issues({ latency: { jitter: 5 } })).toEqual(["latency.jitter: unknown key (value not shown)"]);
    expect(issues({ defaults: { netting: { enabled: true, windowMs: 1000, enable: false } } })).toEqual(["defaults.netting.enable: unknown key (value not shown)"]);
    expect(issues({ killSwitch: true, modes: { live: false }, fill: { halfSpread: 0 } })).toEqual([]);
  });

  it("never shows the value of an unknown key, nor of its neighbours (a secret in the wrong place)", () => {
    const msgs = issues({ bankroll: 500, privateKey: "0xdeadbeefsecret", clob: { apiSecret: "topsecret" }, defaults: { ratio: 0.02 } });
    expect(msgs).toEqual(["privateKey, clob: unknown keys (value not shown)"]);
    expect(msgs.join("\n")).not.toMatch(/deadbeef|topsecret|500/);
  });

  it("refuses settings that contradict each other, and a leader keyed by a name instead of its wallet", () => {
    const w = "0x" + "ab".repeat(20);
    expect(issues({ defaults: { ratioMin: 0.5, ratioMax: 0.1 } })).toEqual([expect.stringMatching(/^defaults\.ratioMin: ratioMin 0\.5 > ratioMax 0\.1/)]);
    // a leader's ratioMax under the defaults' ratioMin: blamed on the field the leader set
    expect(issues({ leaders: { [w]: { ratioMax: 0.0005 } } })).toEqual([expect.stringMatching(new RegExp(`^leaders\\.${w}\\.ratioMax: ratioMin 0\\.001 > ratioMax 0\\.0005`))]);
    expect(issues({ leaders: { gabagool22: { ratio: 0.1 } } })).toEqual([expect.stringMatching(/^leaders\.gabagool22: not a wallet/)]);
    expect(issues({ fill: { book: "recorded-l1" } })).toEqual([expect.stringMatching(/^fill\.path: required with fill\.book "recorded-l1"/)]);
    expect(issues({ fill: { book: "recorded-l1", path: "books.csv" }, defaults: { ratioMin: 0.01, ratioMax: 0.01 } })).toEqual([]);
  });

  it("refuses an env override that names no field", () => {
    expect(() => applyEnvOverrides({}, { SPY__: "1" })).toThrow(/^invalid config:\n {2}SPY__: names no config field/);
    expect(() => applyEnvOverrides({}, { SPY__defaults____ratio: "1" })).toThrow("SPY__defaults____ratio: names no config field");
  });

  it("takes only the venue's ticks for fill.tick", () => {
    expect(issues({ fill: { tick: 0.0025 } })).toEqual([]);
    expect(issues({ fill: { tick: 0.02 } })).toEqual(["fill.tick: not one of the venue's ticks 0.1, 0.01, 0.005, 0.0025, 0.001, 0.0001 (got 0.02)"]);
  });

  it("shows a non-finite value as it is, not as null", () => {
    expect(issues({ bankroll: Number.POSITIVE_INFINITY })).toEqual([expect.stringMatching(/^bankroll: .*\(got Infinity\)$/)]);
  });

  it("refuses two spellings of one wallet among the leaders", () => {
    const w = "0x6031B6EED1C97E853C6E0F03AD3CE3529351F96D";
    expect(issues({ leaders: { [w]: { state: "off" }, [w.toLowerCase()]: { ratio: 0.1 } } })).toEqual([
      expect.stringContaining(`names the same wallet as "${w}"`),
    ]);
  });

  it("applies an env override to the file's entry of a leader whatever the case of its wallet", () => {
    const w = "0x6031b6eed1c97e853c6e0f03ad3ce3529351f96d";
    const file = { leaders: { [w]: { state: "off" } } };
    const merged = applyEnvOverrides(file, { [`SPY__leaders__${w.toUpperCase().replace("0X", "0x")}__ratio`]: "0.02" });
    const cfg = parseConfig(merged);
    expect(cfg.leaders[w]).toEqual({ state: "off", ratio: 0.02 });
    expect(modeEnabled(cfg, w, "paper")).toBe(false); // the leader switched off stays off
  });
});
