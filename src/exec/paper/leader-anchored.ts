// Leader-anchored book model, for history without recorded books: the book a copy meets is built around the
// leader's own fill price on that token, as of the leader's latest trade at or before the asked time.
//
// The choice, precisely: the leader's fill price p is taken as the MID of the book the copy meets.
//   best ask = ceilToTick(p + halfSpread), best bid = floorToTick(p − halfSpread), both clamped into
//   [tick, 1 − tick] and kept at least one tick apart: when they would meet (halfSpread 0 on a grid price) the leader's
//   own side stays at p and the other moves a tick away (a leader BUY's bid moves down, a leader SELL's ask moves up;
//   a SELL at the band's top, 0.99, leaves no ask, as a BUY at 0.01 leaves no bid). For a leader BUY, p is what the leader
//   paid — the ask they just took (or their limit, if they rested) — so a copier BUY pays halfSpread more than the
//   leader, rounded UP to the tick: the copy arrives behind the leader, who has just lifted that price. With the
//   default halfSpread 0.005 at tick 0.01 that is one whole tick: a copy whose limit is under p + tick (e.g. the
//   default 2 % slippage cap on a leader BUY below 0.50) meets no liquidity (NO_LIQUIDITY). halfSpread is in price
//   units, not ticks (at tick 0.001 the default is 5 ticks). A leader SELL is the mirror. halfSpread = 0 lets a copy
//   trade at the leader's price (BUY or SELL).
//   Further levels step `levelTicks` ticks outward, `depthShares` shares each, `levels` levels per side.
//   A book applies from the leader trade's ts until the token's next leader trade (BookView.nextChange).
// Cannot model: the real spread, depth and its changes between leader trades; the leader's own market impact
//   (the book does not thin after the leader's fill); other traders; prices before the token's first leader
//   trade (no book); tick changes (one tick per token); our own impact on later books; queue position.
import type { z } from "zod";
import type { Book, BookView, Level } from "../../core/book.js";
import type { LeaderTradeEvent } from "../../core/events.js";
import type { FillModelConfigSchema } from "../../core/config.js";
import { gridPrice } from "./grid.js";

export type FillModelConfig = z.infer<typeof FillModelConfigSchema>;

export interface LeaderAnchoredOptions
  extends Partial<Pick<FillModelConfig, "halfSpread" | "depthShares" | "levelTicks" | "levels" | "tick" | "minOrderSize">> {
  /** Tick of a token when known (else `tick`). */
  tickOf?: (tokenId: string) => number | undefined;
  /** Leader trades kept per token (older ones are dropped; asking before the oldest kept gives undefined). */
  historyLimit?: number;
}

export interface LeaderAnchoredBooks extends BookView {
  /** Feed a leader event (only TRADEs with a side and 0 < price < 1 are used). */
  observe(event: LeaderTradeEvent): void;
  latest(tokenId: string): Book | undefined;
  nextChange(tokenId: string, ts: number): number | undefined;
  /** Drop the trade history and cached books of these tokens; later asks give undefined until new trades. */
  forget(tokenIds: readonly string[]): void;
  /** Tokens with trade history kept (memory checks). */
  tokenCount(): number;
  onChange(listener: (tokenId: string) => void): void;
}

const CACHE_SIZE = 8;

interface Series {
  /** The token id string the series was created with: every book of the token carries this one string object,
   * so that maps keyed by book.tokenId downstream (the engine's consumption ledger) compare keys by pointer. */
  key: string;
  ts: number[];
  price: number[];
  /** The leader SOLD at that point (its price is the bid it hit): a locked book opens upward, not downward. */
  sold: boolean[];
  /**
   * Last built books by absolute point index: the same point gives the same Book object (snapshot identity). When
   * full, the OLDEST point's book is dropped: the latest point (the book every order arriving now meets, which the
   * engine's consumption ledger knows by identity) stays however many older points are asked for in between.
   */
  cacheKey: number[];
  cacheBook: Book[];
  /** The book built or found last (absolute index, -1 for none): checked before the cache scan. */
  lastAbs: number;
  lastBook: Book | undefined;
  base: number; // points dropped so far (absolute index of ts[0])
}

type Shape = { halfSpread: number; depthShares: number; levelTicks: number; levels: number; tick: number; minSize: number };
/** One side of a book from its best grid index k0 outward (asks up, bids down). */
type SideSource = (ask: boolean, k0: number, o: Shape) => Level[];

