// Paper fill engine, synchronous core: an intent meets the BookView at intent.ts + latency, walks depth
// (FAK / FOK / GTC), and reports ExecEvents; resting GTC orders fill later as advance(ts) sees the book cross them.
//
// Model, precisely:
// - Pricing: the slippage cap uses the book we could see when we decided (at intent.seenAt, clamped into
//   [intent.ts, arrival]; at intent.ts, submitAt's atLeader when given: that book as the view knew it at the decision,
//   before later trades of the same ms; the arrival book's side if that book or its side was empty then): BUY limit = min(snap↓(limitPrice), snap↓(bestAsk·(1+s))),
//   SELL limit = max(snap↑(limitPrice), snap↑(bestBid·(1−s))). s = intent.slippage ?? options.slippage.
// - Matching: at arrival (core decidedAt(intent): intent.ts, or intent.seenAt when decided later; + delay) against
//   the book of that time, best level first, taker at each
//   level's price, taker fee via core takerFee (0 when the rate is unknown). GTD is treated as GTC (no expiry).
// - Resting GTC: filled at its own limit (maker, no fee) by later snapshots whose opposite side crosses it, up
//   to the crossing displayed size; with BookView.nextChange every snapshot in between is visited, each offered to
//   all of the token's resting orders in price priority before the next (so no snapshot's shares are given twice).
// - Venue checks before the book (core/exec-reasons EXEC_REJECT): no book known (NO_BOOK), size floored to 2 dp is
//   0 (ROUNDS_TO_ZERO), snapped limit outside [tick, 1 − tick] (PRICE_OUT_OF_BAND), resting GTC/GTD below the
//   book's minSize (BELOW_MIN_SIZE), marketable BUY — FAK/FOK, or a GTC crossing asks at arrival that our own orders left — under $1 at its
//   limit price (BELOW_MARKETABLE_MIN), FAK/FOK whose amounts as the official client signs a market order (BUY
//   spends size × limit, SELL sells size) break the venue's maker 2 dp / taker 4 dp rule (AMOUNT_PRECISION; on ticks
//   finer than 0.01 most sizes do). Each gives `rejected` then `done` REJECTED.
// - Liquidity one of our orders takes from a snapshot is not offered again to any later order of ours on that
//   same snapshot (Book object identity, the 8 latest snapshots per token we took from); a different snapshot is
//   taken as displayed.
// Cannot model: our market impact on later books, queue position (a resting order fills only when the book
//   crosses it, never when trades merely print at its price), hidden or iceberg liquidity, other takers racing
//   us, the venue's `delayed` matching, settlement failures (every fill is final), balance or allowance
//   checks, tick changes between pricing and arrival, fee rebates; and a market BUY's cash denomination: FAK/FOK
//   BUYs fill up to `size` shares here, while the venue spends the signed pUSD (size × limit) and buys more shares
//   when the book is under the limit (docs/replay.md, "Known gap").
// Closed markets: forget(tokenIds, ts) first cancels the tokens' resting orders (each gets done CANCELLED at ts,
//   or at its cursor if later), then drops their consumption memory, then calls books.forget — in that order, so
//   no resting order is left pointing at a book view that no longer knows its token.
import { touchOf, type Book, type BookView, type FillReference } from "../../core/book.js";
import { decidedAt, type CopyIntent } from "../../core/intent.js";
import type { ExecEvent } from "../../core/exec.js";
import { TERMINAL } from "../../core/exec.js";
import { floorShares, isTickSize, marketAmountsAccepted, marketOrderAmounts, ROUNDING, roundTo, takerFee, type FeeRate, type TickSize } from "../../core/money.js";
import { VENUE_QUIRKS } from "../../core/venue.js";
import { ceilGrid, floorGrid } from "./grid.js";
import { EXEC_END, EXEC_REJECT, type ExecRejectReason } from "../../core/exec-reasons.js";
import type { LatencyModel } from "./latency.js";
import { RestingOrders } from "./resting.js";
import { availableWithin, ConsumptionLedger, takeWithin, withinLimit } from "./walk.js";

