// Attribution: the parts sum exactly to the gap (property test over random decision/fill sequences, seeded),
// pro-rata allocation of netted intents, caps vs rounding, and the spread/latency/slippage split of price effects.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CopyIntent, Decision, ExecEvent, LeaderTradeEvent, Side, SkipReason, Terminal } from "../../../src/core/index.js";
import { Attribution, type AttributionTotals, type EventAttribution } from "../../../src/pipeline/attribution.js";

const L = "0xleader";
const TOK = "tok-1";

function lev(id: string, side: Side, size: number, price: number): LeaderTradeEvent {
  return { eventId: id, leader: L, kind: "TRADE", conditionId: "c", tokenId: TOK, outcomeIndex: 0, side, size, price, usdcSize: size * price, ts: 1, seenAt: 1, txHash: "", source: "synthetic" };
}
function intent(id: string, side: Side, ideal: number, target: number, price: number, ids: string[], ratio = 0.1): Decision {
  const i: CopyIntent = {
    intentId: id,
    leader: L,
    tokenId: TOK,
    conditionId: "c",
    side,
    targetShares: target,
    targetNotional: target * price,
    limitPrice: Math.min(0.99, Math.max(0.01, price)),
    orderType: "FAK",
    leaderPrice: price,
    idealShares: ideal,
    ratio,
    purpose: "copy",
    sourceEventIds: ids,
    ts: 1,
    seenAt: 1,
  };
  return { kind: "intent", intent: i };
}
function skip(reason: SkipReason, side: Side | null, ideal: number, price: number, ids: string[]): Decision {
  return { kind: "skip", reason, detail: "", leader: L, tokenId: TOK, side, leaderPrice: price, idealShares: ideal, sourceEventIds: ids, ts: 1 };
}
const fill = (id: string, side: Side, size: number, price: number, fee = 0): ExecEvent => ({
  type: "fill",
  intentId: id,
  mode: "paper",
  ts: 2,
  orderId: "o",
  tokenId: TOK,
  side,
  price,
  size,
  fee,
  tradeId: "t",
});
const done = (id: string, terminal: Terminal, filled = 0, avg = 0): ExecEvent => ({ type: "done", intentId: id, mode: "paper", ts: 3, terminal, filledShares: filled, avgPrice: avg, detail: "" });

function sumParts(parts: Partial<Record<string, number>>): number {
  let s = 0;
  for (const v of Object.values(parts)) s += v ?? 0;
  return s;
}
function expectIdentity(t: AttributionTotals, events: readonly EventAttribution[]): void {
  const scale = Math.max(1, t.idealNotional + t.filledNotional);
  expect(Math.abs(sumParts(t.byCause) - t.gap)).toBeLessThanOrEqual(1e-9 * scale);
  for (const e of events) expect(Math.abs(sumParts(e.parts) - e.gap)).toBeLessThanOrEqual(1e-9 * Math.max(1, e.idealShares + e.filledNotional));
}

