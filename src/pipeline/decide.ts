// decide: the shared strategy as RxJS operators, LeaderTradeEvent$ → Decision$ (CopyIntent | Skip | Mirror), over
// the Decider engine (decider.ts). Pure and deterministic: state lives in the Decider, time comes from the events.
import { type OperatorFunction, Observable } from "rxjs";
import type { Config, Decision, LeaderTradeEvent, MarketSettled, TimePassed } from "../core/index.js";
import { Decider, type DecideOptions } from "./decider.js";
import { relay } from "./relay.js";

export { Decider, type DecideOptions, type GivenOutcome } from "./decider.js";

/** A leader event as decideFlow saw it, emitted before its decisions; `duplicate` when decide skipped it as one. */
export interface LeaderSeen {
  kind: "leader";
  event: LeaderTradeEvent;
  duplicate: boolean;
}

/** decide's verdict on `ev` was DUPLICATE (always its last decision: due netting batches come before it). */
function isDuplicate(ds: readonly Decision[], ev: LeaderTradeEvent): boolean {
  const d = ds.length > 0 ? ds[ds.length - 1]! : undefined;
  return d !== undefined && d.kind === "skip" && d.reason === "DUPLICATE" && d.sourceEventIds[0] === ev.eventId;
}

/**
 * decide inside a wider stream (the replay's): each leader event (an item with an `eventId`) is stepped by `decider`
 * and goes on as LeaderSeen followed by its decisions; TimePassed closes the netting windows due by then (it goes on
 * as their decisions, not itself); any other item passes through in place. On completion the open netting windows
 * are flushed. The caller owns the Decider (accounting reads its leader books).
 */
export function decideFlow<T extends object>(decider: Decider): OperatorFunction<LeaderTradeEvent | T, LeaderSeen | Decision | Exclude<T, TimePassed>> {
  return (source) =>
    new Observable<LeaderSeen | Decision | Exclude<T, TimePassed>>((out) =>
      relay(
        source,
        out,
        (x) => {
          if (!("eventId" in x)) {
            const kind = (x as { kind?: unknown }).kind;
            if (kind === "time") {
              const ds = decider.closeDue((x as unknown as TimePassed).ts);
              for (let i = 0; i < ds.length; i++) out.next(ds[i]!);
              return;
            }
            if (kind === "resolved") decider.marketResolved((x as MarketSettled).resolution);
            return out.next(x as Exclude<T, TimePassed>);
          }
          const ev = x as LeaderTradeEvent;
          const ds = decider.step(ev);
          out.next({ kind: "leader", event: ev, duplicate: isDuplicate(ds, ev) });
          for (let i = 0; i < ds.length; i++) out.next(ds[i]!);
        },
        () => {
          for (const d of decider.flush()) out.next(d);
        },
      ),
    );
}

/** The RxJS operator: LeaderTradeEvent$ → Decision$ (flushes open netting windows on completion). */
export function decide(config: Config, opts: DecideOptions = {}): OperatorFunction<LeaderTradeEvent, Decision> {
  return (source) =>
    new Observable<Decision>((out) => {
      const d = new Decider(config, opts);
      return relay(
        source,
        out,
        (ev) => {
          for (const x of d.step(ev)) out.next(x);
        },
        () => {
          for (const x of d.flush()) out.next(x);
        },
      );
    });
}
