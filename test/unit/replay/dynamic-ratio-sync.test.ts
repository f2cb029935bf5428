// BUDGETED_DYNAMIC: tracking takes decide's r_u at every leader event and at a market resolution (a skipped trade
// or a resolution moves E_u too), so the reported r_u and final |drift| are the ones decide sizes on (hand-computed).
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { DYNAMIC, LEADER_A as A, history, exactConfig } from "../../helpers/leader-history.js";

const h = history("q");
const buy = (tok: string, cond: string, size: number, price: number, ts: number) => h.trade("BUY", tok, size, price, ts, cond);
const config = exactConfig(DYNAMIC);

describe("BUDGETED_DYNAMIC: tracking after a resolution moved r_u", () => {
  it("tracking's r_u and final drift are decide's", async () => {
    // BUY Y 100 @0.5 (c1) -> E_u 50, r_u 2, copy 200 Y. BUY Z 100 @0.5 (c2) -> E_u 100, r_u 1, copy 100 Z.
    // c1 resolves at 3000, Y won: E_u = 100·1 + 100·0.5 = 150, r_u = 2/3 (decide sizes and corrects on it).
    // Drift at r_u 2/3: Y 200/(2/3) − 100 = 200, Z 100/(2/3) − 100 = 50: final |drift| 250 (tracking: r_u 1, 100).
    // another leader's trade at 4000 brings the replay's clock past the close time (decide hears of it then)
    const evs = [buy("Y", "0xc1", 100, 0.5, 1000), buy("Z", "0xc2", 100, 0.5, 2000), { ...buy("V", "0xc4", 10, 0.5, 4000), leader: "0x" + "b".repeat(40) }];
    const resolutions = [{ conditionId: "0xc1", winningTokenId: "Y", tokenIds: ["Y", "N"], ts: 3000, source: "gamma" as const }];
    const r = await runReplay({ source: arraySource(evs), config, resolutions });
    const t = r.result.tracking.find((k) => k.leader === A)!;
    const ru = 100 / 150;
    expect(t.ratio).toBeCloseTo(ru, 9);
    expect(t.drift.finalAbsDrift).toBeCloseTo(200 / ru - 100 + (100 / ru - 100), 6);
  });

  it("a leader trade decide skips moves r_u too", async () => {
    // BUY Y 100 @0.5 -> E_u 50, r_u 2, copy 200 Y. BUY Z 100 @0.95 is over the price cap 0.9: skipped, but E_u = 145,
    // r_u = 100/145 (decide's from now on). Drift: Y 200·1.45 − 100 = 190, Z 0 − 100 = −100: final |drift| 290.
    const cfg = parseConfig({ ...JSON.parse(JSON.stringify(config)), defaults: { ...config.defaults, priceCap: 0.9 } });
    const r = await runReplay({ source: arraySource([buy("Y", "0xc1", 100, 0.5, 1000), buy("Z", "0xc2", 100, 0.95, 2000)]), config: cfg });
    const t = r.result.tracking[0]!;
    expect(t.tokens.find((k) => k.tokenId === "Z")?.copyShares ?? 0).toBe(0);
    expect(t.ratio).toBeCloseTo(100 / 145, 9);
    expect(t.drift.finalAbsDrift).toBeCloseTo(290, 6);
    expect(t.drift.maxAbsDrift).toBeGreaterThanOrEqual(190 - 1e-9);
  });
});
