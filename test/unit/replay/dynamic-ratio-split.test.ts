// BUDGETED_DYNAMIC: a leader SPLIT is mirrored at r_u with the SPLIT in E_u (as a TRADE is copied at r_u with the
// trade in E_u), not at the r_u of the exposure before it (hand-computed).
import { describe, expect, it } from "vitest";
import { type LeaderTradeEvent } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { DYNAMIC, history, exactConfig } from "../../helpers/leader-history.js";

const h = history("s");
const tr = (side: "BUY" | "SELL", tok: string, size: number, price: number, ts: number) => h.trade(side, tok, size, price, ts, "0xc1", { outcomeIndex: tok === "Y" ? 0 : 1 });
const split = (sets: number, ts: number) => h.market("SPLIT", sets, ts, "0xc1");
const config = exactConfig(DYNAMIC);

/** The copy's N shares after the run (copies of the trades in N, then the SPLIT's sets). */
async function copyN(evs: LeaderTradeEvent[]): Promise<number> {
  const r = await runReplay({ source: arraySource(evs), config });
  return r.result.ledger.positions.find((p) => p.tokenId === "N")?.shares ?? 0;
}

describe("BUDGETED_DYNAMIC: SPLIT mirror ratio", () => {
  it("a SPLIT is mirrored at r_u with the split sets in E_u", async () => {
    // budget 100: BUY Y 100 @0.5 → E_u 50; BUY N 100 @0.5 → E_u 100, r_u 1. SPLIT 300 → Y 400, N 400, both marked 0.5:
    // E_u 400, r_u 0.25 → the copy splits 0.25 × 300 = 75 sets ($75), not 300 ($300, three times the budget).
    // The copy's N: 100 (copy of the N BUY at r_u 1) + 75.
    const n = await copyN([tr("BUY", "Y", 100, 0.5, 1000), tr("BUY", "N", 100, 0.5, 2000), split(300, 3000)]);
    expect(n).toBeCloseTo(100 + 75, 9);
  });

  it("a SPLIT from a flat book (E_u 0 before it) is not mirrored at r_max", async () => {
    // the leader traded both outcomes and sold out (E_u 0, so r_u = r_max 10 before the SPLIT); SPLIT 1000 → E_u 1000,
    // r_u 0.1 → 100 sets ($100, the budget), not 10 × 1000 clipped to the whole $10,000 bankroll.
    // (The copies of the round trips at r_u 10 leave the copy flat: 100 bought, 100 sold, per outcome.)
    const n = await copyN([tr("BUY", "Y", 10, 0.5, 1000), tr("SELL", "Y", 10, 0.5, 1100), tr("BUY", "N", 10, 0.5, 1200), tr("SELL", "N", 10, 0.5, 1300), split(1000, 3000)]);
    expect(n).toBeCloseTo(100, 9);
  });
});
