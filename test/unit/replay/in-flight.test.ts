// Orders in flight in a replay: a copy meets the book of its arrival time (trades the view learns during the latency
// count), its cash or shares are reserved from the decision on, a market that closes meanwhile refuses it, and the
// end of the replay lands every order still on its way in exactly one terminal state.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { from } from "rxjs";
import { parseConfig, type Config, type CopyIntent, type Decision, type ExecEvent, type LeaderTradeEvent } from "../../../src/core/index.js";
import { constantLatency, createLeaderAnchoredBooks, createPaperEngine, latencyFromConfig } from "../../../src/exec/paper/index.js";
import { RunAccounting } from "../../../src/pipeline/accounting.js";
import { Decider, decideFlow } from "../../../src/pipeline/decide.js";
import { drain } from "../../../src/replay/event-stream.js";
import { isExecBatch, paperClock, paperFill, ReplayPaperVenue, type ClockItem, type FlowItem } from "../../../src/replay/flow.js";
import { InFlight } from "../../../src/exec/paper/in-flight.js";
import { runReplay } from "../../../src/replay/runner.js";
import { syntheticEvents } from "../../../src/replay/synthetic.js";
import { arraySource } from "../../../src/replay/sources.js";

const A = "0x" + "a".repeat(40);
const B = "0x" + "b".repeat(40);
const YES = "4242";
const NO = "4343";
let n = 0;
function trade(leader: string, side: "BUY" | "SELL", size: number, price: number, ts: number, tokenId = YES): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader, kind: "TRADE", conditionId: tokenId === YES || tokenId === NO ? "0xc" : "0xd", tokenId, outcomeIndex: tokenId === YES ? 0 : 1, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}
function redeem(leader: string, payout: number, ts: number): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader, kind: "REDEEM", conditionId: "0xc", tokenId: "", outcomeIndex: null, side: null, size: payout, price: 0, usdcSize: payout, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}

/** The replay's stages (as runReplay wires them) over `evs`; every flow item in order, and the accounting. */
async function replay(cfg: Config, evs: LeaderTradeEvent[], latencyMs: number): Promise<{ items: FlowItem[]; acc: RunAccounting }> {
  let decider: Decider | undefined;
  const acc = new RunAccounting({ cash: cfg.bankroll, recordSeries: false, netting: cfg.defaults.netting.enabled, leaderBooks: (l) => decider?.leaderBook(l) });
  const d = (decider = new Decider(cfg, { holdings: acc }));
  const books = createLeaderAnchoredBooks(cfg.fill);
  const engine = createPaperEngine({ books, latency: constantLatency(latencyMs), slippage: cfg.defaults.slippage, onReference: (id, ref) => acc.attribution.onReference(id, ref) });
  const venue = new ReplayPaperVenue(engine, books);
  venue.nextTimer = d.useClock(); // as runReplay wires it when netting is on
  const items: FlowItem[] = [];
  await drain(from(evs).pipe(paperClock(venue, "test"), decideFlow<ClockItem>(decider), paperFill(venue)), (x) => {
    items.push(x);
    if (isExecBatch(x)) for (const e of x) acc.onExec(e);
    else if (x.kind === "leader") acc.onLeaderEvent(x.event, x.duplicate);
    else if (x.kind === "closed") acc.closeMarket(x.leader, x.conditionId);
    else if (x.kind !== "resolved") acc.onDecision(x);
  });
  return { items, acc };
}

const execs = (items: FlowItem[]): ExecEvent[] => items.filter(isExecBatch).flat();
const decisions = (items: FlowItem[]): Decision[] => items.filter((x): x is Decision => !isExecBatch(x) && (x.kind === "intent" || x.kind === "skip" || x.kind === "mirror"));

