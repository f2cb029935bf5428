// Metamorphic end-to-end harness: seeded leader histories through the full runReplay with a copy that should be
// PERFECT (latency 0, halfSpread 0, infinite depth, no fees, no caps, FIXED_RATE r), and checks of every figure.
import { parseConfig, rng, type Config, type Decision, type ExecEvent, type LeaderTradeEvent } from "../../../src/core/index.js";
import { RunAccounting } from "../../../src/pipeline/accounting.js";
import { runReplay, formatRun, type ReplayRun } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import type { MarketResolution } from "../../../src/replay/resolutions.js";
import { ev } from "./combo-harness.js";

export const hex40 = (i: number) => "0x" + (i + 1).toString(16).padStart(40, "a");

export interface PCase {
  evs: LeaderTradeEvent[];
  resolutions: MarketResolution[];
  r: number;
}

export interface PGen {
  /** every leader's REDEEM of a market at the same ms (else each at its own time) */
  sameMsRedeem?: boolean;
  /** allow several leaders per market */
  shared?: boolean;
  /** allow two trades of one token at one ms */
  sameMs?: boolean;
  r?: number;
  n?: number;
  resolutions?: boolean;
}

const RATIOS = [0.1, 0.25, 0.5, 1, 2];

export function genPerfect(seed: number, g: PGen = {}): PCase {
  const R = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[R.int(0, xs.length - 1)]!;
  const r = g.r ?? pick(RATIOS);
  const nL = R.int(1, 3);
  const nM = R.int(1, 4);
  const leaders = Array.from({ length: nL }, (_, i) => hex40(i));
  // Prices on the 0.01 grid, copied on tick 0.01: on finer ticks the venue refuses most FAK/FOK amounts the official
  // client signs (maker 2 dp / taker 4 dp; paper does too, AMOUNT_PRECISION), so no perfect copy exists there.
  const mk = Array.from({ length: nM }, (_, i) => ({ cond: `0xc${i}`, tokens: [`t${i}a`, `t${i}b`], grid: 0.01, closed: false, owner: leaders[i % nL]! }));
  const held = new Map<string, number>();
  const seen = new Set<string>();
  const h = (l: string, t: string) => held.get(`${l}|${t}`) ?? 0;
  const add = (l: string, t: string, d: number) => held.set(`${l}|${t}`, Math.round((h(l, t) + d) * 1e9) / 1e9);
  // copy shares in hundredths -> leader size (c/r)
  const lsize = (c: number) => Math.round((c / r) * 1e9) / 1e9;
  let ts = 1_700_000_000_000;
  const evs: LeaderTradeEvent[] = [];
  const resolutions: MarketResolution[] = [];
  const lastTrade = new Map<string, number>();
  const n = g.n ?? R.int(5, 60);
  let k = 0;
  const id = () => `e${seed}_${k++}`;
  const price = (grid: number) => Math.round((0.05 + 0.9 * R.next()) / grid) * grid;
  for (let step = 0; step < n; step++) {
    ts += g.sameMs && R.next() < 0.3 ? 0 : pick([1000, 1000, 2000, 7000]);
    const open = mk.filter((m) => !m.closed);
    if (!open.length) break;
    const m = pick(open);
    const l = g.shared === false ? m.owner : pick(leaders);
    const [a, b] = m.tokens as [string, string];
    const both = seen.has(`${l}|${a}`) && seen.has(`${l}|${b}`);
    const u = R.next();
    if (u < 0.08 && step > n / 3) {
      // resolve: every leader that traded the market redeems
      m.closed = true;
      const w = R.int(0, 1);
      const wt = m.tokens[w]!;
      const rts = ts;
      for (const x of leaders) {
        if (!seen.has(`${x}|${a}`) && !seen.has(`${x}|${b}`)) continue;
        if (!g.sameMsRedeem) ts += pick([0, 1000, 5000]);
        const pay = h(x, wt);
        evs.push(ev({ eventId: id(), leader: x, kind: "REDEEM", conditionId: m.cond, size: pay, usdcSize: pay, ts }));
        add(x, a, -h(x, a));
        add(x, b, -h(x, b));
      }
      if (g.resolutions !== false && R.next() < 0.5) {
        const at = R.next() < 0.3 ? undefined : Math.max(rts - pick([0, 1, 500]), (lastTrade.get(m.cond) ?? 0) + 1);
        resolutions.push({ conditionId: m.cond, winningTokenId: wt, tokenIds: [a, b], ts: at, source: "gamma" });
      }
      continue;
    }
    if (u < 0.16 && both) {
      // SPLIT then maybe SELL one side
      const c = R.int(100, 5000) / 100;
      const s = lsize(c);
      evs.push(ev({ eventId: id(), leader: l, kind: "SPLIT", conditionId: m.cond, size: s, usdcSize: s, ts }));
      add(l, a, s);
      add(l, b, s);
      continue;
    }
    if (u < 0.26 && both) {
      const sets = Math.min(h(l, a), h(l, b));
      const csets = Math.floor(sets * r * 100 + 1e-6);
      if (csets > 0) {
        const c = R.int(1, csets) / 100;
        const s = lsize(c);
        evs.push(ev({ eventId: id(), leader: l, kind: "MERGE", conditionId: m.cond, size: s, usdcSize: s, ts }));
        add(l, a, -s);
        add(l, b, -s);
        continue;
      }
    }
    const oi = R.next() < 0.5 ? 0 : 1;
    const t = m.tokens[oi]!;
    const p = Math.round(price(m.grid) * 1e6) / 1e6;
    const hv = h(l, t);
    const ch = Math.floor(hv * r * 100 + 1e-6);
    if (u > 0.65 && ch > 0) {
      const c = (R.next() < 0.3 ? ch : R.int(1, ch)) / 100;
      const s = c === ch / 100 ? hv : lsize(c);
      evs.push(ev({ eventId: id(), leader: l, kind: "TRADE", conditionId: m.cond, tokenId: t, outcomeIndex: oi, side: "SELL", size: s, price: p, usdcSize: Math.round(s * p * 1e6) / 1e6, ts }));
      add(l, t, -s);
    } else {
      const cmin = Math.ceil((1.05 / p) * 100);
      const c = R.int(cmin, cmin + 3000) / 100;
      const s = lsize(c);
      evs.push(ev({ eventId: id(), leader: l, kind: "TRADE", conditionId: m.cond, tokenId: t, outcomeIndex: oi, side: "BUY", size: s, price: p, usdcSize: Math.round(s * p * 1e6) / 1e6, ts }));
      add(l, t, s);
      seen.add(`${l}|${t}`);
    }
    lastTrade.set(m.cond, ts);
  }
  return { evs, resolutions, r };
}

