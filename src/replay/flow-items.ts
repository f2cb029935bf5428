// The items of a replay's stream (what the paper clock, decide and the paper venue emit, in the order accounting must
// see them), shared by the flow's operators and the paper venue.
import type { Subscriber } from "rxjs";
import type { BookView, Decision, ExecEvent, LeaderTradeEvent, MarketSettled, TimePassed } from "../core/index.js";
import type { LeaderSeen } from "../pipeline/decide.js";

/** A BookView a replay can feed with the leader events (leader-anchored books need them). */
export type ReplayBooks = BookView & { observe?(event: LeaderTradeEvent): void };

export type { MarketSettled } from "../core/index.js";

/** A leader redeemed a market and its resting orders ended: accounting may fold the market's flat positions. */
export interface MarketClosed {
  kind: "closed";
  leader: string;
  conditionId: string;
}

/** The ExecEvents of one engine call, in order (one stream item, not one per event: fewer hops per fill). */
export type ExecBatch = readonly ExecEvent[];

/**
 * What the paper clock adds to the stream before decide: fills of resting orders, cancellations, settlements, and
 * the times netting windows close (decide turns those into the windows' decisions).
 */
export type ClockItem = ExecBatch | MarketSettled | TimePassed;

/** What the venue itself emits as time passes (fills, cancellations, settlements). */
export type VenueItem = ExecBatch | MarketSettled;

/** Everything a replay produces, in the order accounting must see it. */
export type FlowItem = Decision | ExecBatch | LeaderSeen | MarketSettled | MarketClosed;

export function isExecBatch(x: FlowItem | LeaderTradeEvent): x is ExecBatch {
  return Array.isArray(x);
}

/** Pass an engine call's events on as one item (nothing when it produced none). */
export function emitAll(evs: ExecBatch, out: Subscriber<ExecBatch>): void {
  if (evs.length > 0) out.next(evs);
}

