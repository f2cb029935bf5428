// Latency models: deterministic per seed, distinct across seeds, and shaped as documented (bounds, mean, sd).
// Statistical bounds use enough draws (thousands) that a correct model never lands outside them.
import { describe, expect, it } from "vitest";
import { constantLatency, latencyFromConfig, lognormalLatency, uniformLatency } from "../../../src/exec/paper/latency.js";
import { LatencyConfigSchema } from "../../../src/core/config.js";
import { intent } from "./fixtures.js";

// one draw per intent (ids q-0, q-1, …): a model's delay is a function of the seed and the intent's id
const draw = (m: { delayMs: (i: ReturnType<typeof intent>) => number }, n: number) => Array.from({ length: n }, (_, k) => m.delayMs(intent({ intentId: `q-${k}` })));
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

describe("latency models", () => {
  it("constant is the default of the config schema and always returns ms", () => {
    const m = latencyFromConfig(LatencyConfigSchema.parse({}), 1);
    expect(m.name).toBe("constant(500ms)");
    expect(new Set(draw(m, 10))).toEqual(new Set([500]));
    expect(() => constantLatency(-1)).toThrow();
  });

  it.each(["uniform", "lognormal"] as const)("%s: same seed, same delays; another seed, other delays", (model) => {
    const cfg = { model, ms: 300, jitterMs: 100 };
    const a = draw(latencyFromConfig(cfg, 42), 50);
    expect(draw(latencyFromConfig(cfg, 42), 50)).toEqual(a);
    expect(draw(latencyFromConfig(cfg, 43), 50)).not.toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(40);
  });

  it.each(["uniform", "lognormal"] as const)("%s: an intent's delay does not depend on the intents drawn before it", (model) => {
    const cfg = { model, ms: 300, jitterMs: 100 };
    const ids = Array.from({ length: 20 }, (_, k) => intent({ intentId: `x-${k}` }));
    const alone = ids.map((i) => latencyFromConfig(cfg, 5).delayMs(i));
    const m = latencyFromConfig(cfg, 5);
    const interleaved = ids.map((i, k) => {
      for (let j = 0; j < k % 3; j++) m.delayMs(intent({ intentId: `other-${k}-${j}` }));
      return m.delayMs(i);
    });
    expect(interleaved).toEqual(alone);
    expect(ids.map((i) => m.delayMs(i))).toEqual(alone); // asked again: the same
  });

  it("uniform stays in [ms − jitter, ms + jitter], clamped at 0, and covers the range", () => {
    const xs = draw(uniformLatency(300, 100, 7), 5000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...xs)).toBeLessThanOrEqual(400);
    expect(Math.min(...xs)).toBeLessThan(205);
    expect(Math.max(...xs)).toBeGreaterThan(395);
    expect(Math.min(...draw(uniformLatency(50, 100, 7), 1000))).toBe(0);
  });

  it("lognormal has the configured mean and sd, never negative, with a right tail", () => {
    const xs = draw(lognormalLatency(400, 200, 11), 40_000);
    expect(Math.min(...xs)).toBeGreaterThan(0);
    expect(mean(xs)).toBeGreaterThan(390);
    expect(mean(xs)).toBeLessThan(410);
    expect(sd(xs)).toBeGreaterThan(185);
    expect(sd(xs)).toBeLessThan(215);
    const sorted = xs.slice().sort((p, q) => p - q);
    expect(sorted[sorted.length >> 1]!).toBeLessThan(mean(xs)); // median below mean
    expect(new Set(draw(lognormalLatency(400, 0, 11), 5))).toEqual(new Set([400]));
  });
});
