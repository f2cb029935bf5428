// Attribution: for every leader trade, the gap between the ideal copy (r_u × leader size at the leader's price) and
// what the copy got, split by cause so the parts sum exactly to the gap. Pure; fed decisions and ExecEvents in order.
import type { CopyIntent, Decision, ExecEvent, LeaderTradeEvent, Side } from "../core/index.js";
import { floorShares } from "../core/index.js";

/*
 * Definitions, per leader event e (side σ = +1 BUY, −1 SELL; p = leader price; I = ideal shares = r_u × leader size):
 *   F = filled shares allocated to e, N = their notional at fill prices, fees = their fees.
 *   gap = (I − F)·p  +  σ·(N − F·p)  +  fees        (quantity not copied at p, plus price paid beyond p, plus fees)
 * The parts (each in USD; positive = the copy fell short or paid more):
 *   skipped:<REASON>  I·p of a skipped event (its ideal, wholly lost)
 *   netted            ideal folded away by netting: opposite-side events of a batch, and same-side ideal beyond the
 *                     batch's net ideal (netted-to-zero windows land here entirely)
 *   caps              (ideal − target) beyond 0.01-share rounding: caps and clips (max copy notional, bankroll %,
 *                     cash, holdings, sell-fraction rule; negative when the target exceeds the ideal)
 *   rounding          ideal − floorShares(ideal): the size-grid remainder
 *   partial           (target − filled)·p of an accepted intent: FAK/FOK kills, GTC left unfilled
 *   rejected          (target − filled)·p of an intent that ended REJECTED
 *   open              (target − filled)·p of an intent still open at flush()
 *   spread            σ·(R0 − p)·F   R0 = reference touch (ask for BUY, bid for SELL) at leader time
 *   latency           σ·(R1 − R0)·F  R1 = reference touch when our order arrived (drift during the delay)
 *   slippage          σ·(N − R1·F)   walking the book beyond the touch at arrival
 *   fees              fees
 * R0 and R1 come from the fill model (onReference, or `refAtLeader`/`refAtArrival` keys on a fill); absent, R0 = p
 * and R1 = R0, so all price effect is slippage. A batch intent (netting) is allocated to its same-side source events
 * pro rata to their ideal shares w_e = I_e / ΣI; the identity holds per event by construction.
 */

import { add, addEvent, cloneTotals, emptyTotals, sameSideIdeal, weight, type AttributionTotals, type Cause, type CorrectionTotals, type EventAttribution, type FillReference, type Src } from "./attribution-totals.js";
export { CAUSES, type AttributionTotals, type Cause, type CorrectionTotals, type EventAttribution, type FillReference } from "./attribution-totals.js";


interface LeaderInfo {
  side: Side | null;
  size: number;
  price: number;
}

interface OpenIntent {
  intent: CopyIntent;
  srcs: Src[];
  filled: number;
  notional: number;
  fees: number;
  refL: number;
  refA: number;
}

export interface AttributionOptions {
  /** Keep one EventAttribution per leader event (default false: totals only). */
  keepEvents?: boolean;
  /** r_u of a leader, for batch skips that netted to zero (no ratio to infer); default: r_u of its last intent. */
  ratioOf?: (leader: string) => number | undefined;
}

const EPS = 1e-9;

export class Attribution {
  private readonly pendingEvents = new Map<string, LeaderInfo>();
  private readonly lastRatio = new Map<string, number>();
  private readonly open = new Map<string, OpenIntent>();
  private readonly corrections = new Map<string, CorrectionTotals>(); // by leader
  private readonly correctionOf = new Map<string, CorrectionTotals>(); // open correction intent → its leader's totals
  private readonly all = emptyTotals();
  private readonly perLeader = new Map<string, AttributionTotals>();
  private readonly kept: EventAttribution[] | undefined;
  private readonly ratioOf: ((leader: string) => number | undefined) | undefined;

  constructor(opts: AttributionOptions = {}) {
    if (opts.keepEvents) this.kept = [];
    this.ratioOf = opts.ratioOf;
  }

