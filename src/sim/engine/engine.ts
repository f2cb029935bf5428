// Matching engine of the local exchange: markets, per-token books with price-time priority, GTC/GTD/FOK/FAK,
// post-only, V2 taker fees, balances reserved by open orders, settlement statuses, resolution, tick changes.
import { parseTick, type TickSize } from "../../core/money.js";
import { ORDER_STATUS, TRADE_STATUS, VENUE_QUIRKS, type TradeStatus } from "../../core/venue.js";
import { ERR, VenueError } from "../errors.js";
import type { CancelResult, DryRun, InternalOrder, OrderInput, PlaceResult } from "./api.js";
import { COLLATERAL } from "./balances.js";
import { TokenBook } from "./book.js";
import type { Market, MarketSpec, OutcomeToken } from "./market.js";
import { fmtPt, fmtUnits, orderWire, type OrderRec, type TradeRec } from "./order.js";
import type { OpenOrderWire } from "./events.js";
import { EngineState, byCreated } from "./state.js";
import { MAKER_QUANTUM, MARKET_TAKER_QUANTUM, PT, U, validateOrder, type Validated } from "./validate.js";

export { COLLATERAL };
export type * from "./api.js";

export class Engine extends EngineState {
  // ---------------------------------------------------------------- markets

  createMarket(spec: MarketSpec = {}): Market {
    const outcomes = spec.outcomes ?? ["Yes", "No"];
    const toks = spec.tokens;
    const tokens: [OutcomeToken, OutcomeToken] = toks
      ? (toks.map((t, i) => (typeof t === "string" ? { tokenId: t, outcome: outcomes[i]! } : t)) as [OutcomeToken, OutcomeToken])
      : [
          { tokenId: this.ids.tokenId(), outcome: outcomes[0] },
          { tokenId: this.ids.tokenId(), outcome: outcomes[1] },
        ];
    const conditionId = (spec.conditionId ?? this.ids.hex32()).toLowerCase();
    if (this.marketsById.has(conditionId)) throw new Error(`market ${conditionId} exists`);
    for (const t of tokens) if (this.tokenMarket.has(t.tokenId)) throw new Error(`token ${t.tokenId} exists`);
    const m: Market = {
      conditionId,
      tokens,
      tick: spec.tick ?? "0.01",
      minOrderSize: spec.minOrderSize ?? VENUE_QUIRKS.DEFAULT_MIN_ORDER_SIZE,
      negRisk: spec.negRisk ?? false,
      fee: { r: spec.fee?.r ?? 0, e: spec.fee?.e ?? 1, takerOnly: spec.fee?.takerOnly ?? true },
      question: spec.question ?? `Sim market ${this.marketsById.size + 1}?`,
      slug: spec.slug ?? `sim-market-${this.marketsById.size + 1}`,
      meta: spec.meta ?? {},
      createdAt: this.clock.now(),
      acceptingOrders: true,
      closed: false,
    };
    this.marketsById.set(conditionId, m);
    for (const t of tokens) {
      this.tokenMarket.set(t.tokenId, m);
      this.books.set(t.tokenId, new TokenBook(t.tokenId, conditionId));
    }
    this.emit({ type: "market_created", market: m });
    return m;
  }

  setTickSize(conditionId: string, tick: TickSize | string): void {
    const m = this.mustMarket(conditionId);
    const next = parseTick(tick);
    const old = m.tick;
    if (old === next) return;
    m.tick = next;
    for (const t of m.tokens)
      this.emit({ type: "tick_size_change", market: m.conditionId, tokenId: t.tokenId, oldTick: old, newTick: next });
  }

