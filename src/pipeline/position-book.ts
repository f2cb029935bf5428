// PositionBook: shares, cost basis, realised PnL, fees and capital deployed per outcome token, plus market→tokens
// memory; the shared inventory maths under the copier's Ledger, the LeaderBook and tracking. Pure, allocation-light.
import { VENUE_QUIRKS } from "../core/index.js";
import { ClosedSums, type ClosedField } from "./closed-sums.js";

/** One outcome token held by a leader or the copier. Mutated in place by PositionBook only. */
export class Position {
  shares = 0;
  /** Cost basis (USD) of the shares still held. */
  cost = 0;
  /** Realised PnL (USD) of shares sold, merged or redeemed, before fees. */
  realised = 0;
  fees = 0;
  /** Capital deployed: USD paid into this token (buys at trade price, splits at 1/k per share). */
  deployed = 0;
  /** Last price seen for the token (trade price), NaN until one is seen. */
  last = Number.NaN;
  /** Settlement payout per share (1 winner, 0 loser) once the market resolved, else NaN. */
  payout = Number.NaN;
  /**
   * Shares a REDEEM whose winner was unknown cleared at `restMark` (clearMarket): their value is settled when the
   * outcome becomes known later (settleRest), as the copy's same shares are then.
   */
  rest = 0;
  restMark = 0;
  /**
   * Free for the book's reader to attach its own state of this token (tracking links its per-token state to the
   * leader's positions): reached through a position already in hand, it saves a Map lookup by token id per event.
   */
  link: object | undefined = undefined;
  constructor(
    readonly tokenId: string,
    public conditionId: string,
    /** Creation order within its book (sums over positions run in this order). */
    readonly seq = 0,
  ) {}

  get avgCost(): number {
    return this.shares > 0 ? this.cost / this.shares : 0;
  }

  /** Price the position is valued at: payout once settled, else the last price, else its average cost. */
  get mark(): number {
    if (this.payout === this.payout) return this.payout;
    if (this.last === this.last) return this.last;
    return this.avgCost;
  }
}

interface Market {
  tokens: string[];
  /** Net sets SPLIT − MERGEd so far: credited to an outcome token first seen after the split. */
  netSets: number;
}

/** Outcomes assumed when fewer are known (binary markets). */
const MIN_OUTCOMES = VENUE_QUIRKS.OUTCOMES_PER_MARKET;
const EPS = 1e-9;
const RESYNC_EVERY = 1 << 16;

export class PositionBook {
  private readonly pos = new Map<string, Position>();
  private readonly markets = new Map<string, Market>();
  private costTotal = 0;
  private valueTotal = 0;
  /** Cash out now: buys and split costs and fees paid, less sale, merge and redeem proceeds (USD). */
  private outlay = 0;
  /** The most cash that was ever out at once (capital()). */
  private peakOutlay = 0;
  /** Mutations since the running totals were last recomputed exactly (bounds float drift). */
  private sinceResync = 0;
  private nextSeq = 0;
  /** Positions of closed markets, folded out of `pos` (closeMarket). */
  private readonly closed = new ClosedSums();
  // The position last looked up: one event's handling asks for the same token several times in a row, and a string
  // compare is cheaper than a Map lookup by a long token id.
  private lastId: string | undefined;
  private lastPos: Position | undefined;

  position(tokenId: string): Position | undefined {
    if (tokenId === this.lastId) return this.lastPos;
    const p = this.pos.get(tokenId);
    if (p !== undefined) {
      this.lastId = tokenId;
      this.lastPos = p;
    }
    return p;
  }

  shares(tokenId: string): number {
    return this.position(tokenId)?.shares ?? 0;
  }

  positions(): IterableIterator<Position> {
    return this.pos.values();
  }

  /** Outcome tokens of `conditionId` seen so far (a copy; empty when the market is unknown). */
  tokensOf(conditionId: string): string[] {
    const m = this.markets.get(conditionId);
    return m ? m.tokens.slice() : [];
  }

  /**
   * Capital the book needed: the most cash it had out at once (buys, split costs and fees paid, less sale, merge and
   * redeem proceeds received, at its highest). The base of a % return: a book that recycles $10 ten times needed $10,
   * not the $100 it bought in all (deployed()). Proceeds of shares from before the history are not counted.
   */
  capital(): number {
    return this.peakOutlay;
  }

  private pay(usd: number): void {
    this.outlay += usd;
    if (this.outlay > this.peakOutlay) this.peakOutlay = this.outlay;
  }

  /** Σ cost basis of held shares (USD), maintained incrementally. */
  exposureAtCost(): number {
    return this.costTotal;
  }

