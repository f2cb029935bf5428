// RestingOrders: a group wakes when its token's book changes or its first order expires, and keeps one timer.
import { describe, expect, it } from "vitest";
import { RestingOrders } from "../../../src/exec/paper/resting.js";
import { createLeaderAnchoredBooks } from "../../../src/exec/paper/leader-anchored.js";
import type { LeaderTradeEvent } from "../../../src/core/index.js";

const trade = (ts: number): LeaderTradeEvent => ({
  eventId: `e${ts}`, leader: "l", kind: "TRADE", conditionId: "c", tokenId: "T", outcomeIndex: 0, side: "BUY", size: 1,
  price: 0.5, usdcSize: 0.5, ts, seenAt: ts, txHash: "", source: "synthetic",
});

describe("RestingOrders", () => {
  it("wakes a group at each announced book change and at its expiry, with one timer queued however long it rests", () => {
    const books = createLeaderAnchoredBooks({});
    const ro = new RestingOrders<{ tokenId: string; cursor: number; expireAt: number }>(books);
    ro.add({ tokenId: "T", cursor: 0, expireAt: 50_000 });
    let wakes = 0;
    for (let ts = 1; ts < 50_000; ts++) {
      for (const g of ro.dueAt(ts)) {
        wakes++;
        for (const o of g.orders) o.cursor = ts - 1; // offered the snapshot at ts - 1
        ro.stepped(g, ts, 0);
      }
      if (ts % 10 === 0) books.observe(trade(ts)); // a book change every 10 ms
      expect(ro.timersQueued()).toBeLessThanOrEqual(1);
    }
    expect(wakes).toBe(4999); // one per change (the last one at 49,990 is seen at 49,991)
    const [g] = ro.dueAt(50_000); // the expiry
    expect(g!.orders).toHaveLength(1);
    g!.orders.length = 0;
    ro.stepped(g!, 50_000, 1);
    expect(ro.size).toBe(0);
    expect(ro.timersQueued()).toBe(0);
  });
});
