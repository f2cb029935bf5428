// Small-trade netting: folds one leader's same-token trades within an event-time window into one net delta.
// Pure state machine; windows close when an event, a replay's clock (TimePassed) or the end of stream passes their end,
// never by wall clock.
import type { LeaderTradeEvent, Side } from "../core/index.js";

export interface NetBatch {
  leader: string;
  tokenId: string;
  conditionId: string;
  side: Side | null; // null when the window netted to zero
  netShares: number; // |buys − sells|
  price: number; // VWAP of the side that won
  /**
   * r_u the window is copied at: the one that gives its net the ideal of its trades each copied at its own r_u
   * (|Σ r·signed size| / net, so BUDGETED_DYNAMIC's moves inside the window are not lost); the last trade's r_u when
   * those ideals net the other way (r_u fell a lot between opposite trades).
   */
  ratio: number;
  /**
   * r_u of each trade, in ids' order, when they differ or a MERGE took part of the window (undefined when every trade
   * had `ratio` and the net is theirs): each trade's ideal is then its own, not the batch's.
   */
  ratios: number[] | undefined;
  ids: string[];
  ts: number; // last event's venue time
  seenAt: number;
  end: number; // when the window closed (first event's ts + window)
  /** The leader's shares of the token before the window's trades. */
  leaderBefore: number;
}

interface Window {
  end: number;
  leader: string;
  tokenId: string;
  conditionId: string;
  buyShares: number;
  buyCash: number;
  sellShares: number;
  sellCash: number;
  /** Shares of the window's net BUY a leader MERGE took back (closeNow's `merged`): they leave the net, not the VWAPs. */
  merged: number;
  ratio: number;
  /** Σ r_u × signed size over the window's trades (BUY +, SELL −): the copy's ideal net delta. */
  ideal: number;
  /** Not every trade of the window had the same r_u (only then is `ideal` needed: the exact r_u stays otherwise). */
  varies: boolean;
  /** r_u of each trade, in ids' order. */
  ratios: number[];
  ids: string[];
  ts: number;
  seenAt: number;
  /** Price of the window's last trade (the batch price when the winning side traded 0 shares). */
  lastPrice: number;
  /** The leader's shares of the token after the window's last trade. */
  leaderAfter: number;
  /** Ended, replaced in byLeader by a newer window of the same leader and token, waiting to be closed. */
  detached: boolean;
}

/** Returned by due() when no window closes (no allocation); frozen so that a caller pushing into it fails loudly. */
const NONE: NetBatch[] = Object.freeze([]) as unknown as NetBatch[];

export class Netting {
  /** Open windows by leader, then token (no composite key string built per event). */
  private readonly byLeader = new Map<string, Map<string, Window>>();
  /** The same windows in the order they opened (due's input order, hence its tie order). */
  private readonly opened: Window[] = [];
  /** Earliest end among open windows (+∞ when none): due() returns at once before it. */
  private firstEnd = Number.POSITIVE_INFINITY;
  /** Windows whose end passed but that are not closed yet (a clock closes them): out of byLeader, still in `opened`. */
  private detached = 0;

  get size(): number {
    return this.opened.length;
  }

  /** Earliest end among the open windows (+∞ when none). */
  get nextEnd(): number {
    return this.firstEnd;
  }

  /**
   * Fold a leader trade into its window. `leaderShares`: the leader's shares of the token after this trade, so the
   * batch knows the position before its trades even when later trades were applied before it closed.
   */
  add(ev: LeaderTradeEvent, windowMs: number, ratio: number, leaderShares: number): void {
    let byToken = this.byLeader.get(ev.leader);
    if (byToken === undefined) this.byLeader.set(ev.leader, (byToken = new Map()));
    let w = byToken.get(ev.tokenId);
    if (w !== undefined && w.end <= ev.ts) {
      // its window ended (a clock closes it after this ms): the trade opens the next one
      byToken.delete(ev.tokenId);
      w.detached = true;
      this.detached++;
      w = undefined;
    }
    if (!w) {
      w = { end: ev.ts + windowMs, leader: ev.leader, tokenId: ev.tokenId, conditionId: ev.conditionId, buyShares: 0, buyCash: 0, sellShares: 0, sellCash: 0, merged: 0, ratio, ideal: 0, varies: false, ratios: [], ids: [], ts: ev.ts, seenAt: ev.seenAt, lastPrice: ev.price, leaderAfter: leaderShares, detached: false };
      byToken.set(ev.tokenId, w);
      this.opened.push(w);
      if (w.end < this.firstEnd) this.firstEnd = w.end;
    }
    if (ev.side === "BUY") {
      w.buyShares += ev.size;
      w.buyCash += ev.size * ev.price;
      w.ideal += ratio * ev.size;
    } else {
      w.sellShares += ev.size;
      w.sellCash += ev.size * ev.price;
      w.ideal -= ratio * ev.size;
    }
    w.ids.push(ev.eventId);
    w.ratios.push(ratio);
    if (ratio !== w.ratio) w.varies = true;
    w.ratio = ratio;
    w.lastPrice = ev.price;
    w.leaderAfter = leaderShares;
    w.ts = ev.ts;
    w.seenAt = ev.seenAt;
  }

