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
  book: Book | undefined;
  asks: number[];
  bids: number[];
}

/** Snapshots remembered per token: an order meeting an older snapshot than these sees it as displayed. */
export const SNAPSHOTS_REMEMBERED = 8;

/**
 * What our orders already took from the latest few snapshots of each token, keyed by Book object identity; slots
 * are reused (no allocation in steady state). Views must return the same Book object for the same snapshot while
 * it is in use (all views here cache), else displayed liquidity could be offered twice. When full, the oldest
 * snapshot (by its ts) is forgotten, never a newer one: a resting order walking many old snapshots must not push
 * out the record of the latest one, or that snapshot's liquidity would be offered twice.
 */
export class ConsumptionLedger {
  private readonly rings = new Map<string, Ring>();
  private lastToken: string | undefined;
  private lastRing: Ring = newRing();
  /** The record handed out for a snapshot older than all remembered ones (cleared each time). */
  private readonly scratch: Consumption = { book: undefined, asks: [], bids: [] };
  /** Drop what is remembered for these tokens (their market closed). */
  forget(tokenIds: readonly string[]): void {
    for (let i = 0; i < tokenIds.length; i++) this.rings.delete(tokenIds[i] as string);
    this.lastToken = undefined;
    this.lastRing = newRing();
  }
  /** Tokens with remembered snapshots (memory checks). */
  tokens(): IterableIterator<string> {
    return this.rings.keys();
  }
  /**
   * What our orders took from this snapshot, without starting a record for it (undefined when none is kept): a check
   * that takes nothing must not push an older snapshot's record out of the token's memory.
   */
  peek(book: Book): Consumption | undefined {
    const r = book.tokenId === this.lastToken ? this.lastRing : this.rings.get(book.tokenId);
    if (r === undefined) return undefined;
    const books = r.books;
    for (let i = 0; i < books.length; i++) if (books[i] === book) return r.slots[i] as Consumption;
    return undefined;
  }
  of(book: Book): Consumption {
    let r = this.lastRing;
    if (book.tokenId !== this.lastToken) {
      let found = this.rings.get(book.tokenId);
      if (found === undefined) {
        found = newRing();
        this.rings.set(book.tokenId, found);
      }
      r = this.lastRing = found;
      this.lastToken = book.tokenId;
    }
    const books = r.books;
    for (let i = 0; i < books.length; i++) if (books[i] === book) return r.slots[i] as Consumption;
    if (books.length < SNAPSHOTS_REMEMBERED) {
      const c: Consumption = { book, asks: [], bids: [] };
      books.push(book);
      r.ts.push(book.ts);
      r.slots.push(c);
      return c;
    }
    const ts = r.ts;
    let oldest = 0;
    for (let i = 1; i < ts.length; i++) if (ts[i]! < ts[oldest]!) oldest = i;
    // Older than every remembered snapshot: seen as displayed (a scratch record, not kept).
    const k = book.ts >= ts[oldest]! ? oldest : -1;
    const c = k >= 0 ? (r.slots[k] as Consumption) : this.scratch;
    if (k >= 0) {
      books[k] = book;
      ts[k] = book.ts;
    }
    c.book = book;
    const a = c.asks;
    const b = c.bids;
    for (let i = 0; i < a.length; i++) a[i] = 0;
    for (let i = 0; i < b.length; i++) b[i] = 0;
    return c;
  }
}

/**
 * A token's remembered snapshots; `books[i]` is `slots[i].book` and `ts[i]` its time, kept flat so that a lookup scans
 * one array and finding the oldest reads no Book.
 */
interface Ring {
  books: Book[];
  ts: number[];
  slots: Consumption[];
}

function newRing(): Ring {
  return { books: [], ts: [], slots: [] };
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