const EPS = 1e-9;
const MODE = "paper" as const;

export type { FeeRate } from "../../core/money.js";

export interface PaperEngineOptions {
  books: BookView;
  latency: LatencyModel;
  mode?: "paper";
  /** Taker fee parameters per token; undefined (or absent) = no fee. */
  feeRate?: (tokenId: string) => FeeRate | undefined;
  /** Default slippage cap when the intent carries none (0.02 = 2 %). */
  slippage?: number;
  /** Resting orders are cancelled (EXPIRED) this long after they reach the book; default never. */
  gtcTtlMs?: number;
  /**
   * Reference touches for attribution (pipeline Attribution.onReference): the ask (BUY) or bid (SELL) at the
   * leader's time intent.ts and at arrival; called for every accepted order, before its events are returned. The
   * `ref` record is reused between calls: copy what you keep.
   */
  onReference?: (intentId: string, ref: FillReference) => void;
}

export interface PaperEngine {
  /** "paper(book=…, latency=…)" for reports. */
  readonly name: string;
  /**
   * Place one intent now; returns its events in order (accepted, fills, done — or rejected, done). It meets the book
   * at arrivalOf(intent): the view must already know that time (recorded books do; a replay feeding leader-anchored
   * books does not yet, and uses arrivalOf + submitAt once venue time has passed the arrival).
   */
  submit(intent: CopyIntent): ExecEvent[];
  /**
   * When the intent would meet the book: when it was decided (intent.ts, or intent.seenAt when later) + the latency
   * model's next delay (one draw per call).
   */
  arrivalOf(intent: CopyIntent): number;
  /**
   * submit with the arrival already drawn (arrivalOf). `atLeader`: our side's touch at the leader's trade as the view
   * knew it when the order was decided (a replay's view learns later trades of the same ms before the order arrives);
   * it also prices the slippage cap of an order decided at the leader's time.
   */
  submitAt(intent: CopyIntent, arrival: number, atLeader?: number): ExecEvent[];
  /** Fill resting orders against the books up to venue time ts (monotone calls expected). */
  advance(ts: number): ExecEvent[];
  /** Cancel every resting order at ts, each getting its done (PARTIAL or UNFILLED). */
  cancelAll(ts: number): ExecEvent[];
  /** Number of resting orders. */
  open(): number;
  /**
   * The market of these tokens closed (resolved/redeemed) at venue time ts: cancel their resting orders (done
   * CANCELLED; token by token as given, each token's in price priority), drop the engine's per-token state,
   * then `books.forget?.(tokenIds)`. With `conditionId`, resting orders on the market's other tokens (ones not in
   * the list, e.g. an outcome the redeeming leader never traded) are cancelled too. Idempotent; tokens the engine
   * never saw are fine.
   */
  forget(tokenIds: readonly string[], ts: number, conditionId?: string): ExecEvent[];
  /** Tokens the engine keeps state for (resting groups, consumption memory): memory checks. */
  tokensHeld(): number;
}

interface Resting {
  intentId: string;
  orderId: string;
  tokenId: string;
  conditionId: string;
  isBuy: boolean;
  limit: number;
  size: number;
  filled: number;
  notional: number;
  nFills: number;
  cursor: number; // venue time of the last snapshot considered
  lastBook: Book;
  expireAt: number;
  /** Ended while its token was being advanced (filled or expired): dropped from the resting orders after. */
  ended: boolean;
}


/** A book's tick as the client's rounding-table key; undefined for a tick the venue does not use (no check then). */
const tickNames = new Map<number, TickSize | undefined>();
function tickName(tick: number): TickSize | undefined {
  let t = tickNames.get(tick);
  if (t === undefined && !tickNames.has(tick)) {
    const s = String(tick);
    t = isTickSize(s) ? s : undefined;
    tickNames.set(tick, t);
  }
  return t;
}

/** "#n", the end of a trade id, for the first fill numbers: one concatenation per fill instead of two. */
const FILL_SUFFIXES: readonly string[] = Array.from({ length: 16 }, (_, n) => "#" + n);
function fillSuffix(n: number): string {
  return n < FILL_SUFFIXES.length ? (FILL_SUFFIXES[n] as string) : "#" + n;
}

