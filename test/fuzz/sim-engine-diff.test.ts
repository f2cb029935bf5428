// Differential test: the sim's matching engine against a naive reference matcher written here (price-time priority
// on one token's book, V2 taker fees in BigInt, partial fills, FOK/FAK/GTC/GTD, post-only, min size, $1 marketable
// BUY minimum, reservations, cancels, GTD expiry). Random seeded order sequences of several accounts.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Engine, COLLATERAL, type OrderInput } from "../../src/sim/engine/engine.js";
import { VenueError } from "../../src/sim/errors.js";

const ADDRS = ["0xa1", "0xa2", "0xa3", "0xa4"].map((p) => p.padEnd(42, "0"));
const PT = 10_000;

// ------------------------------------------------------------------ reference model

interface ROrder {
  id: string;
  addr: string;
  token: string;
  side: "BUY" | "SELL";
  pt: number;
  remaining: number;
  seq: number;
  gtdAt: number; // ms when it expires (Infinity = never)
  matched: number;
  status: string;
}
interface RFill {
  id: string;
  units: number;
  pt: number;
  cash: number;
}

/** fee in 6-dec units for `units` shares at `pt`, r = rMil/1000, exponent e (1|2). */
export function refFee(units: number, pt: number, rMil: number, e: number): number {
  if (rMil === 0 || units === 0) return 0;
  const C = BigInt(units);
  const p = BigInt(pt);
  const q = BigInt(PT - pt);
  const f5 = e === 1 ? (C * BigInt(rMil) * p * q) / 10n ** 12n : (C * BigInt(rMil) * (p * q) ** 2n) / 10n ** 20n;
  const charged = f5 > 0n ? f5 : 1n;
  const cap5 = (C * p * 5n) / 10n ** 7n;
  return Number((charged < cap5 ? charged : cap5) * 10n);
}

