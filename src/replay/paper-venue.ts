// The paper venue of one replay: orders in flight, resting orders, market outcomes and the replay's clock, in time
// order (ReplayPaperVenue), behind the paper clock and paper fill operators of flow.ts.
import type { Subscriber } from "rxjs";
import { decidedAt, touchOf, type CopyIntent, type ExecEvent } from "../core/index.js";
import { EXEC_REJECT } from "../core/exec-reasons.js";
import { rejectedEvents, type PaperEngine } from "../exec/paper/index.js";
import { emitAll, type ClockItem, type ExecBatch, type FlowItem, type ReplayBooks, type VenueItem } from "./flow-items.js";
import { InFlight, type InFlightOrder } from "../exec/paper/in-flight.js";
import { resolutionTimeline, type MarketResolution } from "./resolutions.js";
import type { InputIssue } from "../core/input-issue.js";

/**
 * The paper venue of one replay: the paper engine, the book view it fills against, the orders in flight, the market
 * outcomes to apply and the replay's clock. Shared by the two paper stages (paperClock before decide, paperFill
 * after it).
 *
 * An order meets the book at its arrival (intent.ts + latency), and is matched only once the clock has passed that
 * time: the book view then knows every leader trade up to the arrival (leader-anchored books learn them as the
 * replay reads them), and resting orders have been stepped to it. Decisions in between see the order's cash or
 * shares reserved (the ledger reserves at the decision).
 */
export class ReplayPaperVenue {
  /** Resolutions with a close time, by time; those without one apply at the end horizon (untimed). */
  private readonly timeline: MarketResolution[];
  private readonly untimed: MarketResolution[];
  /** After the last event (closeWindows, end): the end horizon lastTs + endHorizonMs is a point in time. */
  private ending = false;
  /** The end horizon has been passed: resting orders were cancelled there, and later orders do not rest. */
  private horizonPassed = false;
  private readonly inFlight = new InFlight();
  private nextRes = 0;
  /** Close time of the next resolution (+∞ when none is timed): the hot path pays one comparison per new ts. */
  private dueTs: number;
  lastTs = Number.NEGATIVE_INFINITY;
  /** Venue time the clock has processed to (an order placed now sets off at or after it). */
  private now = Number.NEGATIVE_INFINITY;
  /**
   * When decide's next netting window closes (+∞: none); the runner sets it to Decider.useClock(). The clock
   * then sends TimePassed at that time, so the batch is decided, and its order sent, when the window closes.
   */
  nextTimer: () => number = () => Number.POSITIVE_INFINITY;
  /**
   * Outcome tokens of a market the leaders' events showed so far (the runner sets it to Decider.marketTokens): a
   * resolution whose tokens do not include them all describes another market's tokens, and is not applied.
   */
  knownTokens: (conditionId: string) => readonly string[] = () => [];
  /** Resolutions not applied (their outcome tokens disagree with the tokens traded in the market), named. */
  readonly unapplied: InputIssue[] = [];
  /** Venue time resting orders have been stepped to. */
  private steppedTo = Number.NEGATIVE_INFINITY;
  /** Markets closed (redeemed or resolved) by conditionId, and their tokens, with the close time: orders refused. */
  private readonly closedMarkets = new Map<string, number>();
  private readonly closedTokens = new Map<string, number>();

  constructor(
    readonly engine: PaperEngine,
    readonly books: ReplayBooks,
    resolutions: readonly MarketResolution[] = [],
    private readonly endHorizonMs = 0,
  ) {
    const all = resolutionTimeline(oneEach(resolutions));
    this.timeline = all.filter((r) => r.ts !== undefined);
    this.untimed = all.filter((r) => r.ts === undefined);
    this.dueTs = this.timeAt(0);
  }

