// A replay source as an RxJS stream of leader events (batches flattened, leader filter, progress per batch), and
// drain: run a stream to its end into a sink, as a promise that rejects with the stream's error.
import { Observable, Subscriber } from "rxjs";
import type { LeaderTradeEvent } from "../core/index.js";
import type { Progress } from "./progress.js";
import type { ReplaySource } from "./sources.js";

/**
 * The events of `source` in its (time) order, only those of `only` leaders when given; progress is told the count
 * after each batch. Unsubscribing stops the read (the source's iterator is closed).
 */
export function eventStream(source: ReplaySource, only: ReadonlySet<string> | undefined, progress: Progress): Observable<LeaderTradeEvent> {
  return new Observable<LeaderTradeEvent>((out) => {
    let n = 0;
    void (async () => {
      try {
        for await (const batch of source.batches()) {
          for (let i = 0; i < batch.length && !out.closed; i++) {
            const ev = batch[i]!;
            if (only !== undefined && !only.has(ev.leader)) continue;
            out.next(ev);
            n++;
          }
          if (out.closed) return; // unsubscribed or failed: leaving the loop closes the source's iterator
          progress.update(n);
        }
        out.complete();
      } catch (e) {
        out.error(e);
      }
    })();
  });
}

/**
 * Subscribe `items` with `sink` and resolve when it completes. Rejects with the stream's error, or with a sink's throw
 * (which also unsubscribes, stopping the source; rethrowing would make RxJS report it later as an uncaught error).
 */
export function drain<T>(items: Observable<T>, sink: (x: T) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    items.subscribe(new DrainSubscriber(sink, resolve, reject));
  });
}

/**
 * drain's subscriber: a Subscriber subclass (as relay's) is taken by subscribe as it is, so an item costs one call
 * into `_next`, not the wrappers a plain observer object gets. Unsubscribing it (a sink's throw) stops the source.
 */
class DrainSubscriber<T> extends Subscriber<T> {
  constructor(
    private readonly sink: (x: T) => void,
    private readonly resolve: () => void,
    private readonly reject: (e: unknown) => void,
  ) {
    super();
  }

  protected override _next(x: T): void {
    try {
      this.sink(x);
    } catch (e) {
      this.reject(e);
      this.unsubscribe();
    }
  }

  protected override _error(e: unknown): void {
    this.reject(e);
    this.unsubscribe();
  }

  protected override _complete(): void {
    this.resolve();
    this.unsubscribe();
  }
}
