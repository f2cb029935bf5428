import { describe, expect, it } from "vitest";
import { genPerfect, perfectConfig, runObserved } from "./perfect-e2e-harness.js";

const SEEDS = Number(process.env.PE_SEEDS ?? 60);
type P = [string, Record<string, unknown>, string[]];
const perturb: P[] = [
  ["latency 1s", { latency: { ms: 1000 } }, ["latency", "partial", "rejected", "caps", "rounding", "skipped:NOTHING_TO_SELL", "skipped:ROUNDS_TO_ZERO"]],
  ["latency 300ms", { latency: { ms: 300 } }, ["latency"]],
  ["halfSpread 0.005", { fill: { halfSpread: 0.005 } }, ["spread"]],
  ["halfSpread 0.02 tick 0.01", { fill: { halfSpread: 0.02, tick: 0.01 } }, ["spread"]],
  ["depth 5", { fill: { depthShares: 5, levels: 3 } }, ["partial", "slippage", "caps", "rounding", "skipped:NOTHING_TO_SELL"]],
  ["fee", { fill: { takerFee: { rate: 0.05, exponent: 1 } } }, ["fees"]],
  ["maxCopyNotional 3", { defaults: { maxCopyNotional: 3 } }, ["caps", "rounding", "skipped:NOTHING_TO_SELL"]],
  ["GTC minOrderSize 5", { defaults: { orderType: "GTC" }, fill: { minOrderSize: 5 } }, ["skipped:BELOW_VENUE_MIN_SIZE", "caps", "rounding", "skipped:NOTHING_TO_SELL"]],
  ["minCopyNotional 2", { defaults: { minCopyNotional: 2 } }, ["skipped:COPY_NOTIONAL_BELOW_MIN", "caps", "rounding", "skipped:NOTHING_TO_SELL"]],
];

describe("perturbations move the gap into the matching cause", () => {
  it.each(perturb)("%s", async (_n, over, allowed) => {
    const bad: string[] = [];
    for (let s = 1; s <= SEEDS; s++) {
      const c = genPerfect(s, { shared: false, sameMsRedeem: true });
      const o = await runObserved(c, perfectConfig(c.r, over));
      const a = o.run.result.attribution;
      const sum = Object.values(a.byCause).reduce((x, y) => x + (y ?? 0), 0);
      if (Math.abs(sum - a.gap) > 1e-6) bad.push(`seed ${s}: parts ${sum} != gap ${a.gap}`);
      for (const [k, v] of Object.entries(a.byCause)) if (!allowed.includes(k) && Math.abs(v!) > 1e-6) bad.push(`seed ${s}: ${k} ${v}`);
      for (const [l, t] of Object.entries(o.run.result.attributionByLeader)) {
        const ls = Object.values(t.byCause).reduce((x, y) => x + (y ?? 0), 0);
        if (Math.abs(ls - t.gap) > 1e-6) bad.push(`seed ${s} ${l.slice(-2)}: parts ${ls} != gap ${t.gap}`);
      }
    }
    expect(bad).toEqual([]);
  }, 300_000);
});
