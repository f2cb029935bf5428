// Paper engine semantics: FAK/FOK/GTC, slippage cap, latency and pricing time, liquidity consumption, fees, ids.
// Books are small hand-made series so every expected number can be worked out by hand.
import { describe, expect, it } from "vitest";
import { createPaperEngine, paperOrderId } from "../../../src/exec/paper/engine.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";
import { createLeaderAnchoredBooks } from "../../../src/exec/paper/leader-anchored.js";
import { createSeriesBooks } from "../../../src/replay/books/series.js";
import { TERMINAL } from "../../../src/core/exec.js";
import { EXEC_END } from "../../../src/core/exec-reasons.js";
import { takerFee } from "../../../src/core/money.js";
import { book, intent, fills, filled, theDone, TOKEN } from "./fixtures.js";

const ladder = book(
  900,
  [
    [0.49, 4],
    [0.48, 3],
    [0.4, 100],
  ],
  [
    [0.5, 4],
    [0.51, 3],
    [0.6, 100],
  ],
);

function engine(snaps = [ladder], latencyMs = 0, slippage = 0.05) {
  return createPaperEngine({ books: createSeriesBooks("test", snaps), latency: constantLatency(latencyMs), slippage });
}

describe("FAK", () => {
  it("fills what crosses within the limit, level by level, and cancels the rest (PARTIAL)", () => {
    const evs = engine().submit(intent({ orderType: "FAK", targetShares: 10, limitPrice: 0.52 }));
    expect(evs[0]).toMatchObject({ type: "accepted", price: 0.52, size: 10 });
    expect(fills(evs).map((f) => [f.price, f.size])).toEqual([
      [0.5, 4],
      [0.51, 3],
    ]);
    const d = theDone(evs);
    expect(d).toMatchObject({ terminal: TERMINAL.PARTIAL, filledShares: 7, detail: EXEC_END.FAK_REMAINDER_CANCELLED });
    expect(d.avgPrice).toBeCloseTo((0.5 * 4 + 0.51 * 3) / 7, 6);
    expect(evs[evs.length - 1]).toBe(d);
  });

  it("FILLED when the book covers the size", () => {
    const evs = engine().submit(intent({ orderType: "FAK", targetShares: 6, limitPrice: 0.52 }));
    expect(theDone(evs)).toMatchObject({ terminal: TERMINAL.FILLED, filledShares: 6 });
    expect(fills(evs).map((f) => f.size)).toEqual([4, 2]);
  });

  it("UNFILLED (NO_LIQUIDITY) when nothing is within the limit", () => {
    const evs = engine().submit(intent({ orderType: "FAK", limitPrice: 0.45 }));
    expect(evs.map((e) => e.type)).toEqual(["accepted", "done"]);
    expect(theDone(evs)).toMatchObject({ terminal: TERMINAL.UNFILLED, filledShares: 0, avgPrice: 0, detail: EXEC_END.NO_LIQUIDITY });
  });

  it("SELL walks the bids down to the (snapped up) limit", () => {
    const evs = engine().submit(intent({ side: "SELL", orderType: "FAK", targetShares: 10, limitPrice: 0.475 }));
    expect(evs[0]).toMatchObject({ type: "accepted", price: 0.48 });
    expect(fills(evs).map((f) => [f.price, f.size])).toEqual([
      [0.49, 4],
      [0.48, 3],
    ]);
    expect(theDone(evs).terminal).toBe(TERMINAL.PARTIAL);
  });
});

describe("FOK", () => {
  it("kills the whole order when the book within the limit cannot fill it", () => {
    const evs = engine().submit(intent({ orderType: "FOK", targetShares: 10, limitPrice: 0.52 }));
    expect(fills(evs)).toHaveLength(0);
    expect(theDone(evs)).toMatchObject({ terminal: TERMINAL.UNFILLED, detail: EXEC_END.FOK_KILLED });
  });

  it("fills completely when it can", () => {
    const evs = engine().submit(intent({ orderType: "FOK", targetShares: 7, limitPrice: 0.52 }));
    expect(filled(evs)).toBe(7);
    expect(theDone(evs)).toMatchObject({ terminal: TERMINAL.FILLED, filledShares: 7 });
  });
});