describe("orders in flight", () => {
  // halfSpread 0: the book a copy meets is centred on the leader's latest trade at or before the copy's arrival
  const config = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.3 }, fill: { halfSpread: 0.01, depthShares: 10_000 }, latency: { model: "constant", ms: 500 } });

  it("a copy meets the book of its arrival: a leader trade during the latency moves the price it pays", async () => {
    // A buys at 0.40; 200 ms later B's trade prints 0.30; our copy of A arrives at 500 ms
    const { items, acc } = await replay(config, [trade(A, "BUY", 100, 0.4, 1000), trade(B, "SELL", 10, 0.3, 1200)], 500);
    const fills = execs(items).filter((e) => e.type === "fill");
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ side: "BUY", size: 50, price: 0.31, ts: 1500 }); // ask one halfSpread above 0.30
    // the move during the delay is latency in the attribution (σ·(R1 − R0)·F = (0.31 − 0.41)·50), not slippage
    const byCause = acc.finish().attribution.byCause;
    expect(byCause.latency).toBeCloseTo(-5, 9);
    expect(byCause.spread).toBeCloseTo(0.5, 9);
    expect(byCause.slippage ?? 0).toBeCloseTo(0, 9);
  });

  it("a trade after the arrival does not reach the copy", async () => {
    const { items } = await replay(config, [trade(A, "BUY", 100, 0.4, 1000), trade(B, "SELL", 10, 0.3, 1600)], 500);
    expect(execs(items).filter((e) => e.type === "fill")).toMatchObject([{ price: 0.41, ts: 1500 }]);
  });

  it("its exec events follow once the clock passes the arrival, after the decisions read in between", async () => {
    const { items } = await replay(config, [trade(A, "BUY", 100, 0.4, 1000), trade(A, "BUY", 100, 0.4, 1100), trade(A, "BUY", 10, 0.4, 2000)], 500);
    const order = items.map((x) => (isExecBatch(x) ? x.map((e) => `${e.type}@${e.ts}`).join(",") : x.kind === "leader" ? `leader@${x.event.ts}` : x.kind));
    expect(order.slice(0, 4)).toEqual(["leader@1000", "intent", "leader@1100", "intent"]);
    expect(order[4]).toBe("accepted@1500,fill@1500,done@1500");
    expect(order[5]).toBe("accepted@1600,fill@1600,done@1600");
    expect(order[6]).toBe("leader@2000");
  });

  it("an order in flight holds its cash: the next decision sizes against what is left", async () => {
    // $30 bankroll; each copy of a 100-share BUY at 0.40 wants 50 shares at a 0.52 guardrail ($26)
    const small = parseConfig({ ...config, bankroll: 30, defaults: { ...config.defaults, maxBankrollPct: 1 } });
    const { items } = await replay(small, [trade(A, "BUY", 100, 0.4, 1000), trade(A, "BUY", 100, 0.4, 1100)], 500);
    const ds = decisions(items);
    expect(ds[0]).toMatchObject({ kind: "intent", intent: { targetShares: 50, limitPrice: 0.52 } });
    // the second sees $30 − $26 reserved = $4: 7.69 shares at 0.52 (had the first filled at once, at 0.41, it would
    // have seen $9.50)
    expect(ds[1]).toMatchObject({ kind: "intent", intent: { targetShares: 7.69 } });
  });

  it("an order in flight holds its shares: a second SELL cannot sell them again", async () => {
    const evs = [trade(A, "BUY", 100, 0.4, 1000), trade(A, "SELL", 100, 0.4, 3000), trade(A, "SELL", 100, 0.4, 3100)];
    const { items } = await replay(config, evs, 500);
    expect(decisions(items).map((d) => (d.kind === "skip" ? d.reason : d.kind === "intent" ? d.intent.side : d.action))).toEqual(["BUY", "SELL", "NOTHING_TO_SELL"]);
  });

  it("drift correction counts a BUY still in flight as on its way (no second BUY for the same drift)", async () => {
    const drift = parseConfig({ ...config, defaults: { ...config.defaults, driftCorrection: { enabled: true } } });
    const evs = [trade(A, "BUY", 100, 0.4, 1000), trade(A, "BUY", 10, 0.4, 1100)];
    const { items } = await replay(drift, evs, 500);
    expect(decisions(items).map((d) => (d.kind === "intent" ? d.intent.purpose : d.kind))).toEqual(["copy", "copy"]);
  });

  it("a market redeemed while an order is on its way refuses it (MARKET_CLOSED), and it ends once", async () => {
    const evs = [trade(A, "BUY", 100, 0.4, 1000), trade(A, "BUY", 100, 0.4, 1000, NO), redeem(A, 100, 1200)];
    const { items, acc } = await replay(config, evs, 500);
    const ex = execs(items);
    expect(ex.filter((e) => e.type === "rejected").map((e) => (e.type === "rejected" ? e.reason : ""))).toEqual(["MARKET_CLOSED", "MARKET_CLOSED"]);
    expect(ex.filter((e) => e.type === "done").map((e) => (e.type === "done" ? `${e.terminal}@${e.ts}` : ""))).toEqual(["REJECTED@1500", "REJECTED@1500"]);
    const r = acc.finish();
    expect(r.ledger.committedCash).toBe(0);
    expect(r.ledger.cash).toBe(10_000);
  });

  it("orders still in flight when the events end arrive at the end, each ending once", async () => {
    const evs = [trade(A, "BUY", 100, 0.4, 1000), trade(A, "BUY", 50, 0.4, 1001), trade(A, "SELL", 20, 0.4, 1002)];
    const r = await runReplay({ source: arraySource(evs), config });
    expect(r.summary.counts.intents).toBe(2); // the SELL finds nothing held yet: both BUYs are in flight
    expect(r.summary.counts.done).toBe(2);
    expect(r.summary.counts.fills).toBe(2);
    expect(r.result.ledger.committedCash).toBe(0);
    expect(r.result.ledger.positions.find((p) => p.tokenId === YES)?.shares).toBeCloseTo(75, 9);
  });
});

