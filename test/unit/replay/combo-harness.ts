// Feature-combination harness: seeded leader histories (several leaders sharing tokens, MERGE/SPLIT/CONVERSION/REDEEM),
// random configs, resolutions and fees through runReplay, with invariants checked after every stream item.
import { parseConfig, rng, type Config, type CopyIntent, type Decision, type ExecEvent, type LeaderTradeEvent } from "../../../src/core/index.js";
import { RunAccounting } from "../../../src/pipeline/accounting.js";
import { Decider } from "../../../src/pipeline/decide.js";
import { runReplay, type ReplayRun } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import type { MarketFee, MarketResolution } from "../../../src/replay/resolutions.js";
import { CAUSE_KEYS } from "../../../src/pipeline/attribution-totals.js";

export interface Case {
  evs: LeaderTradeEvent[];
  config: Config;
  resolutions: MarketResolution[];
  fees: MarketFee[];
  endHorizonMs: number;
  tokenCond: Map<string, string>;
}

const hex40 = (i: number) => "0x" + (i + 1).toString(16).padStart(40, "a");

export function ev(p: Partial<LeaderTradeEvent> & Pick<LeaderTradeEvent, "eventId" | "leader" | "kind" | "conditionId" | "ts">): LeaderTradeEvent {
  return {
    tokenId: "",
    outcomeIndex: null,
    side: null,
    size: 0,
    price: 0,
    usdcSize: 0,
    seenAt: p.ts,
    txHash: "0x" + p.eventId,
    source: "synthetic",
    ...p,
  };
}

export interface GenOpts {
  kinds?: boolean; // MERGE/SPLIT/CONVERSION/REDEEM
  resolutions?: boolean;
  fees?: boolean;
  overrides?: boolean;
  dups?: boolean;
  odd?: boolean;
  seenLate?: boolean;
}

