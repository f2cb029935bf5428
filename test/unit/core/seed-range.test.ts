// Seeds beyond the generator's 32 bits are refused (config seed, --seed), naming the field and value: they repeated
// the draws of the seed 2^32 away while the report named another seed.
import { describe, expect, it } from "vitest";
import { seedOption } from "../../../src/cli/args.js";
import { SEED_RANGE } from "../../../src/core/rng.js";
import { keyedUniform } from "../../../src/exec/paper/latency.js";
import { configIssues } from "../../helpers/config-issues.js";

describe("seed range", () => {
  it("the generator tells every seed of the range apart, and 2^32 apart is the same stream (why the range)", () => {
    const draw = (seed: number) => keyedUniform(seed, 0)("intent-1");
    expect(draw(1)).toBe(draw(1 + 2 ** 32));
    expect(draw(SEED_RANGE.min)).not.toBe(draw(SEED_RANGE.max));
    expect(draw(-1)).not.toBe(draw(1));
  });

  it("config: a seed outside the range is refused with the field and value; the range's ends are taken", () => {
    expect(configIssues({ seed: SEED_RANGE.min })).toEqual([]);
    expect(configIssues({ seed: SEED_RANGE.max })).toEqual([]);
    for (const seed of [2 ** 32 + 1, SEED_RANGE.max + 1, SEED_RANGE.min - 1, 1.5]) {
      expect(configIssues({ seed })).toEqual([expect.stringMatching(new RegExp(`^seed: expected an integer from -2147483648 to 2147483647 .*\\(got ${String(seed).replace(".", "\\.")}\\)$`))]);
    }
  });

  it("--seed: the same range, naming the flag and the value as typed", () => {
    expect(seedOption("--seed", "-2147483648")).toBe(SEED_RANGE.min);
    expect(() => seedOption("--seed", "4294967297")).toThrow(/^--seed: expected an integer from -2147483648 to 2147483647 .*\(got "4294967297"\)$/);
    expect(() => seedOption("--seed", "1.5")).toThrow('--seed: expected an integer (got "1.5")');
  });
});