describe("closed markets and orders on their way", () => {
  const config = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.3 }, fill: { halfSpread: 0.01, depthShares: 10_000 }, latency: { model: "constant", ms: 800 } });

  it("a netting batch decided after the REDEEM (its window still open) is skipped, not filled in the closed market", async () => {
    const netting = parseConfig({ ...config, defaults: { ...config.defaults, netting: { enabled: true, windowMs: 1000 } } });
    const evs = [trade(B, "BUY", 100, 0.6, 1000), trade(A, "BUY", 100, 0.4, 1000, NO), redeem(B, 100, 1500), trade(A, "BUY", 10, 0.5, 2100, "9999")];
    const r = await runReplay({ source: arraySource(evs), config: netting });
    const c = r.summary.counts;
    // both windows of the market: B's closed by its REDEEM, A's in the market the copy redeemed; no order sent
    expect(c.endReasons["MARKET_CLOSED"]).toBeUndefined();
    expect(c.skipsByReason["MARKET_RESOLVED"]).toBe(2);
    expect(r.result.ledger.positions.filter((p) => p.tokenId === YES || p.tokenId === NO).every((p) => p.shares === 0)).toBe(true);
    expect(r.result.ledger.cash).toBeGreaterThan(10_000 - 10);
  });

  it("a SELL in flight when its market is redeemed no longer keeps the market from being folded out of the ledger", async () => {
    const evs = [trade(A, "BUY", 100, 0.4, 1000), trade(A, "SELL", 50, 0.4, 3000), redeem(A, 50, 3100), trade(B, "BUY", 10, 0.5, 5000, "9999")];
    const { acc, items } = await replay(config, evs, 800);
    expect(execs(items).filter((e) => e.type === "rejected").map((e) => (e.type === "rejected" ? e.reason : ""))).toEqual(["MARKET_CLOSED"]);
    expect(acc.ledger.book.position(YES)).toBeUndefined(); // folded once the refused SELL ended
    expect(acc.ledger.reservedShares(YES)).toBe(0);
  });

  it("a resting order is not filled by a book after its market resolved (resolutions apply in time order)", async () => {
    // a view that knows every snapshot up front: YES asks 0.50 until 2300, then 0.30 (crossing a resting BUY at 0.40)
    const lv = (p: number) => [{ price: p, size: 1000 }];
    const snaps: Record<string, { ts: number; bid: number; ask: number }[]> = {
      [YES]: [{ ts: 0, bid: 0.48, ask: 0.5 }, { ts: 2300, bid: 0.28, ask: 0.3 }],
      "9999": [{ ts: 0, bid: 0.49, ask: 0.51 }],
    };
    const books = {
      name: "recorded-like",
      at(t: string, ts: number) {
        const b = (snaps[t] ?? []).filter((x) => x.ts <= ts).pop();
        return b && { tokenId: t, ts: b.ts, bids: lv(b.bid), asks: lv(b.ask), tick: 0.01, minSize: 5 };
      },
      nextChange: (t: string, ts: number) => snaps[t]?.find((x) => x.ts > ts)?.ts,
    };
    const gtc = parseConfig({ seed: 1, bankroll: 1000, defaults: { ratio: 0.5, slippage: 0.02, orderType: "GTC", maxBankrollPct: 1 }, latency: { model: "constant", ms: 500 } });
    const evs = [trade(A, "BUY", 100, 0.4, 1000), trade(B, "BUY", 100, 0.5, 1900, "9999"), trade(B, "BUY", 100, 0.5, 2600, "9999")];
    const r = await runReplay({
      source: arraySource(evs),
      config: gtc,
      books,
      resolutions: [{ conditionId: "0xc", winningTokenId: NO, tokenIds: [YES, NO], ts: 2000, source: "gamma" }],
    });
    expect(r.result.ledger.positions.find((p) => p.tokenId === YES)?.shares ?? 0).toBe(0);
    expect(r.result.ledger.realised).toBe(0); // nothing bought in a market that had closed, nothing lost there
    expect(r.summary.counts.endReasons["CANCELLED"]).toBe(1);
  });
});

