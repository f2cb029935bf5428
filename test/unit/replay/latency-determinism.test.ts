// Random latency over a seeded synthetic history (netting windows and drift corrections on): the same config and seed
// give identical runs whatever the source's batch sizes, and whether or not the run is journalled.
import { expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { syntheticEvents } from "../../../src/replay/synthetic.js";
import { parseConfig } from "../../../src/core/config.js";
import { rng } from "../../../src/core/rng.js";
import { openStore } from "../../../src/store/db.js";
import type { LeaderTradeEvent } from "../../../src/core/index.js";

const evs = syntheticEvents({ seed: 9, events: 3000, leaders: 3, markets: 6, meanGapMs: 150 });
const source = (sizes: () => number) => ({
  name: "memory",
  *batches(): Generator<readonly LeaderTradeEvent[]> {
    for (let i = 0; i < evs.length; ) {
      const n = sizes();
      yield evs.slice(i, i + n);
      i += n;
    }
  },
});
const config = (model: "uniform" | "lognormal") =>
  parseConfig({ seed: 4, bankroll: 5000, defaults: { ratio: 0.3, netting: { enabled: true, windowMs: 400 }, driftCorrection: { enabled: true, threshold: 0.1, minShares: 1 } }, latency: { model, ms: 300, jitterMs: 280 } });
const shape = (r: Awaited<ReturnType<typeof runReplay>>) => JSON.stringify({ summary: r.summary, tracking: r.result.tracking, attribution: r.result.attributionByLeader });

for (const model of ["uniform", "lognormal"] as const) {
  it(`${model}: batches of 1, of 3000, of seeded random sizes, and a journalled run are identical`, async () => {
    const one = await runReplay({ source: source(() => 1), config: config(model) });
    expect(one.summary.counts.intents).toBeGreaterThan(100);
    expect(one.summary.counts.done).toBe(one.summary.counts.intents); // reordered arrivals: still one done each
    const all = await runReplay({ source: source(() => 3000), config: config(model) });
    const r = rng(11);
    const mixed = await runReplay({ source: source(() => r.int(1, 97)), config: config(model) });
    const store = await openStore(":memory:");
    const journalled = await runReplay({ source: source(() => 64), config: config(model), db: store });
    store.close();
    expect(shape(all)).toBe(shape(one));
    expect(shape(mixed)).toBe(shape(one));
    expect(shape(journalled)).toBe(shape(one));
  });
}
