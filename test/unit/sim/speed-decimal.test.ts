// spy exchange --speed takes "max" or a decimal multiplier (1, 2.5, x60, 10x); hex, exponents and blanks are refused
// naming the value, not read by Number() as another speed ("0x10" ran at 16×).
import { describe, expect, it } from "vitest";
import { parseSpeed } from "../../../src/sim/scenarios/clock.js";

describe("parseSpeed", () => {
  it("reads decimal multipliers", () => {
    expect(parseSpeed("2.5")).toBe(2.5);
    expect(parseSpeed("x60")).toBe(60);
    expect(parseSpeed("10x")).toBe(10);
    expect(parseSpeed(" MAX ")).toBe("max");
  });
  it.each(["0x10", "1e3", "x", "", "-2", "Infinity", "1_000"])("refuses %j", (raw) => {
    expect(() => parseSpeed(raw)).toThrow(`speed: ${JSON.stringify(raw)} is not "max"`);
  });
});