  /**
   * Close now (at `ts`) a leader's windows on `tokenIds`, ended ones not yet closed too, oldest end first: a MERGE,
   * SPLIT or REDEEM of the leader in their market comes, and its mirror must follow the copy of the trades before it
   * (as without netting), not be applied to the copy before them. `merged`: a MERGE of that many sets takes them out
   * of the windows' net BUYs first (sets the leader bought inside a window and merged at once never reach the copy, as
   * they could not be merged by it before its BUYs fill), `ratio` the r_u of that MERGE.
   */
  closeNow(leader: string, tokenIds: readonly string[], ts: number, merged?: { sets: number; ratio: number }): NetBatch[] {
    const byToken = this.byLeader.get(leader);
    const done: Window[] = [];
    let keep = 0;
    let first = Number.POSITIVE_INFINITY;
    const opened = this.opened;
    // a MERGE of `sets` complete sets takes them out of the windows' net BUYs of every token (newest window first)
    const left = merged !== undefined && merged.sets > 0 ? new Map(tokenIds.map((t) => [t, merged.sets])) : undefined;
    if (left !== undefined) {
      for (let i = opened.length - 1; i >= 0; i--) {
        const w = opened[i]!;
        const want = w.leader === leader ? left.get(w.tokenId) : undefined;
        if (want === undefined || !(want > 0)) continue;
        const take = Math.min(want, Math.max(0, w.buyShares - w.sellShares - w.merged));
        if (!(take > 0)) continue;
        left.set(w.tokenId, want - take);
        w.merged += take;
        w.ideal -= merged!.ratio * take;
        if (merged!.ratio !== w.ratio) w.varies = true;
        w.leaderAfter -= take; // leaderBefore (leaderAfter − net) stays the leader's shares before the window
      }
    }
    for (let i = 0; i < opened.length; i++) {
      const w = opened[i]!;
      if (w.leader === leader && tokenIds.includes(w.tokenId)) {
        done.push(w);
        if (w.detached) this.detached--;
        else byToken?.delete(w.tokenId);
        if (w.end > ts) w.end = ts;
      } else {
        opened[keep++] = w;
        if (w.end < first) first = w.end;
      }
    }
    if (done.length === 0) return NONE;
    opened.length = keep;
    this.firstEnd = first;
    done.sort(byEndTokenLeader);
    return done.map(toBatch);
  }

  /** Net shares (buys − sells) a leader's windows on a token hold back (ended ones not yet closed too), 0 when none. */
  openNet(leader: string, tokenId: string): number {
    const w = this.byLeader.get(leader)?.get(tokenId);
    let net = w === undefined ? 0 : w.buyShares - w.sellShares - w.merged;
    if (this.detached > 0) {
      for (const o of this.opened) if (o.detached && o.leader === leader && o.tokenId === tokenId) net += o.buyShares - o.sellShares - o.merged;
    }
    return net;
  }

  /**
   * Windows whose end is ≤ ts (< ts with `before`: a clock closes those ending at ts after that ms), closed and
   * removed, oldest end first (deterministic order).
   */
  due(ts: number, before = false): NetBatch[] {
    if (ts < this.firstEnd || (before && ts === this.firstEnd)) return NONE;
    const done: Window[] = [];
    const opened = this.opened;
    let keep = 0;
    let first = Number.POSITIVE_INFINITY;
    for (let i = 0; i < opened.length; i++) {
      const w = opened[i]!;
      if (before ? w.end < ts : w.end <= ts) {
        done.push(w);
        if (w.detached) this.detached--;
        else this.byLeader.get(w.leader)!.delete(w.tokenId);
      } else {
        opened[keep++] = w;
        if (w.end < first) first = w.end;
      }
    }
    opened.length = keep;
    this.firstEnd = first;
    done.sort(byEndTokenLeader);
    return done.map(toBatch);
  }
}

const NET_EPS = 1e-9;

/** cash / shares, or `last` when no share traded (a module function: a closure here would be created per batch). */
function vwap(cash: number, shares: number, last: number): number {
  return shares > 0 ? cash / shares : last;
}

function toBatch(w: Window): NetBatch {
  const net = w.buyShares - w.sellShares - w.merged;
  const side: Side | null = Math.abs(net) < NET_EPS ? null : net > 0 ? "BUY" : "SELL";
  // VWAP of the winning side (of the buys when nothing won: they equal the sells); the last trade's price when that
  // side traded 0 shares
  const price = side === "SELL" ? vwap(w.sellCash, w.sellShares, w.lastPrice) : vwap(w.buyCash, w.buyShares, w.lastPrice);
  // the ratio that copies the net at its trades' own ideals (with one r_u throughout, that r_u)
  const ratio = w.varies && side !== null && w.ideal * net > 0 ? Math.abs(w.ideal / net) : w.ratio;
  return { leader: w.leader, tokenId: w.tokenId, conditionId: w.conditionId, side, netShares: side ? Math.abs(net) : 0, price, ratio, ratios: w.varies || w.merged > 0 ? w.ratios : undefined, ids: w.ids, ts: w.ts, seenAt: w.seenAt, end: w.end, leaderBefore: w.leaderAfter - net };
}

/** due()'s order: end, then token id, then leader (a total order: equal ends close the same way whatever came first). */
function byEndTokenLeader(a: Window, b: Window): number {
  if (a.end !== b.end) return a.end - b.end;
  if (a.tokenId !== b.tokenId) return a.tokenId < b.tokenId ? -1 : 1;
  return a.leader < b.leader ? -1 : a.leader > b.leader ? 1 : 0;
}