export function genCase(seed: number, g: GenOpts = { kinds: true, resolutions: true, fees: true, overrides: true }): Case {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[r.int(0, xs.length - 1)]!;
  const nL = r.int(1, 3);
  const nM = r.int(1, 3);
  const leaders = Array.from({ length: nL }, (_, i) => hex40(i));
  const markets = Array.from({ length: nM }, (_, i) => ({ cond: `0xc${i}`, tokens: [`t${i}a`, `t${i}b`], px: 0.1 + 0.8 * r.next(), winner: r.int(0, 1), redeemed: false }));
  const tokenCond = new Map<string, string>();
  for (const m of markets) for (const t of m.tokens) tokenCond.set(t, m.cond);
  const held = new Map<string, number>(); // leader|token
  const h = (l: string, t: string) => held.get(`${l}|${t}`) ?? 0;
  const add = (l: string, t: string, d: number) => held.set(`${l}|${t}`, Math.max(0, Math.round((h(l, t) + d) * 1e6) / 1e6));
  const q = pick([1, 100, 1000]);
  let ts = 1_700_000_000_000;
  const evs: LeaderTradeEvent[] = [];
  const n = r.int(10, 120);
  for (let k = 0; k < n; k++) {
    ts += pick([0, 0, q, q, 2 * q, 5 * q, 20 * q]);
    const l = pick(leaders);
    const m = pick(markets);
    if (m.redeemed) continue;
    m.px = Math.min(0.97, Math.max(0.03, m.px + 0.03 * r.normal()));
    const id = `e${seed}_${k}`;
    const u = r.next();
    const kinds = g.kinds !== false;
    if (kinds && u < 0.05) {
      const sets = Math.min(h(l, m.tokens[0]!), h(l, m.tokens[1]!));
      const s = sets > 0 && r.next() < 0.8 ? Math.round(sets * (0.2 + 0.8 * r.next()) * 100) / 100 : r.int(1, 50);
      if (s <= 0) continue;
      add(l, m.tokens[0]!, -s);
      add(l, m.tokens[1]!, -s);
      evs.push(ev({ eventId: id, leader: l, kind: "MERGE", conditionId: m.cond, size: s, usdcSize: s, ts }));
    } else if (kinds && u < 0.1) {
      const s = r.int(1, 100);
      add(l, m.tokens[0]!, s);
      add(l, m.tokens[1]!, s);
      evs.push(ev({ eventId: id, leader: l, kind: "SPLIT", conditionId: m.cond, size: s, usdcSize: s, ts }));
    } else if (kinds && u < 0.12) {
      evs.push(ev({ eventId: id, leader: l, kind: "CONVERSION", conditionId: m.cond, size: r.int(1, 10), usdcSize: 1, ts }));
    } else if (kinds && u < 0.15 && k > n / 3) {
      // resolve this market: every holder redeems in turn (same ms or later)
      m.redeemed = true;
      for (const ll of leaders) {
        if (h(ll, m.tokens[0]!) + h(ll, m.tokens[1]!) <= 0 && r.next() < 0.5) continue;
        const payout = h(ll, m.tokens[m.winner]!);
        ts += pick([0, q]);
        evs.push(ev({ eventId: `${id}_${ll.slice(-2)}`, leader: ll, kind: "REDEEM", conditionId: m.cond, size: payout, usdcSize: payout, ts }));
        add(ll, m.tokens[0]!, -1e9);
        add(ll, m.tokens[1]!, -1e9);
      }
    } else {
      const oi = r.next() < 0.5 ? 0 : 1;
      const t = m.tokens[oi]!;
      const price = Math.round(Math.min(0.99, Math.max(0.01, oi === 0 ? m.px : 1 - m.px)) * 100) / 100;
      const hv = h(l, t);
      const sell = u > 0.7 && (hv > 0 || r.next() < 0.1);
      const size = sell && hv > 0 && r.next() < 0.8 ? Math.round(Math.min(hv, hv * (0.2 + r.next())) * 100) / 100 || hv : Math.max(0.01, Math.round(Math.exp(Math.log(30) + 1.2 * r.normal()) * 100) / 100);
      add(l, t, sell ? -size : size);
      evs.push(ev({ eventId: id, leader: l, kind: "TRADE", conditionId: m.cond, tokenId: t, outcomeIndex: oi, side: sell ? "SELL" : "BUY", size, price, usdcSize: Math.round(size * price * 1e6) / 1e6, ts }));
    }
  }
  const win = () => pick([1, q, 2 * q, 1000, 5000]);
  const perLeader: Record<string, unknown> = {};
  if (g.overrides !== false)
    for (const l of leaders) {
      const u = r.next();
      if (u < 0.15) perLeader[l] = { state: "off" };
      else if (u < 0.5) perLeader[l] = { netting: { enabled: r.next() < 0.5, windowMs: win() }, orderType: pick(["FAK", "FOK", "GTC", "GTD"]), sizing: pick(["FIXED_RATE", "BUDGETED_DYNAMIC"]) };
    }
  const config = parseConfig({
    seed,
    bankroll: pick([50, 1000, 100_000]),
    killSwitch: r.next() < 0.03,
    defaults: {
      ratio: pick([0.1, 0.5, 1]),
      sizing: pick(["FIXED_RATE", "FIXED_RATE", "BUDGETED_DYNAMIC"]),
      budget: pick([10, 100, 1000]),
      ratioMin: 0.05,
      ratioMax: pick([0.5, 1]),
      slippage: pick([0.02, 0.3]),
      orderType: pick(["FAK", "FOK", "GTC", "GTD"]),
      minCopyNotional: pick([0, 0, 1]),
      maxCopyNotional: pick([null, null, 20]),
      maxBankrollPct: pick([0.05, 1]),
      netting: { enabled: r.next() < 0.4, windowMs: win() },
      driftCorrection: { enabled: r.next() < 0.3, minShares: pick([0, 1, 5]), threshold: pick([0.05, 0.25]), orderType: pick(["FAK", "FOK", "GTC"]) },
    },
    leaders: perLeader,
    fill: { halfSpread: pick([0, 0.005, 0.01]), depthShares: pick([5, 20, 200]), minOrderSize: pick([0, 5]), takerFee: { rate: pick([0, 0, 0.05, 0.25]), exponent: pick([1, 2]) } },
    // the same draws as before; the constant model, and a lognormal of mean 0, take no jitter (config refuses one: it
    // would be ignored)
    latency: (() => {
      const model = pick(["constant", "uniform", "lognormal"] as const);
      const ms = pick([0, q, 500, 3000]);
      const jitterMs = pick([1, 100, 2000]);
      return { model, ms, jitterMs: model === "constant" || (model === "lognormal" && ms === 0) ? 0 : jitterMs };
    })(),
  });
  const last = evs.length ? evs[evs.length - 1]!.ts : ts;
  const first = evs.length ? evs[0]!.ts : ts;
  const resolutions: MarketResolution[] = [];
  const fees: MarketFee[] = [];
  for (const m of markets) {
    if (g.resolutions !== false && r.next() < 0.4) {
      const at = r.next() < 0.2 ? undefined : Math.round(first + (last - first) * r.next() * 1.2);
      resolutions.push({ conditionId: m.cond, winningTokenId: m.tokens[m.winner]!, tokenIds: [...m.tokens], ts: at, source: "gamma" });
    }
    if (g.fees !== false && r.next() < 0.5) fees.push({ conditionId: m.cond, tokenIds: [...m.tokens], fee: r.next() < 0.3 ? null : { r: pick([0.02, 0.1, 0.25]), e: pick([1, 2]) } });
  }
  if (g.odd) {
    for (let k = 0; k < evs.length; k++) {
      const e = evs[k]!;
      if (e.kind !== "TRADE" || r.next() > 0.15) continue;
      const u = r.next();
      if (u < 0.2) evs[k] = { ...e, size: 0, usdcSize: 0 };
      else if (u < 0.4) evs[k] = { ...e, price: pick([0, 1, 0.995, 0.005, 0.001, 0.999]) };
      else if (u < 0.6) evs[k] = { ...e, size: pick([1e6, 123456.78, 0.001, 0.005]) };
      else if (u < 0.8) evs[k] = { ...e, side: e.side === "BUY" ? "SELL" : "BUY" };
      else evs[k] = { ...e, kind: "CONVERSION", side: null, tokenId: "", outcomeIndex: null };
    }
  }
  if (g.dups || g.seenLate) {
    const out: LeaderTradeEvent[] = [];
    for (const e of evs) {
      const x = g.seenLate && r.next() < 0.3 ? { ...e, seenAt: e.ts + pick([1, q, 3000, 20_000]) } : e;
      out.push(x);
      if (g.dups && r.next() < 0.1) out.push({ ...x });
    }
    evs.length = 0;
    evs.push(...out);
  }
  return { evs, config, resolutions, fees, endHorizonMs: pick([0, 1000, 60_000]), tokenCond };
}