describe("netting windows are decided when they close", () => {
  const config = parseConfig({
    seed: 1,
    bankroll: 10_000,
    defaults: { ratio: 0.5, slippage: 0.3, netting: { enabled: true, windowMs: 2000 } },
    fill: { halfSpread: 0.01, depthShares: 10_000 },
    latency: { model: "constant", ms: 500 },
  });
  const resolved = (ts: number) => [{ conditionId: "0xc", winningTokenId: YES, tokenIds: [YES, NO], ts, source: "gamma" as const }];

  it("a batch's order sets off at the window's end and arrives a latency later, before the next event", async () => {
    const { items } = await replay(config, [trade(A, "BUY", 60, 0.4, 1000), trade(A, "BUY", 40, 0.4, 1500), trade(B, "BUY", 10, 0.5, 9000, "9999")], 500);
    const order = items.map((x) => (isExecBatch(x) ? x.map((e) => `${e.type}@${e.ts}`).join(",") : x.kind === "leader" ? `leader@${x.event.ts}` : x.kind));
    // window 1000..3000: decided at 3000 (before the 9000 event is read), its order meets the book at 3500
    expect(order.slice(0, 5)).toEqual(["leader@1000", "leader@1500", "intent", "accepted@3500,fill@3500,done@3500", "leader@9000"]);
    const intent = decisions(items).find((d) => d.kind === "intent");
    expect(intent).toMatchObject({ intent: { ts: 1500, seenAt: 3000, targetShares: 50 } });
  });

  it("a window that closes before its market resolves is copied, not skipped as MARKET_RESOLVED", async () => {
    const evs = [trade(A, "BUY", 100, 0.4, 1000), trade(B, "BUY", 10, 0.5, 9000, "9999")];
    const r = await runReplay({ source: arraySource(evs), config, resolutions: resolved(4000) });
    expect(r.summary.counts.skipsByReason["MARKET_RESOLVED"]).toBeUndefined();
    expect(r.summary.counts.fills).toBeGreaterThanOrEqual(1);
    // bought 50 YES at 0.41 before the close at 4000; YES won: settled at 1
    expect(r.result.ledger.realised).toBeCloseTo(50 * (1 - 0.41), 9);
  });

  it("an order of a window that closes too late to arrive before the resolution is refused (MARKET_CLOSED)", async () => {
    const evs = [trade(A, "BUY", 100, 0.4, 1000), trade(B, "BUY", 10, 0.5, 9000, "9999")];
    const r = await runReplay({ source: arraySource(evs), config, resolutions: resolved(3200) }); // closes at 3000, arrives 3500
    expect(r.summary.counts.endReasons["MARKET_CLOSED"]).toBe(1);
  });
});

