// Drift correction and the copy of the same leader trade on opposite sides of one token are offset, not both sent:
// when r_u moves with the trade (BUDGETED_DYNAMIC) the copy bought and sold the same shares at the same ms (hand-computed).
import { describe, expect, it } from "vitest";
import { type LeaderTradeEvent } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { DYNAMIC, history, exactConfig } from "../../helpers/leader-history.js";

const h = history("c");
const tr = (side: "BUY" | "SELL", size: number, price: number, ts: number) => h.trade(side, "Y", size, price, ts, "0xc1");
const config = (extra: object = {}) => exactConfig({ ...DYNAMIC, driftCorrection: { enabled: true }, ...extra });

async function run(evs: LeaderTradeEvent[], extra: object = {}) {
  const r = await runReplay({ source: arraySource(evs), config: config(extra) });
  const res = r.result;
  return { y: res.ledger.positions.find((p) => p.tokenId === "Y")?.shares ?? 0, counts: res.counts, corrections: res.corrections, ratio: res.tracking[0]!.ratio, att: res.attribution };
}

describe("drift correction against the copy of the same trade", () => {
  it("a BUY that halves r_u: the copy is at r_u × the leader after it, so nothing is traded", async () => {
    // budget 100: BUY 100 @0.5 → E_u 50, r_u 2, copy 200. BUY 100 @0.5 → E_u 100, r_u 1: target after = 200 = held.
    // Before: correction SELL 100 (to r_u × 100 before the trade) and the copy BUY 100, both filled (churn: $1 of spread).
    h.reset();
    const r = await run([tr("BUY", 100, 0.5, 1000), tr("BUY", 100, 0.5, 2000)]);
    expect(r.ratio).toBeCloseTo(1, 12);
    expect(r.y).toBeCloseTo(200, 9);
    expect(r.corrections.intents).toBe(0);
    expect(r.counts.intents).toBe(1); // the first copy only
    expect(r.counts.skipsByReason["NETTED"]).toBe(1);
    expect(r.counts.filledShares).toBeCloseTo(200, 9);
  });

  it("a partial SELL that doubles r_u: no BUY of the shares the copy sells", async () => {
    // BUY 100 @0.5 → r_u 2, copy 200. SELL 50 @0.5 → E_u 25, r_u 4: target after 4 × 50 = 200 = held.
    // Before: correction BUY 100 @0.51 and copy SELL 100 @0.50, both filled.
    h.reset();
    const r = await run([tr("BUY", 100, 0.5, 1000), tr("SELL", 50, 0.5, 2000)]);
    expect(r.ratio).toBeCloseTo(4, 12);
    expect(r.y).toBeCloseTo(200, 9);
    expect(r.corrections.intents).toBe(0);
    expect(r.counts.intents).toBe(1);
    expect(r.counts.filledShares).toBeCloseTo(200, 9);
  });

  it("only the difference is sent when the two do not cancel, and the copy's offset part is attributed as netted", async () => {
    // BUY 100 @0.5 → r_u 2, copy 200. BUY 30 @0.5 → E_u 65, r_u 100/65: correction SELL 200 − 100 × r_u = 46.15
    // (> 25 % of 153.85); copy BUY 30 × r_u = 46.15: offset whole (200 = r_u × 130). Only the first copy is sent.
    h.reset();
    const r = await run([tr("BUY", 100, 0.5, 1000), tr("BUY", 30, 0.5, 2000)]);
    expect(r.y).toBeCloseTo(200, 9);
    expect(r.counts.intents).toBe(1);
    // a correction larger than the copy: BUY 100 @0.5 (r_u 2, copy 200), SELL 90 @0.5 → E_u 5, r_u 10 (r_max 10):
    // target before 10 × 100 = 1000, drift −800 → correction BUY 800 × (1 − 0.9) = 80; copy SELL (diverged: the same
    // fraction) 200 × 0.9 = 180 → the correction is offset whole and the copy sells 100: holds 100 = 10 × 10.
    h.reset();
    const s = await run([tr("BUY", 100, 0.5, 1000), tr("SELL", 90, 0.5, 2000)]);
    expect(s.ratio).toBeCloseTo(10, 12);
    expect(s.y).toBeCloseTo(100, 9);
    expect(s.corrections.intents).toBe(0);
    expect(s.counts.intents).toBe(2);
    // the copy SELL's ideal is 10 × 90 = 900 shares; 80 of its 180 were netted against the correction
    const a = s.att;
    expect(a.byCause["netted"] ?? 0).toBeCloseTo(80 * 0.5, 6);
    // the parts still sum to the gap
    const sum = Object.values(a.byCause).reduce((x, y) => x + (y ?? 0), 0);
    expect(sum).toBeCloseTo(a.gap, 9);
  });
});
