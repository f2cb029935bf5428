// Dedupe by deterministic event id over a bounded event-time window, so memory stays flat on 10 M-event replays.
// A duplicate carries its original's venue ts (the id hashes it), so ids are kept in ts order: an in-order event
// compares against the ids of its own millisecond only, with no hashing and no map.

/**
 * Venue-time span a duplicate is still recognised within. Duplicates arrive close together (poll overlap, RTDS +
 * poll); one older than this is missed here and caught by the journal's idempotency keys (intent ids are
 * deterministic).
 */
export const DEDUPE_WINDOW_MS = 15 * 60 * 1000;

export class RecentIds {
  /** One entry per remembered id, in increasing ts: tsOf[i] and idsOf[i], live from `head`. Flat arrays rather
   *  than one bucket array per millisecond, which allocated on every new ms and lived for the whole window. */
  private tsOf: number[] = [];
  private idsOf: string[] = [];
  private head = 0;

  constructor(private readonly windowMs = DEDUPE_WINDOW_MS) {}

  /** True if `id` was seen with the same venue ts within the window; records it otherwise. */
  seen(id: string, ts: number): boolean {
    const end = this.tsOf.length;
    const lastTs = end > this.head ? this.tsOf[end - 1]! : Number.NEGATIVE_INFINITY;
    if (ts > lastTs) {
      // In order (the usual case): a new millisecond.
      this.tsOf.push(ts);
      this.idsOf.push(id);
      this.evict(ts);
      return false;
    }
    if (ts === lastTs) {
      // Same millisecond as the newest ids: they sit at the end.
      for (let k = end - 1; k >= this.head && this.tsOf[k] === ts; k--) if (sameId(this.idsOf[k]!, id)) return true;
      this.tsOf.push(ts);
      this.idsOf.push(id);
      return false;
    }
    // Out of order (rare: live sources): the run of `ts`, if any, starts at the first entry ≥ ts.
    let k = this.lowerBound(ts);
    if (k === end || this.tsOf[k] !== ts) {
      if (ts < lastTs - this.windowMs) return false; // older than the window: not remembered
    }
    for (; k < end && this.tsOf[k] === ts; k++) if (sameId(this.idsOf[k]!, id)) return true;
    this.tsOf.splice(k, 0, ts);
    this.idsOf.splice(k, 0, id);
    return false;
  }

  /** First live index whose ts is ≥ `ts` (binary search). */
  private lowerBound(ts: number): number {
    let lo = this.head;
    let hi = this.tsOf.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.tsOf[mid]! < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drop ids older than the window; compact the arrays now and then. */
  private evict(maxTs: number): void {
    const horizon = maxTs - this.windowMs;
    while (this.head < this.tsOf.length && this.tsOf[this.head]! < horizon) this.idsOf[this.head++] = "";
    if (this.head > 4096 && this.head * 2 > this.tsOf.length) {
      this.tsOf = this.tsOf.slice(this.head);
      this.idsOf = this.idsOf.slice(this.head);
      this.head = 0;
    }
  }

  /** Number of ids remembered (for tests and memory checks). */
  get size(): number {
    return this.tsOf.length - this.head;
  }
}

/**
 * a === b, settled inline on the last char for almost every pair that differs: event ids are slices of one decoded
 * string, and comparing two sliced strings with === goes through a runtime call (≈ 4× slower).
 */
function sameId(a: string, b: string): boolean {
  const last = b.length - 1;
  return a.length === b.length && (last < 0 || a.charCodeAt(last) === b.charCodeAt(last)) && a === b;
}