export function perfectConfig(r: number, over: Record<string, unknown> = {}): Config {
  const o = over as { defaults?: object; fill?: object; latency?: object };
  return parseConfig({
    seed: 1,
    bankroll: 1e9,
    defaults: { ratio: r, sizing: "FIXED_RATE", slippage: 0.5, priceCap: 1, maxBankrollPct: 1, minCopyNotional: 0, orderType: "FAK", ...(o.defaults ?? {}) },
    fill: { halfSpread: 0, levels: 3, depthShares: 1e12, minOrderSize: 0, tick: 0.01, takerFee: { rate: 0, exponent: 1 }, ...(o.fill ?? {}) },
    latency: { model: "constant", ms: 0, jitterMs: 0, ...(o.latency ?? {}) },
  });
}

export interface Observed {
  run: ReplayRun;
  decisions: Decision[];
  execs: ExecEvent[];
}

export async function runObserved(c: PCase, config: Config): Promise<Observed> {
  const decisions: Decision[] = [];
  const execs: ExecEvent[] = [];
  const od = RunAccounting.prototype.onDecision;
  const oe = RunAccounting.prototype.onExec;
  RunAccounting.prototype.onDecision = function (d: Decision) {
    decisions.push(d);
    return od.call(this, d);
  };
  RunAccounting.prototype.onExec = function (e: ExecEvent) {
    execs.push(e);
    return oe.call(this, e);
  };
  try {
    const run = await runReplay({ source: arraySource(c.evs), config, resolutions: c.resolutions });
    return { run, decisions, execs };
  } finally {
    RunAccounting.prototype.onDecision = od;
    RunAccounting.prototype.onExec = oe;
  }
}

const close = (a: number, b: number, tol = 1e-6) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