  /** Resolve: cancel resting orders, pay 1 pUSD per winning share, burn losing shares. */
  resolve(conditionId: string, winnerTokenId: string): void {
    const m = this.mustMarket(conditionId);
    const winner = m.tokens.find((t) => t.tokenId === winnerTokenId);
    if (!winner) throw new Error(`token ${winnerTokenId} is not an outcome of ${conditionId}`);
    if (m.closed) return;
    for (const o of [...this.live]) if (o.conditionId === m.conditionId) this.kill(o, ORDER_STATUS.CANCELED_MARKET_RESOLVED);
    m.closed = true;
    m.acceptingOrders = false;
    m.winnerTokenId = winnerTokenId;
    m.resolvedAt = this.clock.now();
    for (const t of m.tokens) {
      for (const [addr, v] of this.balances.holders(t.tokenId)) {
        this.balances.move(addr, t.tokenId, -v);
        this.emitBalance(addr, t.tokenId);
        if (t.tokenId === winnerTokenId) {
          this.balances.move(addr, COLLATERAL, v);
          this.emitBalance(addr, COLLATERAL);
        }
      }
    }
    this.emit({
      type: "market_resolved",
      market: m.conditionId,
      tokenIds: [m.tokens[0].tokenId, m.tokens[1].tokenId],
      winningTokenId: winnerTokenId,
      winningOutcome: winner.outcome,
    });
  }

  private mustMarket(conditionId: string): Market {
    const m = this.market(conditionId);
    if (!m) throw new Error(`unknown market ${conditionId}`);
    return m;
  }

  // ---------------------------------------------------------------- balances

  /** Credit pUSD (decimal) to an address. */
  credit(address: string, pusd: number): void {
    this.creditUnits(address, COLLATERAL, Math.round(pusd * U));
  }
  /** Credit outcome shares (decimal) to an address. */
  creditShares(address: string, tokenId: string, shares: number): void {
    this.creditUnits(address, tokenId, Math.round(shares * U));
  }
  creditUnits(address: string, asset: string, units: number): void {
    const a = address.toLowerCase();
    if (this.balances.move(a, asset, units) < this.balances.reserved(a, asset)) {
      this.balances.move(a, asset, -units);
      throw new Error(ERR.NOT_ENOUGH_BALANCE);
    }
    this.emitBalance(a, asset);
  }
  /** Split pUSD into one YES + one NO share each (CTF splitPosition). */
  split(address: string, conditionId: string, amount: number): void {
    const m = this.mustMarket(conditionId);
    const a = address.toLowerCase();
    const u = Math.round(amount * U);
    if (u <= 0 || this.balances.available(a, COLLATERAL) < u) throw new Error(ERR.NOT_ENOUGH_BALANCE);
    this.balances.move(a, COLLATERAL, -u);
    this.emitBalance(a, COLLATERAL);
    for (const t of m.tokens) {
      this.balances.move(a, t.tokenId, u);
      this.emitBalance(a, t.tokenId);
    }
  }
  /** Merge one YES + one NO share back into 1 pUSD each. */
  merge(address: string, conditionId: string, amount: number): void {
    const m = this.mustMarket(conditionId);
    const a = address.toLowerCase();
    const u = Math.round(amount * U);
    if (u <= 0 || m.tokens.some((t) => this.balances.available(a, t.tokenId) < u)) throw new Error(ERR.NOT_ENOUGH_BALANCE);
    for (const t of m.tokens) {
      this.balances.move(a, t.tokenId, -u);
      this.emitBalance(a, t.tokenId);
    }
    this.balances.move(a, COLLATERAL, u);
    this.emitBalance(a, COLLATERAL);
  }

  // ---------------------------------------------------------------- orders

