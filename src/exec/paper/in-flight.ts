// Paper orders on their way to the book: each meets it at its arrival (decision time + latency), and is matched only
// once time has passed that arrival (the replay clock, or the paper executor's next intent), in arrival order.
import type { CopyIntent } from "../../core/index.js";

/** One order in flight. `closedAt`: its market closed (resolved, redeemed) at that time, before it arrived. */
export interface InFlightOrder {
  intent: CopyIntent;
  arrival: number;
  closedAt: number | undefined;
  /** Our side's touch at the leader's time as the view knew it when the order set off (before later same-ms trades). */
  atLeader?: number | undefined;
}

/**
 * Orders by arrival (equal arrivals in submission order): a sorted array read from `head`. With a constant latency
 * every order arrives after the ones before it and is appended; a later order arriving earlier (random latency) is
 * inserted among the few still in flight.
 */
export class InFlight {
  private orders: InFlightOrder[] = [];
  private head = 0;

  get size(): number {
    return this.orders.length - this.head;
  }

  /** An order sets off; `closedAt`: its market already closed then (it will be refused on arrival). */
  add(intent: CopyIntent, arrival: number, closedAt?: number, atLeader?: number): void {
    const q = this.orders;
    const o: InFlightOrder = { intent, arrival, closedAt, atLeader };
    const n = q.length;
    if (n === this.head || q[n - 1]!.arrival <= arrival) {
      q.push(o);
      return;
    }
    let lo = this.head;
    let hi = n - 1; // q[hi].arrival > arrival: the first such index is in [lo, hi]
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (q[mid]!.arrival > arrival) hi = mid;
      else lo = mid + 1;
    }
    q.splice(lo, 0, o);
  }

  /** Arrival of the next order (+∞ when none). */
  nextArrival(): number {
    return this.head < this.orders.length ? this.orders[this.head]!.arrival : Number.POSITIVE_INFINITY;
  }

  /** The next order by arrival; call only when size > 0. */
  take(): InFlightOrder {
    const q = this.orders;
    const o = q[this.head] as InFlightOrder;
    q[this.head++] = undefined as unknown as InFlightOrder; // keep nothing alive
    if (this.head === q.length) {
      q.length = 0;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= q.length) {
      this.orders = q.slice(this.head);
      this.head = 0;
    }
    return o;
  }

  /**
   * The market of these tokens (and, given, every token of `conditionId`) closed at ts: the orders still in flight
   * there will be refused when they arrive (the replay drains every order that arrived before ts first).
   */
  close(tokenIds: readonly string[], ts: number, conditionId?: string): void {
    const q = this.orders;
    for (let i = this.head; i < q.length; i++) {
      const o = q[i]!;
      if (o.closedAt === undefined && (o.intent.conditionId === conditionId || tokenIds.includes(o.intent.tokenId))) o.closedAt = ts;
    }
  }
}
