// A leader whose first action in a market is a SPLIT (a market maker minting sets and selling one side): the sets'
// $100 count as cash out (capital), as when the market's tokens were already known.
import { describe, expect, it } from "vitest";
import type { LeaderTradeEvent } from "../../../src/core/index.js";
import { LeaderBook } from "../../../src/pipeline/leader-book.js";

const C = "0x" + "11".repeat(32);
let seq = 0;
const ev = (o: Partial<LeaderTradeEvent>): LeaderTradeEvent => ({
  eventId: `e${seq++}`, leader: "0xl", kind: "TRADE", conditionId: C, tokenId: "", outcomeIndex: null, side: null, size: 0,
  price: 0, usdcSize: 0, ts: seq, seenAt: seq, txHash: "", source: "activity", ...o,
});

describe("leader SPLIT before any trade in the market", () => {
  it("counts the split's $100 in the capital, as when the tokens were known", () => {
    const first = new LeaderBook();
    first.apply(ev({ kind: "SPLIT", size: 100, usdcSize: 100 }));
    first.apply(ev({ tokenId: "NO", side: "SELL", size: 100, price: 0.4 }));
    first.apply(ev({ tokenId: "YES", side: "SELL", size: 100, price: 0.65 }));
    // PnL is right (cost of the credited sets is booked at join): 40 + 65 − 100
    expect(first.book.pnl()).toBeCloseTo(5, 9);
    // the $100 paid for the sets is cash out (it was not: capital 0, return n/a)
    expect(first.book.capital()).toBeCloseTo(100, 9);
  });
});
