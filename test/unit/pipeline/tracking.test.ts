// Tracking: drift series (copy / r_u against leader shares) and copy-vs-leader % returns with settled / last-price
// marking stated per token.
import { describe, expect, it } from "vitest";
import type { CopyIntent, Decision, ExecEvent, LeaderTradeEvent, Side } from "../../../src/core/index.js";
import { LeaderBook } from "../../../src/pipeline/leader-book.js";
import { Tracker } from "../../../src/pipeline/tracking.js";

const L = "0xleader";
let seq = 0;
function lev(o: Partial<LeaderTradeEvent> & Pick<LeaderTradeEvent, "kind" | "size" | "conditionId">): LeaderTradeEvent {
  return { eventId: `e${seq++}`, leader: L, tokenId: "", outcomeIndex: null, side: null, price: 0, usdcSize: 0, ts: seq, seenAt: seq, txHash: "", source: "synthetic", ...o };
}
const trade = (cond: string, tok: string, side: Side, size: number, price: number, ts: number) => lev({ kind: "TRADE", conditionId: cond, tokenId: tok, side, size, price, usdcSize: size * price, ts });

function copy(tr: Tracker, cond: string, tok: string, side: Side, shares: number, price: number, ts: number, ratio = 0.1, fee = 0): void {
  const id = `i${seq++}`;
  const intent: CopyIntent = {
    intentId: id,
    leader: L,
    tokenId: tok,
    conditionId: cond,
    side,
    targetShares: shares,
    targetNotional: shares * price,
    limitPrice: 0.5,
    orderType: "FAK",
    leaderPrice: price,
    idealShares: shares,
    ratio,
    purpose: "copy",
    sourceEventIds: ["x"],
    ts,
    seenAt: ts,
  };
  tr.onDecision({ kind: "intent", intent });
  const f: ExecEvent = { type: "fill", intentId: id, mode: "paper", ts, orderId: "o", tokenId: tok, side, price, size: shares, fee, tradeId: "t" };
  tr.onExec(f);
  tr.onExec({ type: "done", intentId: id, mode: "paper", ts, terminal: "FILLED", filledShares: shares, avgPrice: price, detail: "" });
}

describe("drift series", () => {
  it("records copy / r_u against leader shares at every change of either side", () => {
    const tr = new Tracker({ ratioOf: () => 0.1 });
    tr.onLeaderEvent(trade("A", "yes", "BUY", 100, 0.4, 10));
    copy(tr, "A", "yes", "BUY", 8, 0.41, 11);
    tr.onLeaderEvent(trade("A", "yes", "SELL", 50, 0.5, 12));
    copy(tr, "A", "yes", "SELL", 3, 0.5, 13);
    const s = tr.series(L);
    expect(s.map((p) => [p.ts, p.leaderShares, p.copyShares])).toEqual([
      [10, 100, 0],
      [11, 100, 8],
      [12, 50, 8],
      [13, 50, 5],
    ]);
    expect(s[1]!.drift).toBeCloseTo(-20, 9);
    expect(s[1]!.relDrift).toBeCloseTo(-0.2, 9);
    expect(s[2]!.drift).toBeCloseTo(30, 9);
    expect(s[3]!.drift).toBeCloseTo(0, 9);
    const d = tr.summary()[0]!.drift;
    expect(d.points).toBe(4);
    expect(d.maxAbsDrift).toBeCloseTo(100, 9);
    expect(d.meanAbsDrift).toBeCloseTo((100 + 20 + 30 + 0) / 4, 9);
    expect(d.trackingError).toBeCloseTo(Math.sqrt((100 ** 2 + 20 ** 2 + 30 ** 2) / (100 ** 2 + 100 ** 2 + 50 ** 2 + 50 ** 2)), 9);
    expect(d.finalAbsDrift).toBeCloseTo(0, 9);
  });

  it("a leader trade and the copy's fill at the same ms are one instant: no drift counted between them", () => {
    const tr = new Tracker({ ratioOf: () => 0.1 });
    tr.onLeaderEvent(trade("A", "a-yes", "BUY", 100, 0.4, 10));
    copy(tr, "A", "a-yes", "BUY", 10, 0.4, 10); // filled at once: a perfect copy
    expect(tr.summary()[0]!.drift).toMatchObject({ points: 1, trackingError: 0, maxAbsDrift: 0 });
    tr.onLeaderEvent(trade("A", "a-yes", "BUY", 100, 0.4, 20));
    copy(tr, "A", "a-yes", "BUY", 10, 0.4, 25); // 5 ms later: 100 shares of drift in between do count
    const d = tr.summary()[0]!.drift;
    expect(d.points).toBe(3);
    expect(d.maxAbsDrift).toBe(100);
    expect(d.trackingError).toBeCloseTo(Math.sqrt(100 ** 2 / (100 ** 2 + 200 ** 2 + 200 ** 2)), 12);
  });

  it("uses the r_u of the latest copy intent (BUDGETED_DYNAMIC) and NaN drift before any is known", () => {
    const tr = new Tracker({ recordSeries: true });
    tr.onLeaderEvent(trade("A", "yes", "BUY", 100, 0.4, 1));
    copy(tr, "A", "yes", "BUY", 20, 0.4, 2, 0.2);
    const s = tr.series(L);
    expect(Number.isNaN(s[0]!.drift)).toBe(true);
    expect(s[1]!.ratio).toBe(0.2);
    expect(s[1]!.drift).toBeCloseTo(0, 9);
    expect(tr.summary()[0]!.drift.points).toBe(1);
    expect(new Tracker({ recordSeries: false }).series(L)).toEqual([]);
  });

  it("follows MERGE on both sides: the leader's event and the copy's mirror", () => {
    const tr = new Tracker({ ratioOf: () => 0.1 });
    tr.onLeaderEvent(trade("A", "yes", "BUY", 100, 0.4, 1));
    tr.onLeaderEvent(trade("A", "no", "BUY", 100, 0.6, 2));
    copy(tr, "A", "yes", "BUY", 10, 0.4, 3);
    copy(tr, "A", "no", "BUY", 10, 0.6, 4);
    tr.onLeaderEvent(lev({ kind: "MERGE", conditionId: "A", size: 40, ts: 5 }));
    const m: Decision = { kind: "mirror", action: "MERGE", leader: L, conditionId: "A", tokenIds: ["yes", "no"], shares: 4, sourceEventIds: ["m"], ts: 5 };
    tr.onDecision(m);
    const last = tr.series(L).slice(-2);
    expect(last.map((p) => [p.leaderShares, p.copyShares])).toEqual([
      [60, 6],
      [60, 6],
    ]);
    expect(last.every((p) => Math.abs(p.drift) < 1e-9)).toBe(true);
  });
});