/** Returned when nothing happened (no allocation); frozen so that a caller pushing into it fails loudly. */
const NONE: ExecEvent[] = Object.freeze([]) as unknown as ExecEvent[];

function blankResting(): Resting {
  return {
    intentId: "", orderId: "", tokenId: "", conditionId: "", isBuy: true, limit: 0, size: 0, filled: 0, notional: 0, nFills: 0,
    cursor: 0, lastBook: undefined as unknown as Book, expireAt: 0, ended: false,
  };
}

/**
 * Price priority among one token's resting orders, lower first: a higher BUY limit or a lower SELL limit is matched
 * first. BUYs (ranks in [-1, 0]) come before SELLs (in [1, 2]); they take from different sides, so that is arbitrary.
 */
function priceRank(o: Resting): number {
  return o.isBuy ? -o.limit : 1 + o.limit;
}

/** An order refused before the book, as a paper executor reports it: rejected, then done REJECTED. */
export function rejectedEvents(intent: CopyIntent, ts: number, reason: ExecRejectReason, detail: string): ExecEvent[] {
  return [
    { type: "rejected", intentId: intent.intentId, mode: MODE, ts, reason, detail },
    { type: "done", intentId: intent.intentId, mode: MODE, ts, terminal: TERMINAL.REJECTED, filledShares: 0, avgPrice: 0, detail: reason },
  ];
}

/**
 * Our side's touch (the ask for a BUY, the bid for a SELL) in the book of `tokenId` at `ts`; when the view knows no
 * book then (a recorded session starting after the trade), the first book after `ts` up to `until` stands for it:
 * the nearest state known, rather than none. Undefined when there is neither.
 */
export function touchAt(books: BookView, tokenId: string, isBuy: boolean, ts: number, until: number): number | undefined {
  let b = books.at(tokenId, ts);
  if (b === undefined && books.nextChange !== undefined) {
    const t = books.nextChange(tokenId, ts);
    if (t !== undefined && t <= until) b = books.at(tokenId, t);
  }
  return b === undefined ? undefined : touchOf(b, isBuy);
}

/** Deterministic order id of an intent. */
export function paperOrderId(intentId: string): string {
  return "paper:" + intentId;
}