describe("attribution identity (property)", () => {
  const trade = fc.record({
    side: fc.constantFrom<Side>("BUY", "SELL"),
    size: fc.double({ min: 0.5, max: 5000, noNaN: true }),
    price: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  });
  const fate = fc.record({
    kind: fc.constantFrom("skip", "intent", "intent", "intent"),
    reason: fc.constantFrom<SkipReason>("PRICE_CAP", "INSUFFICIENT_CASH", "COPY_NOTIONAL_BELOW_MIN", "NOTHING_TO_SELL"),
    clip: fc.double({ min: 0, max: 1.3, noNaN: true }),
    batch: fc.integer({ min: 1, max: 4 }),
    fills: fc.array(fc.record({ frac: fc.double({ min: 0, max: 0.7, noNaN: true }), px: fc.double({ min: -0.05, max: 0.05, noNaN: true }), fee: fc.double({ min: 0, max: 0.1, noNaN: true }) }), { maxLength: 3 }),
    terminal: fc.constantFrom<Terminal>("FILLED", "PARTIAL", "UNFILLED", "REJECTED"),
    refs: fc.option(fc.record({ l: fc.double({ min: -0.02, max: 0.02, noNaN: true }), a: fc.double({ min: -0.05, max: 0.05, noNaN: true }) })),
    noDone: fc.boolean(),
  });

  it("Σ parts = gap, per event and in total, and the total gap matches an independent computation", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(trade, fate, fc.array(trade, { maxLength: 3 })), { minLength: 1, maxLength: 30 }), fc.double({ min: 0.001, max: 2, noNaN: true }), (steps, r) => {
        const a = new Attribution({ keepEvents: true, ratioOf: () => r });
        let expectedGap = 0;
        let n = 0;
        steps.forEach(([t0, f, extra], k) => {
          const batch = [t0, ...extra.slice(0, f.batch - 1)];
          const ids = batch.map(() => `e${n++}`);
          batch.forEach((t, j) => a.onLeaderEvent(lev(ids[j]!, t.side, t.size, t.price)));
          let net = 0;
          let cash = 0;
          for (const t of batch) {
            net += t.side === "BUY" ? t.size : -t.size;
            cash += t.size * t.price;
          }
          const side: Side = net >= 0 ? "BUY" : "SELL";
          const vwap = cash / batch.reduce((s, t) => s + t.size, 0);
          const ideal = Math.abs(net) * r;
          const sameIdeal = batch.filter((t) => t.side === side).reduce((s, t) => s + t.size * r, 0);
          for (const t of batch) expectedGap += t.size * r * t.price; // the whole ideal, minus what was copied below
          if (f.kind === "skip") return a.onDecision(skip(f.reason, side, ideal, vwap, ids));
          const target = Math.floor(ideal * f.clip * 100) / 100;
          if (target <= 0) return a.onDecision(skip("ROUNDS_TO_ZERO", side, ideal, vwap, ids));
          const id = `i${k}`;
          a.onDecision(intent(id, side, ideal, target, vwap, ids, r));
          if (f.refs) a.onReference(id, { atLeader: vwap + f.refs.l, atArrival: vwap + f.refs.a });
          let F = 0;
          let N = 0;
          let fees = 0;
          if (f.terminal !== "REJECTED")
            for (const x of f.fills) {
              const q = target * x.frac;
              if (q <= 0) continue;
              const px = Math.min(0.99, Math.max(0.01, vwap + x.px));
              a.onExec(fill(id, side, q, px, x.fee));
              F += q;
              N += q * px;
              fees += x.fee;
            }
          if (!f.noDone) a.onExec(done(id, f.terminal, F, F > 0 ? N / F : 0));
          // what the copy got, allocated pro rata to the same-side events at their own leader prices
          const sigma = side === "BUY" ? 1 : -1;
          let filledAtLeader = 0;
          for (const t of batch) if (t.side === side) filledAtLeader += (F * t.size * r * t.price) / sameIdeal;
          expectedGap += -filledAtLeader + sigma * (N - filledAtLeader) + fees;
        });
        a.flush();
        const tot = a.totals();
        expectIdentity(tot, a.events());
        expect(tot.events).toBe(n);
        expect(Math.abs(tot.gap - expectedGap)).toBeLessThanOrEqual(1e-9 * Math.max(1, tot.idealNotional + tot.filledNotional));
        expect(a.openIntents()).toBe(0);
      }),
      { seed: 20260524, numRuns: 400 },
    );
  });
});

describe("attribution buckets", () => {
  it("a skipped event loses its whole ideal notional under skipped:<REASON>", () => {
    const a = new Attribution();
    a.onDecision(skip("PRICE_CAP", "BUY", 12, 0.98, ["e1"]));
    a.onDecision(skip("DUPLICATE", "BUY", 12, 0.98, ["e1"]));
    const t = a.totals();
    expect(t.events).toBe(1);
    expect(t.byCause["skipped:PRICE_CAP"]).toBeCloseTo(12 * 0.98, 12);
    expect(t.gap).toBeCloseTo(12 * 0.98, 12);
  });

  it("splits ideal − target into rounding (size grid) and caps (clips)", () => {
    const a = new Attribution();
    a.onDecision(intent("i1", "BUY", 10.456, 10.45, 0.5, ["e1"]));
    a.onExec(fill("i1", "BUY", 10.45, 0.5));
    a.onExec(done("i1", "FILLED"));
    a.onDecision(intent("i2", "BUY", 10.456, 5, 0.5, ["e2"]));
    a.onExec(fill("i2", "BUY", 5, 0.5));
    a.onExec(done("i2", "FILLED"));
    const t = a.totals();
    expect(t.byCause.rounding).toBeCloseTo(2 * 0.006 * 0.5, 12);
    expect(t.byCause.caps).toBeCloseTo(5.45 * 0.5, 12);
    expect(t.byCause.partial ?? 0).toBeCloseTo(0, 12);
    expect(t.byCause.slippage ?? 0).toBeCloseTo(0, 12);
  });

  it("splits price effects into spread (leader vs touch), latency (touch drift) and slippage (book walk)", () => {
    const a = new Attribution();
    a.onDecision(intent("i", "BUY", 10, 10, 0.5, ["e"]));
    a.onReference("i", { atLeader: 0.51, atArrival: 0.53 });
    a.onExec(fill("i", "BUY", 6, 0.53, 0.02));
    a.onExec(fill("i", "BUY", 2, 0.57));
    a.onExec(done("i", "PARTIAL"));
    const b = a.totals().byCause;
    expect(b.spread).toBeCloseTo(0.01 * 8, 12);
    expect(b.latency).toBeCloseTo(0.02 * 8, 12);
    expect(b.slippage).toBeCloseTo(0.04 * 2, 12);
    expect(b.partial).toBeCloseTo(2 * 0.5, 12);
    expect(b.fees).toBeCloseTo(0.02, 12);
  });

  it("for a SELL, receiving less than the leader is a positive cost; references can ride on fill events", () => {
    const a = new Attribution();
    a.onDecision(intent("i", "SELL", 10, 10, 0.6, ["e"]));
    a.onExec({ ...fill("i", "SELL", 10, 0.57), refAtLeader: 0.59, refAtArrival: 0.58 } as unknown as ExecEvent);
    a.onExec(done("i", "FILLED"));
    const b = a.totals().byCause;
    expect(b.spread).toBeCloseTo(0.1, 12);
    expect(b.latency).toBeCloseTo(0.1, 12);
    expect(b.slippage).toBeCloseTo(0.1, 12);
    expect(a.totals().gap).toBeCloseTo(0.3, 12);
  });

  it("REJECTED intents land in rejected, not partial; corrections stay out of the gap", () => {
    const a = new Attribution();
    a.onDecision(intent("i", "BUY", 4, 4, 0.25, ["e"]));
    a.onExec({ type: "rejected", intentId: "i", mode: "paper", ts: 2, reason: "x", detail: "" });
    a.onExec(done("i", "REJECTED"));
    const corr = intent("c", "BUY", 0, 3, 0.5, ["drift:e"]);
    if (corr.kind === "intent") corr.intent.purpose = "correction";
    a.onDecision(corr);
    a.onExec(fill("c", "BUY", 3, 0.5, 0.02));
    a.onExec(done("c", "FILLED"));
    expect(a.totals().byCause).toEqual({ rejected: 1 });
    expect(a.correctionTotals()).toEqual({ intents: 1, filledShares: 3, filledNotional: 1.5, fees: 0.02 });
  });
});