export interface Observed {
  run: ReplayRun;
  problems: string[];
  trace: string[];
}

const EPS = 1e-6;

/** runReplay with RunAccounting observed: checks invariants at every item. */
export async function observe(c: Case, extra: { check?: boolean; noClock?: boolean } = {}): Promise<Observed> {
  const useClock = Decider.prototype.useClock;
  if (extra.noClock) Decider.prototype.useClock = () => () => Number.POSITIVE_INFINITY;
  try {
    return await observeInner(c, extra);
  } finally {
    Decider.prototype.useClock = useClock;
  }
}

async function observeInner(c: Case, extra: { check?: boolean; noClock?: boolean } = {}): Promise<Observed> {
  const timeLax = extra.noClock === true || c.evs.some((e) => e.seenAt !== e.ts);
  const problems: string[] = [];
  const trace: string[] = [];
  const intents = new Map<string, CopyIntent>();
  const dones = new Map<string, number>();
  const started = new Set<string>();
  const filledBy = new Map<string, number>();
  const proto = RunAccounting.prototype;
  const o = { onExec: proto.onExec, onDecision: proto.onDecision, resolve: proto.resolve, closeMarket: proto.closeMarket, onLeaderEvent: proto.onLeaderEvent };
  const leadersSeen = new Set<string>();
  let clock = Number.NEGATIVE_INFINITY;
  const at = (t: number, what: string) => {
    if (t < clock) p(`${what} at ${t} after ${clock}`);
    else clock = t;
  };
  const closedAt = new Map<string, number>();
  const settled = new Set<string>();
  const p = (s: string) => {
    if (problems.length < 40) problems.push(s);
  };
  const parts = (acc: RunAccounting, where: string) => {
    const L = acc.ledger;
    if (L.totalCash() < -EPS) p(`${where}: cash ${L.totalCash()}`);
    if (L.cash() < -EPS) p(`${where}: free cash ${L.cash()}`);
    for (const [tok, cond] of c.tokenCond) {
      const all = L.heldShares(tok);
      if (all < -EPS) p(`${where}: ${tok} shares ${all}`);
      if (settled.has(cond)) continue;
      let sum = 0;
      for (const l of leadersSeen) {
        const s = acc.tracker.copyShares(l, tok);
        if (s < -EPS) p(`${where}: part ${l.slice(-3)} ${tok} ${s}`);
        sum += s;
      }
      if (Math.abs(sum - all) > 1e-6) p(`${where}: parts of ${tok} sum ${sum} != ledger ${all}`);
    }
  };
  if (extra.check !== false) {
    proto.onLeaderEvent = function (this: RunAccounting, e: LeaderTradeEvent, dup?: boolean) {
      leadersSeen.add(e.leader);
      if (!timeLax) at(e.ts, `leader ${e.eventId}`);
      trace.push(`L ${e.eventId}`);
      return o.onLeaderEvent.call(this, e, dup);
    };
    proto.onDecision = function (this: RunAccounting, d: Decision) {
      if (d.kind === "intent") {
        const i = d.intent;
        if (intents.has(i.intentId)) p(`intent ${i.intentId} decided twice`);
        intents.set(i.intentId, i);
        if (!timeLax) at(Math.max(i.ts, i.seenAt), `intent ${i.intentId}`);
        trace.push(`I ${i.intentId} ${i.leader.slice(-3)} ${i.tokenId} [${i.sourceEventIds.join("+")}] ts ${i.ts}/${i.seenAt} ${i.side} ${i.targetShares}@${i.limitPrice} ${i.orderType} ${i.purpose}`);
        if (i.side === "SELL") {
          const part = this.tracker.copyShares(i.leader, i.tokenId) - this.ledger.reservedFor(i.leader, i.tokenId);
          if (i.targetShares > part + EPS) p(`SELL intent ${i.intentId} ${i.targetShares} > leader part free ${part}`);
          if (i.targetShares > this.ledger.shares(i.tokenId) + EPS) p(`SELL intent ${i.intentId} ${i.targetShares} > free ${this.ledger.shares(i.tokenId)}`);
        }
      } else if (d.kind === "skip") trace.push(`S ${d.reason} ${d.sourceEventIds.join("+")}`);
      else {
        if (d.action === "REDEEM" && d.winningTokenId !== undefined && !closedAt.has(d.conditionId)) closedAt.set(d.conditionId, d.ts);
      }
      if (d.kind === "mirror") trace.push(`M ${d.action} ${d.conditionId} ${d.shares} ${d.winningTokenId ?? "-"}`);
      o.onDecision.call(this, d);
      parts(this, `after decision ${d.kind} ${d.kind === "mirror" ? d.action : ""} ${d.kind === "intent" ? d.intent.intentId : d.sourceEventIds.join("+")}`);
    };
    proto.onExec = function (this: RunAccounting, e: ExecEvent) {
      trace.push(`X ${e.type} ${e.intentId} ${e.ts} ${e.type === "fill" ? `${e.side} ${e.size}@${e.price} fee ${e.fee}` : e.type === "done" ? `${e.terminal} ${e.filledShares}` : ""}`);
      const i = intents.get(e.intentId);
      if (!timeLax) at(e.ts, `exec ${e.type} ${e.intentId}`);
      if (i && e.ts < Math.max(i.ts, i.seenAt)) p(`exec before decision ${e.intentId}`);
      if (i && e.type === "fill" && closedAt.has(i.conditionId) && e.ts >= closedAt.get(i.conditionId)!) p(`fill ${e.intentId} at ${e.ts} after REDEEM close ${closedAt.get(i.conditionId)}`);
      if (!i) p(`exec ${e.type} for unknown intent ${e.intentId}`);
      if ((dones.get(e.intentId) ?? 0) > 0) p(`exec ${e.type} of ${e.intentId} after its done`);
      if (!started.has(e.intentId) && e.type !== "accepted" && e.type !== "rejected") p(`exec ${e.type} of ${e.intentId} before accepted/rejected`);
      started.add(e.intentId);
      if (e.type === "fill") filledBy.set(e.intentId, (filledBy.get(e.intentId) ?? 0) + e.size);
      if (e.type === "done") dones.set(e.intentId, (dones.get(e.intentId) ?? 0) + 1);
      if (e.type === "fill" && i) {
        if (e.side !== i.side) p(`fill side ${e.side} != intent ${i.side}`);
        if (e.side === "SELL") {
          const part = this.tracker.copyShares(i.leader, e.tokenId);
          if (e.size > part + EPS) p(`SELL fill ${e.intentId} ${e.size} > leader part ${part}`);
          if (e.size > this.ledger.heldShares(e.tokenId) + EPS) p(`SELL fill ${e.size} > held ${this.ledger.heldShares(e.tokenId)}`);
        }
        if (i.side === "BUY" && e.price > i.limitPrice + 1e-9) p(`BUY fill above limit`);
        if (i.side === "SELL" && e.price < i.limitPrice - 1e-9) p(`SELL fill below limit`);
        if (settled.has(i.conditionId)) p(`fill ${e.intentId} at ${e.ts} in settled market ${i.conditionId}`);
      }
      o.onExec.call(this, e);
      parts(this, `after exec ${e.type} ${e.intentId}`);
    };
    proto.resolve = function (this: RunAccounting, res) {
      trace.push(`R ${res.conditionId} ${res.winningTokenId} ${res.ts}`);
      settled.add(res.conditionId);
      if (!timeLax) at(res.ts, `resolved ${res.conditionId}`);
      return o.resolve.call(this, res);
    };
    proto.closeMarket = function (this: RunAccounting, l: string, cond: string) {
      trace.push(`C ${l.slice(-3)} ${cond}`);
      return o.closeMarket.call(this, l, cond);
    };
  }
  let run: ReplayRun;
  try {
    run = await runReplay({ source: arraySource(c.evs), config: c.config, resolutions: c.resolutions, fees: c.fees, endHorizonMs: c.endHorizonMs });
  } finally {
    Object.assign(proto, o);
  }
  if (extra.check !== false) {
    for (const [id] of intents) if ((dones.get(id) ?? 0) !== 1) p(`intent ${id} ended ${dones.get(id) ?? 0} times`);
  }
  const res = run.result;
  for (const [k, v] of Object.entries(res.anomalies)) if (v) p(`anomaly ${k} ${v}`);
  const cnt = res.counts;
  const skipSum = Object.values(cnt.skipsByReason).reduce((a, b) => a + (b ?? 0), 0);
  if (skipSum !== cnt.skips) p(`skipsByReason sum ${skipSum} != skips ${cnt.skips}`);
  if (cnt.done !== cnt.intents) p(`done ${cnt.done} != intents ${cnt.intents}`);
  if (cnt.decisions !== cnt.intents + cnt.skips + cnt.mirrors) p(`decisions mismatch`);
  if (Math.abs(res.ledger.committedCash) > 1e-6) p(`committed cash ${res.ledger.committedCash}`);
  if (res.ledger.cash < -EPS) p(`final cash ${res.ledger.cash}`);
  const checkAttr = (t: typeof res.attribution, who: string) => {
    const s = Object.values(t.byCause).reduce((a, b) => a + (b ?? 0), 0);
    if (Math.abs(s - t.gap) > 1e-6 * Math.max(1, Math.abs(t.gap))) p(`${who}: causes sum ${s} != gap ${t.gap}`);
    for (const k of Object.keys(t.byCause)) if (!CAUSE_KEYS.includes(k as never)) p(`${who}: unknown cause ${k}`);
  };
  checkAttr(res.attribution, "total");
  // ideal notional for FIXED_RATE leaders: Σ r_u·size·price over unique trades
  {
    const seenIds = new Set<string>();
    let ideal = 0;
    let fixed = true;
    for (const e of c.evs) {
      if (e.kind !== "TRADE" || seenIds.has(e.eventId)) continue;
      seenIds.add(e.eventId);
      const o = c.config.leaders[e.leader] ?? {};
      const sizing = o.sizing ?? c.config.defaults.sizing;
      if (sizing !== "FIXED_RATE") fixed = false;
      ideal += (o.ratio ?? c.config.defaults.ratio) * e.size * e.price;
    }
    if (fixed && Math.abs(ideal - res.attribution.idealNotional) > 1e-6 * Math.max(1, ideal)) p(`idealNotional ${res.attribution.idealNotional} != Σ r·size·p ${ideal}`);
    let fal = 0;
    const byId = new Map(c.evs.map((e) => [e.eventId, e]));
    for (const [id, i] of intents) {
      if (i.purpose !== "copy") continue;
      // a window whose trades had different r_u: its fills go to its same-side trades pro rata to their own ideals
      let p = i.leaderPrice;
      if (i.sourceRatios !== undefined) {
        let num = 0;
        let den = 0;
        i.sourceEventIds.forEach((sid, k) => {
          const e = byId.get(sid)!;
          if (e.side !== i.side) return;
          num += i.sourceRatios![k]! * e.size * e.price;
          den += i.sourceRatios![k]! * e.size;
        });
        if (den > 0) p = num / den;
      }
      fal += (filledBy.get(id) ?? 0) * p;
    }
    if (extra.check !== false && Math.abs(fal - res.attribution.filledAtLeader) > 1e-6 * Math.max(1, fal)) p(`filledAtLeader ${res.attribution.filledAtLeader} != Σ F·p ${fal}`);
  }
  const pnlParts = res.tracking.reduce((a, t) => a + t.copy.pnl, 0);
  const pnlLedger = res.ledger.equity - c.config.bankroll;
  if (Math.abs(pnlParts - pnlLedger) > 1e-6 * Math.max(1, Math.abs(pnlLedger), c.config.bankroll * 1e-3)) p(`Σ leader copy pnl ${pnlParts} != ledger pnl ${pnlLedger}`);
  if (Math.abs(res.ledger.fees - cnt.fees) > 1e-6) p(`ledger fees ${res.ledger.fees} != fill fees ${cnt.fees}`);
  if (Math.abs(res.attribution.filledNotional + res.corrections.filledNotional - cnt.filledNotional) > 1e-6 * Math.max(1, cnt.filledNotional)) p(`attr filled notional ${res.attribution.filledNotional}+${res.corrections.filledNotional} != ${cnt.filledNotional}`);
  let gl = 0;
  let evsL = 0;
  for (const [l, t] of Object.entries(res.attributionByLeader)) {
    checkAttr(t, l);
    gl += t.gap;
    evsL += t.events;
  }
  if (Math.abs(gl - res.attribution.gap) > 1e-6 * Math.max(1, Math.abs(gl))) p(`per-leader gaps ${gl} != total ${res.attribution.gap}`);
  if (evsL !== res.attribution.events) p(`per-leader events ${evsL} != ${res.attribution.events}`);
  // each leader TRADE is attributed exactly once (non-duplicate)
  const trades = new Set(c.evs.filter((e) => e.kind === "TRADE").map((e) => e.eventId)).size;
  const trades0 = new Set(c.evs.filter((e) => e.kind === "TRADE" && e.size > 0).map((e) => e.eventId)).size;
  if (res.attribution.events !== trades || trades0 < 0) p(`attributed events ${res.attribution.events} != trades ${trades0}..${trades}`);
  return { run, problems, trace };
}
