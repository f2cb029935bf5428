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
});
