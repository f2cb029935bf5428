// Minimal repros from the perfect-copy metamorphic audit (perfect-e2e*.test.ts): a copy configured to be perfect
// (latency 0, halfSpread 0, infinite depth, no fees, no caps) through the full runReplay.
import { describe, expect, it } from "vitest";
import type { LeaderTradeEvent } from "../../../src/core/index.js";
import { formatRun } from "../../../src/replay/runner.js";
import { ev } from "./combo-harness.js";
import { hex40, perfectConfig, runObserved } from "./perfect-e2e-harness.js";

const A = hex40(0);
const B = hex40(1);
let n = 0;
const trade = (leader: string, side: "BUY" | "SELL", size: number, price: number, ts: number, tokenId = "ya"): LeaderTradeEvent =>
  ev({ eventId: `x${++n}`, leader, kind: "TRADE", conditionId: "0xc", tokenId, outcomeIndex: tokenId === "ya" ? 0 : 1, side, size, price, usdcSize: size * price, ts });
const redeem = (leader: string, payout: number, ts: number): LeaderTradeEvent => ev({ eventId: `x${++n}`, leader, kind: "REDEEM", conditionId: "0xc", size: payout, usdcSize: payout, ts });

describe("a copy configured to be perfect is perfect", () => {
  it("halfSpread 0: a copy SELL trades at the leader's price (it got one tick less, booked as spread)", async () => {
    const c = { evs: [trade(A, "BUY", 100, 0.5, 1000), trade(A, "SELL", 100, 0.6, 2000)], resolutions: [], r: 1 };
    const o = await runObserved(c, perfectConfig(1, { fill: { tick: 0.01 } }));
    const sell = o.execs.find((e) => e.type === "fill" && e.side === "SELL");
    expect(sell && sell.type === "fill" ? sell.price : NaN).toBe(0.6);
    expect(o.run.result.attribution.byCause).toEqual({});
    expect(o.run.result.tracking[0]!.copy.pnl).toBeCloseTo(10, 9);
  });

  it("latency 0, two trades of one token at one ms: the move to the second's price is latency, not spread", async () => {
    const c = { evs: [trade(A, "BUY", 100, 0.5, 1000), trade(A, "BUY", 100, 0.6, 1000)], resolutions: [], r: 1 };
    const o = await runObserved(c, perfectConfig(1, { fill: { tick: 0.01 } }));
    const byCause = o.run.result.attribution.byCause;
    // documented: within one ms, leader events come before orders arriving, so the first copy meets the book of the
    // second trade (0.6). That move happened after the leader's trade: it is latency, not the spread model's
    expect(byCause.spread ?? 0).toBe(0);
    expect(byCause.latency).toBeCloseTo(10, 9);
  });

  it("two leaders in one market redeeming at different times: no tracking error", async () => {
    const evs = [trade(A, "BUY", 100, 0.5, 1000), trade(B, "BUY", 40, 0.5, 2000), redeem(A, 100, 5000), redeem(B, 40, 9000)];
    const o = await runObserved({ evs, resolutions: [], r: 1 }, perfectConfig(1, { fill: { tick: 0.01 } }));
    const b = o.run.result.tracking.find((t) => t.leader === B)!;
    expect(o.run.result.attribution.gap).toBe(0);
    expect(b.copy.pnl).toBeCloseTo(b.leaderSide.pnl, 9);
    expect(b.drift.maxAbsDrift).toBe(0); // 40: B's part was paid out at A's REDEEM, B's own position still counted
    expect(b.drift.trackingError).toBe(0);
  });

  it("the same after a $0 REDEEM of a loser (winner unknown): the other leader's written-off part is no drift", async () => {
    const evs = [trade(A, "BUY", 100, 0.5, 1000, "yb"), trade(B, "BUY", 40, 0.5, 2000, "yb"), redeem(A, 0, 5000), redeem(B, 0, 9000)];
    const o = await runObserved({ evs, resolutions: [], r: 1 }, perfectConfig(1, { fill: { tick: 0.01 } }));
    const b = o.run.result.tracking.find((t) => t.leader === B)!;
    expect(b.copy.pnl).toBeCloseTo(b.leaderSide.pnl, 9);
    expect(b.drift.maxAbsDrift).toBe(0);
  });

  it("float noise in r × size is no cause line in the report", async () => {
    const c = { evs: [trade(A, "BUY", 0.113, 0.9, 1000)], resolutions: [], r: 10 };
    const o = await runObserved(c, perfectConfig(10, { fill: { tick: 0.01 } }));
    const text = formatRun(o.run);
    expect(text).not.toMatch(/^rounding/m);
    expect(o.run.summary.attribution.byCause).toEqual([]);
  });
});
