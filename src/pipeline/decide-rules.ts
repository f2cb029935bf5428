// decide's shared rules outside the engine's state: USD comparisons at a limit, the size checks every outlay passes,
// the skip records of a trade and of a netting window, and the static kill-switch / leader-off block.
import type { Config, Decision, LeaderSettings, Side, Skip, SkipReason } from "../core/index.js";
import { toFixedFast } from "../core/index.js";
import type { NetBatch } from "./netting.js";
import { modesFor } from "./route.js";

/**
 * a < b and a > b for USD amounts, a part in 10⁹ apart: a notional exactly at a limit (100 × 0.57 = 56.99999999999999
 * against a min of 57) is at it, not past it.
 */
export function below(a: number, b: number): boolean {
  return a < b - 1e-9 * (b > 1 ? b : 1);
}
export function above(a: number, b: number): boolean {
  return a > b + 1e-9 * (b > 1 ? b : 1);
}

/**
 * The size checks of every outlay, on what is sent (after each clip and the 0.01 floor): below the min copy notional
 * at `price`, or nothing left (`limit` 0: a BUY priced out of the band). The reason and its detail, or undefined.
 */
export function tooSmall(rounded: number, shares: number, price: number, limit: number, s: LeaderSettings, clip: Clip | undefined): [SkipReason, string] | undefined {
  if (below(rounded * price, s.minCopyNotional)) return clipped(clip, "COPY_NOTIONAL_BELOW_MIN", `copy notional $${toFixedFast(rounded * price, 4)} < min $${s.minCopyNotional}`);
  if (rounded <= 0 || limit <= 0) return clipped(clip, "ROUNDS_TO_ZERO", `${toFixedFast(shares, 6)} shares round to 0 at 0.01`);
  return undefined;
}

/** A BUY too small for a valid order: the limit that clipped it (`clip`) is the reason when there was one. */
export function clipped(clip: Clip | undefined, reason: SkipReason, why: string): [SkipReason, string] {
  if (clip === undefined) return [reason, why];
  const how = clip.reason === "BANKROLL_CAP" ? `clipped to the bankroll % cap, $${toFixedFast(clip.to, 2)}` : `clipped to the cash, $${toFixedFast(clip.to, 2)}`;
  return [clip.reason, `${how}: ${why}`];
}

/** The limit that made a BUY smaller than its copy (the bankroll % cap, then cash) and the USD it clipped to. */
export interface Clip {
  reason: "BANKROLL_CAP" | "INSUFFICIENT_CASH";
  to: number;
}

export function batchSkip(b: NetBatch, reason: SkipReason, detail: string): Skip {
  return { kind: "skip", reason, detail, leader: b.leader, tokenId: b.tokenId, side: b.side, leaderPrice: b.price, idealShares: b.netShares * b.ratio, sourceEventIds: b.ids, ts: b.ts, ratio: b.ratio, ...(b.ratios !== undefined ? { sourceRatios: b.ratios } : {}) };
}

/**
 * A trade's (or a netting window's, in its shape) skip: its source events `ids`, the ideal copy it missed (and the
 * smaller copy a size rule refused, `targetShares`, when caps or holdings had cut it: Skip.targetShares).
 */
export function skipOf(t: TradeToCopy, ids: string[], idealShares: number, reason: SkipReason, detail: string, targetShares?: number): Skip {
  const s: Skip = { kind: "skip", reason, detail, leader: t.leader, tokenId: t.tokenId, side: t.side, leaderPrice: t.price, idealShares, sourceEventIds: ids, ts: t.ts };
  if (targetShares !== undefined) s.targetShares = targetShares;
  return s;
}

/** `before` (if any) followed by `last`. */
export function withLast(before: Decision[] | undefined, last: Decision): Decision[] {
  if (!before) return [last];
  before.push(last);
  return before;
}

/** A leader TRADE event, or a netting batch in its shape. */
export interface TradeToCopy {
  leader: string;
  tokenId: string;
  conditionId: string;
  side: Side;
  size: number;
  price: number;
  ts: number;
  seenAt: number;
}

/** Why a config blocks a leader's copies (kill switch, off in every mode), or undefined. */
export function blockOf(cfg: Config, leader: string): [SkipReason, string] | undefined {
  if (cfg.killSwitch) return ["KILL_SWITCH", "kill switch engaged"];
  if (modesFor(cfg, leader).length === 0) return ["LEADER_OFF", `leader ${leader} is off in every mode`];
  return undefined;
}
