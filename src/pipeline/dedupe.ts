// Dedupe by deterministic event id over a bounded event-time window (two rotating generations), so memory stays
// flat on 10 M-event replays. A duplicate carries its original's venue ts (the id hashes it), so it arrives close
// to it (poll overlap, RTDS + poll); one later than the window is missed here and caught by the journal's
// idempotency keys (intent ids are deterministic).

/** Venue-time span a duplicate is still recognised within (at least this, at most twice). */
export const DEDUPE_WINDOW_MS = 15 * 60 * 1000;

export class RecentIds {
  private cur = new Set<string>();
  private prev = new Set<string>();
  private genEnd = Number.NEGATIVE_INFINITY;

  constructor(private readonly windowMs = DEDUPE_WINDOW_MS) {}

  /** True if `id` was seen within the window; records it otherwise. `ts` is the event's venue time (ms). */
  seen(id: string, ts: number): boolean {
    if (ts >= this.genEnd) {
      // Rotate: the previous generation falls out of the window.
      this.prev = ts >= this.genEnd + this.windowMs ? new Set() : this.cur;
      this.cur = new Set();
      this.genEnd = ts + this.windowMs;
    }
    if (this.cur.has(id) || this.prev.has(id)) return true;
    this.cur.add(id);
    return false;
  }
}
