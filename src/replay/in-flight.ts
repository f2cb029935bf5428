// Orders of a replay on their way to the paper venue: each meets the book at its arrival (intent.ts + latency), and
// is only matched once the replay's clock has passed that time, so the book view knows every trade up to it.
import TinyQueue from "tinyqueue";
import type { CopyIntent } from "../core/index.js";

/** One order in flight. `closedAt`: its market closed (resolved, redeemed) at that time, before it arrived. */
export interface InFlightOrder {
  intent: CopyIntent;
  arrival: number;
  seq: number;
  closedAt: number | undefined;
}

/** Arrival order; equal arrivals in submission order (module level: no comparator made per queue). */
const byArrival = (a: InFlightOrder, b: InFlightOrder): number => a.arrival - b.arrival || a.seq - b.seq;

export class InFlight {
  private readonly queue = new TinyQueue<InFlightOrder>([], byArrival);
  private seq = 0;

  get size(): number {
    return this.queue.length;
  }

  add(intent: CopyIntent, arrival: number): void {
    this.queue.push({ intent, arrival, seq: this.seq++, closedAt: undefined });
  }

  /** Arrival of the next order (+∞ when none). */
  nextArrival(): number {
    const o = this.queue.peek();
    return o === undefined ? Number.POSITIVE_INFINITY : o.arrival;
  }

  /** The next order by arrival; call only when size > 0. */
  take(): InFlightOrder {
    return this.queue.pop() as InFlightOrder;
  }

  /**
   * The market of these tokens (and, given, every token of `conditionId`) closed at ts: the orders still in flight
   * there will be refused when they arrive (the replay drains every order that arrived before ts first).
   */
  close(tokenIds: readonly string[], ts: number, conditionId?: string): void {
    const all = this.queue.data;
    for (let i = 0; i < this.queue.length; i++) {
      const o = all[i]!;
      if (o.closedAt === undefined && (o.intent.conditionId === conditionId || tokenIds.includes(o.intent.tokenId))) o.closedAt = ts;
    }
  }
}