  /** Leader events: only needed to split batch (netted) decisions per event; single-event decisions carry all. */
  onLeaderEvent(ev: LeaderTradeEvent): void {
    if (ev.kind === "TRADE") this.pendingEvents.set(ev.eventId, { side: ev.side, size: ev.size, price: ev.price });
  }

  onDecision(d: Decision): void {
    if (d.kind === "intent") return this.onIntent(d.intent);
    if (d.kind !== "skip") return this.forget(d.sourceEventIds);
    if (d.reason === "DUPLICATE") return; // the event was attributed when first decided
    const srcs = this.sources(d.leader, d.sourceEventIds, d.side, d.idealShares, d.leaderPrice, undefined);
    const I = sameSideIdeal(srcs, d.side);
    for (const s of srcs) {
      const same = s.side === null || d.side === null || s.side === d.side;
      const w = same ? weight(s, I, srcs, d.side) : 0;
      const lost = d.reason === "NETTED" ? 0 : w * d.idealShares * s.price;
      const rec = this.begin(d.leader, s, 0, 0, 0);
      this.part(rec, d.leader, `skipped:${d.reason}`, lost);
      this.part(rec, d.leader, "netted", s.ideal * s.price - lost);
      this.end(rec);
    }
  }

  /** Reference touches of an intent as the fill model saw them (at leader time, at arrival). */
  onReference(intentId: string, ref: FillReference): void {
    const o = this.open.get(intentId);
    if (!o) return;
    if (ref.atLeader !== undefined) o.refL = ref.atLeader;
    if (ref.atArrival !== undefined) o.refA = ref.atArrival;
  }

  onExec(e: ExecEvent): void {
    if (e.type === "fill") {
      const o = this.open.get(e.intentId);
      if (o) {
        o.filled += e.size;
        o.notional += e.size * e.price;
        o.fees += e.fee;
        const x = e as { refAtLeader?: unknown; refAtArrival?: unknown };
        if (typeof x.refAtLeader === "number" && o.refL !== o.refL) o.refL = x.refAtLeader;
        if (typeof x.refAtArrival === "number" && o.refA !== o.refA) o.refA = x.refAtArrival;
        return;
      }
      const c = this.correctionOf.get(e.intentId);
      if (c) {
        c.filledShares += e.size;
        c.filledNotional += e.size * e.price;
      }
      return;
    }
    if (e.type !== "done") return;
    this.correctionOf.delete(e.intentId);
    const o = this.open.get(e.intentId);
    if (!o) return;
    this.open.delete(e.intentId);
    if (o.filled === 0 && e.filledShares > 0) {
      o.filled = e.filledShares;
      o.notional = e.filledShares * e.avgPrice;
    }
    this.settle(o, e.terminal === "REJECTED" ? "rejected" : "partial");
  }

  /** End of stream: attribute intents still open (no `done`) with what they filled so far, unfilled part as `open`. */
  flush(): void {
    for (const o of this.open.values()) this.settle(o, "open");
    this.open.clear();
  }

  totals(): AttributionTotals {
    return cloneTotals(this.all);
  }

  totalsByLeader(): Map<string, AttributionTotals> {
    const m = new Map<string, AttributionTotals>();
    for (const [k, v] of this.perLeader) m.set(k, cloneTotals(v));
    return m;
  }

