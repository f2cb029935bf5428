// Ledger: the copier's cash and positions per token (avg cost, realised PnL, fees), commitments of open orders,
// mirrored MERGE/SPLIT/REDEEM, settlement at 1/0, mark-to-market and snapshots. Implements Holdings for decide.
import { takerFeeBound, type CopyIntent, type ExecEvent, type FeeRate, type FillEvent, type Holdings, type Mirror, type Resolution } from "../core/index.js";
import { OpenMap } from "./open-map.js";
import { PositionBook, type Position } from "./position-book.js";

export interface LedgerOptions {
  /** Starting cash (USD), the bankroll. */
  cash: number;
  /** Record a point per position change for "positions over time" (default false: nothing kept per event). */
  recordHistory?: boolean;
  /** Taker fee of a token's market: an open BUY also reserves the most fee it may pay (core takerFeeBound). */
  feeRateOf?: (tokenId: string) => FeeRate | undefined;
}

/**
 * An intent until its `done`. From the decision on it commits cash (BUY, at its guardrail price) or shares (SELL):
 * an order in flight (latency) is money already spoken for. `accepted` narrows that to the venue's price and size;
 * fills and `done` release it.
 */
interface Order {
  intent: CopyIntent;
  accepted: boolean;
  price: number;
  /** BUY: USD still reserved. SELL: shares still reserved. */
  reserved: number;
  /** BUY: shares still to fill. SELL: equal to `reserved`. */
  openShares: number;
  /** Reserving (from onIntent until released by rejected or done). */
  open: boolean;
  /** The same open shares as counted for the intent's leader and token (reservedFor; openBuys once asked). */
  byLeader: { shares: number } | undefined;
}

export interface PositionSnapshot {
  tokenId: string;
  conditionId: string;
  shares: number;
  committedShares: number;
  avgCost: number;
  realised: number;
  fees: number;
  mark: number;
  marking: "settled" | "last-price";
}

export interface LedgerSnapshot {
  ts: number;
  cash: number;
  freeCash: number;
  committedCash: number;
  positionsValue: number;
  equity: number;
  realised: number;
  unrealised: number;
  fees: number;
  positions: PositionSnapshot[];
}

export interface HistoryPoint {
  ts: number;
  tokenId: string;
  shares: number;
  cash: number;
}

/** Things an executor or the runner did that accounting had to correct (should all stay 0). */
export interface LedgerAnomalies {
  /** SELL fill shares beyond what was held (ignored). */
  oversold: number;
  /** Exec events for intents the ledger never saw (accepted or filled without an intent). */
  unknownIntent: number;
  /** Times cash went below zero after a fill. */
  negativeCash: number;
}

const EPS = 1e-9;

/**
 * Shares of one token reserved by open SELLs. A record stays in place (mutated, not deleted and re-added: both would
 * allocate per exec event) until its market closes; `open` is false once the reservation dropped back to ~0.
 */
interface Reservation {
  shares: number;
  open: boolean;
}

type AcceptedEvent = Extract<ExecEvent, { type: "accepted" }>;

export class Ledger implements Holdings {
  readonly book = new PositionBook();
  // numeric fields start as numbers: a field declared without an initializer holds undefined first, is then stored
  // "tagged", and every later store of a double allocates a fresh HeapNumber
  private cashUsd = 0;
  private committedCash = 0;
  private readonly committedShares = new Map<string, Reservation>();
  /** Shares reserved by open SELLs per leader, then token: what a leader's copy cannot sell again (reservedFor). */
  private readonly committedByLeader = new Map<string, Map<string, { shares: number }>>();
  /** Shares open BUYs have still to fill, per leader, then token (openBuys). */
  private readonly buyingByLeader = new Map<string, Map<string, { shares: number }>>();
  /** BUY orders open (the openBuys lookup is skipped when none is). */
  private openBuyOrders = 0;
  /** buyingByLeader is kept (from the first openBuys call on: only drift correction asks, so others do not pay). */
  private trackBuys = false;
  /** Reservations open (the closeMarket check is skipped when none is). */
  private openReservations = 0;
  private readonly orders = new OpenMap<Order>();
  /** An ended order's record, reused by the next intent. */
  private spare: Order | undefined;
  private readonly resolutions = new Map<string, string>();
  /** With history on: token order of markets folded out by closeMarket (a later REDEEM records them in it). */
  private readonly foldedTokens = new Map<string, string[]>();
  readonly anomalies: LedgerAnomalies = { oversold: 0, unknownIntent: 0, negativeCash: 0 };
  private readonly hist?: { ts: number[]; token: string[]; shares: number[]; cash: number[] };

