// A market resolved 50-50 pays 0.5 per share of each outcome: a REDEEM of half the shares held names no winner and no
// loser (the rules reading a 1/0 outcome from the payout would book a leader paid $50 for 100 YES at a $50 loss).
import { describe, expect, it } from "vitest";
import type { LeaderTradeEvent } from "../../../src/core/index.js";
import { LeaderBook, inferWinner } from "../../../src/pipeline/leader-book.js";

const L = "0x" + "a".repeat(40);
let n = 0;
function trade(tokenId: string, side: "BUY" | "SELL", size: number, price: number, ts: number): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader: L, kind: "TRADE", conditionId: "0xc", tokenId, outcomeIndex: tokenId === "Y" ? 0 : 1, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}
function redeem(payout: number, ts: number): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader: L, kind: "REDEEM", conditionId: "0xc", tokenId: "", outcomeIndex: null, side: null, size: payout, price: 0, usdcSize: payout, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}

describe("REDEEM of a 50-50 resolved market", () => {
  it("does not name a winner from a payout of half the one holding (both outcomes seen)", () => {
    const lb = new LeaderBook();
    lb.apply(trade("Y", "BUY", 100, 0.5, 1));
    lb.apply(trade("N", "BUY", 10, 0.5, 2));
    lb.apply(trade("N", "SELL", 10, 0.5, 3)); // NO seen, none held
    expect(inferWinner(lb.book, lb.book.tokensOf("0xc"), 50)).toBeUndefined(); // actual: "N"
  });
  it("books the $50 the leader was paid (one outcome seen)", () => {
    const lb = new LeaderBook();
    lb.apply(trade("Y", "BUY", 100, 0.5, 1));
    lb.apply(redeem(50, 10));
    expect(lb.losersOf("0xc")).toBeUndefined(); // was: ["Y"] (the copy's YES is written off at 0)
    expect(lb.book.pnl()).toBeCloseTo(0, 9); // paid 50 for 100 YES, redeemed for 50; was −50
  });
});