function buildSide(ask: boolean, k0: number, o: Shape, lv: (k: number, t: number, depth: number) => Level): Level[] {
  const t = o.tick;
  const n = Math.round(1 / t);
  const step = o.levelTicks;
  const out: Level[] = [];
  if (ask) for (let i = 0, k = k0; i < o.levels && k <= n - 1; i++, k += step) out.push(lv(k, t, o.depthShares));
  else for (let i = 0, k = k0; i < o.levels && k >= 1; i++, k -= step) out.push(lv(k, t, o.depthShares));
  return out;
}
const freshSide: SideSource = (ask, k0, o) => buildSide(ask, k0, o, (k, t, depth) => ({ price: gridPrice(k, t), size: depth }));

/**
 * How far (in ticks) a leader's price may sit off the grid and still count as on it: Data API prices are
 * usdcSize / size, so a 0.49 fill can read 0.4900000204, which would put a halfSpread-0 ask a whole tick up, above
 * the copy's limit. A real off-grid price (an average over several fills, e.g. 0.61875) is far beyond this.
 */
const PRICE_NOISE_TICKS = 1e-3;

/** Build the leader-anchored book around price p (exported for tests and reports). */
export function anchoredBook(
  tokenId: string,
  ts: number,
  p: number,
  o: Shape,
  side: SideSource = freshSide,
  leaderSold = false,
): Book {
  const t = o.tick;
  const n = Math.round(1 / t); // grid steps in [0, 1]
  let ka = Math.ceil((p + o.halfSpread) / t - PRICE_NOISE_TICKS);
  if (ka > n - 1) ka = n - 1;
  if (ka < 1) ka = 1;
  let kb = Math.floor((p - o.halfSpread) / t + PRICE_NOISE_TICKS);
  // locked (halfSpread 0 on a grid price): keep the leader's own side at p (a leader SELL hit the bid p, a BUY lifted
  // the ask p) and open the other side by a tick
  if (kb > ka - 1) {
    if (leaderSold) ka = kb + 1; // at the band's top (0.99) no ask is left, as a BUY at 0.01 leaves no bid
    else kb = ka - 1;
  }
  if (kb < 1 && ka >= 2) kb = 1; // clamped into the band like the ask (a bid of 0 is no bid)
  return { tokenId, ts, bids: side(false, kb, o), asks: side(true, ka, o), tick: t, minSize: o.minSize };
}