describe("shared leader books (decide's)", () => {
  it("reads the given book instead of applying events, and takes no point for a duplicate", () => {
    const book = new LeaderBook();
    const tr = new Tracker({ ratioOf: () => 0.1, leaderBooks: (l) => (l === L ? book : undefined) });
    const e1 = trade("A", "yes", "BUY", 100, 0.4, 1);
    book.apply(e1); // the owner applies first, then tracking observes
    tr.onLeaderEvent(e1);
    tr.onLeaderEvent(e1, true); // decide called it a duplicate: the owner did not apply it, no observation
    expect(tr.leaderBook(L)).toBe(book);
    expect(tr.series(L).map((p) => p.leaderShares)).toEqual([100]);
    const e2 = trade("A", "yes", "SELL", 40, 0.5, 2);
    book.apply(e2);
    tr.onLeaderEvent(e2);
    expect(tr.series(L).map((p) => p.leaderShares)).toEqual([100, 60]);
    expect(book.shares("yes")).toBe(60);
  });
});

describe("last price per token", () => {
  it("marks a token at the leaders' last trade price (not at the copy's own fills), across a market folded out and traded again", () => {
    const tr = new Tracker({ ratioOf: () => 0.1 });
    const mark = (leader: string) => tr.summary().find((t) => t.leader === leader)!.tokens.find((k) => k.tokenId === "yes")!.price;
    tr.onLeaderEvent(trade("A", "yes", "BUY", 100, 0.4, 1));
    tr.onLeaderEvent({ ...trade("A", "yes", "BUY", 10, 0.45, 2), leader: "0xother" });
    expect(mark(L)).toBe(0.45);
    copy(tr, "A", "yes", "BUY", 10, 0.47, 3);
    expect(mark("0xother")).toBe(0.45); // a copy fill is no market print: the leader's PnL must not move with it
    expect(mark(L)).toBe(0.45);
    tr.onLeaderEvent(trade("A", "yes", "SELL", 100, 0.5, 4));
    tr.onLeaderEvent({ ...trade("A", "yes", "SELL", 10, 0.5, 5), leader: "0xother" });
    copy(tr, "A", "yes", "SELL", 10, 0.5, 6);
    tr.closeMarket(L, "A");
    tr.onLeaderEvent(trade("A", "yes", "BUY", 50, 0.3, 7)); // a fresh leader position after the fold
    expect(mark(L)).toBe(0.3);
    expect(mark("0xother")).toBe(0.3);
  });
});

