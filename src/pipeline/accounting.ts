// RunAccounting: wires the ledger, attribution, tracking and run counters to the three streams a run produces
// (leader events, decisions, exec events) so the replay runner and live sinks feed one object. Pure, no I/O.
import type { Decision, ExecEvent, FeeRate, Holdings, LeaderTradeEvent, Resolution, SkipReason, Terminal } from "../core/index.js";
import { Attribution, type AttributionOptions, type AttributionTotals, type CorrectionTotals } from "./attribution.js";
import { Ledger, type LedgerAnomalies, type LedgerSnapshot } from "./ledger.js";
import type { LeaderBook } from "./leader-book.js";
import { Tracker, type LeaderTracking } from "./tracking.js";

export interface RunCounts {
  leaderEvents: number;
  decisions: number;
  intents: number;
  intentsByPurpose: Record<string, number>;
  skips: number;
  skipsByReason: Partial<Record<SkipReason, number>>;
  mirrors: number;
  mirrorsByAction: Record<string, number>;
  accepted: number;
  rejected: number;
  fills: number;
  filledShares: number;
  filledNotional: number;
  fees: number;
  done: number;
  terminals: Partial<Record<Terminal, number>>;
  /** Orders by how they ended: the code `done.detail` starts with (core/exec-reasons EXEC_END or EXEC_REJECT). */
  endReasons: Record<string, number>;
}

/** Everything a run's accounting knows at its end: the input of report.summarise. */
export interface RunResult {
  counts: RunCounts;
  attribution: AttributionTotals;
  attributionByLeader: Record<string, AttributionTotals>;
  corrections: CorrectionTotals;
  tracking: LeaderTracking[];
  ledger: LedgerSnapshot;
  anomalies: LedgerAnomalies;
}

/** Counts of decisions and exec events; plain number fields, no allocation per event. */
export class RunCounter {
  leaderEvents = 0;
  decisions = 0;
  intents = 0;
  skips = 0;
  mirrors = 0;
  accepted = 0;
  rejected = 0;
  fills = 0;
  filledShares = 0;
  filledNotional = 0;
  fees = 0;
  done = 0;
  private readonly purpose = new KeyCounts<string>();
  private readonly reasons = new KeyCounts<SkipReason>();
  private readonly actions = new KeyCounts<string>();
  private readonly terminals = new KeyCounts<Terminal>();
  private readonly ends = new KeyCounts<string>();

  onDecision(d: Decision): void {
    this.decisions++;
    if (d.kind === "intent") {
      this.intents++;
      this.purpose.bump(d.intent.purpose);
    } else if (d.kind === "skip") {
      this.skips++;
      this.reasons.bump(d.reason);
    } else {
      this.mirrors++;
      this.actions.bump(d.action);
    }
  }

  onExec(e: ExecEvent): void {
    switch (e.type) {
      case "accepted":
        this.accepted++;
        return;
      case "rejected":
        this.rejected++;
        return;
      case "fill":
        this.fills++;
        this.filledShares += e.size;
        this.filledNotional += e.size * e.price;
        this.fees += e.fee;
        return;
      case "done":
        this.done++;
        this.terminals.bump(e.terminal);
        this.ends.bump(endCode(e.detail));
        return;
    }
  }

  counts(): RunCounts {
    return {
      leaderEvents: this.leaderEvents,
      decisions: this.decisions,
      intents: this.intents,
      intentsByPurpose: this.purpose.record(),
      skips: this.skips,
      skipsByReason: this.reasons.record(),
      mirrors: this.mirrors,
      mirrorsByAction: this.actions.record(),
      accepted: this.accepted,
      rejected: this.rejected,
      fills: this.fills,
      filledShares: this.filledShares,
      filledNotional: this.filledNotional,
      fees: this.fees,
      done: this.done,
      terminals: this.terminals.record(),
      endReasons: this.ends.record(),
    };
  }
}

/** Order-end bucket of a done whose detail is empty (an executor that gives none): counted there, not dropped. */
const NO_DETAIL = "NO_DETAIL";

/** The code a done detail starts with (the paper engine's detail is the code alone). */
function endCode(detail: string): string {
  const sp = detail.indexOf(" ");
  const code = sp < 0 ? detail : detail.slice(0, sp);
  return code === "" ? NO_DETAIL : code;
}

/**
 * Counts by key in first-seen order. The keys are a few enum values: a linear scan comparing (interned) strings is
 * cheaper than a keyed property or Map update per event.
 */
class KeyCounts<K extends string> {
  private readonly keys: K[] = [];
  private readonly counts: number[] = [];

  bump(k: K): void {
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === k) {
        this.counts[i]!++;
        return;
      }
    }
    keys.push(k);
    this.counts.push(1);
  }

  /** The counts as a plain object (keys in first-seen order). */
  record(): Record<K, number> {
    const r = {} as Record<K, number>;
    for (let i = 0; i < this.keys.length; i++) r[this.keys[i]!] = this.counts[i]!;
    return r;
  }
}

