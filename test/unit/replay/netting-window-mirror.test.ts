// A leader MERGE or SPLIT while a netting window of its market is open: the window closes first and the mirror
// follows the copy of its trades, so the copy ends as it does without netting (fixed and dynamic sizing, hand-computed).
import { describe, expect, it } from "vitest";
import { type LeaderTradeEvent } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { DYNAMIC, exactConfig, history } from "../../helpers/leader-history.js";

const h = history("m");
const tr = (side: "BUY" | "SELL", tok: string, size: number, price: number, ts: number) => h.trade(side, tok, size, price, ts, "0xc1", { outcomeIndex: tok === "N" ? 1 : 0 });
const act = (kind: "MERGE" | "SPLIT", size: number, ts: number) => h.market(kind, size, ts, "0xc1");
const config = (netting: boolean, defaults: object = {}) => exactConfig({ maxBankrollPct: 1, netting: { enabled: netting, windowMs: 3000 }, ...defaults });
async function copyOf(evs: () => LeaderTradeEvent[], netting: boolean, defaults: object = {}) {
  h.reset();
  const t = (await runReplay({ source: arraySource(evs()), config: config(netting, defaults) })).result.tracking[0]!;
  return Object.fromEntries(t.tokens.map((k) => [k.tokenId, k.copyShares]));
}

describe("netting: MERGE/SPLIT after a window's last trade", () => {
  it("MERGE: leader Y 100 N 100, SELL 40 Y, MERGE 50 → Y 10, N 50; the copy at 0.5 ends Y 5, N 25", async () => {
    // without netting: copy Y 50 → 30 → MERGE 30·50/60 = 25 → Y 5, N 25. With netting the SELL 40 is held in its
    // window (10000–13000) when the MERGE comes (11000): the copy merges 50·50/100 = 25 (Y 25, N 25), and the window's
    // SELL then found the copy "diverged" from 0.5 × 100 (the leader's Y before the window, without the MERGE) and
    // sold 25 × 40/100 = 10: Y 15, three times the leader's 10 × 0.5.
    const evs = () => [tr("BUY", "Y", 100, 0.5, 1000), tr("BUY", "N", 100, 0.5, 1000), tr("SELL", "Y", 40, 0.5, 10_000), act("MERGE", 50, 11_000)];
    const plain = await copyOf(evs, false);
    expect(plain.Y).toBeCloseTo(5, 9);
    expect(plain.N).toBeCloseTo(25, 9);
    const netted = await copyOf(evs, true);
    expect(netted.N).toBeCloseTo(25, 9);
    expect(netted.Y).toBeCloseTo(5, 9);
  });

  it("SPLIT: leader Y 100, SELL 50 Y, SPLIT 100 → Y 150, N 100; the copy at 0.5 ends Y 75, N 50", async () => {
    // without netting: copy Y 50 → 25 → SPLIT 50 → Y 75, N 50. With netting: SPLIT mirrored first (Y 100, N 50),
    // then the SELL 50 found 100 against 0.5 × 100 "diverged" and sold 100 × 50/100 = 50: Y 50.
    const evs = () => [tr("BUY", "Y", 100, 0.5, 1000), tr("BUY", "N", 1, 0.5, 1000), tr("SELL", "N", 1, 0.5, 1500), tr("SELL", "Y", 50, 0.5, 10_000), act("SPLIT", 100, 11_000)];
    const plain = await copyOf(evs, false);
    expect(plain.Y).toBeCloseTo(75, 9);
    const netted = await copyOf(evs, true);
    expect(netted.Y).toBeCloseTo(75, 9);
    expect(netted.N).toBeCloseTo(plain.N!, 9);
  });

  it("BUDGETED_DYNAMIC: SELL all Y (r_u 10) in a window, then SPLIT 100 (r_u 0.952): the copy ends as without netting", async () => {
    // budget 100, r in [0.01, 10]. BUY Y 10, BUY N 10 @0.5 at 1000 (E_u 5, 10 → r 10): copy Y 100, N 100. SELL Y 10
    // at 10000 (E_u 5 → r 10) sells the copy's 100 Y. SPLIT 100 at 11000: leader Y 100, N 110, E_u 105 → r 100/105,
    // mirrored 95.23 sets: copy Y 95.23, N 195.23. With the SELL held in its window past the SPLIT, the copy sold
    // 195.23 (old: the whole Y, split sets too) or 195.23 × 10/110 (the leader's fraction after the split).
    const dyn = { sizing: "BUDGETED_DYNAMIC", budget: 100, ratioMin: 0.01, ratioMax: 10 };
    const evs = () => [tr("BUY", "Y", 10, 0.5, 1000), tr("BUY", "N", 10, 0.5, 1000), tr("SELL", "Y", 10, 0.5, 10_000), act("SPLIT", 100, 11_000)];
    const plain = await copyOf(evs, false, dyn);
    expect(plain.Y).toBeCloseTo(95.23, 9);
    expect(plain.N).toBeCloseTo(195.23, 9);
    const netted = await copyOf(evs, true, dyn);
    expect(netted.Y).toBeCloseTo(95.23, 9);
    expect(netted.N).toBeCloseTo(195.23, 9);
  });
});
