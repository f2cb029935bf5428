// Seeded leader event streams, a naive reference book, and a perfect-copy run (0 latency, full fills, no fees) through
// decide and accounting, wired like replay/runner.ts (for leader-copy.test.ts).
import { parseConfig, type CopyIntent, type Decision, type ExecEvent, type LeaderTradeEvent } from "../../../src/core/index.js";
import { Decider } from "../../../src/pipeline/decide.js";
import { RunAccounting } from "../../../src/pipeline/accounting.js";
import { summarise } from "../../../src/pipeline/report.js";

export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export const MARKETS: Record<string, string[]> = { mA: ["A0", "A1"], mB: ["B0", "B1"], mD: ["D0", "D1"], mC: ["C0", "C1", "C2"] };

let idn = 0;
export function tradeEv(leader: string, cond: string, tok: string, side: "BUY" | "SELL", size: number, price: number, ts: number): LeaderTradeEvent {
  idn++;
  return { eventId: `e${idn}`, leader, kind: "TRADE", conditionId: cond, tokenId: tok, outcomeIndex: 0, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${idn}`, source: "synthetic" };
}
export function mktEv(leader: string, cond: string, kind: "MERGE" | "SPLIT" | "REDEEM" | "CONVERSION", size: number, ts: number): LeaderTradeEvent {
  idn++;
  return { eventId: `e${idn}`, leader, kind, conditionId: cond, tokenId: "", outcomeIndex: null, side: null, size, price: 0, usdcSize: size, ts, seenAt: ts, txHash: `0x${idn}`, source: "synthetic" };
}

export interface GenOpts {
  leaders?: readonly string[];
  markets?: readonly string[];
  n: number;
  /** allow SPLIT/MERGE before the leader traded every outcome */
  early?: boolean;
  /** holdings from before the history (true holdings > known) */
  prehistory?: boolean;
  sameMs?: number;
}

/** Events + the true winners. Leaders only SELL/MERGE what they truly hold. */
export function gen(seed: number, o: GenOpts): { events: LeaderTradeEvent[]; winners: Map<string, string> } {
  const rnd = lcg(seed);
  const leaders = o.leaders ?? ["0xl1", "0xl2"];
  const mkts = o.markets ?? ["mA", "mB", "mD"];
  const truth = new Map<string, number>(); // leader|tok -> true shares
  const seen = new Set<string>(); // leader|tok traded
  const resolved = new Map<string, string>();
  const events: LeaderTradeEvent[] = [];
  let ts = 1000;
  const key = (l: string, t: string) => `${l}|${t}`;
  if (o.prehistory) for (const l of leaders) for (const m of mkts) for (const t of MARKETS[m]!) if (rnd() < 0.4) truth.set(key(l, t), 1 + Math.floor(rnd() * 30));
  for (let k = 0; k < o.n; k++) {
    if (rnd() >= (o.sameMs ?? 0.3)) ts += 1000;
    const open = mkts.filter((m) => !resolved.has(m));
    if (open.length === 0) break;
    const m = open[Math.floor(rnd() * open.length)]!;
    const toks = MARKETS[m]!;
    const l = leaders[Math.floor(rnd() * leaders.length)]!;
    const allSeen = toks.every((t) => seen.has(key(l, t)));
    const u = rnd();
    if (u < 0.05) {
      // resolve the market: one REDEEM per leader that traded it
      const w = toks[Math.floor(rnd() * toks.length)]!;
      resolved.set(m, w);
      for (const x of leaders) {
        if (!toks.some((t) => seen.has(key(x, t)) || (truth.get(key(x, t)) ?? 0) > 0)) continue;
        const pay = truth.get(key(x, w)) ?? 0;
        events.push(mktEv(x, m, "REDEEM", pay, ts));
        for (const t of toks) truth.set(key(x, t), 0);
      }
      continue;
    }
    if (u < 0.12 && (allSeen || o.early)) {
      const n = 2 * (5 + Math.floor(rnd() * 20));
      events.push(mktEv(l, m, "SPLIT", n, ts));
      for (const t of toks) truth.set(key(l, t), (truth.get(key(l, t)) ?? 0) + n);
      continue;
    }
    if (u < 0.2 && (allSeen || o.early)) {
      const min = Math.min(...toks.map((t) => truth.get(key(l, t)) ?? 0));
      const n = 2 * Math.floor((min * (0.3 + 0.7 * rnd())) / 2);
      if (n > 0) {
        events.push(mktEv(l, m, "MERGE", n, ts));
        for (const t of toks) truth.set(key(l, t), truth.get(key(l, t))! - n);
        continue;
      }
    }
    const t = toks[Math.floor(rnd() * toks.length)]!;
    const h = truth.get(key(l, t)) ?? 0;
    const price = Math.round((0.05 + rnd() * 0.9) * 100) / 100;
    if (h >= 40 && rnd() < 0.4) {
      const size = Math.max(40, 2 * Math.floor((h * rnd()) / 2));
      events.push(tradeEv(l, m, t, "SELL", size, price, ts));
      truth.set(key(l, t), h - size);
    } else {
      const size = 2 * (20 + Math.floor(rnd() * 40));
      events.push(tradeEv(l, m, t, "BUY", size, price, ts));
      truth.set(key(l, t), h + size);
    }
    seen.add(key(l, t));
  }
  return { events, winners: resolved };
}

/** Naive per-leader reference over the known history (SELL/MERGE clamp at the known position; tokens known = all of the market). */
export class RefBook {
  sh = new Map<string, number>();
  cost = new Map<string, number>();
  realised = 0;
  outlay = 0;
  peak = 0;
  last = new Map<string, number>();
  payout = new Map<string, number>();
  private pay(x: number) {
    this.outlay += x;
    if (this.outlay > this.peak) this.peak = this.outlay;
  }
  private take(t: string, q: number, proceedsPerShare: number) {
    const s = this.sh.get(t) ?? 0;
    const c = this.cost.get(t) ?? 0;
    const qq = Math.min(q, s);
    const removed = s > 0 ? (c * qq) / s : 0;
    this.realised += qq * proceedsPerShare - removed;
    this.sh.set(t, s - qq);
    this.cost.set(t, c - removed);
    this.outlay -= qq * proceedsPerShare;
  }
  apply(ev: LeaderTradeEvent, winner?: string) {
    const toks = MARKETS[ev.conditionId]!;
    if (ev.kind === "TRADE") {
      this.last.set(ev.tokenId, ev.price);
      if (ev.side === "BUY") {
        this.sh.set(ev.tokenId, (this.sh.get(ev.tokenId) ?? 0) + ev.size);
        this.cost.set(ev.tokenId, (this.cost.get(ev.tokenId) ?? 0) + ev.size * ev.price);
        this.pay(ev.size * ev.price);
      } else this.take(ev.tokenId, ev.size, ev.price);
    } else if (ev.kind === "SPLIT") {
      for (const t of toks) {
        this.sh.set(t, (this.sh.get(t) ?? 0) + ev.size);
        this.cost.set(t, (this.cost.get(t) ?? 0) + ev.size / toks.length);
      }
      this.pay(ev.size);
    } else if (ev.kind === "MERGE") {
      for (const t of toks) this.take(t, ev.size, 1 / toks.length);
    } else if (ev.kind === "REDEEM") {
      for (const t of toks) {
        this.take(t, Number.POSITIVE_INFINITY, t === winner ? 1 : 0);
        this.payout.set(t, t === winner ? 1 : 0);
      }
    }
  }
  pnl(mark: (t: string) => number): number {
    let v = this.realised;
    for (const [t, s] of this.sh) if (s > 1e-9) v += s * mark(t) - (this.cost.get(t) ?? 0);
    return v;
  }
}

export function referenceOf(events: LeaderTradeEvent[], winners: Map<string, string>): Map<string, RefBook> {
  const out = new Map<string, RefBook>();
  for (const ev of events) {
    let b = out.get(ev.leader);
    if (!b) out.set(ev.leader, (b = new RefBook()));
    b.apply(ev, winners.get(ev.conditionId));
  }
  return out;
}

/** A perfect executor: every intent fills in full at the leader's price, no fee, same ms. */
export function perfectFill(i: CopyIntent): ExecEvent[] {
  const ts = i.ts;
  return [
    { type: "accepted", intentId: i.intentId, mode: "paper", ts, orderId: `o${i.intentId}`, price: i.limitPrice, size: i.targetShares },
    { type: "fill", intentId: i.intentId, mode: "paper", ts, orderId: `o${i.intentId}`, tokenId: i.tokenId, side: i.side, price: i.leaderPrice, size: i.targetShares, fee: 0, tradeId: `t${i.intentId}` },
    { type: "done", intentId: i.intentId, mode: "paper", ts, terminal: "FILLED", filledShares: i.targetShares, avgPrice: i.leaderPrice, detail: "FILLED" },
  ];
}

/** decide → perfect executor → RunAccounting, wired as replay/runner.ts does (shared leader books, closeMarket after REDEEM mirrors). */
export function perfectRun(events: LeaderTradeEvent[], ratio: number, extra: Record<string, unknown> = {}) {
  const config = parseConfig({ bankroll: 1e9, defaults: { ratio, maxBankrollPct: 1, slippage: 0, priceCap: 1, ...extra } });
  let decider: Decider | undefined;
  const acc = new RunAccounting({ cash: config.bankroll, ratioOf: (l) => decider?.ratioOf(l), leaderBooks: (l) => decider?.leaderBook(l), netting: false });
  decider = new Decider(config, { holdings: acc });
  const decisions: Decision[] = [];
  const feed = (ds: Decision[]) => {
    for (const d of ds) {
      decisions.push(d);
      acc.onDecision(d);
      if (d.kind === "intent") for (const e of perfectFill(d.intent)) acc.onExec(e);
      if (d.kind === "mirror" && d.action === "REDEEM") acc.closeMarket(d.leader, d.conditionId);
    }
  };
  for (const ev of events) {
    const ds = decider.step(ev);
    acc.onLeaderEvent(ev, ds.length > 0 && ds[ds.length - 1]!.kind === "skip" && (ds[ds.length - 1] as { reason: string }).reason === "DUPLICATE");
    feed(ds);
  }
  feed(decider.flush());
  const result = acc.finish();
  return { acc, decider, decisions, result, summary: summarise(result) };
}
