// RxJS Executor over the synchronous paper engine: each intent sets off towards the book and meets it at its arrival
// (decision time + latency), matched once the next intent's decision time has passed that arrival, in arrival order.
import { Observable } from "rxjs";
import { decidedAt, type CopyIntent } from "../../core/intent.js";
import type { ExecEvent, Executor } from "../../core/exec.js";
import { createPaperEngine, type PaperEngine, type PaperEngineOptions } from "./engine.js";
import { InFlight } from "./in-flight.js";

export interface PaperExecutorOptions extends PaperEngineOptions {
  /** On completion, resting orders may still fill until the last time reached + this many ms (default 0). */
  endHorizonMs?: number;
}

/**
 * Executor for paper mode; each subscription gets its own engine and a fork of the latency model (same delays).
 * Exec events come in time order: an order's events at its arrival, resting orders' fills as time passes them.
 * Time is the intents' own: an order still in flight when no later intent comes is matched at completion, so a
 * live stream needs intents (or the replay's ReplayPaperVenue clock) to move it.
 */
export function paperExecutor(opts: PaperExecutorOptions): Executor {
  return (intents: Observable<CopyIntent>) =>
    new Observable<ExecEvent>((sub) => {
      const latency = opts.latency.fork?.() ?? opts.latency;
      const engine: PaperEngine = createPaperEngine({ ...opts, latency });
      const inFlight = new InFlight();
      let now = Number.NEGATIVE_INFINITY;
      const emit = (evs: ExecEvent[]): void => {
        for (let i = 0; i < evs.length; i++) sub.next(evs[i] as ExecEvent);
      };
      /** Time reaches t: resting orders step to it (never back). */
      const advanceTo = (t: number): void => {
        if (t < now) return;
        now = t;
        if (engine.open() > 0) emit(engine.advance(t));
      };
      /** Orders arriving before `t` (all, with +∞) meet the book in arrival order, resting orders stepped first. */
      const arriveBefore = (t: number): void => {
        for (let a = inFlight.nextArrival(); a < t; a = inFlight.nextArrival()) {
          advanceTo(a);
          emit(engine.submitAt(inFlight.take().intent, a > now ? a : now));
        }
      };
      const s = intents.subscribe({
        next: (intent) => {
          try {
            const t = decidedAt(intent);
            arriveBefore(t);
            advanceTo(t);
            // one decided before the time already reached (a late stream) leaves now, not in the past
            const a = engine.arrivalOf(intent);
            inFlight.add(intent, t < now ? a + (now - t) : a);
          } catch (e) {
            sub.error(e);
          }
        },
        error: (e: unknown) => sub.error(e),
        complete: () => {
          try {
            arriveBefore(Number.POSITIVE_INFINITY);
            if (engine.open() > 0 && Number.isFinite(now)) {
              const end = now + (opts.endHorizonMs ?? 0);
              advanceTo(end);
              emit(engine.cancelAll(end));
            }
            sub.complete();
          } catch (e) {
            sub.error(e);
          }
        },
      });
      return () => s.unsubscribe();
    });
}
