// BUDGETED_DYNAMIC: a change of r_u moves the drift of every held token, and max |drift| and tracking error see it
// (hand-computed on a two-market history).
import { describe, expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { history, exactConfig } from "../../helpers/leader-history.js";

const h = history("m");
const tr = (side: "BUY" | "SELL", tok: string, size: number, price: number, ts: number, cond: string) => h.trade(side, tok, size, price, ts, cond);
const redeem = (payout: number, ts: number, cond: string) => h.market("REDEEM", payout, ts, cond);
const config = (defaults: object = {}) => exactConfig(defaults);

describe("BUDGETED_DYNAMIC: drift when r_u moves", () => {
  it("max |drift| and tracking error see the drift a change of r_u makes in tokens the trade did not touch", async () => {
    // budget 100: BUY Y 100 @0.5 -> E_u 50, r_u 2, copy 200 Y; BUY N 300 @0.5 (other market) -> E_u 200, r_u 0.5, copy 150 N.
    // From t=2000 on, Y's drift = 200 / 0.5 − 100 = 300 leader shares (the copy holds 4 × r_u × the leader's Y); drift
    // correction would sell 150 Y at Y's next trade. By hand: observations Y@1000 (0, L 100), N@2000 (0, L 300),
    // Y@2000 (300, L 100): max |drift| 300, TE = sqrt(300² / (100² + 300² + 100²)).
    const cfg = config({ sizing: "BUDGETED_DYNAMIC", budget: 100, ratioMin: 0.01, ratioMax: 10 });
    const r = await runReplay({ source: arraySource([tr("BUY", "Y", 100, 0.5, 1000, "0xc1"), tr("BUY", "N", 300, 0.5, 2000, "0xc2")]), config: cfg });
    const t = r.result.tracking[0]!;
    expect(t.ratio).toBeCloseTo(0.5, 12);
    const y = t.tokens.find((k) => k.tokenId === "Y")!;
    expect(y.copyShares / t.ratio - y.leaderShares).toBeCloseTo(300, 9);
    expect(t.drift.finalAbsDrift).toBeCloseTo(300, 9);
    // the end state is a state the copy was in: the largest |drift| over time is at least the final one
    expect(t.drift.maxAbsDrift).toBeGreaterThanOrEqual(300 - 1e-9);
    expect(t.drift.trackingError).toBeCloseTo(Math.sqrt(300 ** 2 / (100 ** 2 + 300 ** 2 + 100 ** 2)), 9);
  });
});

