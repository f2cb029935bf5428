// Hand-written leader histories for replay tests: event builders for each kind, and a config under which copies fill
// at the leader's price in full (halfSpread 0, deep books, constant latency), so every figure can be computed by hand.
import { expect } from "vitest";
import { parseConfig, type Config, type LeaderTradeEvent } from "../../src/core/index.js";
import type { ReplayRun } from "../../src/replay/runner.js";

export const LEADER_A = "0x" + "a".repeat(40);
export const LEADER_B = "0x" + "b".repeat(40);

/** BUDGETED_DYNAMIC with a $100 budget, r_u in [0.01, 10], no bankroll % cap (merge into `defaults`). */
export const DYNAMIC = { sizing: "BUDGETED_DYNAMIC", budget: 100, ratioMin: 0.01, ratioMax: 10, maxBankrollPct: 1 } as const;

/** A config for hand-computed replays: r_u 0.5, slippage 0.5 and `defaults` over them; latency `latencyMs`. */
export function exactConfig(defaults: object = {}, latencyMs = 0, fill: object = {}): Config {
  return parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.5, ...defaults }, fill: { halfSpread: 0, depthShares: 10_000, ...fill }, latency: { model: "constant", ms: latencyMs } });
}

/** Event builders numbering their events (ids `${prefix}${n}`); `reset` starts the numbering again. */
export function history(prefix = "h", leader = LEADER_A) {
  let n = 0;
  const base = (ts: number, o: Partial<LeaderTradeEvent>) => {
    n++;
    return { eventId: `${prefix}${n}`, leader, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" as const, ...o };
  };
  return {
    reset: () => void (n = 0),
    trade: (side: "BUY" | "SELL", tokenId: string, size: number, price: number, ts: number, conditionId: string, o: Partial<LeaderTradeEvent> = {}): LeaderTradeEvent =>
      ({ kind: "TRADE", conditionId, tokenId, outcomeIndex: 0, side, size, price, usdcSize: size * price, ...base(ts, o) }) as LeaderTradeEvent,
    /** A MERGE, SPLIT or REDEEM of `size` sets (REDEEM: the payout in pUSD). */
    market: (kind: "MERGE" | "SPLIT" | "REDEEM", size: number, ts: number, conditionId: string, o: Partial<LeaderTradeEvent> = {}): LeaderTradeEvent =>
      ({ kind, conditionId, tokenId: "", outcomeIndex: null, side: null, size, price: 0, usdcSize: size, ...base(ts, o) }) as LeaderTradeEvent,
  };
}

/** The money identity at a run's end: equity − bankroll = realised + unrealised − fees = Σ copy PnL (to 1e-9). */
export function expectMoneyIdentity(r: ReplayRun, bankroll: number): void {
  const L = r.summary.ledger;
  const sum = r.result.tracking.reduce((s, t) => s + t.copy.pnl, 0);
  expect(L.equity - bankroll).toBeCloseTo(L.realised + L.unrealised - L.fees, 9);
  expect(L.equity - bankroll).toBeCloseTo(sum, 9);
}
