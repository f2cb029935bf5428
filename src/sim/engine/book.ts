// One side of one token's order book: price levels in priority order (best first) with FIFO queues.
// Prices are integers in 1e-4 units ("pt"); sizes are 6-decimal share units.
import type { OrderRec } from "./order.js";

export interface Level {
  pt: number;
  orders: OrderRec[];
  total: number; // remaining share units at this level
}

export class BookSide {
  /** Best first: bids descending, asks ascending. */
  readonly prices: number[] = [];
  readonly levels = new Map<number, Level>();
  constructor(readonly isBid: boolean) {}

  /** True when `a` has better priority than `b` on this side. */
  better(a: number, b: number): boolean {
    return this.isBid ? a > b : a < b;
  }

  best(): Level | undefined {
    const p = this.prices[0];
    return p === undefined ? undefined : this.levels.get(p);
  }

  add(o: OrderRec): Level {
    let lvl = this.levels.get(o.pt);
    if (!lvl) {
      lvl = { pt: o.pt, orders: [], total: 0 };
      this.levels.set(o.pt, lvl);
      // binary search insertion point
      let lo = 0;
      let hi = this.prices.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.better(this.prices[mid]!, o.pt)) lo = mid + 1;
        else hi = mid;
      }
      this.prices.splice(lo, 0, o.pt);
    }
    lvl.orders.push(o);
    lvl.total += o.remaining;
    return lvl;
  }

  /** Remove a resting order (cancel/expiry). Returns the level (possibly now empty and dropped). */
  remove(o: OrderRec): Level | undefined {
    const lvl = this.levels.get(o.pt);
    if (!lvl) return undefined;
    const i = lvl.orders.indexOf(o);
    if (i < 0) return undefined;
    lvl.orders.splice(i, 1);
    lvl.total -= o.remaining;
    if (lvl.orders.length === 0) this.dropLevel(lvl);
    return lvl;
  }

  /** Reduce a resting order after a fill; drops it (and the level) when exhausted. */
  fill(lvl: Level, o: OrderRec, units: number): void {
    lvl.total -= units;
    if (o.remaining === 0) {
      // fills always consume from the head of the queue
      if (lvl.orders[0] === o) lvl.orders.shift();
      else lvl.orders.splice(lvl.orders.indexOf(o), 1);
      if (lvl.orders.length === 0) this.dropLevel(lvl);
    }
  }

  private dropLevel(lvl: Level): void {
    this.levels.delete(lvl.pt);
    const i = this.prices.indexOf(lvl.pt);
    if (i >= 0) this.prices.splice(i, 1);
  }

  /** Aggregated levels best first. */
  depth(): { pt: number; total: number }[] {
    return this.prices.map((pt) => ({ pt, total: this.levels.get(pt)!.total }));
  }
}

export class TokenBook {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  lastTradePt: number | undefined;
  lastTradeSide: "BUY" | "SELL" | undefined;
  constructor(
    readonly tokenId: string,
    readonly conditionId: string,
  ) {}
}