describe("time order at the edges", () => {
  it("windows still open when the events end are decided at their ends, after the orders that arrived before them", async () => {
    const cfg = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.3, netting: { enabled: true, windowMs: 1000 } }, fill: { halfSpread: 0.01, depthShares: 10_000 }, latency: { model: "constant", ms: 500 } });
    // A buys at 0 (window ends 1000, its order arrives 1500) and sells at 1200 (window ends 2200, after the last event)
    const evs = [trade(A, "BUY", 100, 0.4, 0), trade(A, "SELL", 100, 0.4, 1200)];
    const r = await runReplay({ source: arraySource(evs), config: cfg });
    // the SELL window is decided at 2200, when the BUY has filled: it sells (before, flushed at the end with stale holdings: NOTHING_TO_SELL)
    expect(r.summary.counts.skipsByReason["NOTHING_TO_SELL"]).toBeUndefined();
    expect(r.summary.counts.fills).toBe(2);
    // and an unrelated later event changes nothing
    const more = await runReplay({ source: arraySource([...evs, trade(B, "BUY", 100, 0.5, 5000, "9999")]), config: cfg });
    expect(more.summary.counts.fills).toBe(3);
  });

  it("a resting order is offered a book the view learned at the time it was stepped to, before a resolution right after", async () => {
    const cfg = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0, orderType: "GTC" }, fill: { halfSpread: 0.01, depthShares: 10_000 }, latency: { model: "constant", ms: 500 } });
    // A's GTC BUY at 0.40 rests from 500; B's trade at 1000 anchors a book crossing it; the market resolves at 1001
    const evs = [trade(A, "BUY", 100, 0.4, 0), trade(B, "SELL", 10, 0.3, 1000), trade(B, "BUY", 10, 0.5, 2000, "9999")];
    const resolutions = [{ conditionId: "0xc", winningTokenId: YES, tokenIds: [YES, NO], ts: 1001, source: "gamma" as const }];
    const r = await runReplay({ source: arraySource(evs), config: cfg, resolutions });
    expect(r.summary.counts.endReasons["FILLED"]).toBeGreaterThanOrEqual(1);
    expect(r.result.ledger.equity).toBeGreaterThan(10_000); // bought YES at 0.40 before it won
  });

  it("at one ms the order is events, then arrivals, then window ends: a window ending at an event's ms sees that ms's arrivals", async () => {
    const cfg = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.3, netting: { enabled: true, windowMs: 1000 } }, fill: { halfSpread: 0.01, depthShares: 10_000 }, latency: { model: "constant", ms: 1200 } });
    // A buys at 0 (window ends 1000, its order arrives 2200) and sells at 1200 (window ends 2200): the SELL is decided
    // after the BUY filled, whether or not an unrelated event falls on 2200
    const run = (tB: number) =>
      runReplay({ source: arraySource([trade(A, "BUY", 100, 0.4, 0), trade(A, "SELL", 100, 0.4, 1200), trade(B, "BUY", 100, 0.5, tB, "9999"), trade(B, "BUY", 100, 0.5, 9000, "9999")]), config: cfg });
    for (const tB of [2200, 2201]) {
      const r = await run(tB);
      expect(r.summary.counts.skipsByReason["NOTHING_TO_SELL"], `B at ${tB}`).toBeUndefined();
      expect(r.summary.counts.fills, `B at ${tB}`).toBe(4);
    }
  });

  it("without a timer (live-style wiring), a batch decided late leaves when it is decided, not in the past", async () => {
    const cfg = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.3, netting: { enabled: true, windowMs: 1000 } }, fill: { halfSpread: 0.01, depthShares: 10_000 }, latency: { model: "constant", ms: 500 } });
    let decider: Decider | undefined;
    const acc = new RunAccounting({ cash: cfg.bankroll, recordSeries: false, netting: true, leaderBooks: (l) => decider?.leaderBook(l) });
    decider = new Decider(cfg, { holdings: acc });
    const books = createLeaderAnchoredBooks(cfg.fill);
    const venue = new ReplayPaperVenue(createPaperEngine({ books, latency: constantLatency(500), slippage: 0.3 }), books); // no nextTimer
    const items: FlowItem[] = [];
    await drain(from([trade(A, "BUY", 100, 0.4, 0), trade(B, "BUY", 10, 0.5, 5000, "9999")]).pipe(paperClock(venue, "t"), decideFlow<ClockItem>(decider), paperFill(venue)), (x) => {
      items.push(x);
      if (isExecBatch(x)) for (const e of x) acc.onExec(e);
      else if (x.kind === "leader") acc.onLeaderEvent(x.event, x.duplicate);
      else if (x.kind !== "resolved" && x.kind !== "closed") acc.onDecision(x);
    });
    // A's window (ends 1000) is decided at the 5000 event: its order meets the book at 5500, not 1500
    const accepted = execs(items).filter((e) => e.type === "accepted").map((e) => e.ts);
    expect(accepted[0]).toBe(5500);
  });
});

