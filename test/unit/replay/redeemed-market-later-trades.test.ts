// After a mirrored leader REDEEM the market is closed at the venue, whether or not its winner is known: later trades
// and netting windows there (any leader's) are skipped MARKET_RESOLVED saying why, not sent to be refused.
import { describe, expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { history, exactConfig, LEADER_B, expectMoneyIdentity } from "../../helpers/leader-history.js";
import type { LeaderTradeEvent } from "../../../src/core/index.js";

const C = "0xc";
const a = history("ra");
const b = history("rb", LEADER_B);

/** Leader A: YES 100 @0.6, NO 40 @0.3; REDEEM `payout` at 5000 (500: no winner shown, only 40 sets; 100: YES). */
function aHistory(payout: number): LeaderTradeEvent[] {
  a.reset();
  b.reset();
  return [a.trade("BUY", "Y", 100, 0.6, 1000, C), { ...a.trade("BUY", "N", 40, 0.3, 2000, C), outcomeIndex: 1 }, a.market("REDEEM", payout, 5000, C)];
}

async function run(evs: LeaderTradeEvent[], netting = false) {
  const config = exactConfig(netting ? { netting: { enabled: true, windowMs: 1000 } } : {});
  const r = await runReplay({ source: arraySource(evs), config });
  expectMoneyIdentity(r, config.bankroll);
  return r;
}

describe("trades in a market a leader REDEEM closed", () => {
  for (const [what, payout] of [["winner unknown", 500], ["winner known", 100]] as const) {
    it(`another leader's later BUY is skipped MARKET_RESOLVED (${what})`, async () => {
      const r = await run([...aHistory(payout), b.trade("BUY", "Y", 50, 0.6, 6000, C)]);
      const c = r.summary.counts;
      expect(c.rejected).toBe(0); // was 1: REJECTED MARKET_CLOSED
      expect(c.skipsByReason.MARKET_RESOLVED).toBe(1);
      expect(r.result.attribution.byCause.rejected ?? 0).toBe(0);
      expect(r.result.attribution.byCause["skipped:MARKET_RESOLVED"]).toBeCloseTo(25 * 0.6, 9);
    });
  }

  it("another leader's netting window open across the REDEEM is skipped MARKET_RESOLVED (winner unknown)", async () => {
    // B's window opens at 4500 (ends 5500); A's REDEEM at 5000 closes the market before it is decided
    const evs = aHistory(500);
    const r = await run([...evs.slice(0, 2), b.trade("BUY", "Y", 50, 0.6, 4500, C), b.trade("BUY", "Y", 10, 0.6, 4600, C), evs[2]!], true);
    expect(r.summary.counts.rejected).toBe(0); // was 1: the window's order, REJECTED MARKET_CLOSED
    expect(r.summary.counts.skipsByReason.MARKET_RESOLVED).toBe(1);
  });

  it("another leader's trades after the REDEEM are each skipped, none netted into an order (winner unknown)", async () => {
    const r = await run([...aHistory(500), b.trade("BUY", "Y", 50, 0.6, 6000, C), b.trade("BUY", "Y", 10, 0.6, 6100, C)], true);
    expect(r.summary.counts.rejected).toBe(0); // was 1
    expect(r.summary.counts.skipsByReason.MARKET_RESOLVED).toBe(2);
  });
});