  private readonly feeRateOf: ((tokenId: string) => FeeRate | undefined) | undefined;

  constructor(opts: LedgerOptions) {
    this.cashUsd = opts.cash;
    this.feeRateOf = opts.feeRateOf;
    if (opts.recordHistory) this.hist = { ts: [], token: [], shares: [], cash: [] };
  }

  // ── Holdings ────────────────────────────────────────────────────────────────────────────────────────────────
  /** Free cash: cash minus what open BUYs reserve. */
  cash(): number {
    return this.cashUsd - this.committedCash;
  }

  /** Shares held minus those reserved by open SELLs (never negative). */
  shares(tokenId: string): number {
    return this.free(tokenId, this.committedShares.get(tokenId));
  }

  /** Total cash, including what open orders reserve. */
  totalCash(): number {
    return this.cashUsd;
  }

  /** Shares held, including those reserved by open SELLs. */
  heldShares(tokenId: string): number {
    return this.book.shares(tokenId);
  }

  reservedCash(): number {
    return this.committedCash;
  }

  reservedShares(tokenId: string): number {
    return this.committedShares.get(tokenId)?.shares ?? 0;
  }

  /** Shares held minus `r` reserved (never negative). */
  private free(tokenId: string, r: Reservation | undefined): number {
    const s = this.book.shares(tokenId) - (r !== undefined ? r.shares : 0);
    return s > EPS ? s : 0;
  }

  /** Some order in `conditionId` is still open (in flight or resting). */
  hasOpenOrdersIn(conditionId: string): boolean {
    for (const o of this.orders.values()) if (o.intent.conditionId === conditionId) return true;
    return false;
  }

  /** Intents not yet `done` (accepted or not). */
  openOrders(): number {
    return this.orders.size;
  }

  // ── Execution ───────────────────────────────────────────────────────────────────────────────────────────────
  /**
   * An intent was decided: it reserves cash (BUY: target shares at its guardrail price) or shares (SELL: its target,
   * no more than is free) until its exec events narrow (`accepted`) and release (fills, `done`) them.
   */
  onIntent(intent: CopyIntent): void {
    if (this.orders.has(intent.intentId)) return;
    let o = this.spare;
    if (o !== undefined) {
      // reuse the record of the last order that ended (no allocation per intent)
      this.spare = undefined;
      o.intent = intent;
      o.accepted = false;
      o.price = 0;
      o.reserved = 0;
      o.openShares = 0;
      o.open = false;
      o.byLeader = undefined;
    } else o = { intent, accepted: false, price: 0, reserved: 0, openShares: 0, open: false, byLeader: undefined };
    this.orders.set(intent.intentId, o);
    this.book.ensure(intent.tokenId, intent.conditionId);
    o.price = intent.limitPrice;
    this.reserve(o, intent.targetShares);
  }

  /** Reserve for `o` (nothing reserved yet) `shares` at o.price (BUY) or up to `shares` of the free ones (SELL). */
  private reserve(o: Order, shares: number): void {
    const i = o.intent;
    o.open = true;
    if (i.side === "BUY") {
      o.reserved = o.price * shares + this.feeBound(i.tokenId, shares, o.price);
      this.committedCash += o.reserved;
      o.openShares = shares;
      if (this.trackBuys) (o.byLeader ??= Ledger.byLeader(this.buyingByLeader, i.leader, i.tokenId)).shares += shares;
      this.openBuyOrders++;
      return;
    }
    o.reserved = o.openShares = 0;
    this.reserveMore(o, shares);
  }