describe("after the last event", () => {
  it("exec events and settlements come in time order: horizon cancellations, later arrivals, untimed outcomes last", async () => {
    const bad: string[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const evs = syntheticEvents({ seed, events: 400, leaders: 2, markets: 3, eventsPerMarket: 150 });
      const markets = [...new Map(evs.filter((e) => e.tokenId !== "").map((e) => [e.conditionId, e])).values()];
      // outcomes of the markets still open at the end: one without a close time, one closing after the last event
      const lastTs = evs[evs.length - 1]!.ts;
      const open = markets.filter((m) => evs.filter((e) => e.conditionId === m.conditionId).every((e) => e.kind !== "REDEEM")).slice(0, 2);
      const resolutions = open.map((m, i) => ({ conditionId: m.conditionId, winningTokenId: m.tokenId, tokenIds: [m.tokenId], ts: i === 0 ? undefined : lastTs + 700, source: "gamma" as const }));
      const cfg = parseConfig({
        seed,
        bankroll: 50_000,
        defaults: { ratio: 0.5, orderType: seed % 2 === 0 ? "GTC" : "FAK", netting: { enabled: seed % 3 === 0, windowMs: 1500 } },
        latency: { model: "uniform", ms: 600, jitterMs: 500 },
      });
      let decider: Decider | undefined;
      const acc = new RunAccounting({ cash: cfg.bankroll, recordSeries: false, netting: true, leaderBooks: (l) => decider?.leaderBook(l) });
      const d = (decider = new Decider(cfg, { holdings: acc }));
      const books = createLeaderAnchoredBooks(cfg.fill);
      const venue = new ReplayPaperVenue(createPaperEngine({ books, latency: latencyFromConfig(cfg.latency, seed), slippage: 0.05 }), books, resolutions, 300);
      venue.nextTimer = d.useClock();
      let after = false;
      let t = Number.NEGATIVE_INFINITY;
      await drain(from(evs).pipe(paperClock(venue, "t"), decideFlow<ClockItem>(d), paperFill(venue)), (x) => {
        if (!isExecBatch(x) && x.kind === "leader") return void (after = x.event.ts === lastTs);
        if (!after) return;
        const times = isExecBatch(x) ? x.map((e) => e.ts) : x.kind === "resolved" ? [x.resolution.ts] : [];
        for (const ts of times) {
          if (ts < t) bad.push(`seed ${seed}: ${isExecBatch(x) ? "exec" : "resolved"} at ${ts} after ${t}`);
          t = Math.max(t, ts);
        }
      });
    }
    expect(bad).toEqual([]);
  });
});

describe("InFlight", () => {
  it("hands orders out by arrival, equal arrivals in the order they set off, whatever the interleaving", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 300 }), (ops) => {
        const q = new InFlight();
        const model: { arrival: number; seq: number }[] = [];
        let seq = 0;
        for (const [arrival, takeOne] of ops) {
          if (takeOne && q.size > 0) {
            model.sort((a, b) => a.arrival - b.arrival || a.seq - b.seq);
            const want = model.shift()!;
            expect(q.nextArrival()).toBe(want.arrival);
            expect(q.take().intent.intentId).toBe(`i${want.seq}`);
          } else {
            q.add({ intentId: `i${seq}` } as CopyIntent, arrival);
            model.push({ arrival, seq: seq++ });
          }
          expect(q.size).toBe(model.length);
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
