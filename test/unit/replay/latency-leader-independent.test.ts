// Random latency (uniform, lognormal): a leader's copy gets the same delays, so the same results, whether or not
// another leader's intents were drawn in between (A alone vs A with B, and `--leader A` over the A+B source).
import { expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { parseConfig } from "../../../src/core/config.js";
import { LEADER_A as A, LEADER_B as B, history } from "../../helpers/leader-history.js";

const h = history("q");
const tr = (leader: string, side: "BUY" | "SELL", tok: string, size: number, price: number, ts: number, cond: string) => h.trade(side, tok, size, price, ts, cond, { leader });
const cfg = (model: "uniform" | "lognormal", seed: number) =>
  parseConfig({ seed, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.5 }, fill: { halfSpread: 0, depthShares: 10_000 }, latency: { model, ms: 400, jitterMs: 380 } });
// A's trades move its token's price every 200 ms: where in the run of trades an order arrives decides its fill price
const aEvents = () => Array.from({ length: 12 }, (_, k) => tr(A, "BUY", "Y", 10, 0.3 + 0.03 * k, 1000 + 200 * k, "0xa"));
const bEvents = () => Array.from({ length: 12 }, (_, k) => tr(B, "BUY", "BY", 10, 0.4, 1050 + 200 * k, "0xb"));
const sorted = <T extends { ts: number }>(xs: T[]) => xs.sort((x, y) => x.ts - y.ts);

for (const model of ["uniform", "lognormal"] as const) {
  it(`${model}: A's copy is the same alone, with B, and filtered --leader A`, async () => {
    for (const seed of [1, 2, 3]) {
      h.reset();
      const a = aEvents();
      const both = sorted([...a, ...bEvents()]);
      const alone = await runReplay({ source: arraySource(a), config: cfg(model, seed) });
      const withB = await runReplay({ source: arraySource(both), config: cfg(model, seed) });
      const filtered = await runReplay({ source: arraySource(both), config: cfg(model, seed), leaders: [A] });
      const copyA = (r: typeof alone) => ({ copy: r.result.tracking.find((t) => t.leader === A)!.copy, attribution: r.result.attributionByLeader[A] });
      expect(copyA(withB), `seed ${seed}: with B`).toEqual(copyA(alone));
      expect(copyA(filtered), `seed ${seed}: --leader A`).toEqual(copyA(alone));
    }
  });
}
