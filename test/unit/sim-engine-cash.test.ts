// The sim engine never takes more cash from a BUY than it signed for: fills floor their cash (as the contract does),
// so a limit BUY taking an odd remainder left by a fine-tick market BUY cannot go below zero.
import { describe, expect, it } from "vitest";
import { Engine, COLLATERAL } from "../../src/sim/engine/engine.js";

const A = "0x" + "a".repeat(40);
const B = "0x" + "b".repeat(40);
const C = "0x" + "c".repeat(40);
const D = "0x" + "d".repeat(40);

describe("sim engine fill cash", () => {
  it("a BUY never pays more than its signed makerAmount (fill cash rounding on fine ticks)", () => {
    const t = 1.8e12;
    const e = new Engine({ clock: { now: () => t } });
    const m = e.createMarket({ tick: "0.001", minOrderSize: 5 });
    const yes = m.tokens[0].tokenId;
    e.creditShares(A, yes, 10);
    e.credit(B, 100);
    e.creditShares(D, yes, 10);
    e.placeInternal({ address: A, tokenId: yes, side: "SELL", price: 0.501, size: 10 });
    // a $1.11 market BUY takes 2.2155 shares (0.0001-share steps): 7.7845 left at 0.501
    e.placeInternal({ address: B, tokenId: yes, side: "BUY", price: 0.501, size: 0, amount: 1.11, type: "FAK" });
    // C signs BUY 10 @ 0.501: makerAmount 5.01 pUSD, and has exactly that
    e.credit(C, 5.01);
    const r = e.placeInternal({ address: C, tokenId: yes, side: "BUY", price: 0.501, size: 10 });
    expect(r.status).toBe("live");
    expect(e.available(C)).toBeGreaterThanOrEqual(0); // was -1: 7.7845 × 0.501 = 3.9000345 rounded up, rest reserved rounded up
    // the rest (2.2155 shares) fills against D's SELL: C's pUSD must not go below zero
    e.placeInternal({ address: D, tokenId: yes, side: "SELL", price: 0.501, size: 5, type: "FAK" });
    expect(e.order(r.orderId)!.status).toBe("MATCHED");
    expect(e.balance(C, yes)).toBe(10e6);
    expect(e.balance(C)).toBeGreaterThanOrEqual(0); // was -1: paid 5.010001 for an order signed at 5.01
    expect(e.balances.reserved(C.toLowerCase(), COLLATERAL)).toBe(0);
  });
});
