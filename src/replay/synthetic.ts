// Seeded synthetic leader history: several leaders trading two-outcome markets (BUY/SELL/MERGE/REDEEM mix,
// logit random-walk prices, sizes from hundredths to tens of shares). Same seed → same events, ids and all.
import { rng, type LeaderTradeEvent, type Rng } from "../core/index.js";
import { prefixedHexRows } from "../store/hexpack.js";

export interface SyntheticOptions {
  seed?: number;
  /** Number of events to generate. */
  events: number;
  leaders?: number;
  /** Markets open at any time (each is replaced by a new one when it resolves). */
  markets?: number;
  /** Leader events per market lifetime (mean). */
  eventsPerMarket?: number;
  /** Venue time of the first event (ms). */
  startTs?: number;
  /** Mean gap between events (ms). */
  meanGapMs?: number;
}

/** Dictionaries the numeric rows point into. */
export interface SyntheticDicts {
  leaders: string[];
  conditions: string[];
  tokens: string[];
  slugs: string[];
  outcomes: string[];
}

/** Column-wise block of generated rows (numbers only; strings live in the dictionaries). */
export interface SyntheticBlock {
  n: number;
  id0: Uint32Array; id1: Uint32Array; id2: Uint32Array;
  leader: Int32Array; kind: Int32Array; condition: Int32Array; token: Int32Array; outcomeIndex: Int32Array;
  side: Int32Array; size: Float64Array; price: Float64Array; usdc: Float64Array; ts: Float64Array;
  tx: Uint32Array[]; // 8 parts
}

const KIND = ["TRADE", "MERGE", "SPLIT", "REDEEM", "CONVERSION"] as const;
const SIDE = [null, "BUY", "SELL"] as const;
const OUTCOMES = ["Up", "Down"];