  placeInternal(o: InternalOrder): PlaceResult {
    const m = this.marketByToken(o.tokenId);
    if (!m) throw new VenueError(ERR.INVALID_TOKEN);
    const type = o.type ?? "GTC";
    const priceU = Math.round(o.price * U);
    const sizeU = Math.round(o.size * U);
    let makerAmount: number;
    let takerAmount: number;
    if (type === "FOK" || type === "FAK") {
      // amounts the venue takes for market orders: maker 2 dp, taker rounded down to 4 dp
      const q = MARKET_TAKER_QUANTUM;
      const pt = Math.round(o.price * PT);
      if (o.side === "BUY") {
        const cash = o.amount ?? o.size * o.price;
        makerAmount = Math.floor(cash * 100 + 1e-9) * MAKER_QUANTUM;
        takerAmount = Math.floor((makerAmount * PT) / pt / q + 1e-9) * q;
      } else {
        makerAmount = Math.floor(o.size * 100 + 1e-9) * MAKER_QUANTUM;
        takerAmount = Math.floor((makerAmount * pt) / PT / q + 1e-9) * q;
      }
    } else if (o.side === "BUY") {
      makerAmount = Math.round((sizeU * priceU) / U);
      takerAmount = sizeU;
    } else {
      makerAmount = sizeU;
      takerAmount = Math.round((sizeU * priceU) / U);
    }
    const input: OrderInput = {
      id: this.ids.seqHex32(),
      owner: o.owner ?? "",
      maker: o.address,
      signer: o.address,
      tokenId: o.tokenId,
      side: o.side,
      type,
      makerAmount,
      takerAmount,
    };
    if (o.postOnly !== undefined) input.postOnly = o.postOnly;
    if (o.expiration !== undefined) input.expiration = o.expiration;
    return this.place(input);
  }

  /** Validate and place; throws VenueError (state untouched) on any rejection. */
  place(inp: OrderInput): PlaceResult {
    this.sweep();
    const v = this.validate(inp);
    return this.commit(inp, v.m, v.id, v.pt, v.dry);
  }

  /**
   * Validate without placing (throws VenueError, changes nothing); `crosses` = would match at once; `delayed`: the
   * order as GET /data/order shows it while the venue holds it (status DELAYED, nothing matched).
   */
  check(inp: OrderInput): { crosses: boolean; delayed: OpenOrderWire } {
    this.sweep();
    const v = this.validate(inp);
    const rec = this.record(inp, v.m, v.id, v.pt, this.clock.now()); // v.id: the order hash (signed orders)
    rec.status = ORDER_STATUS.DELAYED;
    return { crosses: v.dry.fills.length > 0, delayed: orderWire(rec) };
  }

  private validate(inp: OrderInput): Validated {
    return validateOrder(inp, {
      marketByToken: (t) => this.tokenMarket.get(t),
      book: (t) => this.books.get(t),
      hasOrder: (id) => this.orders.has(id),
      balances: this.balances,
      now: this.clock.now(),
    });
  }

  /** The record of a new order (LIVE, nothing matched yet). */
  private record(inp: OrderInput, m: Market, id: string, pt: number, now: number): OrderRec {
    const buy = inp.side === "BUY";
    const tok = m.tokens.find((t) => t.tokenId === inp.tokenId)!;
    const addr = inp.maker.toLowerCase();
    return {
      id,
      owner: inp.owner ?? "",
      maker: inp.maker,
      makerKey: addr,
      signer: (inp.signer ?? inp.maker).toLowerCase(),
      conditionId: m.conditionId,
      tokenId: inp.tokenId,
      outcome: tok.outcome,
      side: inp.side,
      type: inp.type,
      postOnly: inp.postOnly ?? false,
      expiration: inp.expiration ?? 0,
      createdAt: now,
      pt,
      makerAmount: inp.makerAmount,
      takerAmount: inp.takerAmount,
      originalSize: buy ? inp.takerAmount : inp.makerAmount,
      remaining: 0,
      matched: 0,
      status: ORDER_STATUS.LIVE,
      reserved: 0,
      trades: [],
    };
  }

