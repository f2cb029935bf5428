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
  private maxTs = Number.NEGATIVE_INFINITY;
  private nextSweep = Number.NEGATIVE_INFINITY;

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
    }
    if (ts > this.maxTs) {
      this.maxTs = ts;
      if (ts >= this.nextSweep) this.sweep();
    }
    return false;
  }

  /** Drop buckets older than the window (amortised: runs once per quarter window of venue time). */
  private sweep(): void {
    const horizon = this.maxTs - this.windowMs;
    for (const k of this.byTs.keys()) if (k < horizon) this.byTs.delete(k);
    this.nextSweep = this.maxTs + this.windowMs / 4;
  }

  /** Number of ids remembered (for tests and memory checks). */
  get size(): number {
    let n = 0;
    for (const b of this.byTs.values()) n += b.length;
    return n;
  }
}
