// Netting × BUDGETED_DYNAMIC × latency: a leader's tracking, returns and attribution are the same whether or not
// another leader trades (and redeems) on other tokens.
import { expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { DYNAMIC, LEADER_A as A, LEADER_B as B, exactConfig, history } from "../../helpers/leader-history.js";

const h = history("m");
const tr = (leader: string, side: "BUY" | "SELL", tok: string, size: number, price: number, ts: number, cond: string) => h.trade(side, tok, size, price, ts, cond, { leader, outcomeIndex: tok.endsWith("N") ? 1 : 0 });
const act = (leader: string, kind: "MERGE" | "REDEEM", size: number, ts: number, cond: string) => h.market(kind, size, ts, cond, { leader });
const cfg = (lat: number) => exactConfig({ ...DYNAMIC, netting: { enabled: true, windowMs: 3000 } }, lat);

for (const lat of [0, 700, 4000]) it(`A alone vs with B (lat ${lat})`, async () => {
  const a = () => [tr(A, "BUY", "Y", 100, 0.5, 1000, "0xc1"), tr(A, "BUY", "N", 80, 0.4, 1500, "0xc1"), tr(A, "SELL", "Y", 30, 0.55, 2500, "0xc1"), tr(A, "BUY", "Y", 20, 0.6, 9000, "0xc1"), act(A, "MERGE", 40, 12000, "0xc1"), tr(A, "SELL", "N", 10, 0.45, 13000, "0xc1"), tr(A, "BUY", "Z", 50, 0.3, 20000, "0xc3")];
  const b = () => [tr(B, "BUY", "BY", 300, 0.5, 1200, "0xc2"), tr(B, "SELL", "BY", 100, 0.5, 2000, "0xc2"), tr(B, "BUY", "BN", 200, 0.5, 9500, "0xc2"), act(B, "REDEEM", 200, 15000, "0xc2")];
  h.reset();
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