  private commit(inp: OrderInput, m: Market, id0: string, pt: number, dry: DryRun): PlaceResult {
    const now = this.clock.now();
    const id = id0 || this.ids.seqHex32();
    const buy = inp.side === "BUY";
    const market = inp.type === "FOK" || inp.type === "FAK";
    const loud = this.hasListeners();
    const addr = inp.maker.toLowerCase();
    const o = this.record(inp, m, id, pt, now);
    this.orders.set(id, o);
    if (loud) this.emit({ type: "order", kind: "PLACEMENT", order: orderWire(o), ownerAddress: o.signer });

    const book = this.books.get(inp.tokenId)!;
    const opp = buy ? book.asks : book.bids;
    const touched = new Map<string, Set<string>>(); // addr -> assets
    const touch = (a: string, asset: string): void => {
      if (!loud) return;
      let s = touched.get(a);
      if (!s) touched.set(a, (s = new Set()));
      s.add(asset);
    };
    const levelsChanged = new Set<number>();
    let trade: TradeRec | undefined;
    if (dry.fills.length > 0) {
      const first = dry.fills[0]!;
      const p = first.pt / PT;
      const feeRateBps = m.fee.r > 0 ? String(Math.round(m.fee.r * (p * (1 - p)) ** m.fee.e * PT)) : "0";
      trade = {
        id: this.ids.seqUuid(),
        takerOrder: o,
        makers: dry.fills,
        side: inp.side,
        size: dry.units,
        pt: first.pt,
        cash: dry.cash,
        fee: dry.fee,
        feeRateBps,
        status: TRADE_STATUS.MATCHED,
        matchTime: now,
        lastUpdate: now,
        txHash: this.ids.seqHex32(),
      };
      for (const f of dry.fills) {
        const mo = f.order;
        const lvl = opp.levels.get(f.pt)!;
        mo.remaining -= f.units;
        mo.matched += f.units;
        if (mo.side === "SELL") {
          this.balances.move(mo.makerKey, mo.tokenId, -f.units);
          this.balances.reserve(mo.makerKey, mo.tokenId, -f.units);
          mo.reserved -= f.units;
          this.balances.move(mo.makerKey, COLLATERAL, f.cash);
        } else {
          const keep = Math.ceil((mo.remaining * mo.pt) / PT);
          this.balances.reserve(mo.makerKey, COLLATERAL, keep - mo.reserved);
          mo.reserved = keep;
          this.balances.move(mo.makerKey, COLLATERAL, -f.cash);
          this.balances.move(mo.makerKey, mo.tokenId, f.units);
        }
        touch(mo.makerKey, COLLATERAL);
        touch(mo.makerKey, mo.tokenId);
        opp.fill(lvl, mo, f.units);
        levelsChanged.add(f.pt);
        mo.trades.push(trade.id);
        if (mo.remaining === 0) {
          mo.status = ORDER_STATUS.MATCHED;
          this.live.delete(mo);
        }
        if (loud) this.emit({ type: "order", kind: "UPDATE", order: orderWire(mo), ownerAddress: mo.signer });
      }
      if (buy) {
        this.balances.move(addr, COLLATERAL, -(dry.cash + dry.fee));
        this.balances.move(addr, inp.tokenId, dry.units);
      } else {
        this.balances.move(addr, inp.tokenId, -dry.units);
        this.balances.move(addr, COLLATERAL, dry.cash - dry.fee);
      }
      touch(addr, COLLATERAL);
      touch(addr, inp.tokenId);
      o.matched = dry.units;
      o.trades.push(trade.id);
      this.tradesList.push(trade);
      this.tradesById.set(trade.id, trade);
      this.unsettled.add(trade);
      book.lastTradePt = dry.fills[dry.fills.length - 1]!.pt;
      book.lastTradeSide = inp.side;
    }

    // rest the remainder of a limit order
    const restUnits = market ? 0 : o.originalSize - dry.units;
    let status: PlaceResult["status"];
    if (restUnits > 0) {
      o.remaining = restUnits;
      o.reserved = buy ? Math.ceil((restUnits * pt) / PT) : restUnits;
      this.balances.reserve(addr, buy ? COLLATERAL : inp.tokenId, o.reserved);
      (buy ? book.bids : book.asks).add(o);
      this.live.add(o);
      if (o.type === "GTD") {
        this.gtd.push(o);
        this.nextExpiry = Math.min(this.nextExpiry, this.expiryMs(o));
      }
      status = "live";
    } else {
      o.status = ORDER_STATUS.MATCHED;
      status = "matched";
    }

    if (loud) {
      if (trade) {
        this.emit({ type: "order", kind: "UPDATE", order: orderWire(o), ownerAddress: o.signer });
        this.emitTrade(trade);
      }
      for (const lp of levelsChanged) this.emitLevel(book, !buy, lp);
      if (restUnits > 0) this.emitLevel(book, buy, pt);
      if (trade) {
        const last = dry.fills[dry.fills.length - 1]!;
        this.emit({
          type: "last_trade_price",
          market: m.conditionId,
          tokenId: inp.tokenId,
          price: fmtPt(last.pt),
          side: inp.side,
          size: fmtUnits(dry.units),
          feeRateBps: trade.feeRateBps,
          transactionHash: trade.txHash,
        });
      }
      for (const [a, assets] of touched) for (const asset of assets) this.emitBalance(a, asset);
    }
    if (trade && this.settlement === "sync") {
      this.setTradeStatus(trade.id, TRADE_STATUS.MINED);
      this.setTradeStatus(trade.id, TRADE_STATUS.CONFIRMED);
    }
    return {
      orderId: id,
      status,
      tradeIds: trade ? [trade.id] : [],
      txHashes: trade ? [trade.txHash] : [],
      makingAmount: trade ? fmtUnits(buy ? dry.cash : dry.units) : "",
      takingAmount: trade ? fmtUnits(buy ? dry.units : dry.cash - dry.fee) : "",
      order: orderWire(o),
    };
  }

