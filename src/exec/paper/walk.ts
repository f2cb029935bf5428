// Depth walk for the paper engine: how many shares of one book side trade within a limit, level by level,
// remembering what our own earlier orders already took from the same displayed snapshot.
//
// Cannot model: our impact on LATER snapshots (each new snapshot is taken as displayed, as if our earlier
// fills never happened), hidden/iceberg liquidity, other takers racing us for the same levels, or the
// venue's matching of crossing orders at the maker's price in more than one step.
import type { Book, Level } from "../../core/book.js";
import { floorShares, roundTo } from "../../core/money.js";

const EPS = 1e-9;

/** Shares taken per level index from one snapshot (one Book object) by our earlier orders. */
export interface Consumption {
  asks: number[];
  bids: number[];
}

/**
 * What our orders already took from each snapshot, keyed by Book object identity (weakly, so old snapshots are
 * collected). Views must return the same Book object for the same snapshot while it is in use (all views here
 * cache), else displayed liquidity could be offered twice.
 */
export class ConsumptionLedger {
  private readonly map = new WeakMap<object, Consumption>();
  of(book: Book): Consumption {
    let c = this.map.get(book);
    if (c === undefined) {
      c = { asks: [], bids: [] };
      this.map.set(book, c);
    }
    return c;
  }
}

/** True when `price` is inside a BUY limit (≤) or a SELL limit (≥). */
export function withinLimit(isBuy: boolean, price: number, limit: number): boolean {
  return isBuy ? price <= limit + EPS : price >= limit - EPS;
}

/** Shares still displayed within `limit` on the side a BUY (asks) or SELL (bids) takes from. */
export function availableWithin(book: Book, c: Consumption, isBuy: boolean, limit: number): number {
  const levels = isBuy ? book.asks : book.bids;
  const used = isBuy ? c.asks : c.bids;
  let sum = 0;
  for (let i = 0; i < levels.length; i++) {
    const lvl = levels[i] as Level;
    if (!withinLimit(isBuy, lvl.price, limit)) break;
    const avail = floorShares(lvl.size - (used[i] ?? 0));
    if (avail > 0) sum += avail;
  }
  return roundTo(sum, 2);
}

/**
 * Take up to `want` shares from the side within `limit`, best level first. Calls `onFill(levelPrice, shares)`
 * for each level touched and returns the shares taken (2 dp).
 */
export function takeWithin(
  book: Book,
  c: Consumption,
  isBuy: boolean,
  limit: number,
  want: number,
  onFill: (levelPrice: number, shares: number) => void,
): number {
  const levels = isBuy ? book.asks : book.bids;
  const used = isBuy ? c.asks : c.bids;
  let remaining = want;
  for (let i = 0; i < levels.length && remaining > 0; i++) {
    const lvl = levels[i] as Level;
    if (!withinLimit(isBuy, lvl.price, limit)) break;
    const u = used[i] ?? 0;
    const avail = floorShares(lvl.size - u);
    if (avail <= 0) continue;
    const q = avail < remaining ? avail : remaining;
    used[i] = u + q;
    remaining = roundTo(remaining - q, 2);
    onFill(lvl.price, q);
  }
  return roundTo(want - remaining, 2);
}
