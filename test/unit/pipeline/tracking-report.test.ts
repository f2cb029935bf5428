// End-to-end accounting: decide → a deterministic fake executor → RunAccounting (ledger as decide's Holdings),
// then summarise/formatReport. Checks the invariants that must hold on any run, with and without netting.
import { describe, expect, it } from "vitest";
import { parseConfig, type CopyIntent, type ExecEvent, type LeaderTradeEvent, type Side } from "../../../src/core/index.js";
import { Decider } from "../../../src/pipeline/decide.js";
import { RunAccounting } from "../../../src/pipeline/accounting.js";
import { formatReport, summarise } from "../../../src/pipeline/report.js";
import { EXEC_END_REASONS, EXEC_REJECT_REASONS } from "../../../src/core/exec-reasons.js";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function events(seed: number, n: number): LeaderTradeEvent[] {
  const rnd = lcg(seed);
  const out: LeaderTradeEvent[] = [];
  const held = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    const leader = rnd() < 0.5 ? "0xaaa" : "0xbbb";
    const m = Math.floor(rnd() * 3);
    const tok = `m${m}-${rnd() < 0.5 ? "yes" : "no"}`;
    const key = `${leader}|${tok}`;
    const h = held.get(key) ?? 0;
    const side: Side = h > 20 && rnd() < 0.4 ? "SELL" : "BUY";
    const size = side === "SELL" ? Math.round(h * rnd() * 100) / 100 || 1 : Math.round((10 + rnd() * 400) * 100) / 100;
    held.set(key, side === "BUY" ? h + size : Math.max(0, h - size));
    const price = Math.round((0.05 + rnd() * 0.9) * 100) / 100;
    const ts = 1_000 * (k + 1);
    out.push({ eventId: `e${k}`, leader, kind: "TRADE", conditionId: `m${m}`, tokenId: tok, outcomeIndex: 0, side, size, price, usdcSize: size * price, ts, seenAt: ts + 200, txHash: "", source: "synthetic" });
  }
  return out;
}

/** Fills a seeded fraction of each intent at the leader price ± a little, through its limit; reports references. */
function fakeExecute(i: CopyIntent, rnd: () => number, acc: RunAccounting): ExecEvent[] {
  const ts = i.seenAt + 300;
  if (rnd() < 0.1) return [{ type: "rejected", intentId: i.intentId, mode: "paper", ts, reason: "NO_BOOK", detail: "" }, done(i, "REJECTED", 0, 0, ts, "NO_BOOK")];
  const evs: ExecEvent[] = [{ type: "accepted", intentId: i.intentId, mode: "paper", ts, orderId: `o${i.intentId}`, price: i.limitPrice, size: i.targetShares }];
  const frac = rnd() < 0.3 ? Math.floor(rnd() * 10) / 10 : 1;
  const q = Math.floor(i.targetShares * frac * 100) / 100;
  const sign = i.side === "BUY" ? 1 : -1;
  const ref = i.leaderPrice + sign * 0.005;
  acc.attribution.onReference(i.intentId, { atLeader: ref, atArrival: ref + sign * 0.01 * rnd() });
  if (q > 0) {
    const px = i.side === "BUY" ? Math.min(i.limitPrice, ref + 0.01) : Math.max(i.limitPrice, ref - 0.01);
    evs.push({ type: "fill", intentId: i.intentId, mode: "paper", ts, orderId: `o${i.intentId}`, tokenId: i.tokenId, side: i.side, price: px, size: q, fee: 0.001, tradeId: `t${i.intentId}` });
  }
  evs.push(q >= i.targetShares ? done(i, "FILLED", q, 0, ts, "FILLED") : q > 0 ? done(i, "PARTIAL", q, 0, ts, "FAK_REMAINDER_CANCELLED after 2 levels") : done(i, "UNFILLED", q, 0, ts, "NO_LIQUIDITY"));
  return evs;
}
function done(i: CopyIntent, terminal: "FILLED" | "PARTIAL" | "UNFILLED" | "REJECTED", filled: number, avg: number, ts: number, detail: string): ExecEvent {
  return { type: "done", intentId: i.intentId, mode: "paper", ts, terminal, filledShares: filled, avgPrice: avg, detail };
}

