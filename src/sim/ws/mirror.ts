// A read-side copy of the engine built only from its SimEvents: markets by condition/token, books (level
// totals per price), last trades and ticks. Shared by every feed plugin of one engine (WeakMap memo).
import { roundTo } from "../../core/money.js";
import { TRADE_STATUS } from "../../core/venue.js";
import { createHash } from "node:crypto";
import type { Engine } from "../engine/engine.js";
import type { SimEvent } from "../engine/events.js";
import type { Market } from "../engine/market.js";

export interface WireLevel {
  price: string;
  size: string;
}

interface BookState {
  bids: Map<string, string>;
  asks: Map<string, string>;
}

export interface LastTrade {
  price: string;
  side: string;
  size: string;
}

export class EngineMirror {
  readonly markets = new Map<string, Market>(); // by condition id
  private readonly byToken = new Map<string, Market>();
  private readonly books = new Map<string, BookState>();
  private readonly last = new Map<string, LastTrade>();
  private readonly ticks = new Map<string, string>();
  private readonly volume = new Map<string, number>(); // by condition id, shares × price
  private readonly listeners = new Set<(e: SimEvent) => void>();
  private readonly off: () => void;

  constructor(readonly engine: Engine) {
    this.off = engine.onAny((e) => this.apply(e));
  }

  /** Hear every engine event after the mirror has applied it (so snapshots already include it). */
  onEvent(fn: (e: SimEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  close(): void {
    this.off();
    this.listeners.clear();
  }

  /** Seed the mirror with a market created before it was listening. */
  addMarket(m: Market): void {
    this.markets.set(m.conditionId, m);
    for (const t of m.tokens) {
      this.byToken.set(t.tokenId, m);
      if (!this.ticks.has(t.tokenId)) this.ticks.set(t.tokenId, m.tick);
    }
  }

  /** Seed one token's levels (from engine.book) when the mirror starts after orders exist. */
  seedBook(tokenId: string, bids: WireLevel[], asks: WireLevel[]): void {
    const b = this.bookOf(tokenId);
    for (const l of bids) b.bids.set(l.price, l.size);
    for (const l of asks) b.asks.set(l.price, l.size);
  }

  marketOfToken(tokenId: string): Market | undefined {
    return this.byToken.get(tokenId);
  }

  outcomeOf(tokenId: string): { outcome: string; index: number } {
    const m = this.byToken.get(tokenId);
    const i = m ? m.tokens.findIndex((t) => t.tokenId === tokenId) : -1;
    return { outcome: m?.tokens[i]?.outcome ?? "", index: i };
  }

  tick(tokenId: string): string {
    return this.ticks.get(tokenId) ?? this.byToken.get(tokenId)?.tick ?? "0.01";
  }

  lastTrade(tokenId: string): LastTrade | undefined {
    return this.last.get(tokenId);
  }

  volumeOf(conditionId: string): number {
    return this.volume.get(conditionId) ?? 0;
  }

  /** Levels in the venue's wire order: bids ascending (best last), asks descending (best last). */
  levels(tokenId: string): { bids: WireLevel[]; asks: WireLevel[] } {
    const b = this.books.get(tokenId);
    const toLevels = (m: Map<string, string> | undefined, asc: boolean): WireLevel[] =>
      [...(m ?? new Map<string, string>()).entries()]
        .map(([price, size]) => ({ price, size }))
        .sort((x, y) => (asc ? Number(x.price) - Number(y.price) : Number(y.price) - Number(x.price)));
    return { bids: toLevels(b?.bids, true), asks: toLevels(b?.asks, false) };
  }

  bestBid(tokenId: string): number | undefined {
    const ps = [...(this.books.get(tokenId)?.bids.keys() ?? [])].map(Number);
    return ps.length ? Math.max(...ps) : undefined;
  }

  bestAsk(tokenId: string): number | undefined {
    const ps = [...(this.books.get(tokenId)?.asks.keys() ?? [])].map(Number);
    return ps.length ? Math.min(...ps) : undefined;
  }

  /** Mid of the book, else last trade, else 0.5 (an untraded binary market). */
  price(tokenId: string): number {
    const b = this.bestBid(tokenId);
    const a = this.bestAsk(tokenId);
    if (b !== undefined && a !== undefined) return roundTo((a + b) / 2, 6);
    const lt = this.last.get(tokenId);
    return lt ? Number(lt.price) : (b ?? a ?? 0.5);
  }

  /** Opaque book hash (the venue's is opaque too): sha1 of the level arrays. */
  bookHash(tokenId: string): string {
    return createHash("sha1").update(JSON.stringify(this.levels(tokenId))).digest("hex");
  }

  private bookOf(tokenId: string): BookState {
    let b = this.books.get(tokenId);
    if (!b) this.books.set(tokenId, (b = { bids: new Map(), asks: new Map() }));
    return b;
  }

  private apply(e: SimEvent): void {
    switch (e.type) {
      case "market_created":
        this.addMarket(e.market);
        break;
      case "book": {
        const side = e.side === "BUY" ? this.bookOf(e.tokenId).bids : this.bookOf(e.tokenId).asks;
        if (Number(e.size) <= 0) side.delete(e.price);
        else side.set(e.price, e.size);
        break;
      }
      case "last_trade_price":
        this.last.set(e.tokenId, { price: e.price, side: e.side, size: e.size });
        break;
      case "trade": {
        // pUSD traded: each maker fill at its own price (a sweep's last price times its total size overstates it),
        // counted when the trade matches and taken back if it FAILED (it never settled)
        const sign = e.trade.status === TRADE_STATUS.MATCHED ? 1 : e.trade.status === TRADE_STATUS.FAILED ? -1 : 0;
        if (sign === 0) break;
        let cash = 0;
        for (const mo of e.trade.maker_orders) cash += Number(mo.matched_amount) * Number(mo.price);
        this.volume.set(e.trade.market, (this.volume.get(e.trade.market) ?? 0) + sign * cash);
        break;
      }
      case "tick_size_change":
        this.ticks.set(e.tokenId, e.newTick);
        break;
      case "market_resolved": {
        const m = this.markets.get(e.market);
        if (m) {
          m.closed = true;
          m.winnerTokenId = e.winningTokenId;
        }
        break;
      }
      default:
        break;
    }
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // a feed's error must not stop other feeds
      }
    }
  }
}

const mirrors = new WeakMap<Engine, EngineMirror>();

/** The one mirror of `engine` (created on first use). */
export function mirrorOf(engine: Engine): EngineMirror {
  let m = mirrors.get(engine);
  if (!m) mirrors.set(engine, (m = new EngineMirror(engine)));
  return m;
}
