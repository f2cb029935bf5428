// Resting orders of the paper engine, grouped by token, and which groups must be stepped when venue time moves on:
// a group wakes at its first expiry or at the view's next book change after its orders' cursors, nothing earlier.
import TinyQueue from "tinyqueue";
import type { BookView } from "../../core/book.js";

/** What the bookkeeping needs of an order; the engine keeps the rest. */
export interface RestingOrder {
  tokenId: string;
  /** Venue time of the last snapshot the order was offered (its arrival at first). */
  cursor: number;
  /** Venue time it expires (+∞: never). */
  expireAt: number;
}

/** The resting orders of one token, in priority order (the venue matches the best price first). */
export interface RestingGroup<O extends RestingOrder> {
  readonly tokenId: string;
  /** Priority order (see RestingOrders' `rank`). The engine steps them and keeps those still resting, in order. */
  orders: O[];
  /** Earliest cursor among the orders: no book change before it concerns them. */
  minCursor: number;
}

interface Group<O extends RestingOrder> extends RestingGroup<O> {
  /** Creation order: groups are stepped in it (the order a Map of groups would visit them). */
  seq: number;
  minExpire: number;
  /** Still resting (false once its last order ended or it was cancelled): its queued entries are then ignored. */
  live: boolean;
  /** In `unsure` (its time to wake must be worked out again before the next advance). */
  unsure: boolean;
  /** Already listed as due by this advance (a stale timer of the same time is then ignored). */
  due: boolean;
  /** Time of the group's queued timer (+∞: none). A later wake is not queued: that timer steps it first. */
  queued: number;
}

/** Creation order of groups (module level: a comparator written inline would be created, and named, per call). */
const bySeq = (a: RestingGroup<RestingOrder>, b: RestingGroup<RestingOrder>): number => (a as Group<RestingOrder>).seq - (b as Group<RestingOrder>).seq;

/** When a group must be stepped: min(view's next change after its minCursor, its first expiry). */
interface Timer<O extends RestingOrder> {
  at: number;
  g: Group<O>;
}

/**
 * A group's time to wake is worked out when it becomes unsure (created, an order added, stepped, or its token's book
 * changed) and kept in a timer queue, so advancing time does not visit every token with resting orders. Only views
 * with onChange (they announce new snapshots) allow keeping it; for the others every group is unsure again at each
 * advance (their nextChange answer may change unannounced). Without nextChange a group wakes whenever time passes
 * its cursor.
 */
export class RestingOrders<O extends RestingOrder> {
  private groups = new Map<string, Group<O>>();
  private count = 0;
  private seq = 0;
  private readonly keepWake: boolean;
  private readonly unsure: Group<O>[] = [];
  private readonly byTime = (a: Timer<O>, b: Timer<O>) => a.at - b.at || a.g.seq - b.g.seq;
  private timers = new TinyQueue<Timer<O>>([], this.byTime);
  private readonly due: Group<O>[] = [];
  /** The view's next change of a token after a time, when it knows (BookView.nextChange). */
  readonly next: ((tokenId: string, ts: number) => number | undefined) | undefined;

  /**
   * @param rank an order's place in its token's queue, lower first (a better price); equal ranks keep submission
   *   order (queue position among equal prices is not modelled).
   */
  constructor(
    books: BookView,
    private readonly rank: (o: O) => number = () => 0,
  ) {
    this.next = books.nextChange === undefined ? undefined : (tokenId, t) => books.nextChange!(tokenId, t);
    this.keepWake = this.next !== undefined && books.onChange !== undefined;
    books.onChange?.((tokenId) => {
      if (this.count === 0) return;
      const g = this.groups.get(tokenId);
      if (g !== undefined) this.markUnsure(g);
    });
  }

  /** Number of resting orders. */
  get size(): number {
    return this.count;
  }

  /** Wake-up timers queued (memory checks: at most about one per group, plus superseded ones not yet due). */
  timersQueued(): number {
    return this.timers.length;
  }

  /** Tokens with resting orders. */
  tokens(): IterableIterator<string> {
    return this.groups.keys();
  }

  add(o: O): void {
    let g = this.groups.get(o.tokenId);
    if (g === undefined) {
      g = { tokenId: o.tokenId, seq: this.seq++, orders: [], minCursor: o.cursor, minExpire: o.expireAt, live: true, unsure: false, due: false, queued: Number.POSITIVE_INFINITY };
      this.groups.set(o.tokenId, g);
    }
    // insert after every order of lower or equal rank (a stable insertion from the end)
    const orders = g.orders;
    const r = this.rank(o);
    let i = orders.length;
    while (i > 0 && r < this.rank(orders[i - 1] as O)) i--;
    if (i === orders.length) orders.push(o);
    else orders.splice(i, 0, o);
    if (o.cursor < g.minCursor) g.minCursor = o.cursor;
    if (o.expireAt < g.minExpire) g.minExpire = o.expireAt;
    this.markUnsure(g);
    this.count++;
  }

