// Attribution: for every leader trade, the gap between the ideal copy (r_u × leader size at the leader's price) and
// what the copy got, split by cause so the parts sum exactly to the gap. Pure; fed decisions and ExecEvents in order.
import type { CopyIntent, Decision, ExecEvent, LeaderTradeEvent, Side } from "../core/index.js";
import { EXEC_REJECT, floorShares } from "../core/index.js";
import { OpenMap } from "./open-map.js";

/*
 * Definitions, per leader event e (side σ = +1 BUY, −1 SELL; p = leader price; I = ideal shares = r_u × leader size):
 *   F = filled shares allocated to e, N = their notional at fill prices, fees = their fees.
 *   gap = (I − F)·p  +  σ·(N − F·p)  +  fees        (quantity not copied at p, plus price paid beyond p, plus fees)
 * The parts (each in USD; positive = the copy fell short or paid more):
 *   skipped:<REASON>  I·p of a skipped event (its ideal, wholly lost); when caps or the copy's holdings had cut the copy
 *                     to T < I before a size rule (the reason) refused it (Skip.targetShares), T·p, and (I − T)·p is caps
 *   netted            ideal folded away by netting: opposite-side events of a batch, and same-side ideal beyond the
 *                     batch's net ideal (netted-to-zero windows land here entirely)
 *   caps              (ideal − target) beyond 0.01-share rounding: caps and clips (max copy notional, bankroll %,
 *                     cash, holdings, sell-fraction rule; negative when the target exceeds the ideal)
 *   rounding          ideal − floorShares(ideal): the size-grid remainder
 *   partial           (target − filled)·p of an accepted intent: FAK/FOK kills, GTC left unfilled (but when our
 *                     touch at arrival was beyond the order's limit, the price kept it out: latency, or spread when
 *                     the touch at leader time was beyond it too)
 *   rejected          (target − filled)·p of an intent that ended REJECTED (MARKET_CLOSED, its market closed while
 *                     it was on its way: latency)
 *   open              (target − filled)·p of an intent still open at flush()
 *   spread            σ·(R0 − p)·F   R0 = reference touch (ask for BUY, bid for SELL) at leader time
 *   latency           σ·(R1 − R0)·F  R1 = reference touch when our order arrived (drift during the delay)
 *                     + σ·(Nr − R1·Fr)  Fr/Nr = shares/notional filled after arrival (a resting order's maker fills
 *                     at its limit, when the book came to it: the move while it waited)
 *   slippage          σ·(N − Nr − R1·(F − Fr))   walking the book beyond the touch at arrival
 *   fees              fees
 * R0 and R1 come from the fill model (onReference, or `refAtLeader`/`refAtArrival` keys on a fill); absent, R0 = p
 * and R1 = R0, so all price effect is slippage. With no book at the leader's time, the first book after it (up to
 * arrival) gives R0. A batch intent (netting) is allocated to its same-side source events pro rata to their ideal
 * shares w_e = I_e / ΣI, each with R0 at its own time (options.touchAt), so a move while the window was open is
 * latency; the identity holds per event by construction.
 */

import { Acc, CI, EventFigures, noCorrections, sameSideIdeal, skipIndex, weight, CAUSE_KEYS, type AttributionTotals, type CorrectionTotals, type EventAttribution, type FillReference, type Src } from "./attribution-totals.js";
export { CAUSES, CAUSE_KEYS, type AttributionTotals, type Cause, type CorrectionTotals, type EventAttribution, type FillReference } from "./attribution-totals.js";

interface OpenIntent {
  intent: CopyIntent;
  /** Source events of a batch (netting); null for the usual single-event intent (its fields say it all). */
  srcs: Src[] | null;
  /** Σ ideal of the same-side sources (set when a batch intent is settled). */
  batchIdeal: number;
  filled: number;
  notional: number;
  fees: number;
  refL: number;
  refA: number;
  /** When the order met the book (NaN: unknown); fills after it are resting (maker) fills, at the order's limit. */
  arrival: number;
  /** Shares and notional of the fills after arrival. */
  restFilled: number;
  restNotional: number;
  /** The order's limit as accepted (NaN: unknown). */
  limit: number;
}