describe("GTC", () => {
  const later = book(2000, [[0.45, 50]], [[0.52, 1], [0.53, 100]]);
  const crossing = book(3000, [[0.45, 50]], [[0.5, 2], [0.51, 100]]);

  it("takes what crosses, rests the rest, and fills at its own limit when a later book crosses it", () => {
    const e = engine([ladder, later, crossing]);
    const first = e.submit(intent({ orderType: "GTC", targetShares: 10, limitPrice: 0.51 }));
    expect(filled(first)).toBe(7);
    expect(first.some((x) => x.type === "done")).toBe(false);
    expect(e.open()).toBe(1);

    expect(e.advance(2500)).toEqual([]); // 0.52 does not cross a 0.51 bid
    const evs = e.advance(5000);
    expect(fills(evs).map((f) => [f.ts, f.price, f.size, f.fee])).toEqual([
      [3000, 0.51, 2, 0],
      [3000, 0.51, 1, 0],
    ]);
    expect(theDone(evs)).toMatchObject({ ts: 3000, terminal: TERMINAL.FILLED, filledShares: 10 });
    expect(e.open()).toBe(0);
  });

  it("visits every snapshot in between, not only the book at advance time", () => {
    const after = book(4000, [[0.45, 50]], [[0.7, 100]]);
    const e = engine([ladder, crossing, after]);
    e.submit(intent({ orderType: "GTC", targetShares: 10, limitPrice: 0.51 }));
    expect(filled(e.advance(10_000))).toBe(3);
  });

  it("cancelAll ends a resting order PARTIAL (or UNFILLED when nothing traded)", () => {
    const e = engine([ladder]);
    e.submit(intent({ intentId: "g1", orderType: "GTC", targetShares: 10, limitPrice: 0.51 }));
    e.submit(intent({ intentId: "g2", orderType: "GTC", targetShares: 10, limitPrice: 0.45 }));
    const evs = e.cancelAll(9000);
    expect(evs.map((x) => x.type === "done" && [x.intentId, x.terminal, x.detail])).toEqual([
      ["g1", TERMINAL.PARTIAL, EXEC_END.CANCELLED],
      ["g2", TERMINAL.UNFILLED, EXEC_END.CANCELLED],
    ]);
    expect(e.open()).toBe(0);
  });

  it("expires after gtcTtlMs", () => {
    const e = createPaperEngine({
      books: createSeriesBooks("t", [ladder, later, crossing]),
      latency: constantLatency(0),
      gtcTtlMs: 1500,
    });
    e.submit(intent({ orderType: "GTC", targetShares: 10, limitPrice: 0.51 })); // rests at 1000, expires 2500
    const evs = e.advance(5000);
    expect(fills(evs)).toHaveLength(0); // the crossing book at 3000 came too late
    expect(theDone(evs)).toMatchObject({ ts: 2500, terminal: TERMINAL.PARTIAL, detail: EXEC_END.EXPIRED });
  });

  it("is expired at exactly its expiry time: a book of that very time does not fill it", () => {
    const e = createPaperEngine({ books: createSeriesBooks("t", [ladder, later, crossing]), latency: constantLatency(0), gtcTtlMs: 2000 });
    e.submit(intent({ orderType: "GTC", targetShares: 10, limitPrice: 0.51 })); // rests at 1000, expires 3000
    const evs = e.advance(5000);
    expect(fills(evs)).toHaveLength(0);
    expect(theDone(evs)).toMatchObject({ ts: 3000, terminal: TERMINAL.PARTIAL, detail: EXEC_END.EXPIRED });
  });
});