function mix32(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

function hexString(r: Rng, digits: number): string {
  let s = "";
  while (s.length < digits) s += r.int(0, 0xffff).toString(16).padStart(4, "0");
  return s.slice(0, digits);
}

function decString(r: Rng, digits: number): string {
  let s = String(r.int(1, 9));
  while (s.length < digits) s += String(r.int(0, 9));
  return s;
}

interface Market {
  code: number; // condition code
  tokens: [number, number]; // token codes
  logit: number; // price of outcome 0 in logit space
  left: number; // events left before resolution
  holders: Map<number, [number, number]>; // leader → shares of (outcome 0, outcome 1)
}

/**
 * Incremental generator: `next(block)` fills up to block capacity with rows. Leaders only SELL or MERGE what
 * they hold; a market that runs out of events resolves (one REDEEM per holder: payout = winning shares held).
 */
export class SyntheticHistory {
  readonly dicts: SyntheticDicts = { leaders: [], conditions: [], tokens: [], slugs: [], outcomes: OUTCOMES };
  private readonly r: Rng;
  private readonly seed: number;
  private readonly markets: Market[] = [];
  private readonly pending: number[][] = []; // queued REDEEM rows: [leader, market code, payout, token0, token1]
  private produced = 0;
  private ts: number;
  private txA = 0;
  private txB = 0;
  private readonly o: Required<SyntheticOptions>;

  constructor(opts: SyntheticOptions) {
    this.o = {
      seed: 1,
      leaders: 3,
      markets: 6,
      eventsPerMarket: 400,
      startTs: Date.UTC(2026, 0, 1),
      meanGapMs: 250,
      ...opts,
    };
    this.seed = this.o.seed;
    this.r = rng(this.o.seed);
    this.ts = this.o.startTs;
    const names = rng(this.o.seed ^ 0x51ed27);
    for (let i = 0; i < this.o.leaders; i++) this.dicts.leaders.push("0x" + hexString(names, 40));
    for (let i = 0; i < this.o.markets; i++) this.markets.push(this.newMarket());
  }

  get total(): number {
    return this.o.events;
  }

  get done(): boolean {
    return this.produced >= this.o.events;
  }

  private newMarket(): Market {
    const names = rng(mix32(this.seed, this.dicts.conditions.length + 0x1000));
    const code = this.dicts.conditions.length;
    this.dicts.conditions.push("0x" + hexString(names, 64));
    this.dicts.slugs.push(`synthetic-up-or-down-${code}`);
    const t0 = this.dicts.tokens.length;
    this.dicts.tokens.push(decString(names, 77), decString(names, 77));
    return {
      code,
      tokens: [t0, t0 + 1],
      logit: this.r.normal() * 0.3,
      left: Math.max(20, Math.round(this.o.eventsPerMarket * (0.5 + this.r.next()))),
      holders: new Map(),
    };
  }

  private size(): number {
    // log-normal around 8 shares, hundredths to tens
    const s = Math.exp(Math.log(8) + 1.1 * this.r.normal());
    return Math.max(0.01, Math.min(80, Math.round(s * 100) / 100));
  }

  static block(cap: number): SyntheticBlock {
    return {
      n: 0,
      id0: new Uint32Array(cap), id1: new Uint32Array(cap), id2: new Uint32Array(cap),
      leader: new Int32Array(cap), kind: new Int32Array(cap), condition: new Int32Array(cap), token: new Int32Array(cap),
      outcomeIndex: new Int32Array(cap), side: new Int32Array(cap), size: new Float64Array(cap), price: new Float64Array(cap),
      usdc: new Float64Array(cap), ts: new Float64Array(cap), tx: Array.from({ length: 8 }, () => new Uint32Array(cap)),
    };
  }

  private put(b: SyntheticBlock, leader: number, kind: number, cond: number, tok: number, oi: number, side: number, size: number, price: number, usdc: number): void {
    const i = b.n++;
    const k = this.produced++;
    b.id0[i] = mix32(this.seed, k * 3);
    b.id1[i] = mix32(this.seed, k * 3 + 1);
    b.id2[i] = mix32(this.seed, k * 3 + 2);
    b.leader[i] = leader;
    b.kind[i] = kind;
    b.condition[i] = cond;
    b.token[i] = tok;
    b.outcomeIndex[i] = oi;
    b.side[i] = side;
    b.size[i] = size;
    b.price[i] = price;
    b.usdc[i] = usdc;
    b.ts[i] = this.ts;
    for (let j = 0; j < 8; j++) b.tx[j]![i] = mix32(this.txA ^ (j * 0x27d4eb2d), this.txB);
  }

  /** Fill `b` (reset to n = 0) with the next rows; returns the number written (0 when done). */
  next(b: SyntheticBlock): number {
    b.n = 0;
    const cap = b.id0.length;
    const r = this.r;
    while (b.n < cap && this.produced < this.o.events) {
      const q = this.pending.pop();
      if (q) {
        const [leader, cond, payout, t0] = q as [number, number, number, number];
        this.txA = mix32(this.seed, this.produced + 0x7000_0000);
        this.txB = this.produced;
        this.put(b, leader, 3, cond, -1 - t0, -1, 0, payout, 0, payout);
        continue;
      }
      // time moves on (several fills of one transaction share a timestamp)
      const sameTx = r.next() < 0.3 && this.produced > 0;
      if (!sameTx) {
        this.ts += Math.max(1, Math.round(-Math.log(Math.max(1e-12, r.next())) * this.o.meanGapMs));
        this.txA = mix32(this.seed, this.produced + 0x4000_0000);
        this.txB = this.produced;
      }
      const mi = r.int(0, this.markets.length - 1);
      const m = this.markets[mi]!;
      const leader = r.int(0, this.o.leaders - 1);
      m.logit += 0.08 * r.normal();
      if (m.logit > 4) m.logit = 4;
      if (m.logit < -4) m.logit = -4;
      const p0 = 1 / (1 + Math.exp(-m.logit));
      let h = m.holders.get(leader);
      if (!h) m.holders.set(leader, (h = [0, 0]));
      const u = r.next();
      if (u < 0.04 && Math.min(h[0], h[1]) >= 0.01) {
        // MERGE complete sets
        const sets = Math.round(Math.min(h[0], h[1]) * (0.3 + 0.7 * r.next()) * 100) / 100;
        if (sets > 0) {
          h[0] = Math.round((h[0] - sets) * 1e6) / 1e6;
          h[1] = Math.round((h[1] - sets) * 1e6) / 1e6;
          this.put(b, leader, 1, m.code, -1, -1, 0, sets, 0, sets);
        }
      } else {
        const oi = r.next() < 0.5 ? 0 : 1;
        const pRaw = oi === 0 ? p0 : 1 - p0;
        const price = Math.min(0.99, Math.max(0.01, Math.round(pRaw * 100) / 100));
        const held = h[oi]!;
        const sell = u > 0.8 && held >= 0.01;
        const size = sell ? Math.min(held, this.size()) : this.size();
        h[oi] = Math.round((held + (sell ? -size : size)) * 1e6) / 1e6;
        this.put(b, leader, 0, m.code, m.tokens[oi], oi, sell ? 2 : 1, size, price, Math.round(size * price * 1e6) / 1e6);
      }
      if (--m.left <= 0) {
        // resolve: outcome 0 wins with its probability; each holder redeems (queued, emitted next)
        const win = r.next() < p0 ? 0 : 1;
        for (const [l, hs] of [...m.holders.entries()].sort((a, b) => b[0] - a[0])) {
          if (hs[0] + hs[1] > 0) this.pending.push([l, m.code, Math.round(hs[win]! * 1e6) / 1e6, m.tokens[0]]);
        }
        this.markets[mi] = this.newMarket();
      }
    }
    return b.n;
  }

  /** Convert rows [from, to) of a block into events (strings built here). */
  toEvents(b: SyntheticBlock, out: LeaderTradeEvent[] = []): LeaderTradeEvent[] {
    const ids = prefixedHexRows("ev_", [b.id0, b.id1, b.id2], b.n);
    const txs = prefixedHexRows("0x", b.tx, b.n);
    const d = this.dicts;
    for (let i = 0; i < b.n; i++) {
      const kind = KIND[b.kind[i]!]!;
      const tok = b.token[i]!;
      const oi = b.outcomeIndex[i]!;
      out.push({
        eventId: ids.slice(i * 27, i * 27 + 27),
        leader: d.leaders[b.leader[i]!]!,
        kind,
        conditionId: d.conditions[b.condition[i]!]!,
        tokenId: tok >= 0 ? d.tokens[tok]! : "",
        outcomeIndex: oi < 0 ? null : oi,
        side: SIDE[b.side[i]!]!,
        size: b.size[i]!,
        price: b.price[i]!,
        usdcSize: b.usdc[i]!,
        ts: b.ts[i]!,
        seenAt: b.ts[i]!,
        txHash: txs.slice(i * 66, i * 66 + 66),
        source: "synthetic",
        slug: d.slugs[b.condition[i]!],
        outcome: oi < 0 ? undefined : d.outcomes[oi],
      });
    }
    return out;
  }
}

/** Synthetic events as arrays of up to `batch` events (a replay source's batches). */
export function* syntheticBatches(opts: SyntheticOptions, batch = 2048): Generator<LeaderTradeEvent[]> {
  const g = new SyntheticHistory(opts);
  const b = SyntheticHistory.block(batch);
  while (g.next(b) > 0) yield g.toEvents(b);
}

/** All synthetic events in one array (small histories: tests, demo). */
export function syntheticEvents(opts: SyntheticOptions): LeaderTradeEvent[] {
  const out: LeaderTradeEvent[] = [];
  for (const b of syntheticBatches(opts)) for (const e of b) out.push(e);
  return out;
}