  correctionTotals(): CorrectionTotals {
    const t: CorrectionTotals = { intents: 0, filledShares: 0, filledNotional: 0 };
    for (const c of this.corrections.values()) {
      t.intents += c.intents;
      t.filledShares += c.filledShares;
      t.filledNotional += c.filledNotional;
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
        if (!c) this.corrections.set(i.leader, (c = { intents: 0, filledShares: 0, filledNotional: 0 }));
        c.intents++;
        this.correctionOf.set(i.intentId, c);
      }
      return;
    }
    this.lastRatio.set(i.leader, i.ratio);
    const srcs = this.sources(i.leader, i.sourceEventIds, i.side, i.idealShares, i.leaderPrice, i.ratio);
    this.open.set(i.intentId, { intent: i, srcs, filled: 0, notional: 0, fees: 0, refL: Number.NaN, refA: Number.NaN });
  }

  private forget(ids: readonly string[]): void {
    if (this.pendingEvents.size > 0) for (const id of ids) this.pendingEvents.delete(id);
  }

  /** Per-event ideal shares, side and price of a decision's source events. */
  private sources(leader: string, ids: readonly string[], side: Side | null, ideal: number, price: number, ratio: number | undefined): Src[] {
    if (ids.length === 1) {
      this.pendingEvents.delete(ids[0]!);
      return [{ id: ids[0]!, side, price, ideal }];
    }
    const infos: LeaderInfo[] = [];
    let net = 0;
    for (const id of ids) {
      const li = this.pendingEvents.get(id);
      if (!li) break;
      infos.push(li);
      net += li.side === "SELL" ? -li.size : li.size;
    }
    this.forget(ids);
    if (infos.length < ids.length) return ids.map((id) => ({ id, side, price, ideal: ideal / ids.length }));
    const r = ratio ?? (Math.abs(net) > EPS ? ideal / Math.abs(net) : (this.lastRatio.get(leader) ?? this.ratioOf?.(leader) ?? 0));
    return ids.map((id, k) => {
      const li = infos[k]!;
      return { id, side: li.side, price: li.price, ideal: r * li.size };
    });
  }

  private settle(o: OpenIntent, unfilledCause: "partial" | "rejected" | "open"): void {
    const i = o.intent;
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
    const I = sameSideIdeal(o.srcs, i.side);
    for (const s of o.srcs) {
      const same = s.side === null || s.side === i.side;
      if (!same) {
        const rec = this.begin(i.leader, s, 0, 0, 0);
        this.part(rec, i.leader, "netted", s.ideal * s.price);
        this.end(rec);
        continue;
      }
      const w = weight(s, I, o.srcs, i.side);
      const p = s.price;
      const F = w * o.filled;
      const N = w * o.notional;
      const refL = o.refL === o.refL ? o.refL : p;
      const refA = o.refA === o.refA ? o.refA : refL;
      const rec = this.begin(i.leader, s, F, N, w * o.fees, sigma);
      this.part(rec, i.leader, "netted", (s.ideal - w * Inet) * p);
      this.part(rec, i.leader, "caps", w * capsSh * p);
      this.part(rec, i.leader, "rounding", w * roundSh * p);
      this.part(rec, i.leader, unfilledCause, w * (T - o.filled) * p);
      this.part(rec, i.leader, "spread", sigma * (refL - p) * F);
      this.part(rec, i.leader, "latency", sigma * (refA - refL) * F);
      this.part(rec, i.leader, "slippage", sigma * (N - refA * F));
      this.part(rec, i.leader, "fees", w * o.fees);
      this.end(rec);
    }
  }

  /** Start an event's record: adds ideal, fills and the independently computed gap to the totals. */
  private begin(leader: string, s: Src, F: number, N: number, fees: number, sigma = 1): EventAttribution | undefined {
    const gap = (s.ideal - F) * s.price + sigma * (N - F * s.price) + fees;
    addEvent(this.all, s, F, N, fees, gap);
    addEvent(this.leaderTotals(leader), s, F, N, fees, gap);
    if (!this.kept) return undefined;
    return { eventId: s.id, leader, side: s.side, leaderPrice: s.price, idealShares: s.ideal, filledShares: F, filledNotional: N, gap, parts: {} };
  }

  private part(rec: EventAttribution | undefined, leader: string, cause: Cause, v: number): void {
    if (v === 0) return;
    add(this.all.byCause, cause, v);
    add(this.leaderTotals(leader).byCause, cause, v);
    if (rec) add(rec.parts, cause, v);
  }

  private end(rec: EventAttribution | undefined): void {
    if (rec) this.kept!.push(rec);
  }

  private leaderTotals(leader: string): AttributionTotals {
    let t = this.perLeader.get(leader);
    if (!t) this.perLeader.set(leader, (t = emptyTotals()));
    return t;
  }
}