export interface AttributionOptions {
  /** Keep one EventAttribution per leader event (default false: totals only). */
  keepEvents?: boolean;
  /** r_u of a leader, for batch skips that netted to zero (no ratio to infer); default: r_u of its last intent. */
  ratioOf?: (leader: string) => number | undefined;
  /**
   * Our side's touch in the fill model's book at a time (paper engine touchAt), with the first book up to `until` when
   * none is known then: each trade of a netting window gets its own leader-time touch. Without it they share the
   * window's last trade's (the engine's atLeader).
   */
  touchAt?: (tokenId: string, isBuy: boolean, ts: number, until: number) => number | undefined;
}

const EPS = 1e-9;
/** Where an intent's unfilled shares go: latency when the order was refused because its market closed on its way. */
type Unfilled = "partial" | "rejected" | "open" | "latency";

export class Attribution {
  /** Leader TRADE events not yet decided (held by netting windows), by event id. */
  private readonly pendingEvents = new Map<string, LeaderTradeEvent>();
  private readonly lastRatio = new Map<string, number>();
  private readonly open = new OpenMap<OpenIntent>();
  /** A settled intent's record, reused by the next one. */
  private spare: OpenIntent | undefined;
  private readonly corrections = new Map<string, CorrectionTotals>(); // by leader
  private readonly correctionOf = new Map<string, CorrectionTotals>(); // open correction intent → its leader's totals
  private readonly all = new Acc();
  private readonly perLeader = new Map<string, Acc>();
  private readonly kept: EventAttribution[] | undefined;
  private readonly ratioOf: ((leader: string) => number | undefined) | undefined;
  private readonly touchAt: AttributionOptions["touchAt"];
  // the event being attributed (set by begin, used by part): no allocation per event
  private lt: Acc = this.all;
  private readonly fig = new EventFigures();
  private ltLeader: string | undefined;
  private rec: EventAttribution | undefined;

  constructor(opts: AttributionOptions = {}) {
    if (opts.keepEvents) this.kept = [];
    this.ratioOf = opts.ratioOf;
    this.touchAt = opts.touchAt;
  }

  /** Leader events: only needed to split batch (netted) decisions per event; single-event decisions carry all. */
  onLeaderEvent(ev: LeaderTradeEvent): void {
    if (ev.kind === "TRADE") this.pendingEvents.set(ev.eventId, ev);
  }

  onDecision(d: Decision): void {
    if (d.kind === "intent") return this.onIntent(d.intent);
    // the event was attributed when first decided; its pending record (netting) belongs to that first one
    if (d.kind === "skip" && d.reason === "DUPLICATE") return;
    const ids = d.sourceEventIds;
    // a netting window's decision carrying its trades' r_u: its one trade's ideal is its own, not the window's net
    const single = ids.length === 1 && (d.kind !== "skip" || d.sourceRatios === undefined);
    if (d.kind !== "skip" || single) {
      if (this.pendingEvents.size > 0) for (const id of ids) this.pendingEvents.delete(id);
    }
    if (d.kind !== "skip") return;
    const cause = d.reason === "NETTED" ? CI.netted : skipIndex(d.reason);
    if (single) {
      // a skipped MERGE/SPLIT/REDEEM/CONVERSION (no side) is no leader trade: the gap is defined per trade
      // (a netting window's skip, which carries its ratio, is one: a window of one size-0 trade nets to no side)
      if (d.side === null && d.ratio === undefined) return;
      // a copy caps or holdings had cut before a size rule refused it: the rule lost only what was left (targetShares)
      const kept = d.targetShares ?? d.idealShares;
      this.begin(d.leader, ids[0]!, d.side, d.leaderPrice, d.idealShares, 0, 0, 0, 1);
      this.part(CI.caps, (d.idealShares - kept) * d.leaderPrice);
      this.part(cause, kept * d.leaderPrice);
      return this.end();
    }
    const srcs = this.sources(d.leader, ids, d.side, d.idealShares, d.leaderPrice, d.ratio, d.sourceRatios);
    const I = sameSideIdeal(srcs, d.side);
    const kept = d.targetShares ?? d.idealShares;
    for (const s of srcs) {
      const same = s.side === null || d.side === null || s.side === d.side;
      const w = same ? weight(s, I, srcs, d.side) : 0;
      const lost = d.reason === "NETTED" ? 0 : w * kept * s.price;
      const capped = d.reason === "NETTED" ? 0 : w * (d.idealShares - kept) * s.price;
      this.begin(d.leader, s.id, s.side, s.price, s.ideal, 0, 0, 0, 1);
      this.part(CI.caps, capped);
      this.part(cause, lost);
      this.part(CI.netted, s.ideal * s.price - lost - capped);
      this.end();
    }
  }