  // ---------------------------------------------------------------- settlement

  /**
   * Move a trade's settlement status (MINED, CONFIRMED, RETRYING, FAILED). CONFIRMED and FAILED are final (later
   * calls are ignored). FAILED reverts the match's balance moves (it never happened on chain): see `revertFills`.
   */
  setTradeStatus(tradeId: string, status: TradeStatus): void {
    const t = this.tradesById.get(tradeId);
    if (!t || t.status === status) return;
    if (t.status === TRADE_STATUS.CONFIRMED || t.status === TRADE_STATUS.FAILED) return;
    t.status = status;
    t.lastUpdate = this.clock.now();
    if (status === TRADE_STATUS.CONFIRMED || status === TRADE_STATUS.FAILED) this.unsettled.delete(t);
    else this.unsettled.add(t);
    if (status === TRADE_STATUS.FAILED) this.revertFills(t);
    if (this.hasListeners()) this.emitTrade(t);
  }

  /**
   * Undo a FAILED trade's balance moves for the taker and every maker (pUSD, outcome shares, the taker fee), before
   * the FAILED event goes out. Orders are left as matched (size_matched, status, remaining and reservations stay):
   * a maker order's failed part does not come back to the book. Not checked against reservations: an account that
   * spent the fill's proceeds before the FAILED status can end below its reservations (or below 0).
   */
  private revertFills(t: TradeRec): void {
    const touched: [string, string][] = [];
    for (const f of t.makers) {
      const mo = f.order;
      const sell = mo.side === "SELL";
      this.balances.move(mo.makerKey, mo.tokenId, sell ? f.units : -f.units);
      this.balances.move(mo.makerKey, COLLATERAL, sell ? -f.cash : f.cash);
      touched.push([mo.makerKey, COLLATERAL], [mo.makerKey, mo.tokenId]);
    }
    const tk = t.takerOrder;
    if (t.side === "BUY") {
      this.balances.move(tk.makerKey, COLLATERAL, t.cash + t.fee);
      this.balances.move(tk.makerKey, tk.tokenId, -t.size);
    } else {
      this.balances.move(tk.makerKey, tk.tokenId, t.size);
      this.balances.move(tk.makerKey, COLLATERAL, -(t.cash - t.fee));
    }
    touched.push([tk.makerKey, COLLATERAL], [tk.makerKey, tk.tokenId]);
    const seen = new Set<string>();
    for (const [a, asset] of touched) {
      const k = `${a} ${asset}`;
      if (seen.has(k)) continue;
      seen.add(k);
      this.emitBalance(a, asset);
    }
  }