class Ref {
  bal = new Map<string, number>(); // addr|asset
  orders = new Map<string, ROrder>();
  seq = 0;
  constructor(
    readonly rMil: number,
    readonly e: number,
    readonly tickPt: number,
    readonly minSizeU: number,
  ) {}
  get(a: string, asset: string): number {
    return this.bal.get(a + "|" + asset) ?? 0;
  }
  add(a: string, asset: string, d: number): void {
    this.bal.set(a + "|" + asset, this.get(a, asset) + d);
  }
  reserved(a: string, asset: string): number {
    let s = 0;
    for (const o of this.orders.values()) {
      if (o.status !== "LIVE" || o.addr !== a) continue;
      if (o.side === "BUY" && asset === COLLATERAL) s += Math.ceil((o.remaining * o.pt) / PT);
      if (o.side === "SELL" && asset === o.token) s += o.remaining;
    }
    return s;
  }
  avail(a: string, asset: string): number {
    return this.get(a, asset) - this.reserved(a, asset);
  }
  expire(now: number): void {
    for (const o of this.orders.values()) if (o.status === "LIVE" && o.gtdAt <= now) o.status = "CANCELED";
  }
  /** resting opposite orders in priority order */
  queue(token: string, side: "BUY" | "SELL"): ROrder[] {
    const opp = side === "BUY" ? "SELL" : "BUY";
    return [...this.orders.values()]
      .filter((o) => o.status === "LIVE" && o.token === token && o.side === opp)
      .sort((a, b) => (a.pt !== b.pt ? (opp === "SELL" ? a.pt - b.pt : b.pt - a.pt) : a.seq - b.seq));
  }
  /** Returns error string or the result. */
  place(
    inp: OrderInput,
    now: number,
  ): { err: string } | { fills: RFill[]; fee: number; rests: number; status: string; units: number; cash: number } {
    this.expire(now);
    const buy = inp.side === "BUY";
    const market = inp.type === "FOK" || inp.type === "FAK";
    if (inp.postOnly && market) return { err: "POST_ONLY_TYPE" };
    const exp = inp.expiration ?? 0;
    if (inp.type === "GTD") {
      if (exp === 0 || (exp - 60) * 1000 <= now) return { err: "EXP" };
    } else if (exp !== 0) return { err: "EXP" };
    // limit price as a rational num/den (price = num/den)
    const num = buy ? inp.makerAmount : inp.takerAmount;
    const den = buy ? inp.takerAmount : inp.makerAmount;
    if (market) {
      if (buy && inp.makerAmount < 1_000_000) return { err: "MIN_BUY" };
    } else {
      if ((num * PT) % den !== 0 || ((num * PT) / den) % this.tickPt !== 0) return { err: "TICK" };
      const p = (num * PT) / den;
      if (p < this.tickPt || p > PT - this.tickPt) return { err: "TICK" };
      if (den < this.minSizeU && !buy) return { err: "MIN_SIZE" };
      if (buy && inp.takerAmount < this.minSizeU) return { err: "MIN_SIZE" };
    }
    // crosses?  maker price lp crosses if (BUY) lp <= num/den, (SELL) lp >= num/den
    const q = this.queue(inp.tokenId, inp.side);
    const ok = (lp: number): boolean => (buy ? lp * den <= num * PT : lp * den >= num * PT);
    const crosses = q.length > 0 && ok(q[0]!.pt);
    if (inp.postOnly && crosses) return { err: "POST_ONLY_CROSSES" };
    if (!market && buy && crosses && inp.makerAmount < 1_000_000) return { err: "MIN_BUY" };
    // walk
    const fills: RFill[] = [];
    let fee = 0;
    let sharesLeft = buy ? inp.takerAmount : inp.makerAmount;
    let budget = inp.makerAmount;
    let full = false;
    for (const o of q) {
      if (!ok(o.pt)) break;
      let take: number;
      if (buy && market) {
        // whole 0.0001-share steps affordable at o.pt
        const steps = Math.floor((budget * PT) / (o.pt * 100));
        if (steps <= 0) {
          full = true;
          break;
        }
        take = Math.min(o.remaining, steps * 100);
      } else take = Math.min(o.remaining, sharesLeft);
      const cash = Math.floor((take * o.pt) / PT);
      fills.push({ id: o.id, units: take, pt: o.pt, cash });
      fee += refFee(take, o.pt, this.rMil, this.e);
      if (buy && market) {
        budget -= cash;
        if (budget <= 0) {
          full = true;
          break;
        }
      } else {
        sharesLeft -= take;
        if (sharesLeft <= 0) {
          full = true;
          break;
        }
      }
    }
    if (buy && market && !full && fills.length > 0 && budget * PT < 100 * fills[fills.length - 1]!.pt) full = true;
    const units = fills.reduce((s, f) => s + f.units, 0);
    const cash = fills.reduce((s, f) => s + f.cash, 0);
    if (!buy && fee > cash) fee = cash;
    if (buy) {
      if (this.avail(inp.maker, COLLATERAL) < inp.makerAmount + fee) return { err: "BALANCE" };
    } else if (this.avail(inp.maker, inp.tokenId) < inp.makerAmount) return { err: "BALANCE" };
    if (inp.type === "FOK" && !full) return { err: "FOK" };
    if (inp.type === "FAK" && fills.length === 0) return { err: "FAK" };
    // apply
    for (const f of fills) {
      const mo = this.orders.get(f.id)!;
      mo.remaining -= f.units;
      mo.matched += f.units;
      if (mo.remaining === 0) mo.status = "MATCHED";
      if (mo.side === "SELL") {
        this.add(mo.addr, mo.token, -f.units);
        this.add(mo.addr, COLLATERAL, f.cash);
      } else {
        this.add(mo.addr, mo.token, f.units);
        this.add(mo.addr, COLLATERAL, -f.cash);
      }
    }
    if (buy) {
      this.add(inp.maker, COLLATERAL, -(cash + fee));
      this.add(inp.maker, inp.tokenId, units);
    } else {
      this.add(inp.maker, inp.tokenId, -units);
      this.add(inp.maker, COLLATERAL, cash - fee);
    }
    const orig = buy ? inp.takerAmount : inp.makerAmount;
    const rests = market ? 0 : orig - units;
    const status = rests > 0 ? "LIVE" : "MATCHED";
    this.orders.set(inp.id!, {
      id: inp.id!,
      addr: inp.maker,
      token: inp.tokenId,
      side: inp.side,
      pt: market ? 0 : (num * PT) / den,
      remaining: rests,
      seq: this.seq++,
      gtdAt: inp.type === "GTD" ? (exp - 60) * 1000 : Infinity,
      matched: units,
      status,
    });
    return { fills, fee, rests, status, units, cash };
  }
  cancel(id: string, now: number): boolean {
    this.expire(now);
    const o = this.orders.get(id);
    if (!o || o.status !== "LIVE") return false;
    o.status = "CANCELED";
    return true;
  }
  book(token: string): { bids: [number, number][]; asks: [number, number][] } {
    const lv = (side: "BUY" | "SELL"): [number, number][] => {
      const m = new Map<number, number>();
      for (const o of this.orders.values())
        if (o.status === "LIVE" && o.token === token && o.side === side) m.set(o.pt, (m.get(o.pt) ?? 0) + o.remaining);
      return [...m.entries()].sort((a, b) => (side === "BUY" ? b[0] - a[0] : a[0] - b[0]));
    };
    return { bids: lv("BUY"), asks: lv("SELL") };
  }
}

