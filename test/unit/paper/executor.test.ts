// RxJS paper Executor: same events as the synchronous engine, resting orders filled as later intents advance
// time, everything still open cancelled when the intent stream completes; reference touches for attribution.
import { describe, expect, it } from "vitest";
import { concat, firstValueFrom, from, throwError, toArray, type Observable } from "rxjs";
import { paperExecutor } from "../../../src/exec/paper/executor.js";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { constantLatency, uniformLatency } from "../../../src/exec/paper/latency.js";
import { createSeriesBooks } from "../../../src/replay/books/series.js";
import { EXEC_END } from "../../../src/core/exec-reasons.js";
import type { ExecEvent } from "../../../src/core/exec.js";
import { rng } from "../../../src/core/rng.js";
import { book, dones, fills, intent } from "./fixtures.js";

const snaps = [
  book(1000, [[0.48, 100]], [[0.5, 4], [0.51, 3]]),
  book(3000, [[0.48, 100]], [[0.5, 50]]),
  book(6000, [[0.3, 100]], [[0.35, 50]]),
];
const opts = () => ({ books: createSeriesBooks("t", snaps), latency: constantLatency(100), slippage: 0.05 });

describe("paperExecutor", () => {
  it("emits exec events in time order: an order meets the book at its arrival, after resting orders stepped there", async () => {
    // seeded: GTCs resting and FAKs with random latencies, decided every 0–700 ms; the books change under them
    const r = rng(9);
    const intents = Array.from({ length: 60 }, (_, k) => {
      const ts = 1000 + k * r.int(0, 700);
      const gtc = r.next() < 0.4;
      return intent({ intentId: `q${k}`, orderType: gtc ? "GTC" : "FAK", targetShares: 5 + r.int(0, 20), limitPrice: gtc ? 0.5 : 0.6, ts, seenAt: ts });
    }).sort((a, b) => a.ts - b.ts);
    const evs = await firstValueFrom(paperExecutor({ ...opts(), latency: uniformLatency(400, 350, 4) })(from(intents), { mode: "paper" }).pipe(toArray()));
    for (let k = 1; k < evs.length; k++) expect(evs[k]!.ts, `event ${k} (${evs[k]!.intentId} ${evs[k]!.type})`).toBeGreaterThanOrEqual(evs[k - 1]!.ts);
    expect(dones(evs).map((d) => d.intentId).sort()).toEqual(intents.map((i) => i.intentId).sort());
    for (const i of intents) expect(evs.find((e) => e.intentId === i.intentId)!.ts).toBeGreaterThanOrEqual(i.ts + 50);
  });

  it("fills a resting GTC when a later intent moves time past a crossing book, and cancels leftovers at the end", async () => {
    const intents = [
      intent({ intentId: "g", orderType: "GTC", targetShares: 10, limitPrice: 0.5, ts: 1000, seenAt: 1000 }),
      intent({ intentId: "f", orderType: "FAK", targetShares: 2, limitPrice: 0.6, ts: 4000, seenAt: 4000 }),
      intent({ intentId: "r", orderType: "GTC", targetShares: 5, limitPrice: 0.2, ts: 5000, seenAt: 5000 }),
    ];
    const evs = await firstValueFrom(paperExecutor(opts())(from(intents), { mode: "paper" }).pipe(toArray()));
    expect(dones(evs).map((d) => [d.intentId, d.terminal, d.detail.split(" ")[0]])).toEqual([
      ["g", "FILLED", EXEC_END.FILLED],
      ["f", "FILLED", EXEC_END.FILLED],
      ["r", "UNFILLED", EXEC_END.CANCELLED],
    ]);
    const g = fills(evs).filter((f) => f.intentId === "g");
    expect(g.map((f) => [f.ts, f.price, f.size])).toEqual([
      [1100, 0.5, 4],
      [3000, 0.5, 6],
    ]);
    // "g" finished at 3000, before "f" was even submitted
    expect(evs.findIndex((e) => e.type === "done" && e.intentId === "g")).toBeLessThan(evs.findIndex((e) => e.intentId === "f"));
  });

  it("emits what the synchronous engine returns, and each subscription starts fresh", async () => {
    const intents = [1, 2, 3].map((k) => intent({ intentId: `x${k}`, targetShares: 3, limitPrice: 0.52, ts: 1000, seenAt: 1000 }));
    const e = createPaperEngine(opts());
    const direct: ExecEvent[] = intents.flatMap((i) => [...e.advance(i.ts), ...e.submit(i)]);
    const exec = paperExecutor(opts());
    const a = await firstValueFrom(exec(from(intents), { mode: "paper" }).pipe(toArray()));
    const b = await firstValueFrom(exec(from(intents), { mode: "paper" }).pipe(toArray()));
    expect(a).toEqual(direct);
    expect(b).toEqual(a);
    expect(fills(a).map((f) => f.size)).toEqual([3, 1, 2, 1]); // the third gets nothing: 7 shown in all
  });

  it("replays identically per subscription with a seeded random latency", async () => {
    const intents = [1, 2, 3, 4].map((k) => intent({ intentId: `u${k}`, targetShares: 2, limitPrice: 0.52, ts: 900 + k * 500, seenAt: 900 + k * 500 }));
    const exec = paperExecutor({ ...opts(), latency: uniformLatency(500, 400, 3) });
    const a = await firstValueFrom(exec(from(intents), { mode: "paper" }).pipe(toArray()));
    const b = await firstValueFrom(exec(from(intents), { mode: "paper" }).pipe(toArray()));
    expect(b).toEqual(a);
    const delays = a.filter((e) => e.type === "accepted").map((e, k) => e.ts - intents[k]!.ts);
    expect(delays).toHaveLength(4);
    expect(new Set(delays).size).toBeGreaterThan(1); // random, yet the same in both runs
  });

  it("reports the reference touches at leader time and at arrival", () => {
    const refs: unknown[] = [];
    const e = createPaperEngine({ ...opts(), latency: constantLatency(2500), onReference: (id, r) => refs.push([id, r]) });
    e.submit(intent({ intentId: "q", ts: 1000, seenAt: 1000, targetShares: 3, limitPrice: 0.9 }));
    expect(refs).toEqual([["q", { atLeader: 0.5, atArrival: 0.5, arrival: 3500 }]]);
    e.submit(intent({ intentId: "s", side: "SELL", ts: 5000, seenAt: 5000, targetShares: 3, limitPrice: 0.1 }));
    expect(refs[1]).toEqual(["s", { atLeader: 0.48, atArrival: 0.3, arrival: 7500 }]);
  });

  /** Events emitted before the stream errored, and the error. */
  async function untilError(evs$: Observable<ExecEvent>): Promise<{ evs: ExecEvent[]; error: unknown }> {
    const evs: ExecEvent[] = [];
    const error = await new Promise<unknown>((done) => evs$.subscribe({ next: (e) => evs.push(e), error: done, complete: () => done(undefined) }));
    return { evs, error };
  }

  it("still ends every intent once when its intent stream errors: orders in flight meet the book, resting ones are cancelled", async () => {
    const intents = [
      intent({ intentId: "g", orderType: "GTC", targetShares: 5, limitPrice: 0.2, ts: 1000, seenAt: 1000 }), // rests
      intent({ intentId: "f", orderType: "FAK", targetShares: 2, limitPrice: 0.6, ts: 2000, seenAt: 2000 }), // in flight
    ];
    const boom = new Error("feed lost");
    const { evs, error } = await untilError(paperExecutor(opts())(concat(from(intents), throwError(() => boom)), { mode: "paper" }));
    expect(error).toBe(boom);
    expect(dones(evs).map((d) => [d.intentId, d.terminal, d.detail.split(" ")[0]])).toEqual([
      ["f", "FILLED", EXEC_END.FILLED],
      ["g", "UNFILLED", EXEC_END.CANCELLED],
    ]);
    for (let k = 1; k < evs.length; k++) expect(evs[k]!.ts).toBeGreaterThanOrEqual(evs[k - 1]!.ts);
  });

  it("gives up the order it was matching, and those behind it, as UNFILLED ABORTED when the engine throws", async () => {
    const good = createSeriesBooks("t", snaps);
    const books = { name: "flaky", at: (tokenId: string, ts: number) => { if (tokenId === "bad") throw new Error("book store gone"); return good.at(tokenId, ts); } };
    const intents = [
      intent({ intentId: "a", targetShares: 2, limitPrice: 0.6, ts: 1000, seenAt: 1000 }),
      intent({ intentId: "b", tokenId: "bad", targetShares: 2, limitPrice: 0.6, ts: 1001, seenAt: 1001 }),
      intent({ intentId: "c", targetShares: 2, limitPrice: 0.6, ts: 1002, seenAt: 1002 }),
      intent({ intentId: "d", targetShares: 2, limitPrice: 0.6, ts: 5000, seenAt: 5000 }), // never sent: the stream failed first
    ];
    const { evs, error } = await untilError(paperExecutor({ ...opts(), books })(from(intents), { mode: "paper" }));
    expect(String(error)).toContain("book store gone");
    const ends = dones(evs).map((d) => [d.intentId, d.terminal, d.detail.split(":")[0]]);
    expect(ends).toEqual([
      ["a", "FILLED", EXEC_END.FILLED],
      ["b", "UNFILLED", EXEC_END.ABORTED],
      ["d", "UNFILLED", EXEC_END.ABORTED],
      ["c", "FILLED", EXEC_END.FILLED], // already on its way: it still meets the book
    ]);
  });
});