  /** Add up to `n` free shares to an open SELL's reservation. */
  private reserveMore(o: Order, n: number): void {
    const i = o.intent;
    let r = this.committedShares.get(i.tokenId);
    const add = Math.min(n, this.free(i.tokenId, r));
    o.reserved = o.openShares = o.reserved + add;
    if (r === undefined) this.committedShares.set(i.tokenId, (r = { shares: 0, open: false }));
    r.shares += add;
    if (!r.open) {
      r.open = true;
      this.openReservations++;
    }
    (o.byLeader ??= Ledger.byLeader(this.committedByLeader, i.leader, i.tokenId)).shares += add;
  }

  /**
   * Apply one ExecEvent. `intent` may be given here instead of through onIntent. Returns, for a `done`, the market of
   * the open order it ended (undefined otherwise: no second lookup by intent id for the caller). (accept and fill take
   * the event, not its numbers: doubles passed as arguments to a call that is not inlined are boxed, an allocation each.)
   */
  applyExec(e: ExecEvent, intent?: CopyIntent): string | undefined {
    if (intent) this.onIntent(intent);
    switch (e.type) {
      case "accepted":
        this.accept(e);
        return undefined;
      case "fill":
        this.fill(e);
        return undefined;
      case "rejected":
        this.release(this.orders.get(e.intentId));
        return undefined;
      case "done": {
        const o = this.orders.get(e.intentId);
        if (o === undefined) return undefined;
        this.release(o);
        if (this.orders.delete(e.intentId)) this.spare = o;
        return o.intent.conditionId;
      }
    }
  }

  private accept(e: AcceptedEvent): void {
    const o = this.orders.get(e.intentId);
    if (!o) {
      this.anomalies.unknownIntent++;
      return;
    }
    if (o.accepted) return;
    const i = o.intent;
    o.accepted = true;
    const price = e.price > 0 ? e.price : i.limitPrice;
    const sz = e.size > 0 ? e.size : i.targetShares;
    if (!o.open || (price === o.price && sz === o.openShares)) return;
    // The venue's limit and (floored) size replace the decision's.
    o.price = price;
    if (i.side === "BUY") {
      const res = price * sz + this.feeBound(i.tokenId, sz, price);
      this.committedCash += res - o.reserved;
      o.reserved = res;
      if (o.byLeader !== undefined) o.byLeader.shares += sz - o.openShares;
      o.openShares = sz;
    } else if (sz < o.reserved) {
      const d = o.reserved - sz;
      o.reserved = o.openShares = sz;
      this.uncommitShares(i.tokenId, d);
      Ledger.unreserve(o.byLeader, d);
    } else this.reserveMore(o, sz - o.reserved);
  }

  /** The most fee a BUY of `shares` up to `limit` may pay in `tokenId`'s market (0 without a fee rate). */
  private feeBound(tokenId: string, shares: number, limit: number): number {
    return this.feeRateOf === undefined ? 0 : takerFeeBound(shares, limit, this.feeRateOf(tokenId));
  }

  /** Shares of `tokenId` reserved by `leader`'s open SELLs (copies of that leader's trades). */
  reservedFor(leader: string, tokenId: string): number {
    if (this.openReservations === 0) return 0; // no SELL open (FAK/FOK end within their event): the common case
    return this.committedByLeader.get(leader)?.get(tokenId)?.shares ?? 0;
  }