describe("copy vs leader % return", () => {
  it("settles resolved markets at 1/0 and marks the rest at the last seen price, saying which", () => {
    const tr = new Tracker({ ratioOf: () => 0.1 });
    tr.onLeaderEvent(trade("A", "a-yes", "BUY", 100, 0.4, 1));
    copy(tr, "A", "a-yes", "BUY", 10, 0.45, 2, 0.1, 0.05);
    tr.onLeaderEvent(trade("B", "b-yes", "BUY", 100, 0.5, 3));
    copy(tr, "B", "b-yes", "BUY", 10, 0.5, 4);
    tr.onLeaderEvent(trade("B", "b-yes", "SELL", 10, 0.6, 5)); // last price of b-yes: 0.6
    tr.resolve({ conditionId: "A", winningTokenId: "a-yes", ts: 6 });
    const [s] = tr.summary();
    const byTok = new Map(s!.tokens.map((t) => [t.tokenId, t]));
    expect(byTok.get("a-yes")).toMatchObject({ marking: "settled", price: 1 });
    expect(byTok.get("b-yes")).toMatchObject({ marking: "last-price", price: 0.6 });
    expect(s!.marksUnresolved).toBe(true);
    // leader: A 100 × (1 − 0.4) = 60; B realised 10 × 0.1 + 90 × (0.6 − 0.5) = 10; deployed 40 + 50
    expect(s!.leaderSide.pnl).toBeCloseTo(70, 9);
    expect(s!.leaderSide.deployed).toBeCloseTo(90, 9);
    expect(s!.leaderSide.returnPct).toBeCloseTo(70 / 90, 9);
    // copy: A 10 × (1 − 0.45) − 0.05 fee = 5.45; B 10 × 0.1 = 1; capital 4.5 + 0.05 fee + 5 (all out at once)
    expect(s!.copy.pnl).toBeCloseTo(6.45, 9);
    expect(s!.copy.capital).toBeCloseTo(9.55, 9);
    expect(s!.copy.returnPct).toBeCloseTo(6.45 / 9.55, 9);
    expect(s!.returnGap).toBeCloseTo(6.45 / 9.55 - 70 / 90, 9);
  });

  it("a return is on the most cash out at once, not on the buy turnover: recycled cash counts once", () => {
    const tr = new Tracker({ ratioOf: () => 0.1 });
    // the leader buys $50, sells for $60, buys $50 again, and MERGEs nothing: at most $50 was ever out
    tr.onLeaderEvent(trade("A", "a-yes", "BUY", 100, 0.5, 1));
    tr.onLeaderEvent(trade("A", "a-yes", "SELL", 100, 0.6, 2));
    tr.onLeaderEvent(trade("A", "a-yes", "BUY", 100, 0.5, 3));
    tr.onLeaderEvent(trade("A", "a-yes", "SELL", 100, 0.6, 4));
    const [s] = tr.summary();
    expect(s!.leaderSide.pnl).toBeCloseTo(20, 9);
    expect(s!.leaderSide.deployed).toBeCloseTo(100, 9); // turnover
    expect(s!.leaderSide.capital).toBeCloseTo(50, 9);
    expect(s!.leaderSide.returnPct).toBeCloseTo(0.4, 9);
  });

  it("a copied leader REDEEM whose payout names the winner settles the copy's shares", () => {
    const tr = new Tracker({ ratioOf: () => 0.1 });
    tr.onLeaderEvent(trade("A", "yes", "BUY", 100, 0.4, 1));
    tr.onLeaderEvent(trade("A", "no", "BUY", 1, 0.6, 2));
    tr.onLeaderEvent(trade("A", "no", "SELL", 1, 0.6, 3));
    copy(tr, "A", "yes", "BUY", 10, 0.4, 4);
    tr.onLeaderEvent(lev({ kind: "REDEEM", conditionId: "A", size: 100, usdcSize: 100, ts: 5 }));
    // decide mirrors it with the winner the payout names (as the ledger redeems the copy at it)
    tr.onDecision({ kind: "mirror", action: "REDEEM", leader: L, conditionId: "A", tokenIds: ["yes", "no"], shares: 0, winningTokenId: "yes", sourceEventIds: ["r"], ts: 5 });
    const [s] = tr.summary();
    expect(s!.marksUnresolved).toBe(false);
    expect(s!.tokens.every((t) => t.marking === "settled")).toBe(true);
    expect(s!.leaderSide.pnl).toBeCloseTo(60, 9);
    expect(s!.copy.pnl).toBeCloseTo(6, 9);
    expect(s!.copy.returnPct).toBeCloseTo(1.5, 9);
  });

  it("no capital deployed gives a null return, not a division by zero", () => {
    const tr = new Tracker();
    tr.onLeaderEvent(trade("A", "yes", "SELL", 10, 0.5, 1));
    const [s] = tr.summary();
    expect(s!.copy.returnPct).toBeNull();
    expect(s!.leaderSide.returnPct).toBeNull();
    expect(s!.returnGap).toBeNull();
  });
});

