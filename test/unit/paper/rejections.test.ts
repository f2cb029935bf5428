// What the paper engine refuses before the book, as the venue would: min size for resting orders, the $1
// marketable-BUY minimum, prices outside [tick, 1 − tick], sizes that floor to zero, unknown books.
import { describe, expect, it } from "vitest";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";
import { createSeriesBooks } from "../../../src/replay/books/series.js";
import { TERMINAL } from "../../../src/core/exec.js";
import { EXEC_REJECT, EXEC_REJECT_REASONS } from "../../../src/core/exec-reasons.js";
import type { CopyIntent } from "../../../src/core/intent.js";
import { book, intent, theDone } from "./fixtures.js";

const b = book(0, [[0.1, 1000], [0.09, 1000]], [[0.2, 1000], [0.21, 1000]], 0.01, 5);
const eng = () => createPaperEngine({ books: createSeriesBooks("t", [b]), latency: constantLatency(0), slippage: 0.1 });
const at0 = (o: Partial<CopyIntent>) => intent({ ts: 0, seenAt: 0, ...o });

function expectRejected(o: Partial<CopyIntent>, reason: keyof typeof EXEC_REJECT_REASONS) {
  const evs = eng().submit(at0(o));
  expect(evs.map((e) => e.type)).toEqual(["rejected", "done"]);
  expect(evs[0]).toMatchObject({ type: "rejected", reason });
  expect(theDone(evs)).toMatchObject({ terminal: TERMINAL.REJECTED, filledShares: 0, avgPrice: 0, detail: reason });
}
function expectAccepted(o: Partial<CopyIntent>) {
  const evs = eng().submit(at0(o));
  expect(evs[0]?.type).toBe("accepted");
  return evs;
}

describe("venue minimums", () => {
  it("rejects a resting GTC (and GTD) below the market's minimum size", () => {
    expectRejected({ orderType: "GTC", targetShares: 4.99, limitPrice: 0.15 }, EXEC_REJECT.BELOW_MIN_SIZE);
    expectRejected({ orderType: "GTD", targetShares: 4.99, limitPrice: 0.15 }, EXEC_REJECT.BELOW_MIN_SIZE);
    expectAccepted({ orderType: "GTC", targetShares: 5, limitPrice: 0.15 });
  });

  it("does not apply the share minimum to FAK/FOK", () => {
    const evs = expectAccepted({ orderType: "FAK", targetShares: 4.99, limitPrice: 0.05, side: "SELL" });
    expect(theDone(evs).terminal).toBe(TERMINAL.FILLED);
  });

  it("rejects a marketable BUY under $1 (notional at the order's limit price)", () => {
    // limit snaps to min(0.3, 0.2·1.1 = 0.22) = 0.22: 4.54 × 0.22 = 0.9988 < 1; 4.55 × 0.22 = 1.001
    expectRejected({ orderType: "FAK", targetShares: 4.54, limitPrice: 0.3 }, EXEC_REJECT.BELOW_MARKETABLE_MIN);
    expectRejected({ orderType: "FOK", targetShares: 4.54, limitPrice: 0.3 }, EXEC_REJECT.BELOW_MARKETABLE_MIN);
    expectAccepted({ orderType: "FAK", targetShares: 4.55, limitPrice: 0.3 });
  });

  it("applies the $1 rule to a GTC BUY only when it crosses the book", () => {
    const cheap = book(0, [[0.05, 1000]], [[0.1, 1000]], 0.01, 5);
    const e = createPaperEngine({ books: createSeriesBooks("t", [cheap]), latency: constantLatency(0), slippage: 1 });
    const crossing = e.submit(at0({ orderType: "GTC", targetShares: 5, limitPrice: 0.15 })); // 5 × 0.15 = 0.75
    expect(crossing[0]).toMatchObject({ type: "rejected", reason: EXEC_REJECT.BELOW_MARKETABLE_MIN });
    const resting = e.submit(at0({ orderType: "GTC", targetShares: 5, limitPrice: 0.09 })); // 0.45, below the ask
    expect(resting.map((x) => x.type)).toEqual(["accepted"]);
    expect(e.open()).toBe(1);
    expectAccepted({ orderType: "GTC", targetShares: 5, limitPrice: 0.21 }); // 5 × 0.21 = 1.05, crosses
  });

  it("does not apply the $1 rule to SELLs", () => {
    expectAccepted({ orderType: "FAK", side: "SELL", targetShares: 1, limitPrice: 0.05 });
  });
});

describe("grid and band", () => {
  it("rejects a BUY whose limit floors below the tick", () => {
    expectRejected({ limitPrice: 0.009, targetShares: 1000 }, EXEC_REJECT.PRICE_OUT_OF_BAND);
  });
  it("rejects a SELL whose limit ceils above 1 − tick", () => {
    expectRejected({ side: "SELL", limitPrice: 0.991 }, EXEC_REJECT.PRICE_OUT_OF_BAND);
  });
  it("rejects a size that floors to zero at 2 dp", () => {
    expectRejected({ targetShares: 0.009 }, EXEC_REJECT.ROUNDS_TO_ZERO);
  });
  it("floors the size to 2 dp", () => {
    expect(expectAccepted({ targetShares: 7.4999, limitPrice: 0.3 })[0]).toMatchObject({ size: 7.49 });
  });
  it("rejects when no book is known for the token at that time", () => {
    expectRejected({ tokenId: "other" }, EXEC_REJECT.NO_BOOK);
    const late = createPaperEngine({ books: createSeriesBooks("t", [{ ...b, ts: 5000 }]), latency: constantLatency(0) });
    expect(late.submit(at0({}))[0]).toMatchObject({ type: "rejected", reason: EXEC_REJECT.NO_BOOK });
  });
});