function run(netting: boolean) {
  const config = parseConfig({ bankroll: 1000, defaults: { ratio: 0.05, maxBankrollPct: 0.02, netting: { enabled: netting, windowMs: 5_000 } } });
  const acc = new RunAccounting({ cash: config.bankroll, ratioOf: () => 0.05, keepEvents: true, recordHistory: true });
  const d = new Decider(config, { holdings: acc });
  const rnd = lcg(99);
  const evs = events(7, 400);
  const feed = (ds: ReturnType<Decider["step"]>) => {
    for (const x of ds) {
      acc.onDecision(x);
      if (x.kind === "intent") for (const e of fakeExecute(x.intent, rnd, acc)) {
        acc.onExec(e);
        for (const p of acc.ledger.book.positions()) expect(p.shares).toBeGreaterThanOrEqual(0);
      }
    }
  };
  for (const ev of evs) {
    acc.onLeaderEvent(ev);
    feed(d.step(ev));
  }
  feed(d.flush());
  // each token's position as the ledger holds it and as the leaders' parts add up (before settlement moves it to cash)
  const parts = [...acc.ledger.book.positions()].map((p) => ({
    tokenId: p.tokenId,
    held: p.shares,
    sumOfParts: ["0xaaa", "0xbbb"].reduce((sum, l) => sum + acc.tracker.copyShares(l, p.tokenId), 0),
    perLeader: ["0xaaa", "0xbbb"].map((l) => acc.tracker.copyShares(l, p.tokenId)),
  }));
  acc.resolve({ conditionId: "m0", winningTokenId: "m0-yes", ts: 1e9 });
  return { acc, result: acc.finish(), n: evs.length, parts };
}

describe.each([false, true])("run accounting (netting %s)", (netting) => {
  const { acc, result, n, parts } = run(netting);

  it("splits every position by leader into parts that add up to it, none negative, several shared", () => {
    expect(parts.length).toBeGreaterThan(0);
    for (const p of parts) {
      expect(p.sumOfParts).toBeCloseTo(p.held, 6);
      for (const x of p.perLeader) expect(x).toBeGreaterThanOrEqual(0);
    }
    expect(parts.filter((p) => p.perLeader.every((x) => x > 0)).length).toBeGreaterThan(0); // both leaders hold some
  });

  it("attributes every leader event once and the causes sum to the gap", () => {
    const a = result.attribution;
    expect(a.events).toBe(n);
    let sum = 0;
    for (const v of Object.values(a.byCause)) sum += v ?? 0;
    expect(Math.abs(sum - a.gap)).toBeLessThanOrEqual(1e-9 * Math.max(1, a.idealNotional));
    for (const e of acc.attribution.events()) {
      let s = 0;
      for (const v of Object.values(e.parts)) s += v ?? 0;
      expect(Math.abs(s - e.gap)).toBeLessThanOrEqual(1e-9 * Math.max(1, e.idealShares));
    }
    if (netting) expect(a.byCause.netted ?? 0).toBeGreaterThan(0);
    expect(a.byCause.latency ?? 0).toBeGreaterThan(0);
    expect(a.byCause.spread ?? 0).toBeGreaterThan(0);
  });

  it("keeps counts, ledger and cash consistent", () => {
    const c = result.counts;
    expect(c.done).toBe(c.intents);
    expect(c.decisions).toBe(c.intents + c.skips + c.mirrors);
    expect(acc.ledger.openOrders()).toBe(0);
    expect(acc.ledger.reservedCash()).toBe(0);
    expect(result.anomalies).toEqual({ oversold: 0, unknownIntent: 0, negativeCash: 0 });
    // cash = bankroll − Σ buys + Σ sells − fees + settlement, i.e. bankroll + realised − fees − cost of what is held
    const held = result.ledger.positions.reduce((s, p) => s + p.shares * p.avgCost, 0);
    expect(result.ledger.cash).toBeCloseTo(1000 + result.ledger.realised - result.ledger.fees - held, 6);
    expect(acc.ledger.history().length).toBeGreaterThan(0);
  });

  it("summarises and prints a report naming the book source and models", () => {
    const s = summarise(result);
    expect(s.attribution.gap).toBe(result.attribution.gap);
    expect(s.leaders.map((l) => l.leader).sort()).toEqual(["0xaaa", "0xbbb"]);
    expect(s.leaders.every((l) => l.marking === "mixed")).toBe(true); // m0 settled, m1/m2 at last price
    const text = formatReport(s, { bookSource: "leader-anchored", fillModel: "walk-depth(halfSpread 0.005)", latencyModel: "constant 500ms" });
    expect(text).toContain("Book source: leader-anchored");
    expect(text).toContain("Fill model: walk-depth(halfSpread 0.005)");
    expect(text).toContain("Latency model: constant 500ms");
    expect(text).toContain("last seen trade price");
    for (const l of s.attribution.byCause) expect(text).toContain(l.cause);
    // every order's end is counted under the code its done detail starts with, and printed
    const ends = Object.entries(s.counts.endReasons);
    expect(ends.reduce((n, [, v]) => n + v, 0)).toBe(s.counts.done);
    for (const [k, v] of ends) {
      expect([...Object.keys(EXEC_END_REASONS), ...Object.keys(EXEC_REJECT_REASONS)]).toContain(k);
      expect(text).toContain(`${k} ${v}`);
    }
    expect(ends.length).toBeGreaterThan(1);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s); // plain data
  });
});
