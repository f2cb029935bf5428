// A $0 REDEEM of leader A (who held only YES) where leader B's trades showed NO: in a binary market NO won, and the
// copier's wallet redeemed the whole market, so the copy's NO (B's part) is paid at 1, not left marked and unsellable.
import { describe, expect, it } from "vitest";
import { parseConfig, type LeaderTradeEvent } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";

const A = "0x" + "a".repeat(40);
const B = "0x" + "b".repeat(40);
const YES = "4242";
const NO = "4343";
let n = 0;
const base = { conditionId: "0xc", source: "synthetic" } as const;
function trade(leader: string, tokenId: string, side: "BUY" | "SELL", size: number, price: number, ts: number): LeaderTradeEvent {
  n++;
  return { ...base, eventId: `ev${n}`, leader, kind: "TRADE", tokenId, outcomeIndex: tokenId === YES ? 0 : 1, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}` };
}
function redeem(leader: string, payout: number, ts: number): LeaderTradeEvent {
  n++;
  return { ...base, eventId: `ev${n}`, leader, kind: "REDEEM", tokenId: "", outcomeIndex: null, side: null, size: payout, price: 0, usdcSize: payout, ts, seenAt: ts, txHash: `0x${n}` };
}
const config = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.05 }, fill: { halfSpread: 0, depthShares: 10_000 }, latency: { model: "constant", ms: 0 } });

describe("lost-token write-off with another leader's part in the other outcome", () => {
  it("pays the copy's other outcome (the winner of a binary market) when A's $0 REDEEM redeems the market", async () => {
    const evs = [trade(A, YES, "BUY", 100, 0.5, 1000), trade(B, NO, "BUY", 40, 0.5, 2000), redeem(A, 0, 5000)];
    const r = await runReplay({ source: arraySource(evs), config });
    const pos = Object.fromEntries(r.result.ledger.positions.map((p) => [p.tokenId, p.shares]));
    expect(pos[YES] ?? 0).toBe(0); // written off (the fix)
    // cash: 10,000 − (50 + 20) × 0.5 + 20 NO × 1 (the wallet's redeem of the market pays the winner)
    expect(r.result.ledger.cash).toBeCloseTo(10_000 - 35 + 20, 9); // actual: 9,965, NO (20) still held
    expect(pos[NO] ?? 0).toBe(0);
  });
});