  /** Σ shares × mark (last price, else cost) of held shares (USD), maintained incrementally. */
  exposureAtMark(): number {
    return this.valueTotal;
  }

  /** Same as exposureAtMark but recomputed from scratch (tests, reports). */
  exposureAtMarkExact(): number {
    let v = 0;
    for (const p of this.pos.values()) v += p.shares * p.mark;
    return v;
  }

  /** The position of `tokenId`, created on first sight; `conditionId` ("" if unknown) joins it to its market. */
  ensure(tokenId: string, conditionId = ""): Position {
    let p = this.position(tokenId);
    if (p) {
      if (p.conditionId === "" && conditionId !== "") {
        p.conditionId = conditionId;
        this.join(p);
      }
      return p;
    }
    p = new Position(tokenId, conditionId, this.nextSeq++);
    this.pos.set(tokenId, p);
    this.lastId = tokenId;
    this.lastPos = p;
    if (conditionId !== "") this.join(p);
    return p;
  }

  private join(p: Position): void {
    let m = this.markets.get(p.conditionId);
    if (!m) this.markets.set(p.conditionId, (m = { tokens: [], netSets: 0 }));
    if (m.tokens.includes(p.tokenId)) return;
    m.tokens.push(p.tokenId);
    if (m.netSets > EPS) {
      // Sets split before this outcome was seen: it holds them too.
      const k = Math.max(MIN_OUTCOMES, m.tokens.length);
      this.before(p);
      p.shares += m.netSets;
      p.cost += m.netSets / k;
      p.deployed += m.netSets / k;
      this.after(p);
    }
  }

  private before(p: Position): void {
    this.costTotal -= p.cost;
    this.valueTotal -= p.shares * p.mark;
  }

  private after(p: Position): void {
    if (p.shares < EPS) {
      p.shares = 0;
      p.cost = 0;
    }
    this.costTotal += p.cost;
    this.valueTotal += p.shares * p.mark;
    if (++this.sinceResync >= RESYNC_EVERY) this.resync();
  }

  private resync(): void {
    let c = 0;
    let v = 0;
    for (const p of this.pos.values()) {
      c += p.cost;
      v += p.shares * p.mark;
    }
    this.costTotal = c;
    this.valueTotal = v;
    this.sinceResync = 0;
  }

  /** Record a seen price without trading. */
  observe(tokenId: string, price: number, conditionId = ""): void {
    this.observeAt(this.ensure(tokenId, conditionId), price);
  }

  /** observe on a position of this book (from `ensure`/`position`): no lookup. */
  observeAt(p: Position, price: number): void {
    this.before(p);
    p.last = price;
    this.after(p);
  }

  buy(tokenId: string, shares: number, price: number, fee = 0, conditionId = ""): void {
    this.buyAt(this.ensure(tokenId, conditionId), shares, price, fee);
  }

  /** buy into a position of this book (from `ensure`): no lookup. */
  buyAt(p: Position, shares: number, price: number, fee = 0): void {
    this.before(p);
    p.shares += shares;
    p.cost += shares * price;
    p.deployed += shares * price;
    p.fees += fee;
    p.last = price;
    this.after(p);
    this.pay(shares * price + fee);
  }

  /** Sell up to `shares`; never below zero. Returns the shares actually sold. */
  sell(tokenId: string, shares: number, price: number, fee = 0, conditionId = ""): number {
    return this.sellAt(this.ensure(tokenId, conditionId), shares, price, fee);
  }

  /** sell from a position of this book (from `ensure`): no lookup. Returns the shares actually sold. */
  sellAt(p: Position, shares: number, price: number, fee = 0): number {
    const q = Math.min(shares, p.shares);
    this.before(p);
    const removed = q >= p.shares ? p.cost : p.avgCost * q;
    p.realised += q * price - removed;
    p.cost -= removed;
    p.shares -= q;
    p.fees += fee;
    p.last = price;
    this.after(p);
    this.outlay -= q * price - fee;
    return q;
  }