export function createPaperEngine(opts: PaperEngineOptions): PaperEngine {
  const { books, latency } = opts;
  const defaultSlippage = opts.slippage ?? 0.02;
  const ttl = opts.gtcTtlMs === undefined ? Number.POSITIVE_INFINITY : Math.round(opts.gtcTtlMs);
  const feeRate = opts.feeRate;
  const used = new ConsumptionLedger();
  // Resting orders by token, and which of them advance must step (resting.ts).
  const resting = new RestingOrders<Resting>(books, priceRank);

  const scratch: Resting = blankResting();
  // Fill sink shared by every walk (no closure per call): the current order, and its fills collected in a reused
  // buffer (nFills of them) — submit then allocates its batch once at its exact size (an [accepted] literal grown by
  // push gets a 17-slot backing store), advance appends them to its output.
  let cur: Resting | undefined;
  const fills: ExecEvent[] = [];
  let nFills = 0;
  let curTs = 0;
  let curMaker = false;
  let curFee: FeeRate | undefined;
  const onFill = (levelPrice: number, shares: number): void => {
    const o = cur as Resting;
    const price = curMaker ? o.limit : levelPrice;
    o.filled = roundTo(o.filled + shares, 2);
    o.notional += price * shares;
    o.nFills++;
    fills[nFills++] = {
      type: "fill",
      intentId: o.intentId,
      mode: MODE,
      ts: curTs,
      orderId: o.orderId,
      tokenId: o.tokenId,
      side: o.isBuy ? "BUY" : "SELL",
      price,
      size: shares,
      fee: !curMaker && curFee ? takerFee(shares, price, curFee.r, curFee.e) : 0,
      tradeId: o.orderId + fillSuffix(o.nFills),
    };
  };
  // Reference touches for onReference: one record, rewritten per accepted order. Its fields start as doubles (NaN,
  // always overwritten before a call) so that V8 stores touches in place instead of boxing each one.
  const ref: FillReference = { atLeader: NaN, atArrival: NaN, arrival: NaN };

  /** Walk the book for o; its fills are left in `fills` (nFills of them). */
  function walk(o: Resting, book: Book, ts: number, maker: boolean): void {
    cur = o;
    nFills = 0;
    curTs = ts;
    curMaker = maker;
    curFee = maker || feeRate === undefined ? undefined : feeRate(o.tokenId);
    // A limit that does not reach the best level takes nothing: no consumption record for this snapshot (it would
    // push an older snapshot's record out of the token's memory for no fill).
    const best = o.isBuy ? book.asks[0] : book.bids[0];
    if (best !== undefined && withinLimit(o.isBuy, best.price, o.limit)) takeWithin(book, used.of(book), o.isBuy, o.limit, roundTo(o.size - o.filled, 2), onFill);
    cur = undefined;
  }

  /** The walk's fills appended to out. */
  function flushFills(out: ExecEvent[]): void {
    for (let i = 0; i < nFills; i++) out.push(fills[i] as ExecEvent);
    nFills = 0;
  }

  /** An accepted order's batch: accepted, the walk's fills, then its done (absent when it rests), exactly sized. */
  function batch(accepted: ExecEvent, last: ExecEvent | undefined): ExecEvent[] {
    let out: ExecEvent[];
    if (nFills === 0) out = last === undefined ? [accepted] : [accepted, last];
    else if (nFills === 1 && last !== undefined) out = [accepted, fills[0] as ExecEvent, last];
    else {
      out = [accepted];
      flushFills(out);
      if (last !== undefined) out.push(last);
    }
    nFills = 0;
    return out;
  }

  function doneEvent(o: Resting, ts: number, terminal: ExecDoneTerminal, detail: string): ExecEvent {
    return {
      type: "done",
      intentId: o.intentId,
      mode: MODE,
      ts,
      terminal,
      filledShares: o.filled,
      avgPrice: o.filled > 0 ? roundTo(o.notional / o.filled, 6) : 0,
      detail,
    };
  }

  function arrivalOf(intent: CopyIntent): number {
    const delay = latency.delayMs(intent);
    // NaN or ∞ would silently send the order at once (NaN) or never (∞): a model's bug, not a delay
    if (delay !== delay || delay === Number.POSITIVE_INFINITY) throw new Error(`latency: ${latency.name} gave a delay of ${delay} ms for intent ${intent.intentId}`);
    return decidedAt(intent) + Math.round(delay > 0 ? delay : 0);
  }

  function submit(intent: CopyIntent): ExecEvent[] {
    return submitAt(intent, arrivalOf(intent));
  }

  function submitAt(intent: CopyIntent, arrival: number, atLeader?: number): ExecEvent[] {
    const tokenId = intent.tokenId;
    const book = books.at(tokenId, arrival);
    if (book === undefined) return rejectedEvents(intent, arrival, EXEC_REJECT.NO_BOOK, `no book for token at ${arrival}`);
    let seen = intent.seenAt;
    if (seen < intent.ts) seen = intent.ts;
    if (seen > arrival) seen = arrival;
    const seenBook = seen === arrival ? book : books.at(tokenId, seen);
    const priceBook = seenBook ?? book;

    const isBuy = intent.side === "BUY";
    // our side's touch when we decided: atLeader is it as the view knew it then, when we decided at the leader's own
    // time (by arrival the view may know later trades of that ms, read after the decision)
    const seenTouch = seen === intent.ts && atLeader !== undefined ? atLeader : undefined;
    const tick = book.tick;
    const size = floorShares(intent.targetShares);
    if (size <= 0) return rejectedEvents(intent, arrival, EXEC_REJECT.ROUNDS_TO_ZERO, `size ${intent.targetShares} floors to 0`);

    const s = intent.slippage ?? defaultSlippage;
    // Snapping is monotone, so the tighter of limit and cap is chosen before snapping (one snap, same result).
    let limit = intent.limitPrice;
    if (isBuy) {
      // a side empty when we decided gives no cap of its own: the arrival book's side caps the order then
      const best = seenTouch ?? priceBook.asks[0]?.price ?? book.asks[0]?.price;
      if (best !== undefined) {
        const cap = best * (1 + s);
        if (cap < limit) limit = cap;
      }
      limit = floorGrid(limit, tick);
    } else {
      const best = seenTouch ?? priceBook.bids[0]?.price ?? book.bids[0]?.price;
      if (best !== undefined) {
        const cap = best * (1 - s);
        if (cap > limit) limit = cap;
      }
      limit = ceilGrid(limit, tick);
    }
    if (limit < tick - EPS || limit > 1 - tick + EPS) {
      return rejectedEvents(intent, arrival, EXEC_REJECT.PRICE_OUT_OF_BAND, `price ${limit} outside [${tick}, ${1 - tick}]`);
    }

    const type = intent.orderType;
    const rests = type === "GTC" || type === "GTD";
    if (rests && size < book.minSize - EPS) {
      return rejectedEvents(intent, arrival, EXEC_REJECT.BELOW_MIN_SIZE, `size ${size} below the minimum ${book.minSize}`);
    }
    if (isBuy && size * limit < VENUE_QUIRKS.MIN_MARKETABLE_BUY_USD - EPS) {
      // a resting BUY is marketable only if asks within its limit are still there: asks our earlier orders took
      // from this snapshot are gone at the venue
      const bestAsk = book.asks[0]?.price;
      let marketable = !rests || (bestAsk !== undefined && bestAsk <= limit + EPS);
      if (marketable && rests) {
        const taken = used.peek(book);
        if (taken !== undefined) marketable = availableWithin(book, taken, true, limit) > 0;
      }
      if (marketable) {
        return rejectedEvents(intent, arrival, EXEC_REJECT.BELOW_MARKETABLE_MIN, `marketable BUY $${roundTo(size * limit, 4)} < $1`);
      }
    }

    if (!rests) {
      const t = tickName(tick);
      // on ticks whose amounts have at most 4 decimals (0.1, 0.01) the client's market order always fits: maker is
      // rounded to 2 dp, taker to the tick's amount decimals
      if (t !== undefined && ROUNDING[t].amount > VENUE_QUIRKS.MARKET_ORDER_TAKER_DP) {
        const amounts = marketOrderAmounts(intent.side, isBuy ? roundTo(size * limit, 6) : size, limit, t);
        if (!marketAmountsAccepted(amounts)) {
          return rejectedEvents(intent, arrival, EXEC_REJECT.AMOUNT_PRECISION, `${type} ${intent.side} of ${size} at ${limit} on tick ${t} signs maker ${amounts.maker} / taker ${amounts.taker} (units of 1e-6): more than 2 / 4 decimals`);
        }
      }
    }

    // FAK/FOK orders end inside this call: they use one reused record; only orders that may rest get their own.
    // (So submit is not re-entrant: an onReference callback must not submit.)
    const o: Resting = rests ? blankResting() : scratch;
    o.intentId = intent.intentId;
    o.orderId = paperOrderId(intent.intentId);
    o.tokenId = tokenId;
    o.conditionId = intent.conditionId;
    o.isBuy = isBuy;
    o.limit = limit;
    o.size = size;
    o.filled = 0;
    o.notional = 0;
    o.nFills = 0;
    o.cursor = arrival;
    o.lastBook = book;
    o.expireAt = arrival + ttl;
    o.ended = false;
    if (opts.onReference !== undefined) {
      // The leader's-time book: the pricing book already is it when we saw the trade at its own time.
      ref.atLeader = atLeader !== undefined ? atLeader : seen === intent.ts && seenBook !== undefined ? touchOf(seenBook, isBuy) : touchAt(books, tokenId, isBuy, intent.ts, arrival);
      ref.atArrival = touchOf(book, isBuy);
      ref.arrival = arrival;
      opts.onReference(intent.intentId, ref);
    }
    const accepted: ExecEvent = { type: "accepted", intentId: o.intentId, mode: MODE, ts: arrival, orderId: o.orderId, price: limit, size };

    if (type === "FOK") {
      if (availableWithin(book, used.of(book), isBuy, limit) + EPS < size) {
        return batch(accepted, doneEvent(o, arrival, TERMINAL.UNFILLED, EXEC_END.FOK_KILLED));
      }
    }
    walk(o, book, arrival, false);
    if (o.filled >= size - EPS) return batch(accepted, doneEvent(o, arrival, TERMINAL.FILLED, EXEC_END.FILLED));
    if (rests) {
      resting.add(o);
      return batch(accepted, undefined);
    }
    if (o.filled > 0) return batch(accepted, doneEvent(o, arrival, TERMINAL.PARTIAL, EXEC_END.FAK_REMAINDER_CANCELLED));
    return batch(accepted, doneEvent(o, arrival, TERMINAL.UNFILLED, EXEC_END.NO_LIQUIDITY));
  }

  /** Offer one snapshot to a resting order; true when it is now fully filled. */
  function offer(o: Resting, book: Book, ts: number, out: ExecEvent[]): boolean {
    if (book === o.lastBook) return false;
    o.lastBook = book;
    walk(o, book, ts, true); // takes nothing when the book does not cross the order
    flushFills(out);
    return o.filled >= o.size - EPS;
  }

  function advance(ts: number): ExecEvent[] {
    if (resting.size === 0) return NONE;
    const due = resting.dueAt(ts);
    if (due.length === 0) return NONE;
    const next = resting.next;
    const out: ExecEvent[] = [];
    for (let d = 0; d < due.length; d++) {
      const g = due[d]!;
      const orders = g.orders;
      let keep = 0;
      if (next !== undefined) {
        // The token's snapshots in (minCursor, ts], asked of the view once for all of the group's orders.
        const nSnaps = collect(g.tokenId, g.minCursor, ts, next);
        stepSnapshots(orders, ts, nSnaps, out);
        for (let i = 0; i < orders.length; i++) {
          const o = orders[i] as Resting;
          if (!o.ended) orders[keep++] = o;
        }
      } else {
        for (let i = 0; i < orders.length; i++) {
          const o = orders[i] as Resting;
          if (!step(o, ts, out)) orders[keep++] = o;
        }
      }
      const ended = orders.length - keep;
      orders.length = keep;
      resting.stepped(g, ts, ended);
    }
    // Groups are stepped token by token, and an order's expiry is met in its turn at the first snapshot after it:
    // put the events in time order (a stable sort keeps each order's own sequence and equal times as produced).
    for (let k = 1; k < out.length; k++) {
      if ((out[k] as ExecEvent).ts < (out[k - 1] as ExecEvent).ts) {
        out.sort((a, b) => a.ts - b.ts);
        break;
      }
    }
    return out;
  }

  /**
   * A token's resting orders (in price priority) to ts through the collected snapshots: snapshot by snapshot, each
   * offered to every order that had reached the book and not expired by then, so one snapshot's displayed shares are
   * shared out before the next is looked at (order by order, an order walking many snapshots could push the record
   * of an older one out of the consumption memory, and the next order would be offered its shares again). An order
   * that ends (filled, expired) gets its done event in time order and is marked ended (the caller drops it).
   */
  function stepSnapshots(orders: Resting[], ts: number, nSnaps: number, out: ExecEvent[]): void {
    for (let k = 0; k < nSnaps; k++) {
      const t = snapTs[k] as number;
      const b = snapBook[k];
      for (let i = 0; i < orders.length; i++) {
        const o = orders[i] as Resting;
        if (o.ended || t <= o.cursor) continue; // ended, or before this order reached the book
        if (t >= o.expireAt) {
          expire(o, out);
          continue;
        }
        o.cursor = t;
        if (b !== undefined && offer(o, b, t, out)) {
          out.push(doneEvent(o, t, TERMINAL.FILLED, EXEC_END.FILLED));
          o.ended = true;
        }
      }
    }
    for (let i = 0; i < orders.length; i++) {
      const o = orders[i] as Resting;
      if (!o.ended && o.expireAt <= ts) expire(o, out);
    }
    // With nextChange the cursor stays at the last snapshot visited (not ts): a view that learns of a snapshot
    // at or before ts later (leader-anchored books observe trades after advance) still gets it offered.
  }

  /** done EXPIRED (PARTIAL or UNFILLED) at the order's expiry; it ends. */
  function expire(o: Resting, out: ExecEvent[]): void {
    out.push(doneEvent(o, o.expireAt, o.filled > 0 ? TERMINAL.PARTIAL : TERMINAL.UNFILLED, EXEC_END.EXPIRED));
    o.ended = true;
  }

  // Snapshots of the token being advanced (collect): their times and books, in time order.
  const snapTs: number[] = [];
  const snapBook: (Book | undefined)[] = [];

  /** Collect the view's snapshots of tokenId in (from, to] into snapTs/snapBook; returns how many. */
  function collect(tokenId: string, from: number, to: number, next: (tokenId: string, ts: number) => number | undefined): number {
    let n = 0;
    for (let t = next(tokenId, from); t !== undefined && t <= to; t = next(tokenId, t)) {
      snapTs[n] = t;
      snapBook[n++] = books.at(tokenId, t);
    }
    for (let k = n; k < snapBook.length && snapBook[k] !== undefined; k++) snapBook[k] = undefined; // keep no stale book alive
    return n;
  }

  /**
   * Move one resting order to ts when the view cannot list its snapshots (no nextChange): offer it the book at ts
   * (or at the last ms before it expires), expire it; true when it is done.
   */
  function step(o: Resting, ts: number, out: ExecEvent[]): boolean {
    // the last time it can still fill: ts, or the last ms before it expires (at expireAt itself it is gone)
    const horizon = ts < o.expireAt ? ts : o.expireAt - 1;
    if (horizon > o.cursor) {
      o.cursor = horizon; // without nextChange the cursor is the last time asked
      const b = books.at(o.tokenId, horizon);
      if (b !== undefined && offer(o, b, horizon, out)) {
        out.push(doneEvent(o, horizon, TERMINAL.FILLED, EXEC_END.FILLED));
        return true;
      }
    }
    if (o.expireAt <= ts) {
      expire(o, out);
      return true;
    }
    return false;
  }

  /** done CANCELLED (PARTIAL or UNFILLED) for each order, at ts but never before the order reached the book. */
  function cancel(orders: readonly Resting[], ts: number, out: ExecEvent[]): void {
    for (const o of orders) {
      out.push(doneEvent(o, ts > o.cursor ? ts : o.cursor, o.filled > 0 ? TERMINAL.PARTIAL : TERMINAL.UNFILLED, EXEC_END.CANCELLED));
    }
  }

  function cancelAll(ts: number): ExecEvent[] {
    const out: ExecEvent[] = [];
    for (const orders of resting.clear()) cancel(orders, ts, out);
    return out;
  }

  function forget(tokenIds: readonly string[], ts: number, conditionId?: string): ExecEvent[] {
    let out = NONE;
    const others = conditionId === undefined || resting.size === 0 ? [] : resting.tokensWhere((o) => o.conditionId === conditionId && !tokenIds.includes(o.tokenId));
    for (const t of [...tokenIds, ...others]) {
      const orders = resting.remove(t);
      if (orders === undefined) continue;
      if (out === NONE) out = [];
      cancel(orders, ts, out);
    }
    used.forget(tokenIds);
    books.forget?.(tokenIds);
    return out;
  }

  return {
    name: `paper(book=${books.name}, latency=${latency.name})`,
    submit,
    arrivalOf,
    submitAt,
    advance,
    cancelAll,
    open: () => resting.size,
    forget,
    tokensHeld: () => new Set([...resting.tokens(), ...used.tokens()]).size,
  };
}

type ExecDoneTerminal = (typeof TERMINAL)[keyof typeof TERMINAL];