export function createLeaderAnchoredBooks(cfg: LeaderAnchoredOptions = {}): LeaderAnchoredBooks {
  const halfSpread = cfg.halfSpread ?? 0.005;
  const depthShares = cfg.depthShares ?? 200;
  const levelTicks = cfg.levelTicks ?? 1;
  const levels = cfg.levels ?? 5;
  const defaultTick = cfg.tick ?? 0.01;
  const minSize = cfg.minOrderSize ?? 5;
  const limit = Math.max(1, cfg.historyLimit ?? 4096);
  const series = new Map<string, Series>();
  const listeners: ((tokenId: string) => void)[] = [];
  // Depth and shape are fixed here, so a book side depends only on (tick, best grid index): one frozen array of
  // frozen Levels per pair serves every book (a built book is then one object; snapshots keep their identity).
  const sidesByTick = new Map<number, { asks: Level[][]; bids: Level[][] }>();
  let lastTick = NaN;
  let lastSides: { asks: Level[][]; bids: Level[][] } = { asks: [], bids: [] };
  const sharedLevel = (k: number, t: number, depth: number): Level => Object.freeze({ price: gridPrice(k, t), size: depth });
  const sharedSide: SideSource = (ask, k0, o) => {
    if (o.tick !== lastTick) {
      let c = sidesByTick.get(o.tick);
      if (c === undefined) sidesByTick.set(o.tick, (c = { asks: [], bids: [] }));
      lastTick = o.tick;
      lastSides = c;
    }
    const arr = ask ? lastSides.asks : lastSides.bids;
    return (arr[k0] ??= Object.freeze(buildSide(ask, k0, o, sharedLevel)) as Level[]);
  };

  // Book parameters, rebuilt only when the tick changes between tokens (no object per built book).
  let shape = { halfSpread, depthShares, levelTicks, levels, tick: defaultTick, minSize };

  /** Index of the last point with ts ≤ t, or -1. */
  function lastAtOrBefore(s: Series, t: number): number {
    const a = s.ts;
    let lo = 0;
    let hi = a.length - 1;
    if (hi < 0 || (a[0] as number) > t) return -1;
    if ((a[hi] as number) <= t) return hi; // the common case: asking after the latest trade
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((a[mid] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  // The token asked last and its series: the engine asks 2-3 times per intent, right after observe saw its trade.
  let memoId: string | undefined;
  let memoSeries: Series | undefined;
  function seriesOf(tokenId: string): Series | undefined {
    if (tokenId !== memoId) {
      memoSeries = series.get(tokenId);
      memoId = tokenId;
    }
    return memoSeries;
  }

  function bookAt(tokenId: string, s: Series, i: number): Book {
    const abs = s.base + i;
    if (abs === s.lastAbs) return s.lastBook as Book;
    const ck = s.cacheKey;
    for (let j = 0; j < ck.length; j++) {
      if (ck[j] === abs) {
        s.lastAbs = abs;
        return (s.lastBook = s.cacheBook[j] as Book);
      }
    }
    const tick = cfg.tickOf?.(tokenId) ?? defaultTick;
    if (tick !== shape.tick) shape = { ...shape, tick };
    const b = anchoredBook(s.key, s.ts[i] as number, s.price[i] as number, shape, sharedSide, s.sold[i] === true);
    if (ck.length < CACHE_SIZE) {
      ck.push(abs);
      s.cacheBook.push(b);
    } else {
      let oldest = 0;
      for (let j = 1; j < ck.length; j++) if ((ck[j] as number) < (ck[oldest] as number)) oldest = j;
      ck[oldest] = abs;
      s.cacheBook[oldest] = b;
    }
    s.lastAbs = abs;
    return (s.lastBook = b);
  }

  return {
    name: "leader-anchored",
    observe(ev: LeaderTradeEvent): void {
      if (ev.kind !== "TRADE" || ev.side === null || !(ev.price > 0 && ev.price < 1) || ev.tokenId === "") return;
      let s = seriesOf(ev.tokenId);
      if (s === undefined) {
        s = { key: ev.tokenId, ts: [], price: [], sold: [], cacheKey: [], cacheBook: [], lastAbs: -1, lastBook: undefined, base: 0 };
        series.set(ev.tokenId, s);
        memoSeries = s;
      }
      const n = s.ts.length;
      if (n === 0 || (s.ts[n - 1] as number) <= ev.ts) {
        s.ts.push(ev.ts);
        s.price.push(ev.price);
        s.sold.push(ev.side === "SELL");
      } else {
        // Out of order: insert after every point with ts ≤ ev.ts; cached books from here on are stale.
        const i = lastAtOrBefore(s, ev.ts) + 1;
        s.ts.splice(i, 0, ev.ts);
        s.price.splice(i, 0, ev.price);
        s.sold.splice(i, 0, ev.side === "SELL");
        s.cacheKey.length = 0;
        s.cacheBook.length = 0;
        s.lastAbs = -1;
        s.lastBook = undefined;
      }
      if (s.ts.length > 2 * limit) {
        const drop = s.ts.length - limit;
        s.ts.splice(0, drop);
        s.price.splice(0, drop);
        s.sold.splice(0, drop);
        s.base += drop;
      }
      for (let i = 0; i < listeners.length; i++) listeners[i]!(s.key);
    },
    at(tokenId: string, ts: number): Book | undefined {
      const s = seriesOf(tokenId);
      if (s === undefined) return undefined;
      const i = lastAtOrBefore(s, ts);
      return i < 0 ? undefined : bookAt(tokenId, s, i);
    },
    latest(tokenId: string): Book | undefined {
      const s = seriesOf(tokenId);
      if (s === undefined || s.ts.length === 0) return undefined;
      return bookAt(tokenId, s, s.ts.length - 1);
    },
    nextChange(tokenId: string, ts: number): number | undefined {
      const s = seriesOf(tokenId);
      if (s === undefined) return undefined;
      const i = lastAtOrBefore(s, ts) + 1;
      return i < s.ts.length ? s.ts[i] : undefined;
    },
    forget(tokenIds: readonly string[]): void {
      for (let i = 0; i < tokenIds.length; i++) series.delete(tokenIds[i] as string);
      memoId = undefined;
      memoSeries = undefined;
    },
    tokenCount: () => series.size,
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
