// Sim Gamma /markets: a fee-charging market reads as real ones do (feeSchedule next to feesEnabled), so our own market-file
// loader takes its fee from the sim's answer, the same as from the venue's.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFeedsExchange, type FeedsExchange } from "../../src/sim/scenarios/exchange.js";
import { loadResolutions } from "../../src/replay/resolutions.js";

let fx: FeedsExchange;
beforeAll(async () => {
  fx = await startFeedsExchange({ seed: 3, sweepMs: 0 });
});
afterAll(async () => {
  await fx.close();
});

describe("sim Gamma fees", () => {
  it("a market with a taker fee carries its feeSchedule; a fee-free one has none", async () => {
    const paid = fx.exchange.engine.createMarket({ slug: "paid", fee: { r: 0.02, e: 2 } });
    const free = fx.exchange.engine.createMarket({ slug: "free" });
    const markets = (await (await fetch(`${fx.exchange.url}/gamma/markets?condition_ids=${paid.conditionId}&condition_ids=${free.conditionId}`)).json()) as Record<string, unknown>[];
    const bySlug = new Map(markets.map((m) => [m.slug, m]));
    expect(bySlug.get("paid")).toMatchObject({ feesEnabled: true, feeSchedule: { exponent: 2, rate: 0.02, rebateRate: 0, takerOnly: true } });
    expect(bySlug.get("free")!.feesEnabled).toBe(false);
    expect("feeSchedule" in bySlug.get("free")!).toBe(false);
    const file = join(mkdtempSync(join(tmpdir(), "spy-gamma-")), "markets.json");
    writeFileSync(file, JSON.stringify(markets));
    const r = loadResolutions(file);
    expect(r.issues).toEqual([]);
    expect(r.fees.map((f) => [f.conditionId, f.fee])).toEqual(
      expect.arrayContaining([[paid.conditionId.toLowerCase(), { r: 0.02, e: 2 }], [free.conditionId.toLowerCase(), null]]),
    );
  });

  it("filters on active (every sim market is active, closed ones too), not ignoring it", async () => {
    const m = fx.exchange.engine.createMarket({ slug: "act" });
    const q = (extra: string) => fetch(`${fx.exchange.url}/gamma/markets?condition_ids=${m.conditionId}${extra}`).then((r) => r.json() as Promise<unknown[]>);
    expect(await q("&active=true")).toHaveLength(1);
    expect(await q("&active=false")).toEqual([]);
  });
});