  /** Advance every unsettled trade one step: MATCHED → MINED, MINED/RETRYING → CONFIRMED. O(unsettled). */
  advanceTrades(): void {
    for (const t of [...this.unsettled]) {
      if (t.status === TRADE_STATUS.MATCHED) this.setTradeStatus(t.id, TRADE_STATUS.MINED);
      else if (t.status === TRADE_STATUS.MINED || t.status === TRADE_STATUS.RETRYING)
        this.setTradeStatus(t.id, TRADE_STATUS.CONFIRMED);
    }
  }

  // ---------------------------------------------------------------- cancels and expiry

  private expiryMs(o: OrderRec): number {
    return (o.expiration - VENUE_QUIRKS.GTD_MIN_LEAD_S) * 1000;
  }

  /** Expire GTD orders whose time has come (called before every operation; call it from a timer too). */
  sweep(): void {
    const now = this.clock.now();
    if (now < this.nextExpiry) return;
    const keep: OrderRec[] = [];
    let next = Infinity;
    for (const o of this.gtd) {
      if (o.status !== ORDER_STATUS.LIVE) continue;
      const at = this.expiryMs(o);
      if (at <= now) this.kill(o, ORDER_STATUS.CANCELED);
      else {
        keep.push(o);
        next = Math.min(next, at);
      }
    }
    this.gtd = keep;
    this.nextExpiry = next;
  }

  private kill(o: OrderRec, status: string): void {
    const book = this.books.get(o.tokenId)!;
    const side = o.side === "BUY" ? book.bids : book.asks;
    side.remove(o);
    this.balances.reserve(o.makerKey, o.side === "BUY" ? COLLATERAL : o.tokenId, -o.reserved);
    o.reserved = 0;
    o.status = status;
    this.live.delete(o);
    if (this.hasListeners()) {
      this.emit({ type: "order", kind: "CANCELLATION", order: orderWire(o), ownerAddress: o.signer });
      this.emitLevel(book, o.side === "BUY", o.pt);
    }
  }

  /** Cancel by id. `owner` (API key) must own it unless undefined (internal use). */
  cancel(ids: string[], owner?: string): CancelResult {
    this.sweep();
    const out: CancelResult = { canceled: [], not_canceled: {} };
    // each id is answered once: a repeated id is not also "not cancelled" after its first mention cancelled it
    for (const id of new Set(ids)) {
      const o = this.orders.get(id);
      if (o !== undefined && (owner === undefined || o.owner === owner) && o.status === ORDER_STATUS.LIVE) {
        this.kill(o, ORDER_STATUS.CANCELED);
        out.canceled.push(id);
      } else out.not_canceled[id] = ERR.CANNOT_CANCEL; // unknown, not the caller's, cancelled or matched alike
    }
    return out;
  }

  cancelAll(owner: string): CancelResult {
    return this.cancelWhere((o) => o.owner === owner);
  }

  cancelMarket(owner: string, market?: string, assetId?: string): CancelResult {
    const mk = market?.toLowerCase();
    return this.cancelWhere((o) => o.owner === owner && (!mk || o.conditionId === mk) && (!assetId || o.tokenId === assetId));
  }

  /** Cancel every live order of an address (bots). */
  cancelAddress(address: string): CancelResult {
    const a = address.toLowerCase();
    return this.cancelWhere((o) => o.makerKey === a);
  }

  private cancelWhere(pred: (o: OrderRec) => boolean): CancelResult {
    this.sweep();
    const out: CancelResult = { canceled: [], not_canceled: {} };
    for (const o of [...this.live].sort(byCreated)) {
      if (!pred(o)) continue;
      this.kill(o, ORDER_STATUS.CANCELED);
      out.canceled.push(o.id);
    }
    return out;
  }
}
