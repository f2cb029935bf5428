// Config: every object is strict (a misspelt key is refused by name, not ignored), wallets are case-insensitive
// (two spellings are refused, an env override reaches the file's entry whatever its case).
import { describe, expect, it } from "vitest";
import { applyEnvOverrides, ConfigError, modeEnabled, parseConfig } from "../../../src/core/config.js";

const issues = (input: unknown): string[] => {
  try {
    parseConfig(input);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
  return [];
};

describe("config", () => {
  it("refuses a misspelt key at any level, naming it", () => {
    expect(issues({ killswitch: true })).toEqual([expect.stringContaining('Unrecognized key: "killswitch"')]);
    expect(issues({ modes: { Live: true } })).toEqual([expect.stringContaining('modes: Unrecognized key: "Live"')]);
    expect(issues({ fill: { halfspread: 0 } })).toEqual([expect.stringContaining('fill: Unrecognized key: "halfspread"')]);
    expect(issues({ latency: { jitter: 5 } })).toEqual([expect.stringContaining('latency: Unrecognized key: "jitter"')]);
    expect(issues({ defaults: { netting: { enabled: true, windowMs: 1000, enable: false } } })).toEqual([expect.stringContaining('defaults.netting: Unrecognized key: "enable"')]);
    expect(issues({ killSwitch: true, modes: { live: false }, fill: { halfSpread: 0 } })).toEqual([]);
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
