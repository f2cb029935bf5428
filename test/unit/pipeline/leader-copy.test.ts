// A leader's reconstruction and a perfect copy's mirror: MERGE/SPLIT/REDEEM are no drift, SPLIT cash counts in capital,
// a REDEEM payout rules out an outcome holding more than it, a $0 REDEEM settles the copy's losing shares at 0.
import { describe, expect, it } from "vitest";
import { LeaderBook } from "../../../src/pipeline/leader-book.js";
import { mktEv, perfectRun, tradeEv } from "./perfect-copy-harness.js";

const L = "0xl1";

describe("tracking: a perfectly mirrored MERGE/SPLIT/REDEEM is no drift", () => {
  it("MERGE of a 2-outcome market, r = 0.5, 0-latency full fills: tracking error 0", () => {
    const evs = [tradeEv(L, "mA", "A0", "BUY", 100, 0.4, 1000), tradeEv(L, "mA", "A1", "BUY", 100, 0.6, 2000), mktEv(L, "mA", "MERGE", 50, 3000)];
    const { result, acc } = perfectRun(evs, 0.5);
    const t = result.tracking[0]!;
    // positions are r × leader after the mirror …
    expect(acc.tracker.copyShares(L, "A0")).toBe(25);
    expect(acc.tracker.copyShares(L, "A1")).toBe(25);
    // … and at every instant the copy was repaired in: no drift counted
    expect(t.drift.maxAbsDrift).toBe(0); // was: 50 (the leader's MERGE seen before its mirror, committed by the next token's point)
    expect(t.drift.trackingError).toBe(0); // was: 0.5
  });
  it("SPLIT: same", () => {
    const evs = [tradeEv(L, "mA", "A0", "BUY", 100, 0.4, 1000), tradeEv(L, "mA", "A1", "BUY", 100, 0.6, 2000), mktEv(L, "mA", "SPLIT", 40, 3000)];
    const t = perfectRun(evs, 0.5).result.tracking[0]!;
    expect(t.drift.trackingError).toBe(0);
  });
});

describe("leader capital: the cash of a SPLIT in a market whose outcomes are not all seen yet", () => {
  it("SPLIT first, then a trade on each outcome: capital counts the $100 split", () => {
    const b = new LeaderBook();
    b.apply(mktEv(L, "mB", "SPLIT", 100, 1000)); // $100 → 100 B0 + 100 B1
    b.apply(tradeEv(L, "mB", "B0", "BUY", 10, 0.5, 2000)); // $5
    b.apply(tradeEv(L, "mB", "B1", "SELL", 100, 0.4, 3000)); // +$40
    expect(b.shares("B0")).toBe(110);
    expect(b.shares("B1")).toBe(0);
    expect(b.book.pnl()).toBeCloseTo(-10, 9); // B1 sold 100 at 0.4 against a cost of 50; B0 at cost
    expect(b.book.capital()).toBeCloseTo(105, 9); // was: 5 → the leader's % return reads -200 % instead of -9.5 %
  });
  it("one outcome seen before the SPLIT: the other half of its cost is never counted", () => {
    const b = new LeaderBook();
    b.apply(tradeEv(L, "mB", "B0", "BUY", 10, 0.5, 1000));
    b.apply(mktEv(L, "mB", "SPLIT", 100, 2000));
    b.apply(tradeEv(L, "mB", "B1", "SELL", 100, 0.4, 3000));
    expect(b.book.capital()).toBeCloseTo(105, 9); // was: 55
  });
});

describe("REDEEM winner: a payout below one outcome's known holding rules that outcome out", () => {
  it("binary market, 10 A1 held from before the history: the winner is A1, not a pro-rata split of $40", () => {
    // the leader's known A0 is 60 > the $40 payout: A0 cannot have won (a known position is never more than the real one)
    // (not half of the 90 shares held: no 50-50 resolution)
    const evs = [tradeEv(L, "mA", "A0", "BUY", 60, 0.3, 1000), tradeEv(L, "mA", "A1", "BUY", 30, 0.6, 2000), mktEv(L, "mA", "REDEEM", 40, 3000)];
    const { decider, result } = perfectRun(evs, 0.5);
    const lb = decider.leaderBook(L)!;
    expect(lb.winnerOf("mA")).toBe("A1"); // was: undefined
    const t = result.tracking[0]!;
    // known A1 (30) pays 30, A0 pays 0: PnL 30 − 36 = −6 (the doc: proceeds of pre-history shares are not booked)
    expect(t.leaderSide.pnl).toBeCloseTo(-6, 9); // was: +4 (10 of the pre-history A1's payout booked)
    expect(t.copy.returnPct!).toBeCloseTo(t.leaderSide.returnPct!, 9); // was: the copy's A0 held on at 0.3, the leader's booked
  });
});

describe("REDEEM, winner unknown: a known holding larger than the payout lost, and books no proceeds", () => {
  it("one outcome seen, 82 held, payout $55 (the unseen outcome won, held from before the history): leader PnL is −cost", () => {
    const b = new LeaderBook();
    b.apply(tradeEv(L, "mD", "D0", "BUY", 82, 0.23, 1000)); // $18.86
    b.apply(mktEv(L, "mD", "REDEEM", 55, 2000)); // 82 D0 cannot pay $55: D0 lost
    expect(b.book.pnl()).toBeCloseTo(-18.86, 9); // was: +36.14 ($55 of pre-history D1 payout booked against D0)
  });
});

describe("REDEEM that shows the copy's outcome lost, winner's token never seen: the copy's shares of it pay 0", () => {
  it("leader buys one outcome only, it loses, REDEEM pays $0: copy return equals the leader's −100 %", () => {
    const evs = [tradeEv(L, "mA", "A0", "BUY", 100, 0.4, 1000), mktEv(L, "mA", "REDEEM", 0, 2000)];
    const { result, acc } = perfectRun(evs, 0.5);
    const t = result.tracking[0]!;
    expect(t.leaderSide.returnPct).toBeCloseTo(-1, 9);
    expect(acc.tracker.copyShares(L, "A0")).toBe(0); // was: 50, and the ledger holds them marked at 0.4
    expect(t.copy.returnPct).toBeCloseTo(-1, 9); // was: 0 (copy PnL 0: its worthless shares valued at $20)
    expect(result.ledger.equity).toBeCloseTo(1e9 - 20, 6); // was: 1e9 (50 × 0.4 of worthless shares)
  });
});
