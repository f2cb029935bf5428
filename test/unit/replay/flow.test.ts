// The replay flow as RxJS operators: pushed one event at a time through a Subject (as a live source would) it yields
// exactly the items the replay produces from an array; decideFlow passes other items through in place and flags
// duplicates; errors thrown inside a stage reach the caller.
import { from, Observable, Subject, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import { parseConfig, type Config, type LeaderTradeEvent } from "../../../src/core/index.js";
import { createPaperEngine, latencyFromConfig } from "../../../src/exec/paper/index.js";
import { Ledger } from "../../../src/pipeline/ledger.js";
import { Decider, decideFlow } from "../../../src/pipeline/decide.js";
import { isExecBatch, paperClock, paperFill, ReplayPaperVenue, type ClockItem, type FlowItem } from "../../../src/replay/flow.js";
import { defaultBooks, runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { syntheticEvents } from "../../../src/replay/synthetic.js";
import { drain, eventStream } from "../../../src/replay/event-stream.js";
import { silentProgress } from "../../../src/replay/progress.js";

const config = parseConfig({ seed: 9, bankroll: 3000, defaults: { ratio: 0.4, orderType: "GTC" }, latency: { model: "uniform", ms: 400, jitterMs: 300 } });
const events = syntheticEvents({ seed: 21, events: 3000, leaders: 2, markets: 3, eventsPerMarket: 300 });

/** The replay's stages over `events$`, with a ledger that applies the exec events (decide's holdings). */
function flow(cfg: Config, events$: Observable<LeaderTradeEvent>): Observable<FlowItem> {
  const ledger = new Ledger({ cash: cfg.bankroll });
  const books = defaultBooks(cfg);
  const venue = new ReplayPaperVenue(createPaperEngine({ books, latency: latencyFromConfig(cfg.latency, cfg.seed), slippage: cfg.defaults.slippage }), books);
  const decider = new Decider(cfg, { holdings: ledger });
  return new Observable<FlowItem>((out) =>
    events$.pipe(paperClock(venue, "test"), decideFlow<ClockItem>(decider), paperFill(venue)).subscribe({
      next: (x) => {
        if (isExecBatch(x)) for (const e of x) ledger.applyExec(e);
        else if (x.kind === "intent") ledger.onIntent(x.intent);
        else if (x.kind === "mirror") ledger.applyMirror(x);
        out.next(x);
      },
      error: (e) => out.error(e),
      complete: () => out.complete(),
    }),
  );
}

describe("replay flow operators", () => {
  it("give the same items when events are pushed one by one (live-style) as from an array", async () => {
    const fromArray = await new Promise<FlowItem[]>((res, rej) => flow(config, from(events)).pipe(toArray()).subscribe({ next: res, error: rej }));
    const subject = new Subject<LeaderTradeEvent>();
    const pushed: FlowItem[] = [];
    flow(config, subject).subscribe((x) => pushed.push(x));
    for (const ev of events) subject.next(ev);
    subject.complete();
    expect(pushed).toEqual(fromArray);
    const kinds = new Set(fromArray.map((x) => (isExecBatch(x) ? "exec" : x.kind)));
    expect([...kinds].sort()).toEqual(["closed", "exec", "intent", "leader", "mirror", "skip"]);
    // every leader event is announced once, before its decisions
    expect(fromArray.filter((x) => !isExecBatch(x) && x.kind === "leader")).toHaveLength(events.length);
  });

  it("decideFlow passes other items through in place and marks a repeated event as a duplicate", async () => {
    const ev = events.find((e) => e.kind === "TRADE")!;
    const marker = [{ type: "done" }] as unknown as ClockItem;
    const out = await new Promise<unknown[]>((res) => from([marker, ev, ev]).pipe(decideFlow<ClockItem>(new Decider(config)), toArray()).subscribe(res));
    expect(out[0]).toBe(marker);
    expect(out[1]).toEqual({ kind: "leader", event: ev, duplicate: false });
    const second = out.findIndex((x, i) => i > 1 && (x as { kind?: string }).kind === "leader");
    expect(out[second]).toEqual({ kind: "leader", event: ev, duplicate: true });
    expect(out[second + 1]).toMatchObject({ kind: "skip", reason: "DUPLICATE" });
  });

  it("drain: a sink's throw rejects, stops the source and is not reported again as an uncaught error", async () => {
    const seen: number[] = [];
    const source = eventStream(arraySource(events.slice(0, 50)), undefined, silentProgress);
    await expect(drain(source, (ev) => {
      seen.push(ev.ts);
      if (seen.length === 3) throw new Error("sink broke");
    })).rejects.toThrow("sink broke");
    expect(seen).toHaveLength(3); // nothing delivered after the failure
    // vitest fails the run on an unhandled error: one reported asynchronously by RxJS would surface here
    await new Promise((r) => setImmediate(r));
  });

  it("an error thrown by a stage rejects the replay (not reported asynchronously)", async () => {
    const throwing = { ...defaultBooks(config), name: "throwing", observe: () => { throw new Error("book view broke"); } };
    await expect(runReplay({ source: arraySource(events.slice(0, 5)), config, books: throwing })).rejects.toThrow("book view broke");
  });
});

describe("a market closes at its close time", () => {
  it("a resting order does not fill at the resolution's ms, whether or not the clock stops there", async () => {
    const { createSeriesBooks } = await import("../../../src/replay/books/series.js");
    const { constantLatency } = await import("../../../src/exec/paper/latency.js");
    const tok = "tokA";
    const cond = "0x" + "a".repeat(64);
    const lv = (p: number, s: number) => [{ price: p, size: s }];
    const snaps = [
      { tokenId: tok, ts: 0, bids: lv(0.49, 100), asks: lv(0.5, 100), tick: 0.01, minSize: 5 },
      { tokenId: tok, ts: 2000, bids: lv(0.44, 100), asks: lv(0.45, 100), tick: 0.01, minSize: 5 }, // crosses the GTC at 2000
    ];
    const gtc = {
      intentId: "gtc", leader: "0xl", tokenId: tok, conditionId: cond, side: "BUY" as const, targetShares: 10, targetNotional: 5, limitPrice: 0.47,
      orderType: "GTC" as const, slippage: 0.05, leaderPrice: 0.5, idealShares: 10, ratio: 1, purpose: "copy" as const, sourceEventIds: ["e"], ts: 0, seenAt: 0,
    };
    const outcomes: string[] = [];
    for (const stopsAtR of [true, false]) {
      const books = createSeriesBooks("t", snaps);
      const venue = new ReplayPaperVenue(createPaperEngine({ books, latency: constantLatency(1000), slippage: 0.05 }), books, [{ conditionId: cond, winningTokenId: tok, tokenIds: [tok], ts: 2000, source: "gamma" }], 0);
      const out: string[] = [];
      const sub = { next: (x: FlowItem) => out.push(...(isExecBatch(x) ? x.map((e) => `${e.type}@${e.ts}`) : [x.kind])) } as never;
      venue.tick(0, sub);
      venue.place(gtc);
      venue.tick(1500, sub);
      if (stopsAtR) venue.tick(2000, sub); // an unrelated event at the close time
      venue.tick(3000, sub);
      venue.end(sub);
      outcomes.push(out.join(" "));
    }
    expect(outcomes[0]).toBe("accepted@1000 done@2000 resolved");
    expect(outcomes[1]).toBe(outcomes[0]);
  });
});