describe("resting orders are matched best price first", () => {
  it("a later, better-priced BUY fills before an earlier one (a SELL resting between them changes nothing)", () => {
    const e = engine([book(900, [[0.4, 100]], [[0.6, 100]]), book(2000, [[0.4, 100]], [[0.49, 10]])], 0, 0.5);
    e.submit(intent({ intentId: "low", orderType: "GTC", limitPrice: 0.5, targetShares: 10, ts: 1000, seenAt: 1000 }));
    e.submit(intent({ intentId: "sell", side: "SELL", orderType: "GTC", limitPrice: 0.7, targetShares: 10, ts: 1000, seenAt: 1000 }));
    e.submit(intent({ intentId: "high", orderType: "GTC", limitPrice: 0.55, targetShares: 10, ts: 1000, seenAt: 1000 }));
    const evs = e.advance(2500);
    expect(fills(evs).map((f) => [f.intentId, f.price, f.size])).toEqual([["high", 0.55, 10]]);
    expect(e.open()).toBe(2);
  });
});

describe("displayed liquidity is not reused within one snapshot", () => {
  it("a second order on the same snapshot only gets what the first left", () => {
    const e = engine();
    expect(filled(e.submit(intent({ targetShares: 5, limitPrice: 0.52 })))).toBe(5);
    const second = e.submit(intent({ targetShares: 5, limitPrice: 0.52 }));
    expect(fills(second).map((f) => [f.price, f.size])).toEqual([[0.51, 2]]);
  });

  it("a resting order walking many older snapshots does not make the latest one's taken liquidity available again", () => {
    const snaps = [book(0, [[0.2, 100]], [[0.6, 100]])];
    for (let k = 0; k < 10; k++) snaps.push(book(1100 + 10 * k, [[0.35, 1]], [[0.6, 100]])); // 10 crossing the SELL below
    snaps.push(book(1490, [[0.2, 100]], [[0.5, 10]]));
    const e = createPaperEngine({ books: createSeriesBooks("t", snaps), latency: constantLatency(500), slippage: 0.5 });
    e.submit(intent({ side: "SELL", orderType: "GTC", limitPrice: 0.3, targetShares: 100, ts: 0, seenAt: 0 }));
    expect(filled(e.submit(intent({ orderType: "FAK", limitPrice: 0.6, targetShares: 10, ts: 1000, seenAt: 1000 })))).toBe(10); // takes the 10 @0.50 at 1490
    expect(fills(e.advance(1200))).toHaveLength(10); // the resting SELL takes 1 from each of the 10 older snapshots
    const again = e.submit(intent({ orderType: "FAK", limitPrice: 0.55, targetShares: 10, ts: 1200, seenAt: 1200 })); // meets 1490 again
    expect(theDone(again).detail).toBe(EXEC_END.NO_LIQUIDITY);
  });

  it("a new snapshot is offered in full again", () => {
    const next = book(1100, [], [[0.5, 4], [0.51, 3]]);
    const e = engine([ladder, next]);
    expect(filled(e.submit(intent({ ts: 1000, seenAt: 1000, targetShares: 7, limitPrice: 0.52 })))).toBe(7);
    expect(filled(e.submit(intent({ ts: 1200, seenAt: 1200, targetShares: 7, limitPrice: 0.52 })))).toBe(7);
  });
});

describe("slippage cap", () => {
  const deep = book(900, [[0.5, 5], [0.49, 5], [0.48, 5]], [[0.5, 5], [0.51, 5], [0.52, 5], [0.53, 5]]);

  it("caps a BUY at bestAsk × (1 + slippage) even when the intent's limit is looser", () => {
    const evs = engine([deep], 0, 0.02).submit(intent({ targetShares: 20, limitPrice: 0.9 }));
    expect(evs[0]).toMatchObject({ type: "accepted", price: 0.51 });
    expect(Math.max(...fills(evs).map((f) => f.price))).toBe(0.51);
    expect(filled(evs)).toBe(10);
  });

  it("caps a SELL at bestBid × (1 − slippage)", () => {
    const evs = engine([deep], 0, 0.02).submit(intent({ side: "SELL", targetShares: 20, limitPrice: 0.01 }));
    expect(evs[0]).toMatchObject({ type: "accepted", price: 0.49 });
    expect(Math.min(...fills(evs).map((f) => f.price))).toBe(0.49);
  });

  it("the intent's own slippage overrides the engine default, and the tighter of limit and cap wins", () => {
    const e = engine([deep], 0, 0.02);
    expect(e.submit(intent({ targetShares: 20, limitPrice: 0.9, slippage: 0.05 }))[0]).toMatchObject({ price: 0.52 });
    expect(e.submit(intent({ targetShares: 2, limitPrice: 0.505, slippage: 0.5 }))[0]).toMatchObject({ price: 0.5 });
  });

  it("prices with the book seen at decision time; the order meets the book after the latency", () => {
    const moved = book(1400, [[0.54, 50]], [[0.55, 50]]);
    const e = engine([ladder, moved], 500, 0.02);
    const evs = e.submit(intent({ ts: 1000, seenAt: 1000, targetShares: 10, limitPrice: 0.9 }));
    expect(evs[0]).toMatchObject({ type: "accepted", ts: 1500, price: 0.51 });
    expect(theDone(evs)).toMatchObject({ ts: 1500, terminal: TERMINAL.UNFILLED });
  });
});