  private timeAt(i: number): number {
    return i < this.timeline.length ? (this.timeline[i]!.ts ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  }

  /**
   * Venue time reaches `ts` (every event before it has been read). In time order: orders in flight that arrived
   * before it meet the book, netting windows that closed before it are decided (TimePassed; their orders set off
   * then), resolutions apply; then resting orders fill up to just before ts (not at ts: a leader REDEEM there closes
   * the market first), and resolutions closing at ts apply.
   */
  tick(ts: number, out: Subscriber<ClockItem>): void {
    this.lastTs = ts;
    const q = this.inFlight;
    for (;;) {
      const a = q.nextArrival();
      const w = this.nextTimer();
      if (a < ts && a <= w) this.arrive(a, out);
      else if (w < ts) this.fireTimer(w, out);
      else break;
    }
    this.now = ts;
    // Resting orders step to just before ts: a leader REDEEM at ts (decided after this) closes the market AT ts, so
    // nothing may fill there; the snapshot at ts is offered when time next moves on (cursors stay at the last one seen).
    this.stepTo(ts - 1, out);
    if (this.dueTs <= ts) this.resolveUntil(ts + 1, out); // resolutions closing at ts apply before decide sees ts
  }

  /**
   * The events ended: netting windows still open close at their ends, in time order with the orders arriving before
   * them (resting orders step no further than the end horizon), so each is decided on the holdings of its time.
   */
  closeWindows(out: Subscriber<ClockItem>): void {
    this.ending = true;
    const q = this.inFlight;
    for (let w = this.nextTimer(); Number.isFinite(w); w = this.nextTimer()) {
      for (let a = q.nextArrival(); a <= w; a = q.nextArrival()) this.arrive(a, out);
      this.fireTimer(w, out);
    }
  }

  /** A netting window closes at w: resting orders and resolutions are brought to w, then decide hears of it. */
  private fireTimer(w: number, out: Subscriber<ClockItem>): void {
    this.bringTo(w, out);
    this.now = w;
    out.next({ kind: "time", ts: w });
    if (!(this.nextTimer() > w)) throw new Error(`replay: the netting window due at ${w} was not closed (is decideFlow between paperClock and paperFill?)`);
  }

  /**
   * An intent passed decide: it sets off towards the book, and meets it once the clock passes its arrival. One
   * decided after the time it says (a netted batch closed late, when no timer is wired) leaves now, not in the past;
   * one for a market already closed is refused when it arrives.
   */
  place(intent: CopyIntent): void {
    let a = this.engine.arrivalOf(intent);
    const sent = decidedAt(intent);
    if (sent < this.now) a += this.now - sent;
    // the leader's-time touch as the view knows it now, right after the leader's trade (by arrival, a later trade of
    // the same ms may have moved a leader-anchored book: that move is latency, not spread)
    const b = intent.sourceEventIds.length === 1 ? this.books.at(intent.tokenId, intent.ts) : undefined;
    this.inFlight.add(intent, a, this.closedMarkets.size === 0 ? undefined : this.closedAt(intent), b === undefined ? undefined : touchOf(b, intent.side === "BUY"));
  }

  /** A leader redeemed `conditionId`: its resting orders are cancelled, its orders in flight and later ones refused. */
  closeMarket(tokenIds: readonly string[], ts: number, conditionId: string, out: Subscriber<ExecBatch>): void {
    this.markClosed(tokenIds, ts, conditionId);
    emitAll(this.engine.forget(tokenIds, ts, conditionId), out);
  }

  private markClosed(tokenIds: readonly string[], ts: number, conditionId: string): void {
    if (!this.closedMarkets.has(conditionId)) this.closedMarkets.set(conditionId, ts);
    for (let i = 0; i < tokenIds.length; i++) if (!this.closedTokens.has(tokenIds[i]!)) this.closedTokens.set(tokenIds[i]!, ts);
    if (this.inFlight.size > 0) this.inFlight.close(tokenIds, ts, conditionId);
  }

  /** When the intent's market closed (by its conditionId; by its token only when it carries no conditionId). */
  private closedAt(intent: CopyIntent): number | undefined {
    const c = intent.conditionId;
    return c !== "" ? this.closedMarkets.get(c) : this.closedTokens.get(intent.tokenId);
  }

  /**
   * Resting orders are stepped to `t`; a resolution due by `t` applies at its own time, after they were stepped to
   * just before it. A market closes AT its close time r: nothing fills there at r, whether the clock stops at r (an
   * event, an arrival, a window end there) or passes it; as with a leader REDEEM at r.
   */
  private stepTo(t: number, out: Subscriber<VenueItem>): void {
    while (this.dueTs <= t) {
      const r = this.dueTs;
      this.advance(r - 1, out);
      this.resolveUntil(r + 1, out); // those closing at r (ms times)
    }
    this.advance(t, out);
  }

  private advance(t: number, out: Subscriber<VenueItem>): void {
    // the same t again is stepped again: a leader-anchored view may have learned a snapshot at t since (its trades
    // at t are observed after the clock reached t), and a resting order must be offered it
    if (t < this.steppedTo) return;
    this.steppedTo = t;
    if (this.engine.open() > 0) emitAll(this.engine.advance(t), out);
  }

  /** The next order in flight (arriving at `a`) meets the book, once time (resting orders, resolutions) is brought to a. */
  private arrive(a: number, out: Subscriber<VenueItem>): void {
    this.bringTo(a, out);
    if (a > this.now) this.now = a;
    const o: InFlightOrder = this.inFlight.take();
    if (o.closedAt !== undefined) return emitAll(refused(o.intent, a, o.closedAt), out);
    emitAll(this.engine.submitAt(o.intent, a, o.atLeader), out);
    // past the end horizon nothing rests: what did not fill at once is cancelled there and then
    if (this.horizonPassed && this.engine.open() > 0) emitAll(this.engine.cancelAll(a), out);
  }

  /**
   * Venue time is brought to t: resting orders stepped and resolutions applied up to it. After the last event, the end
   * horizon on the way is passed first (horizon()): resting orders stop there, resolutions after it still apply.
   */
  private bringTo(t: number, out: Subscriber<VenueItem>): void {
    if (!this.ending) return this.stepTo(t, out);
    const horizon = this.horizon();
    if (!this.horizonPassed) {
      if (t <= horizon) return this.stepTo(t, out);
      this.passHorizon(horizon, out);
    }
    if (t >= this.dueTs) this.resolveUntil(t + 1, out); // those closing by t (ms times)
  }

  /** lastTs + endHorizonMs (0 when no event was read). */
  private horizon(): number {
    const h = this.lastTs + this.endHorizonMs;
    return Number.isFinite(h) ? h : 0;
  }

  /** The end horizon: resting orders fill up to it (resolutions before it applying on the way), then are cancelled. */
  private passHorizon(horizon: number, out: Subscriber<VenueItem>): void {
    this.stepTo(horizon, out);
    if (this.engine.open() > 0) emitAll(this.engine.cancelAll(horizon), out);
    this.horizonPassed = true;
  }

  /**
   * End of the replay: orders still in flight arrive in time order (after the last event: the view knows all it
   * will); the end horizon passes on the way (resting orders fill up to it, then are cancelled); resolutions timed
   * later apply at their times; outcomes without a close time settle last, at the latest time reached.
   */
  end(out: Subscriber<FlowItem>): void {
    this.ending = true;
    const q = this.inFlight;
    while (q.size > 0) this.arrive(q.nextArrival(), out);
    const horizon = this.horizon();
    if (!this.horizonPassed) this.passHorizon(horizon, out);
    let last = this.now > horizon ? this.now : horizon;
    if (this.nextRes < this.timeline.length) last = Math.max(last, this.timeline[this.timeline.length - 1]!.ts as number);
    this.resolveUntil(Number.POSITIVE_INFINITY, out);
    for (const r of this.untimed) this.applyResolution(r, last, out);
    this.untimed.length = 0;
  }

  /** Apply every timed resolution closed before `ts`, at its own time. */
  private resolveUntil(ts: number, out: Subscriber<VenueItem>): void {
    while (this.nextRes < this.timeline.length) {
      const r = this.timeline[this.nextRes]!;
      if (!((r.ts as number) < ts)) break;
      this.nextRes++;
      this.applyResolution(r, r.ts as number, out);
    }
    this.dueTs = this.timeAt(this.nextRes);
  }

  /** A market's outcome applies at `at`: its orders are refused from then on, its resting ones cancelled. */
  private applyResolution(r: MarketResolution, at: number, out: Subscriber<VenueItem>): void {
    // outcome tokens that are not the market's as the leaders traded it (another encoding, another market's ids):
    // settling would pay every traded share 0; the resolution is reported and not applied (positions stay marked)
    const foreign = this.knownTokens(r.conditionId).filter((t) => !r.tokenIds.includes(t));
    if (foreign.length > 0) {
      this.unapplied.push({
        file: r.file ?? "(resolutions)",
        ...(r.row !== undefined ? { row: r.row } : {}),
        field: r.tokensField ?? "tokenIds",
        value: r.tokenIds,
        message: `market ${r.conditionId}: traded token(s) ${foreign.join(", ")} are not among its outcome tokens; resolution not applied, its positions stay marked at the last price`,
      });
      return;
    }
    this.markClosed(r.tokenIds, at, r.conditionId);
    emitAll(this.engine.forget(r.tokenIds, at), out);
    out.next({ kind: "resolved", resolution: { conditionId: r.conditionId, winningTokenId: r.winningTokenId, ts: at } });
  }
}

/**
 * One resolution per market: the same outcome given twice applies once (the timed one first, else the first given);
 * two different winners for one market are an error (the ledger would pay at one and tracking mark at the other).
 */
export function oneEach(rs: readonly MarketResolution[]): MarketResolution[] {
  const by = new Map<string, MarketResolution>();
  for (const r of rs) {
    const seen = by.get(r.conditionId);
    if (seen === undefined) by.set(r.conditionId, r);
    else if (seen.winningTokenId !== r.winningTokenId) {
      throw new Error(`resolutions: market ${r.conditionId} is given twice with different winners (${seen.winningTokenId}, ${r.winningTokenId})`);
    } else if (seen.ts === undefined || (r.ts !== undefined && r.ts < seen.ts)) by.set(r.conditionId, r);
  }
  return by.size === rs.length ? [...rs] : [...by.values()];
}

/** The venue refuses an order arriving at `a` in a market that closed at `closedAt`. */
function refused(intent: CopyIntent, a: number, closedAt: number): ExecEvent[] {
  return rejectedEvents(intent, a, EXEC_REJECT.MARKET_CLOSED, `market closed at ${closedAt}, the order arrived at ${a}`);
}

