// RxJS Executor over the synchronous paper engine: each intent first advances resting orders to its ts, then
// is submitted; when the intent stream completes, resting orders are advanced to the horizon and cancelled.
import { Observable } from "rxjs";
import type { CopyIntent } from "../../core/intent.js";
import type { ExecEvent, Executor } from "../../core/exec.js";
import { createPaperEngine, type PaperEngine, type PaperEngineOptions } from "./engine.js";

export interface PaperExecutorOptions extends PaperEngineOptions {
  /** On completion, resting orders may still fill until last intent ts + this many ms (default 0). */
  endHorizonMs?: number;
}

/** Executor for paper mode; each subscription gets its own engine and a fork of the latency model (same delays). */
export function paperExecutor(opts: PaperExecutorOptions): Executor {
  return (intents: Observable<CopyIntent>) =>
    new Observable<ExecEvent>((sub) => {
      const latency = opts.latency.fork?.() ?? opts.latency;
      const engine: PaperEngine = createPaperEngine({ ...opts, latency });
      let lastTs = Number.NEGATIVE_INFINITY;
      const emit = (evs: ExecEvent[]): void => {
        for (let i = 0; i < evs.length; i++) sub.next(evs[i] as ExecEvent);
      };
      const s = intents.subscribe({
        next: (intent) => {
          if (intent.ts > lastTs) {
            lastTs = intent.ts;
            emit(engine.advance(intent.ts));
          }
          emit(engine.submit(intent));
        },
        error: (e: unknown) => sub.error(e),
        complete: () => {
          if (engine.open() > 0) {
            const end = lastTs + (opts.endHorizonMs ?? 0);
            emit(engine.advance(end));
            emit(engine.cancelAll(end));
          }
          sub.complete();
        },
      });
      return () => s.unsubscribe();
    });
}