  /**
   * MERGE `sets` of `conditionId` (its tokens as known, plus `tokenIds`): −sets of every outcome, proceeds 1 per set,
   * 1/k per share of each of the k outcomes (as a SPLIT costs). `completeSets` (the copier) merges at most the complete
   * sets held; otherwise (the leader, whose pre-history is unknown) each outcome is reduced independently, clamped at
   * 0, and only the shares known to be held earn their part of the proceeds (as a SELL beyond the known position
   * earns nothing: shares from before the history would book proceeds against no cost). Returns the sets merged.
   */
  merge(conditionId: string, sets: number, completeSets: boolean, tokenIds?: readonly string[]): number {
    const tokens = this.marketTokens(conditionId, tokenIds);
    let n = sets;
    if (completeSets) {
      if (tokens.length < MIN_OUTCOMES) return 0;
      for (const t of tokens) n = Math.min(n, this.shares(t));
    }
    if (!(n > 0)) return 0;
    const perShare = 1 / Math.max(MIN_OUTCOMES, tokens.length);
    for (const t of tokens) {
      const p = this.ensure(t, conditionId);
      const q = Math.min(n, p.shares);
      this.before(p);
      const removed = q >= p.shares ? p.cost : p.avgCost * q;
      p.realised += q * perShare - removed;
      p.cost -= removed;
      p.shares -= q;
      this.after(p);
      this.outlay -= q * perShare;
    }
    const m = this.markets.get(conditionId);
    if (m) m.netSets -= n;
    return n;
  }

  /**
   * SPLIT `sets` USD into `sets` of every outcome (cost 1/k per share, k ≥ 2). Returns the USD spent: all of it leaves
   * now, also the part of outcomes not seen yet (they get their shares and cost when first seen, join).
   */
  split(conditionId: string, sets: number, tokenIds?: readonly string[]): number {
    if (!(sets > 0)) return 0;
    const tokens = this.marketTokens(conditionId, tokenIds);
    const k = Math.max(MIN_OUTCOMES, tokens.length);
    for (const t of tokens) {
      const p = this.ensure(t, conditionId);
      this.before(p);
      p.shares += sets;
      p.cost += sets / k;
      p.deployed += sets / k;
      this.after(p);
    }
    // the sets cost `sets` USD whichever outcomes are known yet (one first seen later is credited its part at join)
    this.pay(sets);
    let m = this.markets.get(conditionId);
    if (!m) this.markets.set(conditionId, (m = { tokens: [], netSets: 0 }));
    m.netSets += sets;
    return sets;
  }

  /** Settle a resolved market: every held share pays `payoutOf(token)` (1 winner, 0 loser). Returns the proceeds. */
  redeem(conditionId: string, winningTokenId: string, tokenIds?: readonly string[]): number {
    const tokens = this.marketTokens(conditionId, tokenIds);
    if (!tokens.includes(winningTokenId)) this.ensure(winningTokenId, conditionId);
    let cash = 0;
    for (const t of this.marketTokens(conditionId)) cash += this.settle(this.ensure(t, conditionId), t === winningTokenId ? 1 : 0);
    const m = this.markets.get(conditionId);
    if (m) m.netSets = 0;
    return cash;
  }

  /**
   * A REDEEM whose winner is unknown showed these tokens lost: their held shares pay 0 (the market's other tokens stay
   * as they are). Returns the tokens that held shares.
   */
  writeOff(tokenIds: readonly string[]): string[] {
    const out: string[] = [];
    for (const t of tokenIds) {
      const p = this.position(t);
      if (p === undefined || !(p.shares > 0)) continue;
      this.settle(p, 0);
      out.push(t);
    }
    return out;
  }

  /** Settle a position at `pay` per share (1 winner, 0 loser): its shares leave, valued at `pay` from now on. */
  private settle(p: Position, pay: number): number {
    this.before(p);
    const cash = p.shares * pay;
    p.realised += cash - p.cost;
    p.shares = 0;
    p.cost = 0;
    p.payout = pay;
    this.after(p);
    this.outlay -= cash;
    return cash;
  }

  /**
   * The outcome of a market a REDEEM cleared without knowing it (clearMarket) is known: the shares it valued at their
   * mark are settled at 1 (winner) / 0, as the copy's unredeemed shares are (no cash moves: the REDEEM paid already).
   */
  settleRest(conditionId: string, winningTokenId: string): void {
    for (const t of this.markets.get(conditionId)?.tokens ?? []) {
      const p = this.pos.get(t);
      if (p === undefined || !(p.rest > 0)) continue;
      this.before(p);
      p.realised += p.rest * ((t === winningTokenId ? 1 : 0) - p.restMark);
      p.rest = 0;
      this.after(p);
    }
  }

  /** The market of `tokenId` resolved: its shares are valued at `payout` (1 winner, 0 loser) from now on. */
  setPayout(tokenId: string, payout: number): void {
    const p = this.position(tokenId);
    if (p === undefined || p.payout === payout) return;
    this.before(p);
    p.payout = payout;
    this.after(p);
  }

