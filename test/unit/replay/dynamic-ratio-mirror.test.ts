// BUDGETED_DYNAMIC: a leader MERGE/SPLIT/REDEEM moves E_u and so r_u; tracking sees the new r_u (its drift of every
// held token), as decide and its drift correction do, not only at the leader's next copied trade (hand-computed).
import { describe, expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { DYNAMIC, history, exactConfig } from "../../helpers/leader-history.js";

const h = history("q");
const buy = (tok: string, cond: string, size: number, price: number, ts: number) => h.trade("BUY", tok, size, price, ts, cond);
const redeem = (payout: number, ts: number, cond: string) => h.market("REDEEM", payout, ts, cond);
const config = exactConfig(DYNAMIC);

describe("BUDGETED_DYNAMIC: r_u after a REDEEM", () => {
  it("the report's r_u and drift are those after the REDEEM", async () => {
    // BUY Y 100 @0.5 (c1) → E_u 50, r_u 2, copy 200 Y; BUY Z 100 @0.5 (c2) → E_u 100, r_u 1, copy 100 Z. REDEEM c1
    // paying 100 (Y won) → E_u 50, r_u 2: Z's drift = 100 / 2 − 100 = −50 leader shares (drift correction would buy
    // 100 Z at Z's next trade). Observations: Y@1000 0 (L 100), Z@2000 0 (L 100), Y@2000 100 (L 100: r_u 1),
    // Z@3000 −50 (L 100), Y@3000 0 (L 0).
    const r = await runReplay({ source: arraySource([buy("Y", "0xc1", 100, 0.5, 1000), buy("Z", "0xc2", 100, 0.5, 2000), redeem(100, 3000, "0xc1")]), config });
    const t = r.result.tracking[0]!;
    expect(t.ratio).toBeCloseTo(2, 12);
    expect(t.drift.finalAbsDrift).toBeCloseTo(50, 9);
    expect(t.drift.maxAbsDrift).toBeCloseTo(100, 9);
  });
});
