// Latency settings at their edges: values whose draws would be NaN or infinite, and a lognormal of mean 0 that would
// silently ignore its jitter, are refused by the config naming the field and value; accepted extremes draw finite delays.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/core/config.js";
import { latencyFromConfig, lognormalLatency, uniformLatency } from "../../../src/exec/paper/latency.js";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { intent } from "../paper/fixtures.js";

const refusal = (latency: object): string => {
  try {
    parseConfig({ latency });
  } catch (e) {
    return String(e);
  }
  return "accepted";
};
const draws = (latency: object, n = 2000) => {
  const m = latencyFromConfig(parseConfig({ latency }).latency, 7);
  return Array.from({ length: n }, (_, k) => m.delayMs(intent({ intentId: `e-${k}` })));
};

describe("latency config edges", () => {
  it("jitter or ms so large the draws overflow is refused, naming the field and value", () => {
    expect(refusal({ model: "uniform", ms: 500, jitterMs: 1e308 })).toMatch(/latency\.jitterMs: .*1e\+308/);
    expect(refusal({ model: "lognormal", ms: 500, jitterMs: 1e155 })).toMatch(/latency\.jitterMs: .*1e\+155/);
    expect(refusal({ model: "constant", ms: 1e300 })).toMatch(/latency\.ms: .*1e\+300/);
  });

  it("a lognormal of mean 0 with jitter (every delay 0, the jitter ignored) is refused naming latency.ms", () => {
    expect(refusal({ model: "lognormal", ms: 0, jitterMs: 200 })).toMatch(/latency\.ms: .*\(got 0\)/);
    expect(draws({ model: "lognormal", ms: 0, jitterMs: 0 }, 3)).toEqual([0, 0, 0]);
  });

  it("the largest accepted settings, and a tiny lognormal mean under the largest sd, draw finite delays ≥ 0", () => {
    for (const latency of [
      { model: "uniform", ms: 86_400_000, jitterMs: 86_400_000 },
      { model: "lognormal", ms: 86_400_000, jitterMs: 86_400_000 },
      { model: "lognormal", ms: 1e-300, jitterMs: 86_400_000 },
      { model: "lognormal", ms: 5e-324, jitterMs: 86_400_000 },
      { model: "constant", ms: 86_400_000 },
    ]) {
      for (const d of draws(latency)) expect(Number.isFinite(d) && d >= 0, `${JSON.stringify(latency)}: ${d}`).toBe(true);
    }
  });

  it("the models refuse parameters that cannot give a finite delay, and the engine never turns NaN into 0", () => {
    expect(() => uniformLatency(500, Number.POSITIVE_INFINITY, 1)).toThrow(/jitterMs/);
    expect(() => lognormalLatency(Number.NaN, 10, 1)).toThrow(/ms/);
    const books = { name: "none", at: () => undefined };
    const bad = { name: "bad", delayMs: () => Number.NaN };
    const e = createPaperEngine({ books: books as never, latency: bad });
    expect(() => e.arrivalOf(intent())).toThrow(/bad.*NaN/);
  });
});