  /** Shares `leader`'s open BUYs of `tokenId` have still to fill (orders in flight or resting). */
  openBuys(leader: string, tokenId: string): number {
    if (!this.trackBuys) {
      this.trackBuys = true;
      for (const o of this.orders.values()) {
        const i = o.intent;
        if (o.open && i.side === "BUY") (o.byLeader = Ledger.byLeader(this.buyingByLeader, i.leader, i.tokenId)).shares += o.openShares;
      }
    }
    if (this.openBuyOrders === 0) return 0;
    return this.buyingByLeader.get(leader)?.get(tokenId)?.shares ?? 0;
  }

  private static byLeader(all: Map<string, Map<string, { shares: number }>>, leader: string, tokenId: string): { shares: number } {
    let m = all.get(leader);
    if (m === undefined) all.set(leader, (m = new Map()));
    let r = m.get(tokenId);
    if (r === undefined) m.set(tokenId, (r = { shares: 0 }));
    return r;
  }

  /** Take `n` shares off an order's per-leader reservation (never below 0). */
  private static unreserve(r: { shares: number } | undefined, n: number): void {
    if (r === undefined) return;
    const left = r.shares - n;
    r.shares = left > EPS ? left : 0;
  }

  private fill(e: FillEvent): void {
    const { tokenId, size, price, fee } = e;
    const c = this.orders.get(e.intentId);
    if (c === undefined) this.anomalies.unknownIntent++; // still booked: the shares and cash moved all the same
    const conditionId = c ? c.intent.conditionId : "";
    if (e.side === "BUY") {
      if (c) {
        // the fee paid comes out of the reservation when it held room for fees
        const rel = Math.min(c.reserved, c.price * size + (this.feeRateOf === undefined ? 0 : fee));
        c.reserved -= rel;
        this.committedCash -= rel;
        const n = Math.min(c.openShares, size);
        c.openShares -= n;
        Ledger.unreserve(c.byLeader, n);
      }
      this.book.buy(tokenId, size, price, fee, conditionId);
      this.cashUsd -= size * price + fee;
      if (this.cashUsd < -EPS) this.anomalies.negativeCash++;
    } else {
      if (c) {
        const rel = Math.min(c.reserved, size);
        c.reserved -= rel;
        c.openShares = c.reserved;
        this.uncommitShares(tokenId, rel);
        Ledger.unreserve(c.byLeader, rel);
      }
      // a SELL beyond what is held sells what is held, and pays the fee of that part only
      const held = this.book.shares(tokenId);
      const paid = held < size ? (fee * held) / size : fee;
      const sold = this.book.sell(tokenId, size, price, paid, conditionId);
      if (sold < size - EPS) this.anomalies.oversold += size - sold;
      this.cashUsd += sold * price - paid;
      if (this.cashUsd < -EPS) this.anomalies.negativeCash++;
    }
    // a fill in a market already resolved (a position new since, or back after its market was folded): 1/0
    if (this.resolutions.size !== 0 && conditionId !== "") {
      const w = this.resolutions.get(conditionId);
      if (w !== undefined) this.book.setPayout(tokenId, w === tokenId ? 1 : 0);
    }
    this.record(e.ts, tokenId);
  }

  /** Release what `o` still reserves (once: it reserves nothing after). */
  private release(o: Order | undefined): void {
    if (o === undefined || !o.open) return;
    o.open = false;
    if (o.intent.side === "BUY") {
      this.committedCash -= o.reserved;
      Ledger.unreserve(o.byLeader, o.openShares);
      this.openBuyOrders--;
    } else {
      this.uncommitShares(o.intent.tokenId, o.reserved);
      Ledger.unreserve(o.byLeader, o.reserved);
    }
    // no BUY open: nothing is reserved, exactly (float sums of large reservations leave more than any fixed epsilon)
    if (this.openBuyOrders === 0) this.committedCash = 0;
    o.reserved = 0;
    o.openShares = 0;
    o.byLeader = undefined;
  }

