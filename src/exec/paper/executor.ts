// RxJS Executor over the synchronous paper engine: each intent sets off towards the book and meets it at its arrival
// (decision time + latency), matched once the next intent's decision time has passed that arrival, in arrival order.
import { Observable, type Subscription } from "rxjs";
import { decidedAt, type CopyIntent } from "../../core/intent.js";
import type { ExecEvent, Executor } from "../../core/exec.js";
import { createPaperEngine, type PaperEngine, type PaperEngineOptions } from "./engine.js";
import { InFlight } from "./in-flight.js";
import { EXEC_END } from "../../core/exec-reasons.js";
import { TERMINAL } from "../../core/exec.js";

/** The one terminal event of an order given up when the executor fails (nothing more of it traded). */
function abortedEvent(intent: CopyIntent, ts: number): ExecEvent {
  return { type: "done", intentId: intent.intentId, mode: "paper", ts, terminal: TERMINAL.UNFILLED, filledShares: 0, avgPrice: 0, detail: `${EXEC_END.ABORTED}: the executor failed before this order was matched` };
}

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
      let taking: CopyIntent | undefined; // the order the engine is matching (it ends ABORTED if that throws)
      let failed = false;
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
          taking = inFlight.take().intent;
          const evs = engine.submitAt(taking, a > now ? a : now);
          taking = undefined;
          emit(evs);
        }
      };
      /** Everything still open ends: orders in flight meet the book, resting ones stay until `end`, then are cancelled. */
      const finish = (end: (now: number) => number): void => {
        arriveBefore(Number.POSITIVE_INFINITY);
        if (engine.open() > 0 && Number.isFinite(now)) {
          const t = end(now);
          advanceTo(t);
          emit(engine.cancelAll(t));
        }
      };
      /**
       * The stream failed (upstream, or the engine threw): every intent still ends once before the error goes on, and
       * no later intent is taken. Orders in flight were sent, so they still meet the book and resting ones are
       * cancelled at once; the order the engine failed on (and the one not yet in flight) ends UNFILLED, ABORTED, as
       * does everything left if the engine fails again.
       */
      const fail = (e: unknown, pending?: CopyIntent): void => {
        failed = true;
        s?.unsubscribe(); // (a synchronous source has not returned it yet: `failed` stops its next intents)
        const abort = (i: CopyIntent | undefined): void => {
          if (i) emit([abortedEvent(i, Number.isFinite(now) ? now : decidedAt(i))]);
        };
        abort(taking);
        taking = undefined;
        abort(pending);
        try {
          finish((t) => t);
        } catch {
          abort(taking); // the engine is broken: what is left in flight is given up (resting orders are unknowable now)
          while (inFlight.size > 0) abort(inFlight.take().intent);
        }
        sub.error(e);
      };
      let s: Subscription | undefined;
      s = intents.subscribe({
        next: (intent) => {
          if (failed) return;
          let pending: CopyIntent | undefined = intent; // not yet in flight: if this throws, it ends here
          try {
            const t = decidedAt(intent);
            arriveBefore(t);
            advanceTo(t);
            // one decided before the time already reached (a late stream) leaves now, not in the past
            const a = engine.arrivalOf(intent);
            inFlight.add(intent, t < now ? a + (now - t) : a);
            pending = undefined;
          } catch (e) {
            fail(e, pending);
          }
        },
        error: (e: unknown) => fail(e),
        complete: () => {
          try {
            finish((t) => t + (opts.endHorizonMs ?? 0));
            sub.complete();
          } catch (e) {
            fail(e);
          }
        },
      });
      return () => s?.unsubscribe();
    });
}