  /**
   * A redemption whose winner is unknown: clears the market, valuing what it cannot tell as the copy's side is valued.
   * The winner paid 1 per share of its real holding, and a known holding is never more than the real one (sells beyond
   * it are clamped): an outcome whose known shares exceed the proceeds lost (0). Complete sets of the known outcomes
   * pay 1 each (1/k per share) whoever won; the rest of an outcome that may have won is valued at its mark (last price,
   * else cost), as the copy's unredeemed shares of it stay marked: crediting it 1 would settle the leader at an outcome
   * the data does not show. More came from shares held before the history and is not booked (as a SELL beyond the
   * known position). A 50-50 payout (isFiftyFifty) pays its proceeds pro rata over every held outcome.
   */
  clearMarket(conditionId: string, proceeds: number): void {
    const tokens = this.marketTokens(conditionId);
    const tol = Math.max(1e-6, 0.005 * proceeds);
    // a market resolved 50-50 pays 0.5 per share of every outcome: no holding is ruled out then
    const fiftyFifty = isFiftyFifty(this, tokens, proceeds);
    let held = 0;
    let sets = tokens.length >= MIN_OUTCOMES ? Number.POSITIVE_INFINITY : 0;
    for (const t of tokens) {
      const s = this.shares(t);
      held += s;
      if (s < sets) sets = s;
    }
    const perSet = 1 / Math.max(MIN_OUTCOMES, tokens.length);
    let left = proceeds;
    for (const t of tokens) {
      const p = this.ensure(t, conditionId);
      let alloc: number;
      if (fiftyFifty) alloc = held > 0 ? (proceeds * p.shares) / held : 0;
      else {
        const lost = p.shares > proceeds + tol;
        const rest = lost ? 0 : p.shares - sets;
        alloc = sets * perSet + rest * p.mark;
        if (alloc > left) alloc = left > 0 ? left : 0;
        left -= alloc;
        // the part valued at the mark (not at a payout, not cut by the proceeds) is settled once the outcome is known
        if (rest > EPS && !(p.payout === p.payout) && alloc === sets * perSet + rest * p.mark) {
          p.rest = rest;
          p.restMark = p.mark;
        }
      }
      this.before(p);
      p.realised += alloc - p.cost;
      p.shares = 0;
      p.cost = 0;
      this.after(p);
      this.outlay -= alloc;
    }
    const m = this.markets.get(conditionId);
    if (m) m.netSets = 0;
  }

  private marketTokens(conditionId: string, extra?: readonly string[]): string[] {
    if (extra) for (const t of extra) this.ensure(t, conditionId);
    return this.markets.get(conditionId)?.tokens ?? [];
  }

  /** Σ realised − fees + Σ shares × (price − avg cost), valuing held shares with `priceOf` (default: their mark). */
  pnl(priceOf?: (p: Position) => number): number {
    return this.closed.sum(this.pos.values(), (p) => p.realised - p.fees + p.shares * ((priceOf ? priceOf(p) : p.mark) - p.avgCost), "pnl");
  }

  /** Σ capital deployed (USD), closed markets included. */
  deployed(): number {
    return this.closed.sum(this.pos.values(), (p) => p.deployed, "deployed");
  }

  /** Σ of a field over every position, closed markets included (same sum as a loop over all of them). */
  total(field: Exclude<ClosedField, "pnl">): number {
    return this.closed.sum(this.pos.values(), (p) => p[field], field);
  }

  /** Positions folded out by closeMarket. */
  closedPositions(): number {
    return this.closed.count;
  }

  /**
   * Fold a closed market out of the book: once every position of it is flat (shares and cost 0, e.g. after redeem),
   * keep only its realised, fees and deployed for the sums and drop the positions and the market. Returns false
   * (and keeps everything) when some position still holds shares. A token seen again later starts a new position.
   */
  closeMarket(conditionId: string): boolean {
    const m = this.markets.get(conditionId);
    if (!m) return false;
    for (const t of m.tokens) {
      const p = this.pos.get(t);
      if (p && (p.shares !== 0 || p.cost !== 0)) return false;
    }
    for (const t of m.tokens) {
      const p = this.pos.get(t);
      if (!p) continue;
      this.closed.add(p);
      this.pos.delete(t);
    }
    this.lastId = this.lastPos = undefined;
    this.markets.delete(conditionId);
    const first = this.pos.values().next();
    this.closed.advance(first.done ? Number.POSITIVE_INFINITY : first.value.seq);
    return true;
  }
}

/**
 * A REDEEM payout of half the shares held in the market (within 0.5 %): what a market resolved 50-50 pays (0.5 per
 * share of each outcome), where the rules that read a 1/0 outcome from the payout must not apply.
 */
export function isFiftyFifty(b: PositionBook, tokens: readonly string[], payout: number): boolean {
  let held = 0;
  for (const t of tokens) held += b.shares(t);
  return held > 0 && Math.abs(payout - held / 2) <= Math.max(1e-6, 0.005 * payout);
}
