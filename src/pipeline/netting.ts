// Small-trade netting: folds one leader's same-token trades within an event-time window into one net delta.
// Pure state machine; windows close when an event (or end of stream) passes their end, never by wall clock.
import type { LeaderTradeEvent, Side } from "../core/index.js";

export interface NetBatch {
  leader: string;
  tokenId: string;
  conditionId: string;
  side: Side | null; // null when the window netted to zero
  netShares: number; // |buys − sells|
  price: number; // VWAP of the side that won
  ratio: number; // r_u at the last event of the window
  ids: string[];
  ts: number; // last event's venue time
  seenAt: number;
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
  ratio: number;
  ids: string[];
  ts: number;
  seenAt: number;
}

export class Netting {
  private readonly open = new Map<string, Window>();

  get size(): number {
    return this.open.size;
  }

  add(ev: LeaderTradeEvent, windowMs: number, ratio: number): void {
    const key = `${ev.leader}|${ev.tokenId}`;
    let w = this.open.get(key);
    if (!w) {
      w = { end: ev.ts + windowMs, leader: ev.leader, tokenId: ev.tokenId, conditionId: ev.conditionId, buyShares: 0, buyCash: 0, sellShares: 0, sellCash: 0, ratio, ids: [], ts: ev.ts, seenAt: ev.seenAt };
      this.open.set(key, w);
    }
    if (ev.side === "BUY") {
      w.buyShares += ev.size;
      w.buyCash += ev.size * ev.price;
    } else {
      w.sellShares += ev.size;
      w.sellCash += ev.size * ev.price;
    }
    w.ids.push(ev.eventId);
    w.ratio = ratio;
    w.ts = ev.ts;
    w.seenAt = ev.seenAt;
  }

  /** Windows whose end is ≤ ts, closed and removed, oldest end first (deterministic order). */
  due(ts: number): NetBatch[] {
    const done: Window[] = [];
    for (const [k, w] of this.open) {
      if (w.end <= ts) {
        done.push(w);
        this.open.delete(k);
      }
    }
    done.sort((a, b) => a.end - b.end || (a.tokenId < b.tokenId ? -1 : 1));
    return done.map(toBatch);
  }
}

const NET_EPS = 1e-9;

function toBatch(w: Window): NetBatch {
  const net = w.buyShares - w.sellShares;
  const side: Side | null = Math.abs(net) < NET_EPS ? null : net > 0 ? "BUY" : "SELL";
  const price = side === "SELL" ? w.sellCash / w.sellShares : w.buyShares > 0 ? w.buyCash / w.buyShares : w.sellCash / w.sellShares;
  return { leader: w.leader, tokenId: w.tokenId, conditionId: w.conditionId, side, netShares: side ? Math.abs(net) : 0, price, ratio: w.ratio, ids: w.ids, ts: w.ts, seenAt: w.seenAt };
}