describe("fees and ids", () => {
  it("charges the taker fee per fill and none on maker fills", () => {
    const e = createPaperEngine({
      books: createSeriesBooks("t", [ladder, book(3000, [], [[0.5, 100]])]),
      latency: constantLatency(0),
      slippage: 0.05,
      feeRate: (t) => (t === TOKEN ? { r: 0.072, e: 1 } : undefined),
    });
    const evs = e.submit(intent({ orderType: "GTC", targetShares: 10, limitPrice: 0.51 }));
    expect(fills(evs).map((f) => f.fee)).toEqual([takerFee(4, 0.5, 0.072, 1), takerFee(3, 0.51, 0.072, 1)]);
    expect(fills(evs)[0]!.fee).toBeGreaterThan(0);
    expect(fills(e.advance(4000)).map((f) => f.fee)).toEqual([0]);
  });

  it("derives order and trade ids from the intent id, and replays identically", () => {
    const run = () => engine().submit(intent({ intentId: "abc", targetShares: 7, limitPrice: 0.52 }));
    const a = run();
    expect(a[0]).toMatchObject({ orderId: paperOrderId("abc") });
    expect(new Set(fills(a).map((f) => f.tradeId)).size).toBe(2);
    expect(run()).toEqual(a);
  });
});

describe("advance", () => {
  it("asks a view without onChange once per token per advance, not once per resting order", () => {
    const view = createSeriesBooks("t", [ladder]);
    let calls = 0;
    const counting = { name: view.name, at: view.at, nextChange: (tok: string, ts: number) => (calls++, view.nextChange(tok, ts)) };
    const e = createPaperEngine({ books: counting, latency: constantLatency(0), slippage: 0.05 });
    for (let k = 0; k < 500; k++) e.submit(intent({ orderType: "GTC", targetShares: 5, limitPrice: 0.45 }));
    expect(e.open()).toBe(500);
    for (let t = 2000; t < 2100; t++) expect(e.advance(t)).toEqual([]);
    expect(calls).toBe(100);
  });

  it("keeps a token's next change from a view with onChange until the view announces a new snapshot", () => {
    const v = createLeaderAnchoredBooks({ halfSpread: 0 });
    let calls = 0;
    const counting = { ...v, nextChange: (tok: string, ts: number) => (calls++, v.nextChange(tok, ts)) };
    const trade = (ts: number, price: number, tokenId = TOKEN) =>
      v.observe({ eventId: `e${ts}${tokenId}`, leader: "l", kind: "TRADE", conditionId: "c", tokenId, outcomeIndex: 0, side: "SELL", size: 1, price, usdcSize: price, ts, seenAt: ts, txHash: "", source: "synthetic" });
    const e = createPaperEngine({ books: counting, latency: constantLatency(0), slippage: 0.05 });
    trade(1000, 0.6);
    for (let k = 0; k < 50; k++) e.submit(intent({ orderType: "GTC", targetShares: 5, limitPrice: 0.45, ts: 1000, seenAt: 1000 }));
    for (let t = 1001; t < 1101; t++) expect(e.advance(t)).toEqual([]);
    expect(calls).toBe(1); // asked once; nothing announced since
    trade(1200, 0.61, "other-token"); // another token's news wakes nobody
    for (let t = 1201; t < 1300; t++) expect(e.advance(t)).toEqual([]);
    expect(calls).toBe(1);
    trade(1300, 0.4); // crosses the resting 0.45 bids
    const evs = e.advance(1301);
    expect(fills(evs).map((f) => [f.ts, f.price])).toEqual(Array.from({ length: 50 }, () => [1300, 0.45]));
    expect(e.open()).toBe(0);
  });

  it("offers a snapshot the view learns of after advance already passed its time (leader-anchored order)", () => {
    const v = createLeaderAnchoredBooks({ halfSpread: 0 });
    const trade = (ts: number, price: number) =>
      v.observe({ eventId: `e${ts}`, leader: "l", kind: "TRADE", conditionId: "c", tokenId: TOKEN, outcomeIndex: 0, side: "SELL", size: 1, price, usdcSize: price, ts, seenAt: ts, txHash: "", source: "synthetic" });
    const e = createPaperEngine({ books: v, latency: constantLatency(0), slippage: 0.05 });
    trade(1000, 0.6);
    const first = e.submit(intent({ orderType: "GTC", targetShares: 10, limitPrice: 0.55, ts: 1000, seenAt: 1000 }));
    expect(first.map((x) => x.type)).toEqual(["accepted"]);
    trade(1500, 0.62); // a change that does not cross
    expect(e.advance(2000)).toEqual([]); // the runner advances to an event's ts before observing it
    trade(2000, 0.5); // ask 0.50 now crosses the resting 0.55 bid
    const evs = e.advance(2001);
    expect(fills(evs).map((f) => [f.ts, f.price, f.size])).toEqual([[2000, 0.55, 10]]);
    expect(theDone(evs)).toMatchObject({ terminal: TERMINAL.FILLED });
  });
});

