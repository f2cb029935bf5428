// Dedupe by deterministic event id over a bounded event-time window, so memory stays flat on 10 M-event replays.
// A duplicate carries its original's venue ts (the id hashes it), so ids are bucketed by ts: a lookup compares a
// handful of ids of the same millisecond instead of hashing every id into one big set.

/**
 * Venue-time span a duplicate is still recognised within. Duplicates arrive close together (poll overlap, RTDS +
 * poll); one older than this is missed here and caught by the journal's idempotency keys (intent ids are
 * deterministic).
 */
export const DEDUPE_WINDOW_MS = 15 * 60 * 1000;

export class RecentIds {
  private readonly byTs = new Map<number, string[]>();
  /** Bucket keys in insertion order (≈ ts order for time-ordered sources): eviction pops from the front. */
  private order: number[] = [];
  private head = 0;
  private maxTs = Number.NEGATIVE_INFINITY;

  constructor(private readonly windowMs = DEDUPE_WINDOW_MS) {}

  /** True if `id` was seen with the same venue ts within the window; records it otherwise. */
  seen(id: string, ts: number): boolean {
    const bucket = this.byTs.get(ts);
    if (bucket !== undefined) {
      for (let i = 0; i < bucket.length; i++) if (bucket[i] === id) return true;
      bucket.push(id);
    } else {
      if (ts < this.maxTs - this.windowMs) return false; // too old to remember: not recorded either
      this.byTs.set(ts, [id]);
      this.order.push(ts);
    }
    if (ts > this.maxTs) {
      this.maxTs = ts;
      this.evict();
    }
    return false;
  }

  /** Drop buckets from the front of the insertion queue while they are older than the window. */
  private evict(): void {
    const horizon = this.maxTs - this.windowMs;
    const q = this.order;
    while (this.head < q.length && q[this.head]! < horizon) this.byTs.delete(q[this.head++]!);
    if (this.head > 4096 && this.head * 2 > q.length) {
      this.order = q.slice(this.head); // compact now and then
      this.head = 0;
    }
  }

  /** Number of ids remembered (for tests and memory checks). */
  get size(): number {
    let n = 0;
    for (const b of this.byTs.values()) n += b.length;
    return n;
  }
}
