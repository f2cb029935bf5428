// Dedupe by deterministic event id over a bounded event-time window, so memory stays flat on 10 M-event replays.
// A duplicate carries its original's venue ts (the id hashes it), so ids are kept in per-ts buckets in ts order:
// an in-order event compares against the ids of its own millisecond only, with no hashing and no map.

/**
 * Venue-time span a duplicate is still recognised within. Duplicates arrive close together (poll overlap, RTDS +
 * poll); one older than this is missed here and caught by the journal's idempotency keys (intent ids are
 * deterministic).
 */
export const DEDUPE_WINDOW_MS = 15 * 60 * 1000;

export class RecentIds {
  /** Buckets in increasing ts: tsOf[i] and idsOf[i], live from `head`. */
  private tsOf: number[] = [];
  private idsOf: string[][] = [];
  private head = 0;

  constructor(private readonly windowMs = DEDUPE_WINDOW_MS) {}

  /** True if `id` was seen with the same venue ts within the window; records it otherwise. */
  seen(id: string, ts: number): boolean {
    const last = this.tsOf.length - 1;
    if (last < this.head || ts > this.tsOf[last]!) {
      // In order (the usual case): a new millisecond.
      this.tsOf.push(ts);
      this.idsOf.push([id]);
      this.evict(ts);
      return false;
    }
    const i = ts === this.tsOf[last] ? last : this.find(ts);
    if (i < 0) {
      if (ts < this.tsOf[last]! - this.windowMs) return false; // older than the window: not remembered
      this.insertAt(~i, ts, id);
      return false;
    }
    const bucket = this.idsOf[i]!;
    for (let k = 0; k < bucket.length; k++) if (bucket[k] === id) return true;
    bucket.push(id);
    return false;
  }

  /** Index of the bucket of `ts`, or ~insertion point (binary search over the live range). */
  private find(ts: number): number {
    let lo = this.head;
    let hi = this.tsOf.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.tsOf[mid]!;
      if (v === ts) return mid;
      if (v < ts) lo = mid + 1;
      else hi = mid - 1;
    }
    return ~lo;
  }

  /** An out-of-order event inside the window (rare: live sources): keep the buckets sorted. */
  private insertAt(at: number, ts: number, id: string): void {
    this.tsOf.splice(at, 0, ts);
    this.idsOf.splice(at, 0, [id]);
  }

  /** Drop buckets older than the window; compact the arrays now and then. */
  private evict(maxTs: number): void {
    const horizon = maxTs - this.windowMs;
    while (this.head < this.tsOf.length && this.tsOf[this.head]! < horizon) this.idsOf[this.head++] = EMPTY;
    if (this.head > 4096 && this.head * 2 > this.tsOf.length) {
      this.tsOf = this.tsOf.slice(this.head);
      this.idsOf = this.idsOf.slice(this.head);
      this.head = 0;
    }
  }

  /** Number of ids remembered (for tests and memory checks). */
  get size(): number {
    let n = 0;
    for (let i = this.head; i < this.idsOf.length; i++) n += this.idsOf[i]!.length;
    return n;
  }
}

const EMPTY: string[] = [];
