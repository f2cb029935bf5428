// Accounting edge cases found in review: a duplicate event inside a netting window, a zero-size trade in its own
// window, and a REDEEM whose payout is 0 while the leader still holds dust of the losing outcome.
import { describe, expect, it } from "vitest";
import { parseConfig, type LeaderTradeEvent } from "../../../src/core/index.js";
import { inferWinner } from "../../../src/pipeline/leader-book.js";
import { PositionBook } from "../../../src/pipeline/position-book.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";

const L = "0x" + "a".repeat(40);
let n = 0;
function trade(side: "BUY" | "SELL", size: number, price: number, ts: number, id = `e${++n}`): LeaderTradeEvent {
  return { eventId: id, leader: L, kind: "TRADE", conditionId: "0xc", tokenId: "y", outcomeIndex: 0, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${id}`, source: "synthetic" };
}
const netting = parseConfig({ seed: 1, bankroll: 1e6, defaults: { ratio: 0.5, netting: { enabled: true, windowMs: 10_000 } } });

describe("accounting regressions", () => {
  it("a duplicate of an event held in a netting window leaves the batch's attribution as without it", async () => {
    const buy = trade("BUY", 100, 0.45, 1000);
    const sell = trade("SELL", 40, 0.46, 2000);
    const plain = await runReplay({ source: arraySource([buy, sell]), config: netting });
    const dup = await runReplay({ source: arraySource([buy, { ...buy }, sell]), config: netting });
    expect(dup.summary.counts.skipsByReason.DUPLICATE).toBe(1);
    expect(dup.result.attribution).toEqual(plain.result.attribution);
    expect(plain.result.attribution.byCause.netted).toBeCloseTo(20 * 0.45 + 20 * 0.46, 9); // 20 BUY and the SELL's 20 folded
  });

  it("a netting window of zero-size trades gives finite figures (no 0/0 price)", async () => {
    const r = await runReplay({ source: arraySource([trade("BUY", 100, 0.6, 1000), trade("BUY", 0, 0.6, 20_000)]), config: netting });
    expect(Number.isFinite(r.summary.attribution.gap)).toBe(true);
    expect(Number.isFinite(r.summary.attribution.idealNotional)).toBe(true);
  });

  it("does not take a held loser's dust for the winner of a REDEEM that pays 0; dust of the winner still matches", () => {
    const b = new PositionBook();
    b.buy("n", 0.005, 0.5, 0, "0xc");
    b.ensure("y", "0xc");
    expect(inferWinner(b, ["y", "n"], 0)).toBe("y"); // the leader kept loser dust: the other outcome won
    const w = new PositionBook();
    w.buy("y", 0.00001, 0.5, 0, "0xc");
    w.buy("n", 3, 0.5, 0, "0xc");
    expect(inferWinner(w, ["y", "n"], 0.00001)).toBe("y"); // gabagool22's dust payouts
  });
});

describe("tracking agrees with the ledger on which markets settled", () => {
  let k = 0;
  const ev = (p: Partial<LeaderTradeEvent> & { leader: string; ts: number }): LeaderTradeEvent => {
    const kind = p.kind ?? "TRADE";
    return {
      eventId: `r${++k}`, kind, conditionId: "c1", tokenId: kind === "TRADE" ? "a" : "", outcomeIndex: null, side: kind === "TRADE" ? "BUY" : null,
      size: 10, price: kind === "TRADE" ? 0.5 : 0, usdcSize: 0, seenAt: p.ts, txHash: "0x", source: "synthetic", ...p,
    } as LeaderTradeEvent;
  };
  const A = "0x" + "a".repeat(40);
  const B = "0x" + "b".repeat(40);
  const copyPnl = (r: Awaited<ReturnType<typeof runReplay>>) => r.result.tracking.reduce((s, t) => s + t.copy.pnl, 0);

  it("a SPLIT after the copy redeemed the market is skipped (nothing would ever settle those sets)", async () => {
    const config = parseConfig({ bankroll: 1000, defaults: { ratio: 1, maxBankrollPct: 1 } });
    const run = await runReplay({
      source: arraySource([
        ev({ leader: A, ts: 1000, tokenId: "a" }),
        ev({ leader: B, ts: 2000, tokenId: "a" }),
        ev({ leader: B, ts: 3000, tokenId: "b", price: 0.3 }),
        ev({ leader: A, ts: 10_000, kind: "REDEEM", usdcSize: 10 }), // A's 10 shares of a paid 10: a won
        ev({ leader: B, ts: 20_000, kind: "SPLIT", usdcSize: 10 }),
      ]),
      config,
    });
    expect(run.result.counts.mirrorsByAction).toEqual({ REDEEM: 1 });
    expect(run.result.counts.skipsByReason).toMatchObject({ MARKET_RESOLVED: 1 });
    expect(run.result.ledger.positions.filter((p) => p.shares > 0)).toEqual([]);
    expect(copyPnl(run)).toBeCloseTo(run.result.ledger.equity - 1000, 9);
  });

  it("a REDEEM of a leader not copied settles nothing of the copy in tracking either", async () => {
    const config = parseConfig({ bankroll: 1000, defaults: { ratio: 1, maxBankrollPct: 1 }, leaders: { [B]: { state: "off" } } });
    const run = await runReplay({
      source: arraySource([
        ev({ leader: A, ts: 1000, tokenId: "a" }),
        ev({ leader: B, ts: 2000, tokenId: "a" }),
        ev({ leader: A, ts: 3000, tokenId: "a", size: 1, price: 0.3 }), // the last print: 0.3
        ev({ leader: B, ts: 10_000, kind: "REDEEM", usdcSize: 10 }), // B's payout says a won, but B is off
      ]),
      config,
    });
    expect(run.result.ledger.positions.find((p) => p.tokenId === "a")).toMatchObject({ shares: 10, marking: "last-price" });
    const a = run.result.tracking.find((t) => t.leader === A)!;
    expect(a.tokens.find((t) => t.tokenId === "a")).toMatchObject({ marking: "last-price", price: 0.3 });
    expect(copyPnl(run)).toBeCloseTo(run.result.ledger.equity - 1000, 9);
  });

  it("counts leader trades, not skipped whole-market actions, as the events the gap is over", async () => {
    const config = parseConfig({ bankroll: 1000, defaults: { ratio: 1, maxBankrollPct: 1 } });
    const run = await runReplay({
      source: arraySource([ev({ leader: A, ts: 1000, tokenId: "a" }), ev({ leader: A, ts: 2000, kind: "REDEEM", conditionId: "c9" }), ev({ leader: A, ts: 3000, kind: "MERGE", conditionId: "c9" })]),
      config,
    });
    expect(run.result.counts.skipsByReason).toEqual({ UNKNOWN_MARKET: 2 });
    expect(run.result.attribution.events).toBe(1);
  });

  it("BUDGETED_DYNAMIC: a window netted to zero and tracking use the r_u decide sized at, not the fixed ratio", async () => {
    const cfg = (netting: boolean) =>
      parseConfig({ bankroll: 1000, defaults: { sizing: "BUDGETED_DYNAMIC", budget: 100, ratioMin: 0.001, ratioMax: 1, maxBankrollPct: 1, netting: { enabled: netting, windowMs: 5000 } } });
    const evs = () => [ev({ leader: A, ts: 1000, tokenId: "a", side: "BUY" }), ev({ leader: A, ts: 2000, tokenId: "a", side: "SELL" })];
    const plain = await runReplay({ source: arraySource(evs()), config: cfg(false) });
    const netted = await runReplay({ source: arraySource(evs()), config: cfg(true) });
    expect(plain.result.attribution.idealNotional).toBeCloseTo(10, 9); // r_u = min(1, 100 / exposure $5) = 1
    expect(netted.result.attribution.idealNotional).toBeCloseTo(10, 9);
    expect(netted.result.attribution.byCause).toEqual({ netted: expect.closeTo(10, 9) });
    expect(netted.result.tracking[0]!.ratio).toBe(1);
  });

  it("a copied REDEEM whose winner cannot be inferred pays the copy's complete sets at 1 each, as the leader's payout", async () => {
    // the leader holds 50 UP and 50 DN after the MERGE: a payout of 50 fits either winner. A perfect copy (r_u 0.5)
    // holds 25 sets, worth $25 whoever won: its return equals the leader's, and nothing is left marked at a last price
    const up = (side: "BUY" | "SELL", size: number, price: number, ts: number, tokenId: string): LeaderTradeEvent => ({ ...trade(side, size, price, ts), tokenId, outcomeIndex: tokenId === "UP" ? 0 : 1 });
    const whole = (kind: "MERGE" | "REDEEM", size: number, ts: number): LeaderTradeEvent => ({ ...trade("BUY", size, 0, ts), kind, tokenId: "", outcomeIndex: null, side: null, usdcSize: size });
    const config = parseConfig({ bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.5, maxBankrollPct: 1 }, fill: { halfSpread: 0, depthShares: 100_000, minOrderSize: 0 }, latency: { ms: 0 } });
    const r = await runReplay({ source: arraySource([up("BUY", 100, 0.4, 1000, "UP"), up("BUY", 100, 0.5, 2000, "DN"), whole("MERGE", 50, 3000), whole("REDEEM", 50, 4000)]), config });
    expect(r.result.ledger.equity).toBeCloseTo(10_005, 9); // −45 for the buys, +25 merged, +25 redeemed
    expect(r.result.ledger.positions).toEqual([]);
    const t = r.result.tracking[0]!;
    expect(t.copy.returnPct).toBeCloseTo(t.leaderSide.returnPct!, 9);
  });
});
