// Attribution vocabulary: causes, per-event records, totals and the small helpers that accumulate them.
// Split from attribution.ts (which documents the decomposition); no state here.
import { SKIP_REASON_CODES, type Side, type SkipReason } from "../core/index.js";

export const CAUSES = ["netted", "caps", "rounding", "partial", "rejected", "open", "spread", "latency", "slippage", "fees"] as const;
export type Cause = (typeof CAUSES)[number] | `skipped:${SkipReason}`;

export type { FillReference } from "../core/book.js";

export interface EventAttribution {
  eventId: string;
  leader: string;
  side: Side | null;
  leaderPrice: number;
  idealShares: number;
  filledShares: number;
  filledNotional: number;
  gap: number;
  parts: Partial<Record<Cause, number>>;
}

export interface AttributionTotals {
  events: number;
  idealNotional: number;
  /** Notional of filled shares at fill prices. */
  filledNotional: number;
  /** Filled shares valued at the leader's price. */
  filledAtLeader: number;
  fees: number;
  gap: number;
  byCause: Partial<Record<Cause, number>>;
}

/** Trades outside the ideal-copy identity: drift corrections (their own intents, no leader event). */
export interface CorrectionTotals {
  intents: number;
  filledShares: number;
  filledNotional: number;
  /** Taker fees of their fills: outside the gap's `fees` part, which is the copies' (all fees = that + these). */
  fees: number;
}

/** Corrections' totals before any correction. */
export function noCorrections(): CorrectionTotals {
  return { intents: 0, filledShares: 0, filledNotional: 0, fees: 0 };
}

export interface Src {
  id: string;
  side: Side | null;
  price: number;
  ideal: number;
  /** The leader trade's venue time (NaN when unknown). */
  ts: number;
  /** Reference touch at that time (NaN until known: then the intent's own is used). */
  refL: number;
}

export function sameSideIdeal(srcs: readonly Src[], side: Side | null): number {
  let I = 0;
  for (const s of srcs) if (s.side === null || side === null || s.side === side) I += s.ideal;
  return I;
}

/** Pro-rata weight of a same-side source in its decision: I_e / ΣI, or equal shares when every ideal is 0. */
export function weight(s: Src, I: number, srcs: readonly Src[], side: Side | null): number {
  if (srcs.length === 1) return 1;
  if (I > 0) return s.ideal / I;
  let n = 0;
  for (const x of srcs) if (x.side === null || side === null || x.side === side) n++;
  return n > 0 ? 1 / n : 0;
}

/** Every cause in a fixed order: the fixed causes, then skipped:<REASON> for each SkipReason. */
export const CAUSE_KEYS: readonly Cause[] = [...CAUSES, ...SKIP_REASON_CODES.map((r) => `skipped:${r}` as Cause)];
const SKIP_INDEX = new Map<SkipReason, number>(SKIP_REASON_CODES.map((r, k) => [r, CAUSES.length + k]));
/** Index of a fixed cause in CAUSE_KEYS. */
export const CI = { netted: 0, caps: 1, rounding: 2, partial: 3, rejected: 4, open: 5, spread: 6, latency: 7, slippage: 8, fees: 9 } as const satisfies Record<(typeof CAUSES)[number], number>;

// The last reason asked for: runs of skips mostly share their reason, and comparing the (literal, internalised)
// reason strings is cheaper than a Map lookup per skip.
let lastReason: SkipReason | undefined;
let lastReasonIndex = 0;

export function skipIndex(reason: SkipReason): number {
  if (reason !== lastReason) {
    lastReasonIndex = SKIP_INDEX.get(reason)!;
    lastReason = reason;
  }
  return lastReasonIndex;
}

/**
 * One event's figures, written in place for each event and passed to Acc.addEvent as one object: doubles passed as
 * arguments to a call that is not inlined are boxed, an allocation each.
 */
export class EventFigures {
  ideal = 0;
  price = 0;
  /** Filled shares and their notional. */
  F = 0;
  N = 0;
  fees = 0;
  gap = 0;
}

/** Running totals: plain numbers and one Float64Array of causes (no allocation per event). */
export class Acc {
  events = 0;
  idealNotional = 0;
  filledNotional = 0;
  filledAtLeader = 0;
  fees = 0;
  gap = 0;
  readonly causes = new Float64Array(CAUSE_KEYS.length);

  addEvent(e: EventFigures): void {
    this.events++;
    this.idealNotional += e.ideal * e.price;
    this.filledNotional += e.N;
    this.filledAtLeader += e.F * e.price;
    this.fees += e.fees;
    this.gap += e.gap;
  }

  toTotals(): AttributionTotals {
    const byCause: Partial<Record<Cause, number>> = {};
    for (let k = 0; k < this.causes.length; k++) if (this.causes[k] !== 0) byCause[CAUSE_KEYS[k]!] = this.causes[k]!;
    return { events: this.events, idealNotional: this.idealNotional, filledNotional: this.filledNotional, filledAtLeader: this.filledAtLeader, fees: this.fees, gap: this.gap, byCause };
  }
}
