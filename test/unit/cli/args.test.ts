// The CLI's numeric option parsing: decimal values as typed are taken; what Number() would quietly read (" " as 0,
// "0x50" as 80, "1e3", "") is refused with the flag and the value named.
import { describe, expect, it } from "vitest";
import { integerInRange, integerOption, positiveNumberOption } from "../../../src/cli/args.js";

describe("numeric CLI options", () => {
  it("takes decimal integers", () => {
    expect(integerOption("--seed", "42")).toBe(42);
    expect(integerOption("--seed", "-7")).toBe(-7);
    expect(integerInRange("--port", "0", 0, 65_535)).toBe(0);
    expect(integerInRange("--port", "65535", 0, 65_535)).toBe(65_535);
  });
  it.each([" ", "", "0x50", "1e3", "1.5", "12abc", "9007199254740993"])("refuses %j as an integer, naming flag and value", (raw) => {
    expect(() => integerOption("--seed", raw)).toThrow(`--seed: expected an integer (got ${JSON.stringify(raw)})`);
  });
  it("refuses out-of-range ports and non-positive counts", () => {
    expect(() => integerInRange("--port", "65536", 0, 65_535)).toThrow('--port: expected an integer from 0 to 65535 (got "65536")');
    expect(() => integerOption("--events", "0", true)).toThrow('--events: expected a positive integer (got "0")');
  });
  it("takes positive decimal numbers and refuses the rest", () => {
    expect(positiveNumberOption("--duration", "2.5")).toBe(2.5);
    expect(positiveNumberOption("--duration", ".5")).toBe(0.5);
    for (const raw of ["0", "-1", " ", "0x10", "Infinity", "1e2", "NaN"]) {
      expect(() => positiveNumberOption("--duration", raw)).toThrow(`--duration: expected a positive number (got ${JSON.stringify(raw)})`);
    }
  });
});
