// A leader REDEEM whose winner the payout does not show values the leader's known shares as the copy's are valued
// (complete sets 1, ruled-out outcomes 0, the rest at the last price): no return gap from marking alone. Hand-computed.
import { describe, expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { history, exactConfig } from "../../helpers/leader-history.js";

const h = history("m");
const tr = (side: "BUY" | "SELL", tok: string, size: number, price: number, ts: number, cond: string) => h.trade(side, tok, size, price, ts, cond);
const redeem = (payout: number, ts: number, cond: string) => h.market("REDEEM", payout, ts, cond);
const config = (defaults: object = {}) => exactConfig(defaults);

describe("a REDEEM whose winner is unknown: the leader's and the copy's shares valued alike", () => {
  it("leader bought 10 Y in the history and redeemed 100 (pre-history holdings): no side is settled at 1", async () => {
    // The payout (100) matches no known holding (Y 10): Y may have won (the leader held 90 more from before) or lost (it
    // held ≥ 100 N from before). The winner is not known, so the copy's 5 Y stay marked at the last price, 0.4
    // (documented: "otherwise it is marked at the last price"). The leader's 10 Y must be valued the same way: its
    // PnL 0 as the copy's, not +6 (Y paid 1) with a return of 150 % against the copy's 0 %.
    const r = await runReplay({ source: arraySource([tr("BUY", "Y", 10, 0.4, 1000, "0xc"), redeem(100, 5000, "0xc")]), config: config() });
    const t = r.result.tracking[0]!;
    expect(t.tokens.find((k) => k.tokenId === "Y")).toMatchObject({ marking: "last-price", price: 0.4, copyShares: 5 });
    expect(t.copy.pnl).toBeCloseTo(0, 9);
    expect(t.leaderSide.pnl).toBeCloseTo(0, 9);
    expect(t.returnGap).toBeCloseTo(0, 9);
  });

  it("two outcomes known, payout above both: complete sets pay 1, the rest is marked, on both sides", async () => {
    // Known: Y 100 @0.6, N 40 @0.3 (last prices 0.6 / 0.3); payout 500 (pre-history shares). Not a 50-50 payout and both
    // holdings fit under it: no winner. Certain: 40 complete sets pay 40; the other 60 Y are marked at 0.6.
    // Leader: paid 60 + 12 = 72, valued 40 + 36 = 76 -> PnL 4. Copy (r 0.5): merges its 20 sets (+20), holds 30 Y
    // marked 0.6 (18); paid 36 -> PnL 2 = 0.5 × the leader's. (Today the leader is booked 100 -> PnL 28.)
    const evs = [tr("BUY", "Y", 100, 0.6, 1000, "0xc"), { ...tr("BUY", "N", 40, 0.3, 2000, "0xc"), outcomeIndex: 1 }, redeem(500, 5000, "0xc")];
    const r = await runReplay({ source: arraySource(evs), config: config() });
    const t = r.result.tracking[0]!;
    expect(t.copy.pnl).toBeCloseTo(2, 9);
    expect(t.leaderSide.pnl).toBeCloseTo(4, 9);
    expect(t.returnGap).toBeCloseTo(0, 9);
  });
});
