// forget(tokenIds): closed markets release per-token state in the book views and the paper engine; resting
// orders of forgotten tokens are cancelled first, other tokens are untouched.
import { describe, expect, it } from "vitest";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";
import { createLeaderAnchoredBooks } from "../../../src/exec/paper/leader-anchored.js";
import { createSeriesBooks } from "../../../src/replay/books/series.js";
import { TERMINAL } from "../../../src/core/exec.js";
import { EXEC_END } from "../../../src/core/exec-reasons.js";
import type { LeaderTradeEvent } from "../../../src/core/events.js";
import { book, dones, intent } from "./fixtures.js";

const trade = (tokenId: string, ts: number, price: number): LeaderTradeEvent => ({
  eventId: `ev-${tokenId}-${ts}`, leader: "0xl", kind: "TRADE", conditionId: "0xc", tokenId, outcomeIndex: 0,
  side: "BUY", size: 10, price, usdcSize: 10 * price, ts, seenAt: ts, txHash: "0x1", source: "activity",
});

describe("BookView.forget", () => {
  it("leader-anchored: drops the token's history, keeps the others", () => {
    const v = createLeaderAnchoredBooks();
    v.observe(trade("a", 100, 0.5));
    v.observe(trade("b", 100, 0.4));
    expect(v.tokenCount()).toBe(2);
    v.forget(["a"]);
    expect(v.tokenCount()).toBe(1);
    expect(v.at("a", 200)).toBeUndefined();
    expect(v.nextChange("a", 0)).toBeUndefined();
    expect(v.at("b", 200)?.asks[0]?.price).toBe(0.41);
    v.observe(trade("a", 300, 0.6)); // a new trade starts a fresh history
    expect(v.at("a", 300)?.ts).toBe(300);
    expect(v.at("a", 200)).toBeUndefined();
  });

  it("series (recorded-l1 is built on it): forgotten tokens have no book", () => {
    const v = createSeriesBooks("t", [book(10, [[0.4, 5]], [[0.5, 5]], 0.01, 5, "a"), book(10, [[0.4, 5]], [[0.5, 5]], 0.01, 5, "b")]);
    v.forget(["a"]);
    expect(v.at("a", 20)).toBeUndefined();
    expect(v.tokens()).toEqual(["b"]);
  });
});

describe("PaperEngine.forget", () => {
  it("cancels the token's resting orders first (done CANCELLED), releases its state, forgets the view", () => {
    const v = createSeriesBooks("t", [
      book(1000, [[0.4, 100]], [[0.6, 100]], 0.01, 5, "a"),
      book(1000, [[0.4, 100]], [[0.6, 100]], 0.01, 5, "b"),
    ]);
    const e = createPaperEngine({ books: v, latency: constantLatency(0), slippage: 0.5 });
    e.submit(intent({ intentId: "ra", tokenId: "a", orderType: "GTC", targetShares: 10, limitPrice: 0.5 }));
    e.submit(intent({ intentId: "rb", tokenId: "b", orderType: "GTC", targetShares: 10, limitPrice: 0.5 }));
    e.submit(intent({ intentId: "fa", tokenId: "a", orderType: "FAK", targetShares: 10, limitPrice: 0.6 }));
    expect(e.open()).toBe(2);
    expect(e.tokensHeld()).toBe(2);
    const evs = e.forget(["a"], 5000);
    expect(dones(evs)).toEqual([
      expect.objectContaining({ intentId: "ra", ts: 5000, terminal: TERMINAL.UNFILLED, detail: EXEC_END.CANCELLED }),
    ]);
    expect(e.open()).toBe(1);
    expect(e.tokensHeld()).toBe(1);
    expect(v.at("a", 5000)).toBeUndefined();
    expect(e.forget(["a"], 6000)).toEqual([]); // idempotent
    expect(dones(e.cancelAll(7000)).map((d) => d.intentId)).toEqual(["rb"]);
  });

  it("with the market's condition id, also cancels resting orders on its tokens not listed (another leader's outcome)", () => {
    const v = createSeriesBooks("t", [
      book(1000, [[0.4, 100]], [[0.6, 100]], 0.01, 5, "yes"),
      book(1000, [[0.4, 100]], [[0.6, 100]], 0.01, 5, "no"),
      book(1000, [[0.4, 100]], [[0.6, 100]], 0.01, 5, "other"),
    ]);
    const e = createPaperEngine({ books: v, latency: constantLatency(0), slippage: 0.5 });
    e.submit(intent({ intentId: "y", tokenId: "yes", conditionId: "0xm", orderType: "GTC", targetShares: 10, limitPrice: 0.5 }));
    e.submit(intent({ intentId: "o", tokenId: "other", conditionId: "0xz", orderType: "GTC", targetShares: 10, limitPrice: 0.5 }));
    // a leader that traded only "no" redeems market 0xm: the order on "yes" ends too, the other market's stays
    expect(dones(e.forget(["no"], 5000, "0xm")).map((d) => [d.intentId, d.detail])).toEqual([["y", EXEC_END.CANCELLED]]);
    expect(e.open()).toBe(1);
  });

  it("never cancels before the order reached the book", () => {
    const v = createSeriesBooks("t", [book(1000, [[0.4, 100]], [[0.6, 100]], 0.01, 5, "a")]);
    const e = createPaperEngine({ books: v, latency: constantLatency(500), slippage: 0.5 });
    e.submit(intent({ intentId: "late", tokenId: "a", orderType: "GTC", targetShares: 10, limitPrice: 0.5, ts: 1000 }));
    expect(dones(e.forget(["a"], 1200))[0]?.ts).toBe(1500);
  });
});
