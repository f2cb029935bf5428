// The report's latency model names what decides the delays: a random model's seed too (two seeds give different runs
// and must not print the same model); a constant one needs none.
import { expect, it } from "vitest";
import { runReplay, formatRun } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { parseConfig } from "../../../src/core/config.js";
import { LEADER_A as A, history } from "../../helpers/leader-history.js";

const h = history("s");
const evs = () => Array.from({ length: 8 }, (_, k) => h.trade("BUY", "Y", 10, 0.3 + 0.04 * k, 1000 + 200 * k, "0xa", { leader: A }));
const cfg = (seed: number, latency: object) => parseConfig({ seed, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.5 }, fill: { halfSpread: 0, depthShares: 10_000 }, latency });

it("two seeds of a uniform / lognormal latency print different latency models, each naming its seed", async () => {
  for (const latency of [{ model: "uniform", ms: 400, jitterMs: 380 }, { model: "lognormal", ms: 400, jitterMs: 380 }]) {
    const runs = [];
    for (const seed of [1, 2]) {
      h.reset();
      runs.push(await runReplay({ source: arraySource(evs()), config: cfg(seed, latency) }));
    }
    const [a, b] = runs as [Awaited<ReturnType<typeof runReplay>>, Awaited<ReturnType<typeof runReplay>>];
    expect(a.summary.attribution).not.toEqual(b.summary.attribution); // the seed changed the results...
    expect(a.meta.latencyModel).not.toBe(b.meta.latencyModel); // ...so the report tells the runs apart
    expect(a.meta.latencyModel).toContain("seed 1");
    expect(formatRun(b)).toContain(`Latency model: ${b.meta.latencyModel}`);
  }
  h.reset();
  expect((await runReplay({ source: arraySource(evs()), config: cfg(3, { model: "constant", ms: 400 }) })).meta.latencyModel).toBe("constant(400ms)");
});