// ------------------------------------------------------------------ error mapping

function errKind(msg: string): string {
  if (msg.includes("only GTC and GTD")) return "POST_ONLY_TYPE";
  if (msg === "invalid expiration") return "EXP";
  if (msg.includes("breaks minimum tick size")) return "TICK";
  if (msg.includes("lower than the minimum")) return "MIN_SIZE";
  if (msg.includes("marketable BUY")) return "MIN_BUY";
  if (msg.includes("order crosses book")) return "POST_ONLY_CROSSES";
  if (msg.includes("not enough balance")) return "BALANCE";
  if (msg.includes("FOK orders")) return "FOK";
  if (msg.includes("FAK orders")) return "FAK";
  return "OTHER:" + msg;
}

// ------------------------------------------------------------------ driver

type Op =
  | { k: "place"; a: number; tok: number; side: "BUY" | "SELL"; type: "GTC" | "GTD" | "FOK" | "FAK"; px: number; size: number; cents: number; postOnly: boolean; gtdLead: number }
  | { k: "cancel"; pick: number }
  | { k: "advance"; s: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      k: fc.constant("place" as const),
      a: fc.integer({ min: 0, max: 3 }),
      tok: fc.integer({ min: 0, max: 1 }),
      side: fc.constantFrom("BUY" as const, "SELL" as const),
      type: fc.constantFrom("GTC" as const, "GTC" as const, "GTD" as const, "FOK" as const, "FAK" as const),
      px: fc.integer({ min: 1, max: 99 }), // index into the price grid
      size: fc.integer({ min: 1, max: 4000 }), // centishares
      cents: fc.integer({ min: 50, max: 4000 }), // market BUY budget in cents
      postOnly: fc.boolean(),
      gtdLead: fc.integer({ min: 30, max: 400 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("cancel" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("advance" as const), s: fc.integer({ min: 1, max: 120 }) }) },
);

interface Cfg {
  rMil: number;
  e: number;
  tick: "0.01" | "0.001" | "0.1" | "0.0001" | "0.005" | "0.0025";
  narrow: boolean;
  cash: number;
  sets: number;
}

