// A netting window still open when a leader REDEEMs its market (its own, or another leader's on the same token): the
// window is skipped MARKET_RESOLVED saying so, not sent as an order the closed market refuses (REJECTED MARKET_CLOSED).
import { describe, expect, it } from "vitest";
import { type LeaderTradeEvent } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { exactConfig, history, LEADER_B } from "../../helpers/leader-history.js";

const a = history("a");
const b = history("b", LEADER_B);
const cfg = () => exactConfig({ maxBankrollPct: 1, netting: { enabled: true, windowMs: 3000 } });

async function run(evs: LeaderTradeEvent[]) {
  const r = await runReplay({ source: arraySource(evs), config: cfg() });
  const byCause = Object.fromEntries(r.summary.attribution.byCause.map((c) => [c.cause, c.usd]));
  const parts = r.summary.attribution.byCause.reduce((x, c) => x + c.usd, 0);
  return { r, counts: r.summary.counts, byCause, gap: r.summary.attribution.gap, parts };
}

describe("netting: a window open when the market is redeemed", () => {
  it("the leader's own BUY window, then its REDEEM: skipped MARKET_RESOLVED, no order sent", async () => {
    a.reset();
    // window 1000–4000 holds BUY Y 100 @0.9; the leader redeems 100 (Y won) at 1500, which closes the market
    const { counts, byCause, gap, parts, r } = await run([a.trade("BUY", "Y", 100, 0.9, 1000, "0xc1"), a.market("REDEEM", 100, 1500, "0xc1")]);
    expect(counts.intents).toBe(0);
    expect(counts.rejected).toBe(0);
    expect(counts.skipsByReason.MARKET_RESOLVED).toBe(1);
    expect(byCause["skipped:MARKET_RESOLVED"]).toBeCloseTo(45, 9);
    expect(parts).toBeCloseTo(gap, 9);
    expect(r.summary.ledger.cash).toBeCloseTo(10_000, 9);
  });

  it("another leader's BUY window on the token when the first leader redeems: skipped MARKET_RESOLVED", async () => {
    a.reset();
    b.reset();
    // A holds Y 100 from 0 (copied when its window closes at 3000); B's window 10000–13000 holds BUY Y 10 @0.9; A
    // redeems 100 (Y won) at 10500
    const evs = [a.trade("BUY", "Y", 100, 0.5, 0, "0xc1"), b.trade("BUY", "Y", 10, 0.9, 10_000, "0xc1"), a.market("REDEEM", 100, 10_500, "0xc1")];
    const { counts, byCause, gap, parts } = await run(evs);
    expect(counts.rejected).toBe(0);
    expect(counts.skipsByReason.MARKET_RESOLVED).toBe(1);
    expect(byCause["skipped:MARKET_RESOLVED"]).toBeCloseTo(4.5, 9);
    expect(parts).toBeCloseTo(gap, 9);
  });
});
