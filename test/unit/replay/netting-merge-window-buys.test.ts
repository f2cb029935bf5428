// A leader MERGE of complete sets bought (in part) inside a still-open netting window: the copy ends at r_u × the
// leader's position, as without netting, not holding the window's copied sets while the MERGE is skipped (hand-computed).
import { describe, expect, it } from "vitest";
import { type LeaderTradeEvent } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { exactConfig, history } from "../../helpers/leader-history.js";

const h = history("w");
const tr = (side: "BUY" | "SELL", tok: string, size: number, price: number, ts: number) => h.trade(side, tok, size, price, ts, "0xc1", { outcomeIndex: tok === "N" ? 1 : 0 });
const merge = (size: number, ts: number) => h.market("MERGE", size, ts, "0xc1");

async function run(evs: () => LeaderTradeEvent[], netting: boolean) {
  h.reset();
  const r = await runReplay({ source: arraySource(evs()), config: exactConfig({ maxBankrollPct: 1, netting: { enabled: netting, windowMs: 3000 } }) });
  const t = r.result.tracking[0]!;
  const copy = Object.fromEntries(t.tokens.map((k) => [k.tokenId, k.copyShares]));
  const a = r.summary.attribution;
  const parts = a.byCause.reduce((x, c) => x + c.usd, 0);
  return { copy, counts: r.summary.counts, gap: a.gap, parts, cash: r.summary.ledger.cash, ideal: a.idealNotional, netted: a.byCause.find((c) => c.cause === "netted")?.usd ?? 0 };
}

describe("netting: a MERGE of sets bought inside an open window", () => {
  it("BUY Y 100, BUY N 100, MERGE 100 within one window: the copy (r 0.5) ends flat, as without netting", async () => {
    // without netting: copy buys Y 50 @0.4, N 50 @0.6 ($50), merges 50 sets (+$50): flat, cash 10,000.
    // old code with netting: the MERGE closed the window, whose BUYs were only sent (not held) when the MERGE was
    // sized: NOTHING_TO_SELL, and the copy ended holding Y 50, N 50 where the leader holds nothing.
    const evs = () => [tr("BUY", "Y", 100, 0.4, 1000), tr("BUY", "N", 100, 0.6, 1200), merge(100, 1500)];
    const plain = await run(evs, false);
    expect(plain.copy.Y ?? 0).toBeCloseTo(0, 9);
    expect(plain.copy.N ?? 0).toBeCloseTo(0, 9);
    const netted = await run(evs, true);
    expect(netted.counts.skipsByReason.NOTHING_TO_SELL ?? 0).toBe(0);
    expect(netted.copy.Y ?? 0).toBeCloseTo(0, 9);
    expect(netted.copy.N ?? 0).toBeCloseTo(0, 9);
    expect(netted.cash).toBeCloseTo(10_000, 9);
    // every trade keeps its ideal (r_u × size × price, $50 in all), wholly netted away
    expect(netted.ideal).toBeCloseTo(plain.ideal, 9);
    expect(netted.netted).toBeCloseTo(50, 9);
    expect(netted.parts).toBeCloseTo(netted.gap, 9);
  });

  it("sets held before the window, more bought in it, a MERGE larger than the window's: copy ends at r_u × leader", async () => {
    // leader: Y 100, N 100 at 0 → window at 10000: BUY Y 100, BUY N 50 → MERGE 120 at 10500: Y 80, N 30.
    // copy at 0.5: Y 40, N 15. Old code: window copies Y 50, N 25 sent; MERGE sized 50 × 120/150 = 40 on the 50
    // sets held: Y 60, N 35.
    const evs = () => [tr("BUY", "Y", 100, 0.5, 0), tr("BUY", "N", 100, 0.5, 0), tr("BUY", "Y", 100, 0.4, 10_000), tr("BUY", "N", 50, 0.6, 10_100), merge(120, 10_500)];
    const plain = await run(evs, false);
    expect(plain.copy.Y).toBeCloseTo(40, 9);
    expect(plain.copy.N).toBeCloseTo(15, 9);
    const netted = await run(evs, true);
    expect(netted.copy.Y).toBeCloseTo(40, 9);
    expect(netted.copy.N).toBeCloseTo(15, 9);
    expect(netted.parts).toBeCloseTo(netted.gap, 9);
  });
});
