// Engine state and read side: markets, books, orders, trades, balances, the queries over them, and the
// event payload helpers. `Engine` (engine.ts) extends it with everything that changes state.
import type { Side } from "../../core/venue.js";
import { systemClock, type Clock } from "../types.js";
import type { BookLevels, EngineOptions, OrderFilter, TradeFilter } from "./api.js";
import { Balances, COLLATERAL } from "./balances.js";
import type { BookSide, TokenBook } from "./book.js";
import { SimEmitter } from "./events.js";
import { IdGen } from "./ids.js";
import type { Market } from "./market.js";
import { fmtPt, fmtUnits, tradeWire, type OrderRec, type TradeRec } from "./order.js";

export abstract class EngineState extends SimEmitter {
  readonly clock: Clock;
  readonly balances = new Balances();
  settlement: "sync" | "manual";
  protected readonly ids: IdGen;
  protected readonly marketsById = new Map<string, Market>();
  protected readonly tokenMarket = new Map<string, Market>();
  protected readonly books = new Map<string, TokenBook>();
  protected readonly orders = new Map<string, OrderRec>();
  protected readonly live = new Set<OrderRec>();
  protected readonly tradesList: TradeRec[] = [];
  protected readonly tradesById = new Map<string, TradeRec>();
  /** Trades not yet CONFIRMED or FAILED, in the order they became so: advanceTrades visits only these. */
  protected readonly unsettled = new Set<TradeRec>();
  protected gtd: OrderRec[] = [];
  protected nextExpiry = Infinity;

  constructor(opts: EngineOptions = {}) {
    const clock = opts.clock ?? systemClock;
    super(() => clock.now());
    this.clock = clock;
    this.ids = new IdGen(opts.seed ?? 1);
    this.settlement = opts.settlement ?? "sync";
  }

  /** Expire what is due (GTD orders); queries call it first so they never show stale orders. */
  abstract sweep(): void;

  market(conditionId: string): Market | undefined {
    return this.marketsById.get(conditionId.toLowerCase());
  }

  marketByToken(tokenId: string): Market | undefined {
    return this.tokenMarket.get(tokenId);
  }

  markets(): Market[] {
    return [...this.marketsById.values()];
  }

  /** Units held (not net of reservations). `asset` = COLLATERAL or a token id. */
  balance(address: string, asset: string = COLLATERAL): number {
    return this.balances.balance(address.toLowerCase(), asset);
  }

  available(address: string, asset: string = COLLATERAL): number {
    return this.balances.available(address.toLowerCase(), asset);
  }

  protected emitBalance(addr: string, asset: string): void {
    if (!this.hasListeners()) return;
    this.emit({ type: "balance", address: addr, asset, balance: String(this.balances.balance(addr, asset)) });
  }

  protected emitLevel(book: TokenBook, bid: boolean, pt: number): void {
    const side = bid ? book.bids : book.asks;
    const lvl = side.levels.get(pt);
    const bb = book.bids.best();
    const ba = book.asks.best();
    this.emit({
      type: "book",
      market: book.conditionId,
      tokenId: book.tokenId,
      side: bid ? "BUY" : "SELL",
      price: fmtPt(pt),
      size: lvl ? fmtUnits(lvl.total) : "0",
      bestBid: bb ? fmtPt(bb.pt) : "",
      bestAsk: ba ? fmtPt(ba.pt) : "",
    });
  }

  protected emitTrade(t: TradeRec): void {
    const tk = t.takerOrder;
    this.emit({
      type: "trade",
      trade: tradeWire(t),
      takerAddress: tk.makerKey,
      makerAddresses: [...new Set(t.makers.map((f) => f.order.makerKey))],
      takerFeeUnits: t.fee,
    });
  }

  order(id: string): OrderRec | undefined {
    this.sweep();
    return this.orders.get(id);
  }

  openOrders(f: OrderFilter = {}): OrderRec[] {
    this.sweep();
    const mk = f.market?.toLowerCase();
    return [...this.live]
      .filter(
        (o) =>
          (f.owner === undefined || o.owner === f.owner) &&
          (!f.id || o.id === f.id) &&
          (!mk || o.conditionId === mk) &&
          (!f.assetId || o.tokenId === f.assetId),
      )
      .sort(byCreated);
  }

  trades(f: TradeFilter = {}): TradeRec[] {
    const mk = f.market?.toLowerCase();
    const ma = f.makerAddress?.toLowerCase();
    return this.tradesList.filter((t) => {
      const involved =
        f.owner === undefined || t.takerOrder.owner === f.owner || t.makers.some((x) => x.order.owner === f.owner);
      if (!involved) return false;
      if (f.id && t.id !== f.id) return false;
      if (mk && t.takerOrder.conditionId !== mk) return false;
      if (f.assetId && t.takerOrder.tokenId !== f.assetId) return false;
      if (ma && t.takerOrder.makerKey !== ma && !t.makers.some((x) => x.order.makerKey === ma)) return false;
      const s = Math.floor(t.matchTime / 1000);
      if (f.before !== undefined && !(s < f.before)) return false;
      if (f.after !== undefined && !(s > f.after)) return false;
      return true;
    });
  }

  trade(id: string): TradeRec | undefined {
    return this.tradesById.get(id);
  }

  book(tokenId: string): BookLevels | undefined {
    this.sweep();
    const b = this.books.get(tokenId);
    const m = this.tokenMarket.get(tokenId);
    if (!b || !m) return undefined;
    const lv = (s: BookSide) => s.depth().map((l) => ({ price: fmtPt(l.pt), size: fmtUnits(l.total) }));
    return {
      market: m.conditionId,
      tokenId,
      bids: lv(b.bids),
      asks: lv(b.asks),
      tick: m.tick,
      minOrderSize: m.minOrderSize,
      negRisk: m.negRisk,
      lastTradePrice: b.lastTradePt === undefined ? "" : fmtPt(b.lastTradePt),
    };
  }

  lastTrade(tokenId: string): { price: string; side: Side | "" } | undefined {
    const b = this.books.get(tokenId);
    if (!b) return undefined;
    return b.lastTradePt === undefined
      ? { price: "", side: "" }
      : { price: fmtPt(b.lastTradePt), side: b.lastTradeSide ?? "" };
  }

  /** Deterministic dump of all state (books, orders, balances, trades) for before/after comparisons. */
  snapshot(): string {
    const books: Record<string, unknown> = {};
    for (const [t, b] of this.books) books[t] = [b.bids.depth(), b.asks.depth(), b.lastTradePt ?? null];
    const orders = [...this.orders.values()].map((o) => [o.id, o.status, o.remaining, o.matched, o.reserved]);
    const trades = this.tradesList.map((t) => [t.id, t.status, t.size]);
    const markets = this.markets().map((m) => [m.conditionId, m.tick, m.closed, m.winnerTokenId ?? null]);
    return JSON.stringify({ books, orders, trades, markets, balances: this.balances.snapshot() });
  }
}

export function byCreated(a: OrderRec, b: OrderRec): number {
  return a.createdAt - b.createdAt;
}