describe("paper engine: snapshots shared by resting orders, and caps from an empty side", () => {
  it("gives each snapshot's displayed shares once, however many snapshots resting orders walk between advances", () => {
    // two resting BUYs at 0.50; ten later snapshots each show ONE share at 0.45 (more than the 8 remembered)
    const snaps = [book(0, [[0.4, 100]], [[0.6, 100]])];
    for (let i = 1; i <= 10; i++) snaps.push(book(1000 + i, [[0.4, 100]], [[0.45, 1]]));
    const eng = createPaperEngine({ books: createSeriesBooks("t", snaps), latency: constantLatency(0) });
    eng.submit(intent({ intentId: "A", orderType: "GTC", targetShares: 100, limitPrice: 0.5, ts: 500, seenAt: 500 }));
    eng.submit(intent({ intentId: "B", orderType: "GTC", targetShares: 100, limitPrice: 0.5, ts: 500, seenAt: 500 }));
    const evs = eng.advance(2000);
    const perSnap = new Map<number, number>();
    for (const f of fills(evs)) perSnap.set(f.ts, (perSnap.get(f.ts) ?? 0) + f.size);
    expect([...perSnap.values()]).toEqual(Array(10).fill(1)); // one share from each, none twice
    expect(fills(evs).every((f) => f.intentId === "A")).toBe(true); // the first in priority takes each
    for (let k = 1; k < evs.length; k++) expect(evs[k]!.ts).toBeGreaterThanOrEqual(evs[k - 1]!.ts); // in time order
  });

  it("caps a BUY at the arrival book's best ask when the ask side was empty when it was decided", () => {
    const snaps = [book(0, [[0.4, 100]], []), book(1100, [[0.4, 100]], [[0.8, 1], [0.9, 100]])];
    const eng = createPaperEngine({ books: createSeriesBooks("t", snaps), latency: constantLatency(200), slippage: 0.02 });
    const evs = eng.submit(intent({ orderType: "FAK", targetShares: 10, limitPrice: 0.95, ts: 1000, seenAt: 1000 }));
    expect(fills(evs).map((f) => [f.price, f.size])).toEqual([[0.8, 1]]); // 0.90 is beyond 0.80 × 1.02
    expect(theDone(evs).terminal).toBe("PARTIAL");
  });
});