/** Every perfect-copy property; returns the problems found. */
export function perfectProblems(o: Observed, r: number): string[] {
  const bad: string[] = [];
  const { run, decisions, execs } = o;
  const res = run.result;
  const skips = decisions.filter((d) => d.kind === "skip");
  for (const s of skips) bad.push(`skip ${s.kind === "skip" ? s.reason + " " + s.detail : ""} ${s.sourceEventIds.join(",")}`);
  const dones = new Map(execs.filter((e) => e.type === "done").map((e) => [e.intentId, e]));
  const fills = new Map<string, ExecEvent[]>();
  for (const e of execs) if (e.type === "fill") (fills.get(e.intentId) ?? fills.set(e.intentId, []).get(e.intentId)!).push(e);
  for (const d of decisions) {
    if (d.kind !== "intent") continue;
    const i = d.intent;
    if (i.purpose !== "copy") bad.push(`non-copy intent ${i.purpose}`);
    if (!close(i.targetShares, i.idealShares, 1e-9)) bad.push(`intent ${i.sourceEventIds[0]} target ${i.targetShares} != ideal ${i.idealShares}`);
    const dn = dones.get(i.intentId);
    if (!dn || dn.type !== "done" || dn.terminal !== "FILLED") bad.push(`intent ${i.sourceEventIds[0]} ${i.side} not FILLED: ${dn && dn.type === "done" ? dn.terminal + " " + dn.detail : "no done"}`);
    for (const f of fills.get(i.intentId) ?? []) if (f.type === "fill" && !close(f.price, i.leaderPrice, 1e-12)) bad.push(`intent ${i.sourceEventIds[0]} ${i.side} filled at ${f.price} != leader ${i.leaderPrice}`);
  }
  const a = res.attribution;
  if (Math.abs(a.gap) > 1e-6) bad.push(`gap ${a.gap}`);
  for (const [k, v] of Object.entries(a.byCause)) if (Math.abs(v!) > 1e-6) bad.push(`cause ${k} ${v}`);
  let sumCopyPnl = 0;
  for (const t of res.tracking) {
    sumCopyPnl += t.copy.pnl;
    if (t.ratio !== r) bad.push(`${t.leader.slice(-2)} ratio ${t.ratio}`);
    if (t.drift.maxAbsDrift > 1e-6) bad.push(`${t.leader.slice(-2)} maxAbsDrift ${t.drift.maxAbsDrift}`);
    if (t.drift.trackingError > 1e-9) bad.push(`${t.leader.slice(-2)} trackingError ${t.drift.trackingError}`);
    for (const k of t.tokens) if (!close(k.copyShares, r * k.leaderShares)) bad.push(`${t.leader.slice(-2)} ${k.tokenId} end copy ${k.copyShares} != r×${k.leaderShares}`);
    if (!close(t.copy.pnl, r * t.leaderSide.pnl)) bad.push(`${t.leader.slice(-2)} copy pnl ${t.copy.pnl} != r × leader ${t.leaderSide.pnl}`);
    if (!close(t.copy.capital, r * t.leaderSide.capital)) bad.push(`${t.leader.slice(-2)} copy capital ${t.copy.capital} != r × leader ${t.leaderSide.capital}`);
    if (!close(t.copy.deployed, r * t.leaderSide.deployed)) bad.push(`${t.leader.slice(-2)} copy deployed ${t.copy.deployed} != r × leader ${t.leaderSide.deployed}`);
    if ((t.copy.returnPct === null) !== (t.leaderSide.returnPct === null) || (t.copy.returnPct !== null && !close(t.copy.returnPct, t.leaderSide.returnPct!))) bad.push(`${t.leader.slice(-2)} copy return ${t.copy.returnPct} != leader ${t.leaderSide.returnPct}`);
  }
  for (const l of run.drift) for (const p of l.points) if (Math.abs(p.drift) > 1e-6) bad.push(`${l.leader.slice(-2)} drift point ${p.ts} ${p.tokenId} copy ${p.copyShares} leader ${p.leaderShares}`);
  const led = res.ledger;
  if (Math.abs(led.equity - 1e9 - sumCopyPnl) > 1e-6) bad.push(`equity-bankroll ${led.equity - 1e9} != Σ copy pnl ${sumCopyPnl}`);
  // report lines
  const s = run.summary;
  for (const l of s.leaders) {
    const t = res.tracking.find((x) => x.leader === l.leader)!;
    if (l.copyPnl !== t.copy.pnl || l.leaderPnl !== t.leaderSide.pnl) bad.push(`summary leader line differs`);
    if (l.marking !== "none") {
      const held = t.tokens.filter((k) => k.leaderShares > 0 || k.copyShares > 0);
      if (!held.length) bad.push(`marking ${l.marking} with nothing held`);
    }
  }
  const text = formatRun(run);
  if (!text.includes(`Tracking gap vs ideal copy: $0.00`)) bad.push(`report gap line: ${text.split("\n").find((x) => x.startsWith("Tracking gap"))}`);
  return bad;
}