  private uncommitShares(tokenId: string, n: number): void {
    const r = this.committedShares.get(tokenId);
    if (r === undefined) return; // nothing reserved
    const left = r.shares - n;
    if (left > EPS) r.shares = left;
    else {
      r.shares = 0;
      if (r.open) {
        r.open = false;
        this.openReservations--;
      }
    }
  }

  // ── Mirrored whole-market actions and settlement ────────────────────────────────────────────────────────────
  /** MERGE `sets` complete sets of `conditionId`: −sets of every outcome, +sets cash. Returns sets merged. */
  applyMerge(conditionId: string, sets: number, ts: number, tokenIds?: readonly string[]): number {
    const tokens = tokenIds ?? this.book.tokensOf(conditionId);
    let n = sets;
    for (const t of tokens) n = Math.min(n, this.shares(t)); // never merge shares an open SELL reserved
    const merged = this.book.merge(conditionId, n, true, tokens);
    this.cashUsd += merged;
    if (merged > 0) for (const t of tokens) this.record(ts, t);
    return merged;
  }

  /** SPLIT `sets` USD into `sets` of every outcome. Returns USD spent (capped at free cash). */
  applySplit(conditionId: string, sets: number, ts: number, tokenIds?: readonly string[]): number {
    const n = Math.min(sets, Math.max(0, this.cash()));
    const spent = this.book.split(conditionId, n, tokenIds);
    this.cashUsd -= spent;
    if (spent > 0) for (const t of this.book.tokensOf(conditionId)) this.record(ts, t);
    return spent;
  }

  /**
   * REDEEM the market: winning shares pay 1, the others 0. The winner is `winningTokenId`, else a resolution given to
   * `settle`. When neither is known only `sets` complete sets are paid (1 each whoever won, as a MERGE books them: a
   * mirror's sets are its leader's part) and `lostTokenIds` pay 0, and -1 is returned; the rest stays marked until
   * `settle` redeems it.
   * Returns the cash paid.
   */
  applyRedeem(conditionId: string, ts: number, winningTokenId?: string, tokenIds?: readonly string[], sets = 0, lostTokenIds?: readonly string[]): number {
    const w = winningTokenId ?? this.resolutions.get(conditionId);
    if (w === undefined) {
      if (sets > 0) this.applyMerge(conditionId, sets, ts, tokenIds);
      // outcomes the leader's payout showed lost pay 0 (the wallet redeems them); the market's others stay marked
      if (lostTokenIds) for (const t of this.book.writeOff(lostTokenIds)) this.record(ts, t);
      return -1;
    }
    // the market's winner is known from now on: shares that reach it later are valued at 1/0 too
    if (!this.resolutions.has(conditionId)) this.resolutions.set(conditionId, w);
    if (this.book.tokensOf(conditionId).length === 0) {
      if (!tokenIds) return 0; // never held: nothing to redeem
      const folded = this.foldedTokens.get(conditionId);
      if (folded) for (const t of folded) this.book.ensure(t, conditionId); // closed earlier: same order as then
    }
    const paid = this.book.redeem(conditionId, w, tokenIds);
    this.cashUsd += paid;
    for (const t of this.book.tokensOf(conditionId)) this.record(ts, t);
    return paid;
  }

  /** Apply a mirror decision (MERGE/SPLIT/REDEEM of the leader, at copy scale). */
  applyMirror(m: Mirror): number {
    if (m.action === "MERGE") return this.applyMerge(m.conditionId, m.shares, m.ts, m.tokenIds);
    if (m.action === "SPLIT") return this.applySplit(m.conditionId, m.shares, m.ts, m.tokenIds);
    return this.applyRedeem(m.conditionId, m.ts, m.winningTokenId, m.tokenIds, m.shares, m.lostTokenIds);
  }

  /** Market resolution: record it and settle every held share of the market at 1 (winner) / 0. Returns cash paid. */
  settle(r: Resolution): number {
    this.resolutions.set(r.conditionId, r.winningTokenId);
    return this.applyRedeem(r.conditionId, r.ts, r.winningTokenId);
  }