describe("netted intents: pro-rata to the source events' ideal shares", () => {
  it("allocates fills of a same-side batch by each event's ideal", () => {
    const a = new Attribution({ keepEvents: true });
    a.onLeaderEvent(lev("a", "BUY", 10, 0.4));
    a.onLeaderEvent(lev("b", "BUY", 20, 0.5));
    a.onLeaderEvent(lev("c", "BUY", 30, 0.6));
    a.onDecision(intent("i", "BUY", 6, 6, 0.5333, ["a", "b", "c"]));
    a.onExec(fill("i", "BUY", 3, 0.55));
    a.onExec(done("i", "PARTIAL"));
    const ev = a.events();
    expect(ev.map((e) => e.eventId)).toEqual(["a", "b", "c"]);
    expect(ev.map((e) => e.filledShares)).toEqual([0.5, 1, 1.5]);
    expect(ev.map((e) => e.idealShares)).toEqual([1, 2, 3]);
    // each event's unfilled part is valued at its own leader price
    expect(ev[0]!.parts.partial).toBeCloseTo(0.5 * 0.4, 12);
    expect(ev[2]!.parts.partial).toBeCloseTo(1.5 * 0.6, 12);
    expectIdentity(a.totals(), ev);
  });

  it("opposite-side events of a batch and a netted-to-zero window are attributed to netted", () => {
    const a = new Attribution({ keepEvents: true });
    a.onLeaderEvent(lev("b", "BUY", 10, 0.5));
    a.onLeaderEvent(lev("s", "SELL", 4, 0.5));
    a.onDecision(intent("i", "BUY", 0.6, 0.6, 0.5, ["b", "s"]));
    a.onExec(fill("i", "BUY", 0.6, 0.5));
    a.onExec(done("i", "FILLED"));
    const [b, s] = a.events();
    expect(s!.parts).toEqual({ netted: 0.4 * 0.5 });
    expect(b!.parts.netted).toBeCloseTo(0.4 * 0.5, 12);
    a.onLeaderEvent(lev("x", "BUY", 5, 0.3));
    a.onLeaderEvent(lev("y", "SELL", 5, 0.3));
    a.onDecision(skip("NETTED", null, 0, 0.3, ["x", "y"]));
    expect(a.totals().byCause.netted).toBeCloseTo(0.4 + 2 * 0.5 * 0.3, 12);
    expect(a.totals().byCause["skipped:NETTED"]).toBeUndefined();
  });

  it("without leader events, a batch is split equally", () => {
    const a = new Attribution({ keepEvents: true });
    a.onDecision(intent("i", "BUY", 4, 4, 0.5, ["a", "b"]));
    a.onExec(fill("i", "BUY", 4, 0.5));
    a.onExec(done("i", "FILLED"));
    expect(a.events().map((e) => e.filledShares)).toEqual([2, 2]);
    expect(a.totals().gap).toBeCloseTo(0, 12);
  });
});

describe("cause indices", () => {
  it("CI matches the order of CAUSES", async () => {
    const { CAUSES } = await import("../../../src/pipeline/attribution.js");
    const { CI } = await import("../../../src/pipeline/attribution-totals.js");
    for (const [k, c] of CAUSES.entries()) expect(CI[c]).toBe(k);
  });
});