describe("leader PnL with holdings from before the history", () => {
  const pnl = (evs: LeaderTradeEvent[]) => {
    const b = new LeaderBook();
    for (const e of evs) b.apply(e);
    return b.book.pnl();
  };
  it("a MERGE of more sets than the known shares books proceeds only for the shares known (as a SELL beyond them)", () => {
    // 10 UP at 0.5 and 10 DN at 0.4 seen; the MERGE of 100 sets used 90 held before the history: $10 − $9 = $1
    expect(pnl([trade("c", "UP", "BUY", 10, 0.5, 1), trade("c", "DN", "BUY", 10, 0.4, 2), lev({ kind: "MERGE", conditionId: "c", size: 100, usdcSize: 100, ts: 3 })])).toBeCloseTo(1, 9);
  });
  it("a REDEEM paying more than the largest known holding, with no winner to infer, books only that holding", () => {
    // 10 UP and 10 DN at 0.5 seen; $100 paid, 90 of it for shares from before the history: one side won, $10 − $10 = $0
    expect(pnl([trade("c", "UP", "BUY", 10, 0.5, 1), trade("c", "DN", "BUY", 10, 0.5, 2), lev({ kind: "REDEEM", conditionId: "c", size: 100, usdcSize: 100, ts: 3 })])).toBeCloseTo(0, 9);
  });
});

describe("a long drift series", () => {
  it("is thinned to every other ms past its cap, keeping each ms's final state (no spike), and the stats see every observation", () => {
    const cap = 64;
    const tr = new Tracker({ ratioOf: () => 0.1, seriesMaxPoints: cap });
    const all = new Tracker({ ratioOf: () => 0.1 });
    for (let i = 0; i < 500; i++) {
      const ts = 1000 + i;
      for (const t of [tr, all]) {
        t.onLeaderEvent(trade("A", "yes", "BUY", 10, 0.4, ts)); // drift −10 until the copy at the same ms
        copy(t, "A", "yes", "BUY", i % 7 === 0 ? 0.5 : 1, 0.4, ts); // 1 = perfect; 0.5 leaves −5 of drift
      }
    }
    const thin = tr.series(L);
    const full = all.series(L);
    expect(full).toHaveLength(500);
    expect(thin.length).toBeLessThanOrEqual(cap);
    expect(thin.length).toBeGreaterThan(cap / 4);
    // every point kept is the final state of its ms (as in the full series), never the leader-only state before the copy
    const byTs = new Map(full.map((p) => [p.ts, p]));
    for (const p of thin) expect(p).toEqual(byTs.get(p.ts));
    expect(thin.at(-1)).toEqual(full.at(-1));
    expect(tr.summary()[0]!.drift).toEqual(all.summary()[0]!.drift);
  });
});

describe("a thinned drift series", () => {
  it("still covers the whole run (old history is not thinned away each time the cap fills)", () => {
    const cap = 64;
    const tr = new Tracker({ ratioOf: () => 0.1, seriesMaxPoints: cap });
    const N = 4096; // one observation per ms, 64× the cap
    for (let i = 0; i < N; i++) tr.onLeaderEvent(trade("T", "yes", "BUY", 1, 0.4, i));
    const ts = tr.series(L).map((p) => p.ts);
    // points in the first half of the run: a uniform thinning keeps about half of them
    const firstHalf = ts.filter((t) => t < N / 2).length;
    expect(firstHalf).toBeGreaterThanOrEqual(cap / 8);
  });

  it("keeps the final state of the newest ms and of the run, and thins to every other ms, with the cap respected", () => {
    const cap = 64;
    const tr = new Tracker({ ratioOf: () => 0.1, seriesMaxPoints: cap });
    const all = new Tracker({ ratioOf: () => 0.1 });
    for (let i = 0; i < 3000; i++) {
      for (const t of [tr, all]) {
        t.onLeaderEvent(trade("T", "yes", "BUY", 1, 0.4, i));
        t.onLeaderEvent(trade("T", "no", "BUY", 2, 0.4, i));
      }
    }
    const thin = tr.series(L);
    const full = all.series(L);
    expect(thin.length).toBeLessThanOrEqual(cap + 2);
    const byKey = new Map(full.map((p) => [`${p.ts}/${p.tokenId}`, p]));
    for (const p of thin) expect(p).toEqual(byKey.get(`${p.ts}/${p.tokenId}`));
    expect(thin.slice(-2)).toEqual(full.slice(-2));
    const ts = [...new Set(thin.map((p) => p.ts))];
    for (let i = 1; i < ts.length; i++) expect(ts[i]!).toBeGreaterThan(ts[i - 1]!);
  });
});
