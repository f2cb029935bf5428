// Leader-anchored books keep the latest point's Book object however many older points are asked for in between, so
// the liquidity our orders took from it is not offered again (the consumption ledger keys snapshots by identity).
import { describe, expect, it } from "vitest";
import { createLeaderAnchoredBooks } from "../../../src/exec/paper/leader-anchored.js";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";
import type { LeaderTradeEvent } from "../../../src/core/events.js";
import type { ExecEvent } from "../../../src/core/exec.js";
import { intent } from "./fixtures.js";

function trade(ts: number): LeaderTradeEvent {
  return { eventId: `ev-${ts}`, leader: "0xleader", kind: "TRADE", conditionId: "0xcond", tokenId: "tok-1", outcomeIndex: 0, side: "BUY", size: 1, price: 0.5, usdcSize: 0.5, ts, seenAt: ts, txHash: "0x", source: "activity" };
}
const filled = (evs: ExecEvent[]) => evs.reduce((s, e) => s + (e.type === "fill" ? e.size : 0), 0);

describe("leader-anchored book identity under many older lookups", () => {
  it("a snapshot's asks taken by one order are not offered again after orders decided at older trades arrive", () => {
    // 20 leader trades at 0.50 (1 ms apart): each point shows 10 shares at ask 0.50 (halfSpread 0, one level)
    const books = createLeaderAnchoredBooks({ halfSpread: 0, depthShares: 10, levels: 1 });
    for (let t = 1; t <= 20; t++) books.observe(trade(t));
    const engine = createPaperEngine({ books, latency: constantLatency(0) });
    // a BUY decided at the last trade takes the 10 shares of the latest snapshot
    expect(filled(engine.submitAt(intent({ ts: 20, seenAt: 20, side: "BUY", targetShares: 10, limitPrice: 0.5 }), 100))).toBe(10);
    // SELLs decided at trades 1..9 arrive later (random latency): each is priced on the book of its own trade and
    // meets the same latest snapshot's bids
    for (let t = 1; t <= 9; t++) engine.submitAt(intent({ ts: t, seenAt: t, side: "SELL", targetShares: 1, limitPrice: 0.49 }), 100 + t);
    // no trade since: a second BUY meets the same snapshot, whose asks are gone
    expect(filled(engine.submitAt(intent({ ts: 20, seenAt: 20, side: "BUY", targetShares: 10, limitPrice: 0.5 }), 110))).toBe(0);
  });
});