  /** The groups to step at venue time ts, in creation order (the array is reused by the next call). */
  dueAt(ts: number): readonly RestingGroup<O>[] {
    const due = this.due;
    due.length = 0;
    if (this.count === 0) return due;
    if (!this.keepWake) for (const g of this.groups.values()) this.markUnsure(g);
    for (let i = 0; i < this.unsure.length; i++) {
      const g = this.unsure[i] as Group<O>;
      g.unsure = false;
      if (!g.live) continue;
      const at = this.wakeAt(g, ts);
      if (at <= ts) this.listDue(g);
      else this.queue(g, at);
    }
    this.unsure.length = 0;
    for (let t = this.timers.peek(); t !== undefined && t.at <= ts; t = this.timers.peek()) {
      this.timers.pop();
      if (t.at !== t.g.queued) continue; // superseded by an earlier timer of the group
      t.g.queued = Number.POSITIVE_INFINITY;
      if (t.g.live) this.listDue(t.g);
    }
    if (due.length > 1) due.sort(bySeq);
    for (let i = 0; i < due.length; i++) (due[i] as Group<O>).due = false;
    return due;
  }

  /**
   * The engine stepped `group` to ts and left in `orders` those still resting (`ended` others ended): recompute its
   * bounds, drop it when empty, else queue its next wake (every snapshot up to ts was offered, so that is after ts;
   * were it not, the group is worked out again at the next advance).
   */
  stepped(group: RestingGroup<O>, ts: number, ended: number): void {
    const g = group as Group<O>;
    this.count -= ended;
    let minCursor = Number.POSITIVE_INFINITY;
    let minExpire = Number.POSITIVE_INFINITY;
    for (let i = 0; i < g.orders.length; i++) {
      const o = g.orders[i] as O;
      if (o.cursor < minCursor) minCursor = o.cursor;
      if (o.expireAt < minExpire) minExpire = o.expireAt;
    }
    g.minCursor = minCursor;
    g.minExpire = minExpire;
    if (g.orders.length === 0) {
      g.live = false;
      this.groups.delete(g.tokenId);
    } else if (this.keepWake) {
      const at = this.wakeAt(g, ts);
      if (at > ts) this.queue(g, at);
      else this.markUnsure(g);
    }
  }

  /** Tokens whose resting orders (judged by the first) pass `test`, in creation order of their groups. */
  tokensWhere(test: (o: O) => boolean): string[] {
    const out: string[] = [];
    for (const g of this.groups.values()) if (g.orders.length > 0 && test(g.orders[0] as O)) out.push(g.tokenId);
    return out;
  }

  /** Remove the token's orders (its market closed); returns them, or undefined when it had none. */
  remove(tokenId: string): O[] | undefined {
    const g = this.groups.get(tokenId);
    if (g === undefined) return undefined;
    g.live = false;
    this.groups.delete(tokenId);
    this.count -= g.orders.length;
    return g.orders;
  }

  /** Remove every order; returns them token by token (in creation order of the tokens' groups). */
  clear(): O[][] {
    const all: O[][] = [];
    for (const g of this.groups.values()) {
      g.live = false;
      all.push(g.orders);
    }
    this.groups = new Map();
    this.unsure.length = 0;
    this.timers = new TinyQueue<Timer<O>>([], this.byTime);
    this.count = 0;
    return all;
  }

  private markUnsure(g: Group<O>): void {
    if (g.unsure) return;
    g.unsure = true;
    this.unsure.push(g);
  }

  /** Queue g's wake at `at` unless an earlier (or equal) one is queued already: that one steps it first. */
  private queue(g: Group<O>, at: number): void {
    if (!this.keepWake || !(at < g.queued)) return;
    g.queued = at;
    this.timers.push({ at, g });
  }

  private listDue(g: Group<O>): void {
    if (g.due) return;
    g.due = true;
    this.due.push(g);
  }

  /** When g must be stepped next, as of venue time ts. */
  private wakeAt(g: Group<O>, ts: number): number {
    let at = g.minExpire;
    if (this.next === undefined) {
      if (ts > g.minCursor) at = ts; // without nextChange: step whenever time passed the cursor
    } else {
      const t = this.next(g.tokenId, g.minCursor);
      if (t !== undefined && t < at) at = t;
    }
    return at;
  }
}
