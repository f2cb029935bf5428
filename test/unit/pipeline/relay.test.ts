// relay (the body of the hand-written operators): values, errors thrown by a stage, upstream errors, completion
// callbacks and unsubscription all reach the right place, synchronously.
import { describe, expect, it } from "vitest";
import { Observable, Subject, type OperatorFunction } from "rxjs";
import { relay } from "../../../src/pipeline/relay.js";

/** An operator built on relay: doubles numbers, throws on 3, emits "end" at completion (or throws there). */
function op(throwAtEnd = false): OperatorFunction<number | string, number | string> {
  return (source) =>
    new Observable<number | string>((out) =>
      relay(
        source,
        out,
        (x) => {
          if (x === 3) throw new Error("three");
          out.next(typeof x === "number" ? x * 2 : x);
        },
        () => {
          if (throwAtEnd) throw new Error("at end");
          out.next("end");
        },
      ),
    );
}

function collect<T>(o: Observable<T>) {
  const got: unknown[] = [];
  let error: unknown;
  let completed = false;
  const sub = o.subscribe({ next: (x) => got.push(x), error: (e) => (error = e), complete: () => (completed = true) });
  return { got, sub, error: () => error, completed: () => completed };
}

describe("relay", () => {
  it("passes values on and runs the completion callback before completing", () => {
    const s = new Subject<number>();
    const c = collect(s.pipe(op()));
    s.next(1);
    s.next(2);
    s.complete();
    expect(c.got).toEqual([2, 4, "end"]);
    expect(c.completed()).toBe(true);
  });

  it("turns a stage's throw into the stream's error, synchronously, and stops listening to the source", () => {
    const s = new Subject<number>();
    const c = collect(s.pipe(op()));
    s.next(1);
    s.next(3);
    expect((c.error() as Error).message).toBe("three");
    expect(s.observed).toBe(false);
    s.next(4);
    expect(c.got).toEqual([2]);
  });

  it("passes an upstream error on and turns a completion callback's throw into an error", () => {
    const s = new Subject<number>();
    const c = collect(s.pipe(op()));
    s.error(new Error("upstream"));
    expect((c.error() as Error).message).toBe("upstream");
    const t = new Subject<number>();
    const d = collect(t.pipe(op(true)));
    t.complete();
    expect((d.error() as Error).message).toBe("at end");
    expect(d.completed()).toBe(false);
  });

  it("unsubscribing downstream unsubscribes the source", () => {
    const s = new Subject<number>();
    const c = collect(s.pipe(op(), op(), op())); // three stages deep
    expect(s.observed).toBe(true);
    c.sub.unsubscribe();
    expect(s.observed).toBe(false);
  });
});
