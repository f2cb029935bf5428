// What decide emits: a CopyIntent (an order we mean to place) or a Skip (why we did not), together a Decision.
import { z } from "zod";
import { ORDER_TYPES, SIDES } from "./venue.js";
import { SKIP_REASON_CODES, type SkipReason } from "./reasons.js";

export const CopyIntentSchema = z.object({
  intentId: z.string().min(1), // = idempotency key; deterministic from leader + source event ids + purpose
  leader: z.string(),
  tokenId: z.string().min(1),
  conditionId: z.string(),
  side: z.enum(SIDES),
  targetShares: z.number().positive(),
  targetNotional: z.number().nonnegative(), // shares × reference price (leader price)
  /** Guardrail: max price for a BUY, min price for a SELL (already on the tick grid when known). */
  limitPrice: z.number().gt(0).lt(1),
  orderType: z.enum(ORDER_TYPES),
  /** Max adverse move from the best price the executor accepts (BUY ≤ bestAsk × (1 + s), SELL ≥ bestBid × (1 − s)); absent = executor default. */
  slippage: z.number().min(0).max(1).optional(),
  /** Leader's own price: the reference the attribution measures slippage against. */
  leaderPrice: z.number().min(0).max(1),
  /** Ideal copy shares (leader size × r_u) before caps, clips and rounding, for attribution. */
  idealShares: z.number().nonnegative(),
  ratio: z.number().nonnegative(), // r_u used
  /** r_u of each source event, in sourceEventIds' order, when they differ (a netting window under BUDGETED_DYNAMIC). */
  sourceRatios: z.array(z.number().nonnegative()).optional(),
  purpose: z.enum(["copy", "correction"]),
  sourceEventIds: z.array(z.string()).min(1),
  ts: z.number().int(), // ms, venue time of the (last) source event
  seenAt: z.number().int(), // ms, when we decided
});
export type CopyIntent = z.infer<typeof CopyIntentSchema>;

export const SkipSchema = z.object({
  kind: z.literal("skip"),
  reason: z.enum(SKIP_REASON_CODES as [SkipReason, ...SkipReason[]]),
  detail: z.string(),
  leader: z.string(),
  tokenId: z.string(),
  side: z.enum(SIDES).nullable(),
  leaderPrice: z.number(),
  idealShares: z.number().nonnegative(), // what a perfect copy would have traded
  sourceEventIds: z.array(z.string()),
  ts: z.number().int(),
  /** r_u the skipped copy was sized at, when it is not the ideal's own (a netted window: its events' ratio). */
  ratio: z.number().positive().optional(),
  /** r_u of each source event, in sourceEventIds' order, when they differ (a netting window under BUDGETED_DYNAMIC). */
  sourceRatios: z.array(z.number().nonnegative()).optional(),
  /**
   * Shares the copy was left with when caps, the copy's holdings or the sell-fraction rule made it smaller than the
   * ideal and a size rule (the skip's reason) then refused it: only these are lost to that rule, the ideal beyond them
   * to the caps (as when the smaller copy is sent). Absent when the skip's reason refused the whole ideal.
   */
  targetShares: z.number().nonnegative().optional(),
});
export type Skip = z.infer<typeof SkipSchema>;

/**
 * A whole-market leader action mirrored on the copy's position (no order): MERGE n sets → +n cash and −n of each
 * outcome; SPLIT the reverse; REDEEM pays the winning outcome 1 and the others 0.
 */
export interface Mirror {
  kind: "mirror";
  action: "MERGE" | "SPLIT" | "REDEEM";
  leader: string;
  conditionId: string;
  /** Outcome tokens of the market seen so far. */
  tokenIds: string[];
  /**
   * Sets to merge/split (copy scale). REDEEM with a known winner: unused (all held shares redeem); with none, the
   * complete sets of the leader's part of the copy, which pay 1 each whoever won.
   */
  shares: number;
  /** REDEEM: winning token when it can be inferred from the leader's payout, else undefined. */
  winningTokenId?: string;
  /**
   * REDEEM with no winner inferred: the tokens the leader's payout showed lost (held shares beyond the payout, e.g. all
   * it held at $0): the copy's shares of them pay 0. Undefined when none.
   */
  lostTokenIds?: string[] | undefined;
  sourceEventIds: string[];
  ts: number;
}

export type Decision = { kind: "intent"; intent: CopyIntent } | Skip | Mirror;

/** When an intent was decided, so when its order leaves: the leader's trade (ts), or later (seenAt, e.g. a netted batch). */
export function decidedAt(i: Pick<CopyIntent, "ts" | "seenAt">): number {
  return i.seenAt > i.ts ? i.seenAt : i.ts;
}

export function isIntent(d: Decision): d is { kind: "intent"; intent: CopyIntent } {
  return d.kind === "intent";
}
