// A naive reference simulator of the paper engine's documented model over explicit snapshot lists (for differential.test.ts).
import type { CopyIntent } from "../../../src/core/intent.js";
import { isTickSize, marketOrderAmounts, takerFee, type FeeRate } from "../../../src/core/money.js";

export interface RSnap {
  ts: number;
  bids: [number, number][]; // best first
  asks: [number, number][];
  tick: number;
  minSize: number;
}
export interface REv {
  id: string;
  type: string;
  ts: number;
  price?: number;
  size?: number;
  fee?: number;
  terminal?: string;
  filled?: number;
  detail?: string;
}
export interface RIn {
  intent: CopyIntent;
  arrival: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const floor2 = (x: number) => Math.floor(x * 100 + 1e-7) / 100;
function snapDown(p: number, t: number) {
  const k = Math.floor(p / t + 1e-9);
  return Number((k * t).toFixed(6));
}
function snapUp(p: number, t: number) {
  const k = Math.ceil(p / t - 1e-9);
  return Number((k * t).toFixed(6));
}

interface Ord {
  intent: CopyIntent;
  isBuy: boolean;
  limit: number;
  size: number;
  filled: number;
  notional: number;
  arrival: number;
  expireAt: number;
  seq: number;
  done: boolean;
}

export function reference(
  snaps: Map<string, RSnap[]>,
  orders: RIn[],
  opts: { slippage: number; ttl?: number; end: number; fee?: FeeRate },
): REv[] {
  const out: REv[] = [];
  const used = new Map<string, number>(); // token|snapIdx|side|level → taken
  const bookIdx = (tok: string, t: number) => {
    const s = snaps.get(tok) ?? [];
    let k = -1;
    for (let i = 0; i < s.length; i++) if (s[i]!.ts <= t) k = i;
    return k;
  };
  const take = (tok: string, k: number, o: Ord, maker: boolean, ts: number) => {
    const b = snaps.get(tok)![k]!;
    const lv = o.isBuy ? b.asks : b.bids;
    let want = r2(o.size - o.filled);
    for (let i = 0; i < lv.length && want > 0; i++) {
      const [p, s] = lv[i]!;
      if (o.isBuy ? p > o.limit + 1e-9 : p < o.limit - 1e-9) break;
      const key = `${tok}|${k}|${o.isBuy}|${i}`;
      const u = used.get(key) ?? 0;
      const avail = floor2(s - u);
      if (avail <= 0) continue;
      const q = Math.min(avail, want);
      used.set(key, u + q);
      want = r2(want - q);
      const price = maker ? o.limit : p;
      o.filled = r2(o.filled + q);
      o.notional += price * q;
      out.push({ id: o.intent.intentId, type: "fill", ts, price, size: q, fee: !maker && opts.fee ? takerFee(q, price, opts.fee.r, opts.fee.e) : 0 });
    }
  };
  const avail = (tok: string, k: number, isBuy: boolean, limit: number) => {
    const b = snaps.get(tok)![k]!;
    const lv = isBuy ? b.asks : b.bids;
    let sum = 0;
    for (let i = 0; i < lv.length; i++) {
      const [p, s] = lv[i]!;
      if (isBuy ? p > limit + 1e-9 : p < limit - 1e-9) break;
      const a = floor2(s - (used.get(`${tok}|${k}|${isBuy}|${i}`) ?? 0));
      if (a > 0) sum += a;
    }
    return r2(sum);
  };
  const done = (o: Ord, ts: number, terminal: string, detail: string) => {
    o.done = true;
    out.push({ id: o.intent.intentId, type: "done", ts, terminal, filled: o.filled, detail });
  };
  const reject = (i: CopyIntent, ts: number, reason: string) => {
    out.push({ id: i.intentId, type: "rejected", ts, detail: reason });
    out.push({ id: i.intentId, type: "done", ts, terminal: "REJECTED", filled: 0, detail: reason });
  };

  // time points: snapshots (kind 0) before arrivals (kind 1) at the same ms
  type P = { t: number; kind: 0 | 1; tok?: string; k?: number; o?: RIn; n: number };
  const pts: P[] = [];
  let n = 0;
  for (const [tok, s] of snaps) s.forEach((b, k) => pts.push({ t: b.ts, kind: 0, tok, k, n: n++ }));
  orders.forEach((o) => pts.push({ t: o.arrival, kind: 1, o, n: n++ }));
  pts.sort((a, b) => a.t - b.t || a.kind - b.kind || a.n - b.n);
  const resting: Ord[] = [];
  let seq = 0;
  for (const pt of pts) {
    if (pt.t > opts.end) break;
    if (pt.kind === 0) {
      const tok = pt.tok!;
      const mine = resting
        .filter((o) => !o.done && o.intent.tokenId === tok && o.arrival < pt.t)
        .sort((a, b) => (a.isBuy === b.isBuy ? (a.isBuy ? b.limit - a.limit : a.limit - b.limit) || a.seq - b.seq : a.isBuy ? -1 : 1));
      for (const o of mine) {
        if (pt.t >= o.expireAt) {
          done(o, o.expireAt, o.filled > 0 ? "PARTIAL" : "UNFILLED", "EXPIRED");
          continue;
        }
        take(tok, pt.k!, o, true, pt.t);
        if (o.filled >= o.size - 1e-9) done(o, pt.t, "FILLED", "FILLED");
      }
      continue;
    }
    const i = pt.o!.intent;
    const a = pt.t;
    const tok = i.tokenId;
    const k = bookIdx(tok, a);
    if (k < 0) {
      reject(i, a, "NO_BOOK");
      continue;
    }
    const b = snaps.get(tok)![k]!;
    const seen = Math.min(Math.max(i.seenAt, i.ts), a);
    const ks = bookIdx(tok, seen);
    const sb = ks >= 0 ? snaps.get(tok)![ks]! : b;
    const isBuy = i.side === "BUY";
    const size = floor2(i.targetShares);
    if (size <= 0) {
      reject(i, a, "ROUNDS_TO_ZERO");
      continue;
    }
    const s = i.slippage ?? opts.slippage;
    let limit = i.limitPrice;
    if (isBuy) {
      const best = sb.asks[0]?.[0] ?? b.asks[0]?.[0];
      if (best !== undefined) limit = Math.min(limit, best * (1 + s));
      limit = snapDown(limit, b.tick);
    } else {
      const best = sb.bids[0]?.[0] ?? b.bids[0]?.[0];
      if (best !== undefined) limit = Math.max(limit, best * (1 - s));
      limit = snapUp(limit, b.tick);
    }
    if (limit < b.tick - 1e-9 || limit > 1 - b.tick + 1e-9) {
      reject(i, a, "PRICE_OUT_OF_BAND");
      continue;
    }
    const rests = i.orderType === "GTC" || i.orderType === "GTD";
    if (rests && size < b.minSize - 1e-9) {
      reject(i, a, "BELOW_MIN_SIZE");
      continue;
    }
    if (isBuy) {
      const ba = b.asks[0]?.[0];
      // a resting BUY crosses only the asks our earlier orders left on this snapshot
      const marketable = !rests || (ba !== undefined && ba <= limit + 1e-9 && avail(tok, k, true, limit) > 0);
      if (marketable && size * limit < 1 - 1e-9) {
        reject(i, a, "BELOW_MARKETABLE_MIN");
        continue;
      }
    }
    // FAK/FOK: the amounts the official client signs for the market order (core marketOrderAmounts, checked against
    // the client itself in test/unit/core/market-amounts.test.ts) must fit the venue's 2 / 4 decimals
    const tickKey = String(b.tick);
    if (!rests && isTickSize(tickKey)) {
      const amounts = marketOrderAmounts(i.side, isBuy ? Math.round(size * limit * 1e6) / 1e6 : size, limit, tickKey);
      if (amounts.maker % 10_000 !== 0 || amounts.taker % 100 !== 0) {
        reject(i, a, "AMOUNT_PRECISION");
        continue;
      }
    }
    out.push({ id: i.intentId, type: "accepted", ts: a, price: limit, size });
    const o: Ord = { intent: i, isBuy, limit, size, filled: 0, notional: 0, arrival: a, expireAt: a + (opts.ttl ?? Infinity), seq: seq++, done: false };
    if (i.orderType === "FOK" && avail(tok, k, isBuy, limit) + 1e-9 < size) {
      done(o, a, "UNFILLED", "FOK_KILLED");
      continue;
    }
    take(tok, k, o, false, a);
    if (o.filled >= size - 1e-9) done(o, a, "FILLED", "FILLED");
    else if (rests) resting.push(o);
    else done(o, a, o.filled > 0 ? "PARTIAL" : "UNFILLED", o.filled > 0 ? "FAK_REMAINDER" : "NO_LIQUIDITY");
  }
  for (const o of resting) {
    if (o.done) continue;
    if (o.expireAt <= opts.end) done(o, o.expireAt, o.filled > 0 ? "PARTIAL" : "UNFILLED", "EXPIRED");
    else done(o, opts.end, o.filled > 0 ? "PARTIAL" : "UNFILLED", "CANCELLED");
  }
  return out;
}
