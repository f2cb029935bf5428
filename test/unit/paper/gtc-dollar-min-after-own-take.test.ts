// A resting BUY under $1 is marketable (and refused by the venue's $1 minimum) only if the asks it crosses are still
// there: asks an earlier order of ours took from the same snapshot do not make a later GTC BUY marketable.
import { describe, expect, it } from "vitest";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";
import { createSeriesBooks } from "../../../src/replay/books/series.js";
import { EXEC_REJECT } from "../../../src/core/exec-reasons.js";
import { TERMINAL } from "../../../src/core/exec.js";
import { book, intent, theDone } from "./fixtures.js";

describe("$1 marketable-BUY minimum after our own take", () => {
  it("a $0.90 GTC BUY meeting asks an earlier order of ours emptied rests, as the venue (and the sim) take it", () => {
    const b = book(0, [[0.1, 1000]], [[0.15, 10], [0.3, 1000]], 0.01, 5);
    const eng = createPaperEngine({ books: createSeriesBooks("t", [b]), latency: constantLatency(0), slippage: 1 });
    const first = eng.submit(intent({ ts: 0, seenAt: 0, orderType: "FAK", targetShares: 10, limitPrice: 0.15 }));
    expect(theDone(first)).toMatchObject({ terminal: TERMINAL.FILLED, filledShares: 10 });
    // 6 shares at 0.15 = $0.90: the 0.15 asks are gone, so the order does not cross and rests (5-share minimum met)
    const second = eng.submit(intent({ ts: 0, seenAt: 0, orderType: "GTC", targetShares: 6, limitPrice: 0.15 }));
    expect(second.map((e) => e.type)).toEqual(["accepted"]);
    expect(eng.open()).toBe(1);
  });
  it("a $0.90 GTC BUY that does cross displayed asks is still refused", () => {
    const b = book(0, [[0.1, 1000]], [[0.15, 10], [0.3, 1000]], 0.01, 5);
    const eng = createPaperEngine({ books: createSeriesBooks("t", [b]), latency: constantLatency(0), slippage: 1 });
    const evs = eng.submit(intent({ ts: 0, seenAt: 0, orderType: "GTC", targetShares: 6, limitPrice: 0.15 }));
    expect(evs[0]).toMatchObject({ type: "rejected", reason: EXEC_REJECT.BELOW_MARKETABLE_MIN });
  });
});
