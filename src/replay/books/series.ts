// In-memory time-indexed book series: per token, snapshots sorted by ts, looked up by binary search.
// Backs recorded-l1, recorded-bbo and test fixtures; the same Book object is returned for the same snapshot.
import type { Book, BookView } from "../../core/book.js";

export interface SeriesBookView extends BookView {
  latest(tokenId: string): Book | undefined;
  nextChange(tokenId: string, ts: number): number | undefined;
  /** Tokens with at least one snapshot. */
  tokens(): string[];
  /** Number of snapshots of a token (0 when unknown). */
  size(tokenId: string): number;
  /** First and last snapshot time of a token. */
  span(tokenId: string): { from: number; to: number } | undefined;
  /** Drop these tokens' snapshots (their market closed): later asks give undefined. */
  forget(tokenIds: readonly string[]): void;
}

interface Series {
  ts: Float64Array;
  books: Book[];
}

/** Small identity cache: the same key gives the same Book object while it stays among the `size` newest (highest key) built. */
export class BookRing {
  private readonly keys: number[] = [];
  private readonly books: Book[] = [];
  constructor(private readonly size = 8) {}
  get(key: number): Book | undefined {
    const k = this.keys;
    for (let i = 0; i < k.length; i++) if (k[i] === key) return this.books[i];
    return undefined;
  }
  put(key: number, book: Book): void {
    if (this.keys.length < this.size) {
      this.keys.push(key);
      this.books.push(book);
      return;
    }
    // full: replace the OLDEST snapshot (smallest key = event index), never a newer one. First-in-first-out would
    // evict the snapshot orders are arriving on after a few older lookups (seen-time books), and rebuilding it as a
    // new object lets the engine's consumption ledger (keyed on Book identity) offer its liquidity again.
    let k = 0;
    for (let i = 1; i < this.keys.length; i++) if ((this.keys[i] as number) < (this.keys[k] as number)) k = i;
    if (key < (this.keys[k] as number)) return; // older than all kept: not kept
    this.keys[k] = key;
    this.books[k] = book;
  }
  clear(): void {
    this.keys.length = 0;
    this.books.length = 0;
  }
}

/** Index of the last element ≤ t in a sorted array, or -1. */
export function lastAtOrBefore(a: ArrayLike<number>, t: number): number {
  return lastAtOrBeforeIn(a, 0, a.length, t);
}

/** Index of the last element ≤ t within a[from, to) of a sorted array, or -1. */
export function lastAtOrBeforeIn(a: ArrayLike<number>, from: number, to: number, t: number): number {
  if (to <= from || (a[from] as number) > t) return -1;
  if ((a[to - 1] as number) <= t) return to - 1;
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((a[mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Build a view from snapshots (any order, any tokens). Snapshots of one token with the same ts: the last one
 * given wins (a later update in the same millisecond). Stable: equal-ts order follows input order. `each`, when
 * given, sees each token's series as the view will answer from it (in time order, one book per ms).
 */
export function createSeriesBooks(name: string, snapshots: Iterable<Book>, each?: (books: readonly Book[]) => void): SeriesBookView {
  const byToken = new Map<string, Book[]>();
  for (const b of snapshots) {
    let arr = byToken.get(b.tokenId);
    if (arr === undefined) byToken.set(b.tokenId, (arr = []));
    arr.push(b);
  }
  const series = new Map<string, Series>();
  for (const [token, arr] of byToken) {
    const sorted = arr.map((b, i) => ({ b, i })).sort((x, y) => x.b.ts - y.b.ts || x.i - y.i);
    const books: Book[] = [];
    for (const { b } of sorted) {
      const last = books[books.length - 1];
      if (last !== undefined && last.ts === b.ts) books[books.length - 1] = b;
      else books.push(b);
    }
    series.set(token, { ts: Float64Array.from(books, (b) => b.ts), books });
    each?.(books);
  }
  return {
    name,
    at(tokenId, ts) {
      const s = series.get(tokenId);
      if (s === undefined) return undefined;
      const i = lastAtOrBefore(s.ts, ts);
      return i < 0 ? undefined : s.books[i];
    },
    latest(tokenId) {
      const s = series.get(tokenId);
      return s?.books[s.books.length - 1];
    },
    nextChange(tokenId, ts) {
      const s = series.get(tokenId);
      if (s === undefined) return undefined;
      const i = lastAtOrBefore(s.ts, ts) + 1;
      return i < s.ts.length ? s.ts[i] : undefined;
    },
    tokens: () => [...series.keys()],
    size: (tokenId) => series.get(tokenId)?.books.length ?? 0,
    span(tokenId) {
      const s = series.get(tokenId);
      if (s === undefined || s.ts.length === 0) return undefined;
      return { from: s.ts[0] as number, to: s.ts[s.ts.length - 1] as number };
    },
    forget(tokenIds) {
      for (let i = 0; i < tokenIds.length; i++) series.delete(tokenIds[i] as string);
    },
    onChange() {}, // every snapshot is loaded up front: nothing new to announce
  };
}
