// Dedupe by deterministic event id over a bounded event-time window, so memory stays flat on 10 M-event replays.
// A duplicate carries its original's venue ts (the id hashes it), so ids are kept in ts order: an in-order event
// compares against the ids of its own millisecond only, with no hashing and no map.

/**
 * Venue-time span a duplicate is still recognised within. Duplicates arrive close together (poll overlap, RTDS +
 * poll); one older than this is missed here and caught by the journal's idempotency keys (intent ids are
 * deterministic).
 */
export const DEDUPE_WINDOW_MS = 15 * 60 * 1000;

/** Initial ring capacity (a power of two; doubles when the window holds more ids). */
const INITIAL_CAPACITY = 1024;

export class RecentIds {
  /**
   * One entry per remembered id, in increasing ts, in a ring: entry i (head ≤ i < end, counters that only grow)
   * sits at i & mask. A ring of preallocated slots rather than arrays grown by push and compacted by slice
   * (≈ 6× cheaper per id), and rather than one bucket array per millisecond that lived for the whole window.
   */
  private tsOf = new Float64Array(INITIAL_CAPACITY);
  private idsOf: string[] = new Array<string>(INITIAL_CAPACITY).fill("");
  /** tagOf(id) per entry: a same-millisecond scan compares these ints and reaches the strings only on a match. */
  private tagsOf = new Int32Array(INITIAL_CAPACITY);
  private mask = INITIAL_CAPACITY - 1;
  private head = 0;
  private end = 0;

  constructor(private readonly windowMs = DEDUPE_WINDOW_MS) {}

  /** True if `id` was seen with the same venue ts within the window; records it otherwise. */
  seen(id: string, ts: number): boolean {
    const end = this.end;
    const m = this.mask;
    const lastTs = end > this.head ? this.tsOf[(end - 1) & m]! : Number.NEGATIVE_INFINITY;
    const tag = tagOf(id);
    if (ts > lastTs) {
      // In order (the usual case): a new millisecond.
      this.append(id, ts, tag);
      this.evict(ts);
      return false;
    }
    if (ts === lastTs) {
      // Same millisecond as the newest ids: they sit at the end.
      for (let k = end - 1; k >= this.head && this.tsOf[k & m] === ts; k--) if (this.tagsOf[k & m] === tag && this.idsOf[k & m] === id) return true;
      this.append(id, ts, tag);
      return false;
    }
    // Out of order (rare: live sources): the run of `ts`, if any, starts at the first entry ≥ ts.
    let k = this.lowerBound(ts);
    if (k === end || this.tsOf[k & m] !== ts) {
      if (ts < lastTs - this.windowMs) return false; // older than the window: not remembered
    }
    for (; k < end && this.tsOf[k & m] === ts; k++) if (this.tagsOf[k & m] === tag && this.idsOf[k & m] === id) return true;
    this.insertAt(k, id, ts, tag);
    return false;
  }

  private append(id: string, ts: number, tag: number): void {
    if (this.end - this.head === this.tsOf.length) this.grow();
    const at = this.end++ & this.mask;
    this.tsOf[at] = ts;
    this.idsOf[at] = id;
    this.tagsOf[at] = tag;
  }

  /** Entry `k` (head ≤ k ≤ end) becomes (id, ts); the entries from k on move up one. */
  private insertAt(k: number, id: string, ts: number, tag: number): void {
    if (this.end - this.head === this.tsOf.length) {
      // grow renumbers the live entries from 0: entry k is then k − head
      k -= this.head;
      this.grow();
    }
    const m = this.mask;
    for (let i = this.end; i > k; i--) {
      this.tsOf[i & m] = this.tsOf[(i - 1) & m]!;
      this.idsOf[i & m] = this.idsOf[(i - 1) & m]!;
      this.tagsOf[i & m] = this.tagsOf[(i - 1) & m]!;
    }
    this.tsOf[k & m] = ts;
    this.idsOf[k & m] = id;
    this.tagsOf[k & m] = tag;
    this.end++;
  }

  /** Double the ring, the live entries first in order. */
  private grow(): void {
    const live = this.end - this.head;
    const cap = this.tsOf.length * 2;
    const ts = new Float64Array(cap);
    const ids = new Array<string>(cap).fill("");
    const tags = new Int32Array(cap);
    for (let i = 0; i < live; i++) {
      ts[i] = this.tsOf[(this.head + i) & this.mask]!;
      ids[i] = this.idsOf[(this.head + i) & this.mask]!;
      tags[i] = this.tagsOf[(this.head + i) & this.mask]!;
    }
    this.tsOf = ts;
    this.idsOf = ids;
    this.tagsOf = tags;
    this.mask = cap - 1;
    this.head = 0;
    this.end = live;
  }

  /** First live entry whose ts is ≥ `ts` (binary search). */
  private lowerBound(ts: number): number {
    let lo = this.head;
    let hi = this.end;
    while (lo < hi) {
      const mid = lo + ((hi - lo) >>> 1);
      if (this.tsOf[mid & this.mask]! < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drop ids older than the window (their slots are cleared so the strings can go). */
  private evict(maxTs: number): void {
    const horizon = maxTs - this.windowMs;
    const m = this.mask;
    while (this.head < this.end && this.tsOf[this.head & m]! < horizon) this.idsOf[this.head++ & m] = "";
  }

  /** Number of ids remembered (for tests and memory checks). */
  get size(): number {
    return this.end - this.head;
  }
}

/**
 * The length and last two chars of an id in one int. Equal ids have equal tags, and ids that differ almost always
 * differ here: event ids are slices of one decoded string, and comparing two sliced strings with === goes through a
 * runtime call (≈ 4× slower than comparing the tags).
 */
function tagOf(id: string): number {
  const n = id.length;
  if (n < 2) return n === 0 ? 0 : id.charCodeAt(0);
  return (((n & 0xff) << 24) ^ (id.charCodeAt(n - 2) << 12) ^ id.charCodeAt(n - 1)) | 0;
}