export interface RunAccountingOptions {
  /** Copier starting cash (the bankroll). */
  cash: number;
  /** r_u of a leader before its first intent (e.g. the FIXED_RATE ratio), for drift and netted-to-zero batches. */
  ratioOf?: (leader: string) => number | undefined;
  /** The fill model's touch at a time, for a netting window's trades (AttributionOptions.touchAt). */
  touchAt?: AttributionOptions["touchAt"];
  /** Keep per-event attribution records (default false). */
  keepEvents?: boolean;
  /** Keep the ledger's positions-over-time points (default false). */
  recordHistory?: boolean;
  /** Keep the drift series (default true). */
  recordSeries?: boolean;
  /**
   * Some leader nets trades or corrects drift (default true): attribution then keeps leader events until their decision
   * (a batch, or a copy offset against a correction, carrying its trades' r_u) is decided.
   */
  netting?: boolean;
  /**
   * decide's leader books (Decider.leaderBook): tracking reads them instead of keeping its own copy. Then call
   * onLeaderEvent after decide has stepped the event (and before handling its decisions).
   */
  leaderBooks?: (leader: string) => LeaderBook | undefined;
  /** Taker fee of a token's market, for the ledger's BUY reservations. */
  feeRateOf?: (tokenId: string) => FeeRate | undefined;
}

/**
 * Also the Holdings decide sizes against: cash and shares from the ledger; each leader's part of a position from
 * tracking's copy positions per leader, less that leader's open SELLs as the ledger reserved them.
 */
export class RunAccounting implements Holdings {
  readonly ledger: Ledger;
  readonly attribution: Attribution;
  readonly tracker: Tracker;
  readonly counter = new RunCounter();
  private lastTs = 0;
  private readonly netting: boolean;
  /** Markets closed while an order there was still open (the ledger kept them): folded once their last order ends. */
  private readonly pendingFolds = new Set<string>();

  constructor(opts: RunAccountingOptions) {
    this.netting = opts.netting ?? true;
    this.ledger = new Ledger({ cash: opts.cash, recordHistory: opts.recordHistory ?? false, ...(opts.feeRateOf ? { feeRateOf: opts.feeRateOf } : {}) });
    const ratioOf = opts.ratioOf;
    this.attribution = new Attribution({ keepEvents: opts.keepEvents ?? false, ...(ratioOf ? { ratioOf } : {}), ...(opts.touchAt ? { touchAt: opts.touchAt } : {}) });
    this.tracker = new Tracker({ recordSeries: opts.recordSeries ?? true, ...(ratioOf ? { ratioOf } : {}), ...(opts.leaderBooks ? { leaderBooks: opts.leaderBooks } : {}) });
  }

  cash(): number {
    return this.ledger.cash();
  }

  shares(tokenId: string): number {
    return this.ledger.shares(tokenId);
  }

  leaderShares(leader: string, tokenId: string): number {
    const s = this.tracker.copyShares(leader, tokenId) - this.ledger.reservedFor(leader, tokenId);
    return s > 1e-9 ? s : 0;
  }

  openBuys(leader: string, tokenId: string): number {
    return this.ledger.openBuys(leader, tokenId);
  }

  /** A leader event; `duplicate`: decide skipped it as one (only read with shared leader books). */
  onLeaderEvent(ev: LeaderTradeEvent, duplicate = false): void {
    this.counter.leaderEvents++;
    if (ev.ts > this.lastTs) this.lastTs = ev.ts;
    // a duplicate is never decided again (its DUPLICATE skip is not attributed): kept, it would stay pending for good
    if (this.netting && !duplicate) this.attribution.onLeaderEvent(ev);
    this.tracker.onLeaderEvent(ev, duplicate);
    if (ev.kind === "TRADE") this.ledger.observePrice(ev.tokenId, ev.price);
  }

  onDecision(d: Decision): void {
    this.counter.onDecision(d);
    this.attribution.onDecision(d);
    this.tracker.onDecision(d);
    if (d.kind === "intent") this.ledger.onIntent(d.intent);
    else if (d.kind === "mirror") this.ledger.applyMirror(d);
  }

  onExec(e: ExecEvent): void {
    if (e.ts > this.lastTs) this.lastTs = e.ts;
    this.counter.onExec(e);
    const ended = this.ledger.applyExec(e);
    if (ended !== undefined && this.pendingFolds.size > 0 && this.pendingFolds.has(ended) && this.ledger.closeMarket(ended)) this.pendingFolds.delete(ended);
    this.attribution.onExec(e);
    this.tracker.onExec(e);
  }

  /**
   * `leader` redeemed `conditionId` and its mirror was applied (and the executor's orders there ended): fold the
   * market's flat positions out of the ledger and of the leader's tracking books. Sums and reports stay the same;
   * per-market memory is released.
   */
  closeMarket(leader: string, conditionId: string): void {
    if (!this.ledger.closeMarket(conditionId) && this.ledger.hasOpenOrdersIn(conditionId)) this.pendingFolds.add(conditionId);
    this.tracker.closeMarket(leader, conditionId);
  }

  /** A market resolved: settle the ledger at 1/0 and mark the market settled in tracking. */
  resolve(r: Resolution): void {
    this.ledger.settle(r);
    this.tracker.resolve(r);
  }

  /** End of run: attributes intents still open and returns everything report.summarise needs. */
  finish(): RunResult {
    this.attribution.flush();
    return {
      counts: this.counter.counts(),
      attribution: this.attribution.totals(),
      attributionByLeader: Object.fromEntries(this.attribution.totalsByLeader()),
      corrections: this.attribution.correctionTotals(),
      tracking: this.tracker.summary(),
      // valued at the same marks as tracking (leader prints, not the copy's own fills): copy PnL and equity agree
      ledger: this.ledger.markToMarket(this.tracker.marks(), this.lastTs),
      anomalies: { ...this.ledger.anomalies },
    };
  }
}