  /** Reference touches of an intent as the fill model saw them (at leader time, at arrival). */
  onReference(intentId: string, ref: FillReference): void {
    const o = this.open.get(intentId);
    if (!o) return;
    if (ref.atLeader !== undefined) o.refL = ref.atLeader;
    if (ref.atArrival !== undefined) o.refA = ref.atArrival;
    if (ref.arrival !== undefined) o.arrival = ref.arrival;
    // a netting window's trades each get the touch at their own time (a move between them is latency, not spread)
    if (o.srcs !== null && this.touchAt !== undefined && ref.arrival !== undefined) {
      const i = o.intent;
      for (const s of o.srcs) {
        if (s.side === i.side && s.ts === s.ts) s.refL = this.touchAt(i.tokenId, i.side === "BUY", s.ts, ref.arrival) ?? Number.NaN;
      }
    }
  }

  onExec(e: ExecEvent): void {
    if (e.type === "fill") {
      const o = this.open.get(e.intentId);
      if (o) {
        o.filled += e.size;
        o.notional += e.size * e.price;
        o.fees += e.fee;
        if (e.ts > o.arrival) {
          // a resting order filled by a later book crossing its limit: it took no depth (the book came to it)
          o.restFilled += e.size;
          o.restNotional += e.size * e.price;
        }
        const x = e as { refAtLeader?: unknown; refAtArrival?: unknown };
        if (typeof x.refAtLeader === "number" && o.refL !== o.refL) o.refL = x.refAtLeader;
        if (typeof x.refAtArrival === "number" && o.refA !== o.refA) o.refA = x.refAtArrival;
        return;
      }
      const c = this.correctionOf.get(e.intentId);
      if (c) {
        c.filledShares += e.size;
        c.filledNotional += e.size * e.price;
        c.fees += e.fee;
      }
      return;
    }
    if (e.type === "accepted") {
      const a = this.open.get(e.intentId);
      if (a) a.limit = e.price;
      return;
    }
    if (e.type !== "done") return;
    const o = this.open.get(e.intentId);
    if (!o) {
      if (this.correctionOf.size > 0) this.correctionOf.delete(e.intentId);
      return;
    }
    this.open.delete(e.intentId);
    if (o.filled === 0 && e.filledShares > 0) {
      o.filled = e.filledShares;
      o.notional = e.filledShares * e.avgPrice;
    }
    // refused because the market closed while the order was on its way (MARKET_CLOSED): the delay lost it, not a venue rule
    this.settle(o, e.terminal !== "REJECTED" ? "partial" : e.detail.startsWith(EXEC_REJECT.MARKET_CLOSED) ? "latency" : "rejected");
    o.srcs = null;
    this.spare = o;
  }

  /** End of stream: attribute intents still open (no `done`) with what they filled so far, unfilled part as `open`. */
  flush(): void {
    for (const o of this.open.values()) this.settle(o, "open");
    this.open.clear();
  }

  totals(): AttributionTotals {
    return this.all.toTotals();
  }

  totalsByLeader(): Map<string, AttributionTotals> {
    const m = new Map<string, AttributionTotals>();
    for (const [k, v] of this.perLeader) m.set(k, v.toTotals());
    return m;
  }

  correctionTotals(): CorrectionTotals {
    const t: CorrectionTotals = noCorrections();
    for (const c of this.corrections.values()) {
      t.intents += c.intents;
      t.filledShares += c.filledShares;
      t.filledNotional += c.filledNotional;
      t.fees += c.fees;
    }
    return t;
  }

