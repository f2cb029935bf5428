// /ws/market: book dump on subscribe (one array frame), then price_change (price_changes form),
// last_trade_price, tick_size_change, and with custom features best_bid_ask, new_market, market_resolved.
import type { Clock } from "../types.js";
import type { SimEvent } from "../engine/events.js";
import type { EngineMirror } from "./mirror.js";
import { track, type Conn } from "./hub.js";
import { INVALID, PONG, parseFrame } from "./frames.js";
import {
  bestBidAskMsg,
  bookMsg,
  lastTradeMsg,
  newMarketMsg,
  priceChangeMsg,
  resolvedMsg,
  tickChangeMsg,
  type PriceChange,
  type WsMsg,
} from "./protocol.js";

interface Sub {
  conn: Conn;
  started: boolean;
  all: boolean; // empty assets_ids on the initial frame = every market
  assets: Set<string>;
  custom: boolean;
}

export class MarketChannel {
  private readonly subs = new Set<Sub>();
  private readonly lastBest = new Map<string, string>();
  private pendingChanges = new Map<string, PriceChange[]>(); // by market, flushed after the engine call
  private pendingBooks = new Set<string>();
  private flushQueued = false;
  private readonly off: () => void;

  constructor(
    private readonly mirror: EngineMirror,
    private readonly clock: Clock,
  ) {
    this.off = mirror.onEvent((e) => this.onEngine(e));
  }

  close(): void {
    this.off();
  }

  accept(conn: Conn): void {
    const sub: Sub = { conn, started: false, all: false, assets: new Set(), custom: false };
    track(this.subs, sub, (s, raw) => this.onFrame(s, raw), INVALID);
  }

  private onFrame(sub: Sub, raw: string): void {
    const f = parseFrame(raw);
    if (f.kind === "ping") return sub.conn.send(PONG); // a stalled Conn drops it, as it drops everything
    if (f.kind === "invalid") return sub.conn.send(INVALID);
    if (f.kind === "initial") {
      if (sub.started || f.channel !== "market") return sub.conn.send(INVALID);
      sub.started = true;
      sub.custom = f.custom;
      sub.all = f.assets.length === 0;
      for (const a of f.assets) sub.assets.add(a);
      if (f.initialDump) this.dump(sub, f.assets);
      return;
    }
    if (!sub.started) return sub.conn.send(INVALID);
    if (f.custom !== undefined) sub.custom = f.custom;
    if (f.op === "subscribe") {
      const fresh = f.assets.filter((a) => !sub.assets.has(a));
      for (const a of f.assets) sub.assets.add(a);
      if (f.initialDump) this.dump(sub, fresh);
    } else {
      for (const a of f.assets) sub.assets.delete(a);
    }
  }

  /** Book snapshots of known assets, as one array frame (unknown ids are skipped, as on the venue). */
  private dump(sub: Sub, assets: string[]): void {
    const now = this.clock.now();
    const books = assets.filter((a) => this.mirror.marketOfToken(a)).map((a) => bookMsg(this.mirror, a, now));
    if (books.length) sub.conn.send(books);
  }

  private wants(sub: Sub, tokenIds: string[]): boolean {
    return sub.started && (sub.all || tokenIds.some((t) => sub.assets.has(t)));
  }

  private anyWants(tokenId: string): boolean {
    for (const s of this.subs) if (this.wants(s, [tokenId])) return true;
    return false;
  }

  private broadcast(tokenIds: string[], msg: WsMsg | ((sub: Sub) => WsMsg | undefined), customOnly = false): void {
    for (const s of this.subs) {
      if (!this.wants(s, tokenIds) || (customOnly && !s.custom)) continue;
      const m = typeof msg === "function" ? msg(s) : msg;
      if (m) s.conn.send(m);
    }
  }

  private onEngine(e: SimEvent): void {
    const now = this.clock.now();
    switch (e.type) {
      case "book": {
        const list = this.pendingChanges.get(e.market) ?? [];
        // the hash is of the book after this level change; hashing the whole book is skipped when no socket wants
        // the token (subscriptions change only in a socket handler, never before this call's flush microtask)
        list.push({
          asset_id: e.tokenId,
          price: e.price,
          size: e.size,
          side: e.side,
          hash: this.anyWants(e.tokenId) ? this.mirror.bookHash(e.tokenId) : "",
          best_bid: e.bestBid,
          best_ask: e.bestAsk,
        });
        this.pendingChanges.set(e.market, list);
        this.queueFlush();
        break;
      }
      case "last_trade_price":
        this.flush();
        this.broadcast([e.tokenId], lastTradeMsg(e, now));
        this.pendingBooks.add(e.tokenId);
        this.queueFlush();
        break;
      case "tick_size_change":
        this.flush();
        this.broadcast([e.tokenId], tickChangeMsg(e, now));
        break;
      case "market_created":
        this.broadcast(e.market.tokens.map((t) => t.tokenId), newMarketMsg(e.market, now), true);
        // a new market reaches "all" subscribers and those that pre-subscribed its ids
        break;
      case "market_resolved":
        this.flush();
        this.broadcast(e.tokenIds, resolvedMsg(this.mirror.markets.get(e.market), e, now), true);
        break;
      default:
        break;
    }
  }

  /** Coalesce the level changes of one engine call into one price_change frame per market. */
  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushQueued = false;
    const now = this.clock.now();
    const changes = this.pendingChanges;
    this.pendingChanges = new Map();
    for (const [market, list] of changes) {
      const tokens = [...new Set(list.map((c) => c.asset_id))];
      this.broadcast(tokens, (s) => {
        const mine = s.all ? list : list.filter((c) => s.assets.has(c.asset_id));
        return mine.length ? priceChangeMsg(market, mine, now) : undefined;
      });
      for (const t of tokens) this.bestChanged(market, t, now);
    }
    const books = this.pendingBooks;
    this.pendingBooks = new Set();
    for (const t of books) this.broadcast([t], bookMsg(this.mirror, t, now));
  }

  private bestChanged(market: string, tokenId: string, now: number): void {
    const bid = this.mirror.bestBid(tokenId);
    const ask = this.mirror.bestAsk(tokenId);
    const key = `${bid ?? ""}|${ask ?? ""}`;
    if (this.lastBest.get(tokenId) === key) return;
    this.lastBest.set(tokenId, key);
    this.broadcast([tokenId], bestBidAskMsg(market, tokenId, bid, ask, now), true);
  }
}
