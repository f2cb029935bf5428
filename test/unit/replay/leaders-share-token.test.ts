// Two leaders trading one token: each leader's SELL sells only the part of the copy bought for that leader, through
// the real runner (decide sizes against RunAccounting: tracking's per-leader copy positions, the ledger's cash).
import { describe, expect, it } from "vitest";
import { parseConfig, type LeaderTradeEvent } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";

const A = "0x" + "a".repeat(40);
const B = "0x" + "b".repeat(40);
const YES = "4242";
let n = 0;
function redeem(leader: string, payout: number, ts: number): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader, kind: "REDEEM", conditionId: "0xc", tokenId: "", outcomeIndex: null, side: null, size: payout, price: 0, usdcSize: payout, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}
function trade(leader: string, side: "BUY" | "SELL", size: number, price: number, ts: number): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader, kind: "TRADE", conditionId: "0xc", tokenId: YES, outcomeIndex: 0, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}

describe("leaders sharing a token", () => {
  // no spread and deep books: every copy fills at the leader's price, so what is held is exactly what decide asked
  const config = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.05 }, fill: { halfSpread: 0, depthShares: 10_000 }, latency: { model: "constant", ms: 0 } });

  it("a leader selling out sells its own part of the copy, not the other leader's", async () => {
    const evs = [trade(A, "BUY", 100, 0.5, 1000), trade(B, "BUY", 40, 0.5, 2000), trade(B, "SELL", 40, 0.5, 3000)];
    const r = await runReplay({ source: arraySource(evs), config });
    const held = r.result.ledger.positions.find((p) => p.tokenId === YES)?.shares;
    expect(held).toBeCloseTo(50, 9); // A's 0.5 × 100 stays; B's 20 were sold
    expect(r.summary.counts.fills).toBe(3);
    expect(r.summary.attribution.byCause.find((c) => c.cause === "caps")).toBeUndefined(); // every copy was its ideal
    const byLeader = Object.fromEntries(r.result.tracking.map((t) => [t.leader, t]));
    expect(byLeader[A]!.drift.finalAbsDrift).toBeCloseTo(0, 9); // each leader's copy ends at r_u × its position
    expect(byLeader[B]!.drift.finalAbsDrift).toBeCloseTo(0, 9);
  });

  it("a leader selling part sells that fraction of its own part when its part drifted", async () => {
    // B's first copy is capped to $5 (10 shares instead of 20): B's part diverged from 0.5 × B
    const capped = parseConfig({ ...config, leaders: { [B]: { maxCopyNotional: 5 } } });
    const evs = [trade(A, "BUY", 100, 0.5, 1000), trade(B, "BUY", 40, 0.5, 2000), trade(B, "SELL", 10, 0.5, 3000)];
    const r = await runReplay({ source: arraySource(evs), config: capped });
    // B sold a quarter of its 40: the copy sells a quarter of B's 10, and A's 50 are untouched
    expect(r.result.ledger.positions.find((p) => p.tokenId === YES)?.shares).toBeCloseTo(50 + 7.5, 9);
  });

  it("one leader's REDEEM pays out the whole wallet position, and the other leader's part ends with it", async () => {
    const NO = "4343";
    const evs = [
      trade(A, "BUY", 100, 0.5, 1000),
      trade(B, "BUY", 40, 0.5, 2000),
      { ...trade(B, "BUY", 10, 0.5, 2500), tokenId: NO, outcomeIndex: 1 },
      redeem(A, 100, 5000), // A held YES 100 and is paid 100: YES won
      trade(B, "SELL", 40, 0.99, 6000), // B still holds its YES in the data: the copy has none left to sell
    ];
    const r = await runReplay({ source: arraySource(evs), config });
    expect(r.summary.counts.mirrorsByAction).toEqual({ REDEEM: 1 });
    expect(r.summary.counts.skipsByReason).toEqual({ NOTHING_TO_SELL: 1 });
    // cash: 10,000 − (50 + 20 + 5) × 0.5 paid, + 70 YES shares × 1
    expect(r.result.ledger.cash).toBeCloseTo(10_000 - 37.5 + 70, 9);
    const b = r.result.tracking.find((t) => t.leader === B)!;
    // B's part: paid 20 × 0.5 for YES and 5 × 0.5 for NO, redeemed 20 × 1 → +7.5; it holds nothing any more, like the
    // wallet (B's own position is still open in the data)
    expect(b.copy.pnl).toBeCloseTo(20 - 12.5, 9);
    expect(b.tokens.map((t) => [t.tokenId, t.copyShares, t.leaderShares])).toEqual([[YES, 0, 0], [NO, 0, 10]]);
    const a = r.result.tracking.find((t) => t.leader === A)!;
    expect(a.copy.pnl + b.copy.pnl).toBeCloseTo(r.result.ledger.cash - 10_000, 9); // the parts add up to the wallet
  });

  it("a drift correction and the copy of the same trade together sell no more than the leader's part", async () => {
    // B's SELL of 10 is not copied (below the $3 minimum), so B's part drifts; at B's next SELL the correction and the
    // copy are decided together, before either fills: the second must count what the first will sell
    const cfg = parseConfig({ ...config, defaults: { ...config.defaults, minCopyNotional: 3, driftCorrection: { enabled: true, threshold: 0.1, minShares: 1 } } });
    const evs = [trade(A, "BUY", 100, 0.5, 1000), trade(B, "BUY", 40, 0.5, 2000), trade(B, "SELL", 10, 0.5, 3000), trade(B, "SELL", 30, 0.5, 4000)];
    const r = await runReplay({ source: arraySource(evs), config: cfg });
    expect(r.result.ledger.positions.find((p) => p.tokenId === YES)?.shares).toBeCloseTo(50, 9); // A's part untouched
    expect(r.summary.counts.intentsByPurpose.correction).toBeGreaterThan(0);
  });

  it("a leader that traded one outcome only has no complete set to merge, whatever the other leaders hold", async () => {
    const NO = "4343";
    const merge = { ...redeem(B, 10, 3000), kind: "MERGE" as const };
    const evs = [trade(A, "BUY", 100, 0.5, 1000), { ...trade(B, "BUY", 40, 0.5, 2000), tokenId: NO, outcomeIndex: 1 }, merge];
    const r = await runReplay({ source: arraySource(evs), config });
    expect(r.summary.counts.skipsByReason).toEqual({ NOTHING_TO_SELL: 1 });
    const held = Object.fromEntries(r.result.ledger.positions.map((p) => [p.tokenId, p.shares]));
    expect(held).toEqual({ [YES]: 50, [NO]: 20 });
  });
});