  /** Per-event records (empty unless keepEvents). */
  events(): readonly EventAttribution[] {
    return this.kept ?? [];
  }

  openIntents(): number {
    return this.open.size;
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────────────────────
  private onIntent(i: CopyIntent): void {
    if (i.purpose !== "copy") {
      if (i.purpose === "correction") {
        let c = this.corrections.get(i.leader);
        if (!c) this.corrections.set(i.leader, (c = noCorrections()));
        c.intents++;
        this.correctionOf.set(i.intentId, c);
      }
      return;
    }
    if (this.lastRatio.get(i.leader) !== i.ratio) this.lastRatio.set(i.leader, i.ratio);
    const ids = i.sourceEventIds;
    let srcs: Src[] | null = null;
    if (ids.length === 1 && i.sourceRatios === undefined) {
      if (this.pendingEvents.size > 0) this.pendingEvents.delete(ids[0]!);
    } else srcs = this.sources(i.leader, ids, i.side, i.idealShares, i.leaderPrice, i.ratio, i.sourceRatios);
    const o = this.spare;
    if (o !== undefined) {
      // reuse the record of the last intent settled (no allocation per intent)
      this.spare = undefined;
      o.intent = i;
      o.srcs = srcs;
      o.batchIdeal = o.filled = o.notional = o.fees = 0;
      o.refL = o.refA = o.arrival = Number.NaN;
      o.restFilled = o.restNotional = 0;
      o.limit = Number.NaN;
      this.open.set(i.intentId, o);
    } else this.open.set(i.intentId, { intent: i, srcs, batchIdeal: 0, filled: 0, notional: 0, fees: 0, refL: Number.NaN, refA: Number.NaN, arrival: Number.NaN, restFilled: 0, restNotional: 0, limit: Number.NaN });
  }

  /** Per-event ideal shares, side and price of a batch decision's source events. */
  private sources(leader: string, ids: readonly string[], side: Side | null, ideal: number, price: number, ratio: number | undefined, ratios?: readonly number[]): Src[] {
    const infos: LeaderTradeEvent[] = [];
    let net = 0;
    for (const id of ids) {
      const li = this.pendingEvents.get(id);
      if (!li) break;
      infos.push(li);
      net += li.side === "SELL" ? -li.size : li.size;
    }
    for (const id of ids) this.pendingEvents.delete(id);
    if (infos.length < ids.length) return ids.map((id) => ({ id, side, price, ideal: ideal / ids.length, ts: Number.NaN, refL: Number.NaN }));
    const r = ratio ?? (Math.abs(net) > EPS ? ideal / Math.abs(net) : (this.lastRatio.get(leader) ?? this.ratioOf?.(leader) ?? 0));
    return ids.map((id, k) => {
      const li = infos[k]!;
      // each trade at its own r_u when the window's differed (BUDGETED_DYNAMIC), as without netting
      return { id, side: li.side, price: li.price, ideal: (ratios?.[k] ?? r) * li.size, ts: li.ts, refL: Number.NaN };
    });
  }

  private settle(o: OpenIntent, unfilled: Unfilled): void {
    const i = o.intent;
    if (o.srcs === null) return this.settleOne(o, null, unfilled);
    o.batchIdeal = sameSideIdeal(o.srcs, i.side);
    for (const s of o.srcs) {
      if (s.side !== null && s.side !== i.side) {
        this.begin(i.leader, s.id, s.side, s.price, s.ideal, 0, 0, 0, 1);
        this.part(CI.netted, s.ideal * s.price);
        this.end();
      } else this.settleOne(o, s, unfilled);
    }
  }

  /** One same-side source event `s` of an intent (null: its single event), with its pro-rata weight w. */
  private settleOne(o: OpenIntent, s: Src | null, unfilled: Unfilled): void {
    // takes the source, not its numbers: doubles passed to a call that is not inlined are boxed, an allocation each
    const i = o.intent;
    const id = s === null ? i.sourceEventIds[0]! : s.id;
    const side = s === null ? i.side : s.side;
    const p = s === null ? i.leaderPrice : s.price;
    const ideal = s === null ? i.idealShares : s.ideal;
    const w = s === null ? 1 : weight(s, o.batchIdeal, o.srcs!, i.side);
    const sigma = i.side === "BUY" ? 1 : -1;
    const Inet = i.idealShares;
    const T = i.targetShares;
    // caps vs rounding of the intent's target against its (net) ideal
    const R = floorShares(Inet);
    let capsSh: number;
    let roundSh: number;
    if (T <= R + EPS) {
      capsSh = R - T;
      roundSh = Inet - R;
    } else if (T <= Inet + 0.01 + EPS) {
      capsSh = 0;
      roundSh = Inet - T;
    } else {
      capsSh = Inet - T;
      roundSh = 0;
    }
    const F = w * o.filled;
    const N = w * o.notional;
    const fees = w * o.fees;
    const refL = s !== null && s.refL === s.refL ? s.refL : o.refL === o.refL ? o.refL : p;
    const refA = o.refA === o.refA ? o.refA : refL;
    // a resting fill met the book at its own price when the book crossed it: its move from R1 is latency, not slippage
    const Fr = w * o.restFilled;
    const rest = w * o.restNotional - refA * Fr;
    this.begin(i.leader, id, side, p, ideal, F, N, fees, sigma);
    this.part(CI.netted, (ideal - w * Inet) * p);
    this.part(CI.caps, w * capsSh * p);
    this.part(CI.rounding, w * roundSh * p);
    this.part(this.unfilledCause(o, unfilled, sigma, refL), w * (T - o.filled) * p);
    this.part(CI.spread, sigma * (refL - p) * F);
    this.part(CI.latency, sigma * ((refA - refL) * F + rest));
    this.part(CI.slippage, sigma * (N - refA * F - rest));
    this.part(CI.fees, fees);
    this.end();
  }

  /**
   * Why an accepted order left shares unfilled: when our side's touch at arrival was beyond its limit (nothing within
   * reach, however deep the book), the price kept it out: the move since the leader's time (latency) when the touch then
   * was within the limit, else the spread the book already had then. Otherwise depth ran out (or a GTC was not
   * crossed in time): partial.
   */
  private unfilledCause(o: OpenIntent, unfilled: Unfilled, sigma: number, refL: number): number {
    if (unfilled !== "partial" || !(sigma * (o.refA - o.limit) > EPS)) return CI[unfilled];
    return sigma * (refL - o.limit) > EPS ? CI.spread : CI.latency;
  }

  /** Start an event: adds ideal, fills and the independently computed gap to the totals. */
  private begin(leader: string, id: string, side: Side | null, p: number, ideal: number, F: number, N: number, fees: number, sigma: number): void {
    // kept small (the leader switch and per-event records out of line) so that it is inlined: doubles passed to a
    // call that is not inlined are boxed, an allocation each
    const gap = (ideal - F) * p + sigma * (N - F * p) + fees;
    if (leader !== this.ltLeader) this.switchLeader(leader);
    const f = this.fig;
    f.ideal = ideal;
    f.price = p;
    f.F = F;
    f.N = N;
    f.fees = fees;
    f.gap = gap;
    this.all.addEvent(f);
    this.lt.addEvent(f);
    if (this.kept) this.rec = { eventId: id, leader, side, leaderPrice: p, idealShares: ideal, filledShares: F, filledNotional: N, gap, parts: {} };
  }

  private switchLeader(leader: string): void {
    let lt = this.perLeader.get(leader);
    if (!lt) this.perLeader.set(leader, (lt = new Acc()));
    this.lt = lt;
    this.ltLeader = leader;
  }

  private part(k: number, v: number): void {
    if (v === 0) return;
    const a = this.all.causes;
    const l = this.lt.causes;
    a[k] = a[k]! + v;
    l[k] = l[k]! + v;
    if (this.rec) this.keepPart(k, v);
  }

  private keepPart(k: number, v: number): void {
    const parts = this.rec!.parts;
    const c = CAUSE_KEYS[k]!;
    parts[c] = (parts[c] ?? 0) + v;
  }

  private end(): void {
    if (this.rec) this.kept!.push(this.rec);
    this.rec = undefined;
  }
}
