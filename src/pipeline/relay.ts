// relay: the body of a hand-written RxJS operator. Forwards a source into a subscriber through callbacks and turns
// anything they throw into an error of the stream (a plain subscribe callback's throw would be reported async).
import type { Observable, Subscriber } from "rxjs";

/** Subscribe `source`, handing each value to `next` and completion to `complete`; returns the teardown. */
export function relay<I, O>(source: Observable<I>, out: Subscriber<O>, next: (x: I) => void, complete?: () => void): () => void {
  const s = source.subscribe({
    next: (x) => {
      try {
        next(x);
      } catch (e) {
        out.error(e);
      }
    },
    error: (e: unknown) => out.error(e),
    complete: () => {
      try {
        complete?.();
        out.complete();
      } catch (e) {
        out.error(e);
      }
    },
  });
  return () => s.unsubscribe();
}
