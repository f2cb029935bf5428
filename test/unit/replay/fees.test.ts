// Taker fees in replays: the bound decide and the ledger set aside covers what fills can pay, a fee-paying replay
// never takes cash below zero, market schedules come from Gamma market files (config's rate elsewhere), and the
// report says which fees were modelled.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buyableShares, parseConfig, takerFee, takerFeeBound, type LeaderTradeEvent } from "../../../src/core/index.js";
import { replayFees } from "../../../src/replay/fees.js";
import { loadResolutions } from "../../../src/replay/resolutions.js";
import { formatRun, runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { sharedData } from "../../helpers/shared-data.js";

const A = "0x" + "a".repeat(40);
const YES = "4242";
function buy(size: number, price: number, ts: number, n: number): LeaderTradeEvent {
  return { eventId: `ev${n}`, leader: A, kind: "TRADE", conditionId: "0xc", tokenId: YES, outcomeIndex: 0, side: "BUY", size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}

describe("takerFeeBound / buyableShares", () => {
  it("cover every split of a BUY into up to 10 fills at prices up to its limit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99 }).map((k) => k / 100),
        fc.double({ min: 0.001, max: 0.25, noNaN: true }),
        fc.constantFrom(1, 2),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 1, max: 99 })), { minLength: 1, maxLength: 10 }),
        (limit, r, e, parts) => {
          const fills = parts.map(([cents, k]) => [cents / 100, Math.min(limit, k / 100)] as const);
          const shares = fills.reduce((s, [n]) => s + n, 0);
          const paid = fills.reduce((s, [n, p]) => s + takerFee(n, p, r, e), 0);
          expect(paid).toBeLessThanOrEqual(takerFeeBound(shares, limit, { r, e }) + 1e-12);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it("never charges more than the exchange's cap, 5 % of the fill's cash value (so a SELL keeps proceeds)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.double({ min: 0.001, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true }), fc.integer({ min: 1, max: 100_000 }), (k, r, e, cents) => {
        const p = k / 100;
        const shares = cents / 100;
        expect(takerFee(shares, p, r, e)).toBeLessThanOrEqual(shares * p * 0.05 + 1e-12);
      }),
      { seed: 13, numRuns: 300 },
    );
    // r 0.072, e 1 at p 0.10: the formula gives 0.00648 a share, the cap 0.005
    expect(takerFee(100, 0.1, 0.072, 1)).toBeCloseTo(0.5, 12);
  });

  it("buyableShares leaves room for the bound: shares × limit + bound ≤ cash", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 99 }), fc.double({ min: 0, max: 0.25, noNaN: true }), (cash, k, r) => {
        const limit = k / 100;
        const s = buyableShares(cash, limit, { r, e: 1 });
        expect(s * limit + takerFeeBound(s, limit, { r, e: 1 })).toBeLessThanOrEqual(cash * (1 + 1e-12));
      }),
      { seed: 12, numRuns: 300 },
    );
    expect(buyableShares(10, 0.5, undefined)).toBe(20);
    expect(buyableShares(-1, 0.5, { r: 0.05, e: 1 })).toBe(0);
  });
});

describe("a replay with taker fees", () => {
  // halfSpread 0 and no slippage: the copy pays exactly its limit (the leader's price), the worst case for cash
  const config = parseConfig({
    bankroll: 10,
    defaults: { ratio: 1, slippage: 0, maxBankrollPct: 1 },
    fill: { halfSpread: 0, depthShares: 10_000, takerFee: { rate: 0.05, exponent: 1 } },
    latency: { model: "constant", ms: 0 },
  });

  it("charges every fill the venue's fee and keeps cash ≥ 0 when a BUY spends all of it", async () => {
    const r = await runReplay({ source: arraySource([buy(100, 0.5, 1000, 1), buy(100, 0.5, 2000, 2)]), config });
    expect(r.summary.counts.fills).toBe(1); // the second finds no cash left for a $1 order
    const fill = r.result.ledger.positions[0]!;
    expect(r.summary.counts.fees).toBeCloseTo(takerFee(fill.shares, 0.5, 0.05, 1), 12);
    expect(r.summary.counts.fees).toBeGreaterThan(0.2);
    expect(r.result.ledger.cash).toBeGreaterThanOrEqual(0);
    expect(r.result.anomalies.negativeCash).toBe(0);
    expect(r.result.ledger.committedCash).toBe(0);
    expect(formatRun(r)).toContain("Taker fees: rate 0.05, exponent 1 (config fill.takerFee)");
  });

  it("a steep fee curve is capped at 5 % of each fill's value (a SELL at 0.02 keeps its proceeds)", async () => {
    const steep = parseConfig({ ...config, defaults: { ...config.defaults, slippage: 0.6 }, fill: { ...config.fill, takerFee: { rate: 0.5, exponent: 0.5 } } });
    const sell: LeaderTradeEvent = { ...buy(100, 0.02, 3000, 3), side: "SELL", eventId: "ev3", txHash: "0x3" }; // formula: 0.07 a share
    const r = await runReplay({ source: arraySource([buy(100, 0.5, 1000, 1), sell]), config: steep });
    const c = r.summary.counts;
    expect(c.fills).toBe(2);
    expect(c.fees).toBeGreaterThan(0);
    expect(c.fees).toBeLessThanOrEqual(0.05 * c.filledNotional + 1e-9);
    expect(r.result.ledger.cash).toBeGreaterThanOrEqual(0);
    expect(r.result.anomalies.negativeCash).toBe(0);
  });

  it("says no fees are modelled by default", async () => {
    const r = await runReplay({ source: arraySource([buy(100, 0.5, 1000, 1)]), config: parseConfig({}) });
    expect(r.summary.counts.fees).toBe(0);
    expect(r.meta.fees).toBe("none");
  });

  it("a market's own schedule replaces the config's rate, and the run id changes with it", async () => {
    const fees = [{ conditionId: "0xc", tokenIds: [YES], fee: { r: 0.02, e: 1 } }];
    const evs = [buy(10, 0.5, 1000, 1)];
    const own = await runReplay({ source: arraySource(evs), config: parseConfig({ ...config, bankroll: 100 }), fees });
    const dflt = await runReplay({ source: arraySource(evs), config: parseConfig({ ...config, bankroll: 100 }) });
    expect(own.summary.counts.fees).toBeCloseTo(takerFee(10, 0.5, 0.02, 1), 12);
    expect(dflt.summary.counts.fees).toBeCloseTo(takerFee(10, 0.5, 0.05, 1), 12);
    expect(own.runId).not.toBe(dflt.runId);
    expect(own.meta.fees).toContain("1 market(s)");
  });
});

