// The replay as RxJS operators: leader events → paper clock (time passes: orders in flight arrive and match, resting
// orders fill, due resolutions apply, the book view learns the trade) → decide (pipeline's decideFlow) → paper venue
// (each intent sets off towards the book) → one ordered stream of FlowItems.
import { Observable, type OperatorFunction } from "rxjs";
import type { LeaderTradeEvent } from "../core/index.js";
import { relay } from "../pipeline/relay.js";
import { emitAll, isExecBatch, type ClockItem, type FlowItem } from "./flow-items.js";
import type { ReplayPaperVenue } from "./paper-venue.js";

export * from "./flow-items.js";
export { ReplayPaperVenue } from "./paper-venue.js";

/**
 * Time stage, before decide: refuses an out-of-order event, lets venue time pass to each new ts (exec events and
 * settlements go downstream first, so decide sees the ledger as of that time), then the book view learns the event.
 */
export function paperClock(venue: ReplayPaperVenue, sourceName: string): OperatorFunction<LeaderTradeEvent, LeaderTradeEvent | ClockItem> {
  const observe = venue.books.observe?.bind(venue.books);
  return (source) =>
    new Observable<LeaderTradeEvent | ClockItem>((out) =>
      relay(
        source,
        out,
        (ev) => {
          if (ev.ts < venue.lastTs) throw new Error(`replay: source ${sourceName} is not time-ordered (event ${ev.eventId} at ${ev.ts} after ${venue.lastTs})`);
          if (ev.ts > venue.lastTs) venue.tick(ev.ts, out);
          observe?.(ev);
          out.next(ev);
        },
        () => venue.closeWindows(out),
      ),
    );
}

/**
 * Fill stage, after decide: each intent sets off towards the venue as it passes (its exec events follow once the
 * clock passes its arrival); a leader REDEEM mirror closes the market there (resting orders cancelled, orders in
 * flight refused) and is followed by MarketClosed. On completion, venue.end.
 */
export function paperFill(venue: ReplayPaperVenue): OperatorFunction<FlowItem, FlowItem> {
  return (source) =>
    new Observable<FlowItem>((out) =>
      relay(
        source,
        out,
        (x) => {
          out.next(x);
          if (isExecBatch(x)) return;
          if (x.kind === "intent") venue.place(x.intent);
          else if (x.kind === "mirror" && x.action === "REDEEM") {
            venue.closeMarket(x.tokenIds, x.ts, x.conditionId, out);
            out.next({ kind: "closed", leader: x.leader, conditionId: x.conditionId });
          }
        },
        () => venue.end(out),
      ),
    );
}