  /**
   * The market closed (redeemed): fold its flat positions out of the book (PositionBook.closeMarket) so long runs
   * keep flat memory. Kept when some share is still reserved. With history on, the market's token order is kept so
   * a later REDEEM of it records the same points as before.
   */
  closeMarket(conditionId: string): boolean {
    if (this.openReservations > 0) for (const t of this.book.tokensOf(conditionId)) if (this.committedShares.get(t)?.open) return false;
    const toks = this.hist || this.committedShares.size > 0 ? this.book.tokensOf(conditionId) : undefined;
    if (!this.book.closeMarket(conditionId)) return false;
    if (toks && this.committedShares.size > 0) {
      for (const t of toks) this.committedShares.delete(t);
      for (const m of this.committedByLeader.values()) for (const t of toks) m.delete(t);
      for (const m of this.buyingByLeader.values()) for (const t of toks) m.delete(t);
    }
    if (toks && this.hist) this.foldedTokens.set(conditionId, toks);
    return true;
  }

  resolutionOf(conditionId: string): string | undefined {
    return this.resolutions.get(conditionId);
  }

  // ── Valuation ───────────────────────────────────────────────────────────────────────────────────────────────
  /** Record a seen price (e.g. a leader trade) so marks follow the market between our own fills. */
  observePrice(tokenId: string, price: number): void {
    const p = this.book.position(tokenId);
    if (p) this.book.observeAt(p, price);
  }

  /** Value the copier at `prices` (token → price), falling back to each position's mark (last price / cost). */
  markToMarket(prices?: ReadonlyMap<string, number>, ts = 0): LedgerSnapshot {
    const positions: PositionSnapshot[] = [];
    let value = 0;
    let realised = 0;
    let unrealised = 0;
    let fees = 0;
    for (const p of this.book.positions()) {
      const mark = priceFor(p, prices);
      value += p.shares * mark;
      unrealised += p.shares * (mark - p.avgCost);
      positions.push({
        tokenId: p.tokenId,
        conditionId: p.conditionId,
        shares: p.shares,
        committedShares: this.committedShares.get(p.tokenId)?.shares ?? 0,
        avgCost: p.avgCost,
        realised: p.realised,
        fees: p.fees,
        mark,
        marking: p.payout === p.payout ? "settled" : "last-price",
      });
    }
    // realised and fees include the positions of closed markets (folded out of the book), summed in the same order
    realised = this.book.total("realised");
    fees = this.book.total("fees");
    return {
      ts,
      cash: this.cashUsd,
      freeCash: this.cash(),
      committedCash: this.committedCash,
      positionsValue: value,
      equity: this.cashUsd + value,
      realised,
      unrealised,
      fees,
      positions,
    };
  }

  /** A snapshot at venue time `ts` valued at each position's own mark. */
  snapshot(ts: number): LedgerSnapshot {
    return this.markToMarket(undefined, ts);
  }

  private record(ts: number, tokenId: string): void {
    const h = this.hist;
    if (!h) return;
    h.ts.push(ts);
    h.token.push(tokenId);
    h.shares.push(this.book.shares(tokenId));
    h.cash.push(this.cashUsd);
  }

  /** Positions over time (one point per change of a token's shares); empty unless recordHistory was set. */
  history(): HistoryPoint[] {
    const h = this.hist;
    if (!h) return [];
    const out: HistoryPoint[] = new Array(h.ts.length);
    for (let i = 0; i < h.ts.length; i++) out[i] = { ts: h.ts[i]!, tokenId: h.token[i]!, shares: h.shares[i]!, cash: h.cash[i]! };
    return out;
  }
}

function priceFor(p: Position, prices?: ReadonlyMap<string, number>): number {
  if (p.payout === p.payout) return p.payout;
  const x = prices?.get(p.tokenId);
  return x !== undefined ? x : p.mark;
}