describe("fee schedules from market files", () => {
  const gamma = sharedData("captures/gamma");

  it.skipIf(gamma === undefined)("reads Gamma's feeSchedule of the real captures (sports market: rate 0.03, exponent 1)", () => {
    const r = loadResolutions(join(gamma!, "gamma_market_sports_market_money_line.json"));
    expect(r.fees).toEqual([
      {
        conditionId: "0x202abb9a80673068ec5ce9294d60e31eeaf3ab5c82fb21fb0c9142e5d0cab385",
        tokenIds: ["89972346417086440659189114668296975440208562769200022591480064439842896371398", "90510951248295963583566830308208121966213462932425555585207203442852394431867"],
        fee: { r: 0.03, e: 1 },
      },
    ]);
    expect(r.resolutions).toHaveLength(1);
  });

  it("knows markets that charge nothing, warns of fees on without a schedule, reports a bad schedule, keeps outcomes", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-fees-"));
    const market = (n: number, extra: Record<string, unknown>) => ({
      conditionId: "0x" + String(n).repeat(64).slice(0, 64),
      closed: true,
      clobTokenIds: JSON.stringify([`${n}1`, `${n}2`]),
      outcomePrices: JSON.stringify(["1", "0"]),
      ...extra,
    });
    writeFileSync(
      join(dir, "m.json"),
      JSON.stringify([
        market(1, { feesEnabled: true, feeSchedule: { rate: 0.02, exponent: 2, takerOnly: true } }),
        market(2, { feesEnabled: false, feeSchedule: { rate: 0.02, exponent: 1 } }),
        market(3, { feesEnabled: true, feeSchedule: null }),
        market(4, { feesEnabled: true, feeSchedule: { rate: "high", exponent: 1 } }),
        market(5, {}),
        market(6, { feesEnabled: true, feeSchedule: { rate: 0.01, exponent: 1, takerOnly: false } }),
      ]),
    );
    const r = loadResolutions(dir);
    expect(r.fees.map((f) => [f.tokenIds[0], f.fee])).toEqual([
      ["11", { r: 0.02, e: 2 }],
      ["21", null],
      ["61", { r: 0.01, e: 1 }],
    ]);
    expect(r.resolutions).toHaveLength(6);
    expect(r.issues.map((i) => [i.row, i.field, i.value])).toEqual([
      [2, "feesEnabled", true],
      [3, "feeSchedule", { rate: "high", exponent: 1 }],
      [5, "feeSchedule.takerOnly", false], // makers pay there too: said, and modelled fee-free for resting fills
    ]);
    expect(r.issues.slice(0, 2).every((i) => i.kept === "its outcome is kept; fill.takerFee applies to its fills")).toBe(true);
    // with a config rate: market 1 its own, market 2 none (known fee-free), markets 3-5 the config's
    const f = replayFees(parseConfig({ fill: { takerFee: { rate: 0.05 } } }), r.fees);
    expect(f.rateOf!("12")).toEqual({ r: 0.02, e: 2 });
    expect(f.rateOf!("22")).toBeUndefined();
    expect(f.rateOf!("31")).toEqual({ r: 0.05, e: 1 });
    expect(f.name).toContain("(2 charging)");
  });
});
