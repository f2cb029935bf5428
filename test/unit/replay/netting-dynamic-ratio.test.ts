// Netting × BUDGETED_DYNAMIC: after a window closes, tracking measures drift at decide's r_u (as without netting), not
// at the window's blended ratio |Σ r_u·size| / net, which is no r_u decide ever sizes at.
import { describe, expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { DYNAMIC, exactConfig, history } from "../../helpers/leader-history.js";

const h = history("m");
const tr = (side: "BUY" | "SELL", tok: string, size: number, price: number, ts: number, cond: string) => h.trade(side, tok, size, price, ts, cond);
const config = (netting: boolean) => exactConfig({ ...DYNAMIC, netting: { enabled: netting, windowMs: 5000 } });

describe("netting × BUDGETED_DYNAMIC: tracking r_u after a window closes", () => {
  it("two BUYs in one window: r_u 2 then 1; the report's r_u is decide's (1) and the final drift 100, as without netting", async () => {
    // BUY Y 100 @0.5 at 1000: E_u 50 → r 2; BUY Y 100 @0.5 at 2000: E_u 100 → r 1. Window: ideal 2·100 + 1·100 = 300,
    // ratio 300/200 = 1.5, copy 300 Y at 6000. decide's r_u is 1 from t=2000 on (no leader event after): drift =
    // 300 / 1 − 200 = 100 (decide's drift correction would sell 100 Y at the next Y trade). At ratio 1.5 it reads 0.
    const evs = () => { h.reset(); return [tr("BUY", "Y", 100, 0.5, 1000, "0xc1"), tr("BUY", "Y", 100, 0.5, 2000, "0xc1")]; };
    const netted = (await runReplay({ source: arraySource(evs()), config: config(true) })).result.tracking[0]!;
    const plain = (await runReplay({ source: arraySource(evs()), config: config(false) })).result.tracking[0]!;
    expect(plain.ratio).toBeCloseTo(1, 12);
    expect(plain.drift.finalAbsDrift).toBeCloseTo(100, 9);
    expect(netted.tokens[0]!.copyShares).toBeCloseTo(300, 9);
    expect(netted.ratio).toBeCloseTo(1, 12);
    expect(netted.drift.finalAbsDrift).toBeCloseTo(100, 9);
  });

  it("the figures do not depend on whether a leader event follows the window (it re-reads decide's r_u)", async () => {
    const base = () => { h.reset(); return [tr("BUY", "Y", 100, 0.5, 1000, "0xc1"), tr("BUY", "Y", 100, 0.5, 2000, "0xc1")]; };
    const alone = (await runReplay({ source: arraySource(base()), config: config(true) })).result.tracking[0]!;
    const evs = base();
    // a leader event after the window that leaves E_u (100) and so r_u (1) as they were: a trade of size 0
    evs.push(tr("BUY", "Y", 0, 0.5, 20_000, "0xc1"));
    const withLater = (await runReplay({ source: arraySource(evs), config: config(true) })).result.tracking[0]!;
    expect(withLater.ratio).toBeCloseTo(1, 12);
    expect(alone.ratio).toBeCloseTo(withLater.ratio, 12);
    expect(alone.drift.finalAbsDrift).toBeCloseTo(withLater.drift.finalAbsDrift, 9);
  });

  it("opposite-side window: r_u 1 then 4; final drift at r_u 4", async () => {
    // BUY Y 100 at 0 (window alone, E 50, r 2: copy 200 at 5000). BUY Y 100 at 10000 (E 100, r 1), SELL Y 150 at
    // 11000 (E 25, r 4). Window: ideal 1·100 − 4·150 = −500 on net −50: SELL at ratio 10; the copy (200) has diverged
    // from 10 × 100, so it sells the leader's fraction 50/100: 100 → copy 100 Y, leader 50. decide's r_u: 4.
    h.reset();
    const evs = [tr("BUY", "Y", 100, 0.5, 0, "0xc1"), tr("BUY", "Y", 100, 0.5, 10_000, "0xc1"), tr("SELL", "Y", 150, 0.5, 11_000, "0xc1")];
    const t = (await runReplay({ source: arraySource(evs), config: config(true) })).result.tracking[0]!;
    expect(t.tokens[0]!.copyShares).toBeCloseTo(100, 9);
    expect(t.ratio).toBeCloseTo(4, 12);
    expect(t.drift.finalAbsDrift).toBeCloseTo(25, 9); // |100 / 4 − 50|
  });
});
