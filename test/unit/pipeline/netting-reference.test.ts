// Naive reference for netting windows, and clock-driven vs event-driven closing giving the same batches.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseConfig, type Decision, type LeaderTradeEvent } from "../../../src/core/index.js";
import { Decider } from "../../../src/pipeline/decide.js";

const W = 1000;
type T = { leader: string; token: string; side: "BUY" | "SELL"; size: number; price: number; ts: number };
const arbTrades = fc.array(fc.record({
  leader: fc.constantFrom("L1", "L2"), token: fc.constantFrom("A", "B"), side: fc.constantFrom("BUY", "SELL") as fc.Arbitrary<"BUY" | "SELL">,
  size: fc.integer({ min: 0, max: 50 }).map((x) => x * 2), price: fc.integer({ min: 10, max: 90 }).map((x) => x / 100), dt: fc.constantFrom(0, 1, 250, 500, 999, 1000, 1001, 2000),
}), { minLength: 1, maxLength: 25 }).map((xs) => { let ts = 0; return xs.map((x, k) => { ts += x.dt; return { ...x, ts, id: `e${k}` }; }); });

function ev(t: T & { id: string }): LeaderTradeEvent {
  return { eventId: t.id, leader: t.leader, kind: "TRADE", conditionId: `c${t.token}`, tokenId: t.token, outcomeIndex: 0, side: t.side, size: t.size, price: t.price, usdcSize: t.size * t.price, ts: t.ts, seenAt: t.ts, txHash: "0x" + t.id, source: "synthetic" };
}
const cfg = parseConfig({ seed: 1, bankroll: 1e9, defaults: { ratio: 0.5, maxBankrollPct: 1, priceCap: 1, slippage: 0, netting: { enabled: true, windowMs: W } } });

function naive(ts: (T & { id: string })[]) {
  // per (leader, token): a window opens at a trade not in an open window, ends at open + W (exclusive)
  const open = new Map<string, { end: number; ids: string[]; b: number; bc: number; s: number; sc: number }>();
  const out: { ids: string[]; side: string | null; net: number; price: number }[] = [];
  const close = (w: { ids: string[]; b: number; bc: number; s: number; sc: number }) => {
    const net = w.b - w.s;
    const side = Math.abs(net) < 1e-9 ? null : net > 0 ? "BUY" : "SELL";
    const price = side === "SELL" ? w.sc / w.s : w.b > 0 ? w.bc / w.b : NaN;
    out.push({ ids: w.ids, side, net: Math.abs(net), price });
  };
  for (const t of ts) {
    const k = t.leader + "/" + t.token;
    let w = open.get(k);
    if (w && t.ts >= w.end) { close(w); w = undefined; }
    if (!w) open.set(k, (w = { end: t.ts + W, ids: [], b: 0, bc: 0, s: 0, sc: 0 }));
    w.ids.push(t.id);
    if (t.side === "BUY") { w.b += t.size; w.bc += t.size * t.price; } else { w.s += t.size; w.sc += t.size * t.price; }
  }
  for (const w of open.values()) close(w);
  return out;
}
const key = (ids: string[]) => ids.join(",");
function batches(ds: Decision[]) {
  const m = new Map<string, { side: string | null; net: number; price: number; target?: number; reason?: string }>();
  for (const d of ds) {
    if (d.kind === "intent") m.set(key(d.intent.sourceEventIds), { side: d.intent.side, net: d.intent.idealShares / d.intent.ratio, price: d.intent.leaderPrice, target: d.intent.targetShares });
    else if (d.kind === "skip") m.set(key(d.sourceEventIds), { side: d.side, net: d.idealShares / (d.ratio ?? 0.5), price: d.leaderPrice, reason: d.reason });
  }
  return m;
}

describe("netting vs naive reference", () => {
  it("same windows, net side/shares/VWAP; clock = event-driven", () => {
    fc.assert(fc.property(arbTrades, (ts) => {
      const evs = ts.map(ev);
      const a = new Decider(cfg);
      const da: Decision[] = [];
      for (const e of evs) da.push(...a.step(e));
      da.push(...a.flush());
      const b = new Decider(cfg);
      const timer = b.useClock();
      const db: Decision[] = [];
      for (let i = 0; i < evs.length; i++) {
        db.push(...b.step(evs[i]!));
        const nextTs = i + 1 < evs.length ? evs[i + 1]!.ts : Number.POSITIVE_INFINITY;
        // the clock: after this ms's events, close what is due at this ms; then step to each timer before the next event
        if (nextTs > evs[i]!.ts) {
          db.push(...b.closeDue(evs[i]!.ts));
          for (let t = timer(); t < nextTs; t = timer()) db.push(...b.closeDue(t));
        }
      }
      db.push(...b.flush());
      const ref = naive(ts);
      const ma = batches(da), mb = batches(db);
      expect(ma.size).toBe(ref.length);
      for (const r of ref) {
        const x = ma.get(key(r.ids));
        expect(x, key(r.ids)).toBeDefined();
        expect(x!.side).toBe(r.side);
        if (r.side !== null) { expect(x!.net).toBeCloseTo(r.net, 9); expect(x!.price).toBeCloseTo(r.price, 9); }
        expect(mb.get(key(r.ids))).toEqual(x);
      }
      // every trade in exactly one decision
      const all = [...ma.keys()].flatMap((k) => k.split(","));
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe(ts.length);
    }), { numRuns: 2000 });
  });
});