export function runDiff(cfg: Cfg, ops: Op[]): void {
  let t = 1_800_000_000_000;
  const clock = { now: () => t };
  const e = new Engine({ clock, seed: 3 });
  const m = e.createMarket({ tick: cfg.tick, fee: { r: cfg.rMil / 1000, e: cfg.e }, minOrderSize: 5 });
  const toks = [m.tokens[0].tokenId, m.tokens[1].tokenId];
  const tickPt = Math.round(Number(cfg.tick) * PT);
  const ref = new Ref(cfg.rMil, cfg.e, tickPt, 5_000_000);
  for (const a of ADDRS) {
    e.credit(a, cfg.cash + cfg.sets);
    e.split(a, m.conditionId, cfg.sets);
    ref.add(a, COLLATERAL, cfg.cash * 1e6);
    for (const tk of toks) ref.add(a, tk, cfg.sets * 1e6);
  }
  const ids: string[] = [];
  const total0 = ADDRS.reduce((s, a) => s + e.balance(a), 0);
  let fees = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const ctx = `op ${i} ${JSON.stringify(op)}`;
    if (op.k === "advance") {
      t += op.s * 1000;
      continue;
    }
    if (op.k === "cancel") {
      if (ids.length === 0) continue;
      const id = ids[op.pick % ids.length]!;
      const r = e.cancel([id]);
      const rr = ref.cancel(id, t);
      expect(r.canceled.length === 1, ctx).toBe(rr);
    } else {
      // price on the grid near 0.5 when narrow (so orders cross), else anywhere
      const steps = Math.round(PT / tickPt);
      let pt: number;
      if (cfg.narrow) pt = Math.min(PT - tickPt, Math.max(tickPt, 5000 + ((op.px % 11) - 5) * tickPt));
      else pt = Math.max(1, Math.min(steps - 1, Math.round((op.px / 100) * steps))) * tickPt;
      const buy = op.side === "BUY";
      const market = op.type === "FOK" || op.type === "FAK";
      let makerAmount: number;
      let takerAmount: number;
      if (market) {
        if (buy) {
          makerAmount = op.cents * 10_000;
          takerAmount = Math.floor((makerAmount * PT) / pt / 100) * 100;
        } else {
          makerAmount = op.size * 10_000;
          takerAmount = Math.floor((makerAmount * pt) / PT / 100) * 100;
        }
      } else if (buy) {
        takerAmount = op.size * 10_000;
        makerAmount = (takerAmount * pt) / PT;
      } else {
        makerAmount = op.size * 10_000;
        takerAmount = (makerAmount * pt) / PT;
      }
      if (!Number.isInteger(makerAmount) || !Number.isInteger(takerAmount) || takerAmount <= 0) continue;
      const id = "0x" + (i + 1).toString(16).padStart(64, "0");
      const inp: OrderInput = {
        id,
        maker: ADDRS[op.a]!,
        tokenId: toks[op.tok]!,
        side: op.side,
        type: op.type,
        postOnly: market ? op.postOnly && i % 7 === 0 : op.postOnly && i % 3 === 0,
        expiration: op.type === "GTD" ? Math.floor(t / 1000) + op.gtdLead : 0,
        makerAmount,
        takerAmount,
      };
      const want = ref.place({ ...inp }, t);
      let got: ReturnType<Engine["place"]> | undefined;
      let gotErr: string | undefined;
      try {
        got = e.place(inp);
      } catch (err) {
        if (!(err instanceof VenueError)) throw err;
        gotErr = errKind(err.message);
      }
      STATS[("err" in want) ? want.err : want.fills.length ? (want.rests ? "partial-rest" : "filled-" + op.type) : "rest"] = (STATS[("err" in want) ? want.err : want.fills.length ? (want.rests ? "partial-rest" : "filled-" + op.type) : "rest"] ?? 0) + 1;
      if ("err" in want) {
        expect(gotErr, ctx).toBe(want.err);
      } else {
        expect(gotErr, ctx).toBeUndefined();
        ids.push(id);
        const tr = got!.tradeIds.length ? e.trade(got!.tradeIds[0]!) : undefined;
        const fillsGot = tr ? tr.makers.map((f) => ({ id: f.order.id, units: f.units, pt: f.pt, cash: f.cash })) : [];
        expect(fillsGot, ctx).toEqual(want.fills);
        expect(tr?.fee ?? 0, ctx).toBe(want.fee);
        fees += want.fee;
        const o = e.order(id)!;
        expect([o.status, o.matched, o.remaining], ctx).toEqual([want.status, want.units, want.rests]);
        expect(got!.status, ctx).toBe(want.rests > 0 ? "live" : "matched");
      }
    }
    // full-state comparison
    ref.expire(t);
    for (const a of ADDRS)
      for (const asset of [COLLATERAL, ...toks]) {
        expect([e.balance(a, asset), e.balances.reserved(a, asset)], `${ctx} ${a} ${asset}`).toEqual([ref.get(a, asset), ref.reserved(a, asset)]);
        expect(e.available(a, asset), `${ctx} avail ${a}`).toBeGreaterThanOrEqual(0);
      }
    for (const tk of toks) {
      const b = e.book(tk)!;
      const rb = ref.book(tk);
      const fmt = (l: [number, number][]) => l.map(([p, s]) => ({ price: String(p / PT), size: String(s / 1e6) }));
      expect({ bids: b.bids, asks: b.asks }, ctx).toEqual({ bids: fmt(rb.bids), asks: fmt(rb.asks) });
    }
    for (const [id, ro] of ref.orders) {
      const eo = e.order(id)!;
      expect([eo.status, eo.matched], `${ctx} order ${id}`).toEqual([ro.status, ro.matched]);
    }
  }
  // conservation: pUSD total + complete sets
  const total = ADDRS.reduce((s, a) => s + e.balance(a), 0);
  expect(total + fees, "conservation").toBe(total0);
  for (const tk of toks) expect(ADDRS.reduce((s, a) => s + e.balance(a, tk), 0)).toBe(4 * cfg.sets * 1e6);
}

export const STATS: Record<string, number> = {};
const cfgArb = fc.record({
  rMil: fc.constantFrom(0, 72, 30, 50),
  e: fc.constantFrom(1, 1, 2),
  tick: fc.constantFrom("0.01" as const, "0.01" as const, "0.001" as const, "0.1" as const, "0.0001" as const, "0.005" as const, "0.0025" as const),
  narrow: fc.boolean(),
  cash: fc.constantFrom(3, 20, 200),
  sets: fc.constantFrom(6, 30, 100),
});

describe("sim engine vs naive reference matcher", () => {
  it("random seeded sequences agree (fills, fees, books, balances, reservations, statuses)", () => {
    fc.assert(
      fc.property(cfgArb, fc.array(opArb, { minLength: 1, maxLength: 120 }), (cfg, ops) => {
        runDiff(cfg, ops);
      }),
      { seed: Number(process.env.DIFF_SEED ?? 4242), numRuns: Number(process.env.DIFF_RUNS ?? 400), endOnFailure: false },
    );
    if (process.env.DIFF_STATS) console.log(STATS);
  });
});
