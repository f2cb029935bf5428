// Netting × BUDGETED_DYNAMIC × latency: a leader's tracking, returns and attribution are the same whether or not
// another leader trades (and redeems) on other tokens.
import { expect, it } from "vitest";
import { parseConfig, type LeaderTradeEvent } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";

const A = "0x" + "a".repeat(40);
const B = "0x" + "b".repeat(40);
let n = 0;
function tr(leader: string, side: "BUY" | "SELL", tok: string, size: number, price: number, ts: number, cond: string): LeaderTradeEvent {
  n++;
  return { eventId: `m${n}`, leader, kind: "TRADE", conditionId: cond, tokenId: tok, outcomeIndex: tok.endsWith("N") ? 1 : 0, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}
function act(leader: string, kind: "MERGE" | "REDEEM", size: number, ts: number, cond: string): LeaderTradeEvent {
  n++;
  return { eventId: `m${n}`, leader, kind, conditionId: cond, tokenId: "", outcomeIndex: null, side: null, size, price: 0, usdcSize: size, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}
const cfg = (lat: number) => parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.5, maxBankrollPct: 1, sizing: "BUDGETED_DYNAMIC", budget: 100, ratioMin: 0.01, ratioMax: 10, netting: { enabled: true, windowMs: 3000 } }, fill: { halfSpread: 0, depthShares: 10_000 }, latency: { model: "constant", ms: lat } });

for (const lat of [0, 700, 4000]) it(`A alone vs with B (lat ${lat})`, async () => {
  const a = () => [tr(A, "BUY", "Y", 100, 0.5, 1000, "0xc1"), tr(A, "BUY", "N", 80, 0.4, 1500, "0xc1"), tr(A, "SELL", "Y", 30, 0.55, 2500, "0xc1"), tr(A, "BUY", "Y", 20, 0.6, 9000, "0xc1"), act(A, "MERGE", 40, 12000, "0xc1"), tr(A, "SELL", "N", 10, 0.45, 13000, "0xc1"), tr(A, "BUY", "Z", 50, 0.3, 20000, "0xc3")];
  const b = () => [tr(B, "BUY", "BY", 300, 0.5, 1200, "0xc2"), tr(B, "SELL", "BY", 100, 0.5, 2000, "0xc2"), tr(B, "BUY", "BN", 200, 0.5, 9500, "0xc2"), act(B, "REDEEM", 200, 15000, "0xc2")];
  n = 0;
  const alone = await runReplay({ source: arraySource(a()), config: cfg(lat) });
  const both = await runReplay({ source: arraySource([...a(), ...b()].sort((x, y) => x.ts - y.ts)), config: cfg(lat) });
  const ta = alone.result.tracking.find((t) => t.leader === A)!;
  const tb = both.result.tracking.find((t) => t.leader === A)!;
  console.log(lat, JSON.stringify(ta), "\n", JSON.stringify(tb));
  expect(tb.ratio).toBe(ta.ratio);
  expect(tb.tokens).toEqual(ta.tokens);
  expect({ ...tb.drift, timeTrackingError: 0 }).toEqual({ ...ta.drift, timeTrackingError: 0 });
  expect(tb.drift.timeTrackingError).toBeCloseTo(ta.drift.timeTrackingError, 12);
  expect(tb.copy).toEqual(ta.copy);
  expect(both.result.attributionByLeader[A]).toEqual(alone.result.attributionByLeader[A]);
  for (const r of [alone, both]) for (const [, v] of Object.entries(r.result.attributionByLeader)) {
    const s = Object.values(v.byCause).reduce((x, y) => x + y, 0);
    expect(s).toBeCloseTo(v.gap, 9);
  }
});
