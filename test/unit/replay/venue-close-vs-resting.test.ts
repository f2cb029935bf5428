// The replay venue with recorded (series) books: a market closed by a leader REDEEM at r lets nothing fill at r,
// resting orders and the end horizon.
import { describe, expect, it } from "vitest";
import { from } from "rxjs";
import { parseConfig, type Config, type ExecEvent, type LeaderTradeEvent } from "../../../src/core/index.js";
import { constantLatency, createPaperEngine } from "../../../src/exec/paper/index.js";
import { RunAccounting } from "../../../src/pipeline/accounting.js";
import { Decider, decideFlow } from "../../../src/pipeline/decide.js";
import { drain } from "../../../src/replay/event-stream.js";
import { isExecBatch, paperClock, paperFill, ReplayPaperVenue, type ClockItem, type FlowItem } from "../../../src/replay/flow.js";
import { createSeriesBooks } from "../../../src/replay/books/series.js";
import type { MarketResolution } from "../../../src/replay/resolutions.js";
import type { Book } from "../../../src/core/book.js";

const A = "0x" + "a".repeat(40);
const YES = "4242";
const NO = "4343";
const T0 = 1_767_225_600_000;
let n = 0;
function trade(side: "BUY" | "SELL", size: number, price: number, ts: number, tokenId = YES): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader: A, kind: "TRADE", conditionId: "0xc", tokenId, outcomeIndex: 0, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}
function redeem(ts: number): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader: A, kind: "REDEEM", conditionId: "0xc", tokenId: "", outcomeIndex: null, side: null, size: 1, price: 0, usdcSize: 1, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}
const bk = (ts: number, bid: number, ask: number, tokenId = YES): Book => ({ tokenId, ts, tick: 0.01, minSize: 5, bids: [{ price: bid, size: 1000 }], asks: [{ price: ask, size: 1000 }] });

async function replay(cfg: Config, evs: LeaderTradeEvent[], snaps: Book[], latencyMs: number, resolutions: MarketResolution[] = [], endHorizonMs = 0) {
  let decider: Decider | undefined;
  const acc = new RunAccounting({ cash: cfg.bankroll, recordSeries: false, netting: false, leaderBooks: (l) => decider?.leaderBook(l) });
  decider = new Decider(cfg, { holdings: acc });
  const books = createSeriesBooks("rec", snaps);
  const engine = createPaperEngine({ books, latency: constantLatency(latencyMs), slippage: cfg.defaults.slippage, onReference: (id, ref) => acc.attribution.onReference(id, ref) });
  const venue = new ReplayPaperVenue(engine, books, resolutions, endHorizonMs);
  const items: FlowItem[] = [];
  await drain(from(evs).pipe(paperClock(venue, "t"), decideFlow<ClockItem>(decider), paperFill(venue)), (x) => {
    items.push(x);
    if (isExecBatch(x)) for (const e of x) acc.onExec(e);
    else if (x.kind === "leader") acc.onLeaderEvent(x.event, x.duplicate);
    else if (x.kind === "closed") acc.closeMarket(x.leader, x.conditionId);
    else if (x.kind === "resolved") acc.resolve(x.resolution);
    else acc.onDecision(x);
  });
  return { execs: items.filter(isExecBatch).flat() as ExecEvent[], acc, items };
}

const cfg = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.05, orderType: "GTC" } });

describe("replay venue over recorded books", () => {
  it("a leader REDEEM at r: a resting order does not fill from a snapshot at r (the market is closed at r)", async () => {
    // copy BUY rests at 0.52 (ask 0.60); at T0+5000 the ask drops to 0.50 — the same ms the leader redeems
    const snaps = [bk(T0, 0.4, 0.6), bk(T0 + 5000, 0.4, 0.5), bk(T0, 0.4, 0.6, NO)];
    const { execs } = await replay(cfg, [trade("BUY", 100, 0.5, T0), trade("BUY", 10, 0.5, T0 + 100, NO), redeem(T0 + 5000)], snaps, 100);
    const mine = execs.filter((e) => e.intentId === execs[0]!.intentId);
    expect(mine.map((e) => `${e.type}@${e.ts - T0}`)).toEqual(["accepted@100", "done@5000"]);
  });

  it("a resolution at r: a resting order does not fill from a snapshot at r", async () => {
    const snaps = [bk(T0, 0.4, 0.6), bk(T0 + 5000, 0.4, 0.5), bk(T0 + 6000, 0.4, 0.6)];
    const res: MarketResolution[] = [{ conditionId: "0xc", winningTokenId: YES, tokenIds: [YES, NO], ts: T0 + 5000, source: "gamma" }];
    const { execs } = await replay(cfg, [trade("BUY", 100, 0.5, T0), trade("BUY", 10, 0.5, T0 + 7000, "9999")], [...snaps, bk(T0, 0.4, 0.6, "9999")], 100, res);
    const mine = execs.filter((e) => e.intentId === execs[0]!.intentId);
    expect(mine.map((e) => `${e.type}@${e.ts - T0}`)).toEqual(["accepted@100", "done@5000"]);
  });

  it("end horizon: a resting order fills up to last event + horizon and is cancelled there", async () => {
    const snaps = [bk(T0, 0.4, 0.6), bk(T0 + 3000, 0.4, 0.5)];
    const r1 = await replay(cfg, [trade("BUY", 100, 0.5, T0)], snaps, 100, [], 2999);
    expect(r1.execs.map((e) => `${e.type}@${e.ts - T0}`)).toEqual(["accepted@100", "done@2999"]);
    const r2 = await replay(cfg, [trade("BUY", 100, 0.5, T0)], snaps, 100, [], 3000);
    expect(r2.execs.map((e) => `${e.type}@${e.ts - T0}`)).toEqual(["accepted@100", "fill@3000", "done@3000"]);
  });

  it("an order arriving after the end horizon that does not fill at once is cancelled on arrival", async () => {
    const snaps = [bk(T0, 0.4, 0.6), bk(T0 + 3000, 0.4, 0.5)];
    const r = await replay(cfg, [trade("BUY", 100, 0.5, T0)], snaps, 500, [], 100);
    expect(r.execs.map((e) => `${e.type}@${e.ts - T0}`)).toEqual(["accepted@500", "done@500"]);
  });
});
