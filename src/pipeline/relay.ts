// relay: the body of a hand-written RxJS operator. Forwards a source into a subscriber through callbacks and turns
// anything they throw into an error of the stream (a plain subscribe callback's throw would be reported async).
import { Subscriber, type Observable } from "rxjs";

/**
 * The subscriber relay hands to the source: a Subscriber subclass (as RxJS's own operators use) is taken by
 * subscribe as it is, so a value costs one call into `next`, not the wrappers a plain observer object gets.
 */
class RelaySubscriber<I, O> extends Subscriber<I> {
  constructor(
    private readonly out: Subscriber<O>,
    private readonly onValue: (x: I) => void,
    private readonly onComplete: (() => void) | undefined,
  ) {
    super(out); // unsubscribing `out` unsubscribes this from the source
  }

  protected override _next(x: I): void {
    try {
      this.onValue(x);
    } catch (e) {
      this.out.error(e);
    }
  }

  protected override _error(e: unknown): void {
    try {
      this.out.error(e);
    } finally {
      this.unsubscribe();
    }
  }

  protected override _complete(): void {
    try {
      this.onComplete?.();
      this.out.complete();
    } catch (e) {
      this.out.error(e);
    } finally {
      this.unsubscribe();
    }
  }
}

/** Subscribe `source`, handing each value to `next` and completion to `complete`; returns the teardown. */
export function relay<I, O>(source: Observable<I>, out: Subscriber<O>, next: (x: I) => void, complete?: () => void): () => void {
  const s = source.subscribe(new RelaySubscriber(out, next, complete));
  return () => s.unsubscribe();
}
