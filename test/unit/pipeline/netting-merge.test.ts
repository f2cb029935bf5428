// A leader MERGE while one of its netting windows in that market is open is mirrored against the leader's sets
// without the window's not-yet-copied trades (as without netting), not with them.
import { describe, expect, it } from "vitest";
import { parseConfig, type Decision, type LeaderTradeEvent } from "../../../src/core/index.js";
import { Decider } from "../../../src/pipeline/decide.js";
import { PlannedHoldings } from "../../../src/pipeline/planned-holdings.js";

const L = "0x" + "1ead".repeat(10);
const MKT = "0xmarket";
let n = 0;
const tr = (tokenId: string, side: "BUY" | "SELL", size: number, price: number, ts: number): LeaderTradeEvent => ({
  eventId: `ev${++n}`, leader: L, kind: "TRADE", conditionId: MKT, tokenId, outcomeIndex: tokenId === "Y" ? 0 : 1, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic",
});
const merge = (size: number, ts: number): LeaderTradeEvent => ({
  eventId: `ev${++n}`, leader: L, kind: "MERGE", conditionId: MKT, tokenId: "", outcomeIndex: null, side: null, size, price: 0, usdcSize: size, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic",
});

function final(netting: boolean) {
  n = 0;
  const cfg = parseConfig({ bankroll: 1e6, defaults: { ratio: 0.1, maxBankrollPct: 1, slippage: 0, netting: { enabled: netting, windowMs: 1000 } } });
  const h = new PlannedHoldings(1e6);
  const d = new Decider(cfg, { holdings: h });
  const evs = [tr("Y", "BUY", 100, 0.5, 0), tr("N", "BUY", 100, 0.5, 0), tr("Y", "SELL", 40, 0.5, 5000), merge(50, 5100), tr("Y", "SELL", 5, 0.5, 5200), tr("Y", "BUY", 1, 0.5, 9000)];
  const ds: Decision[] = [];
  // the holdings are a ledger where every intent fills at once (what PlannedHoldings does itself)
  const apply = (x: Decision[]) => { for (const y of x) { if (y.kind === "intent") h.onIntent(y.intent); else if (y.kind === "mirror") h.onMirror(y); ds.push(y); } };
  for (const e of evs.slice(0, -1)) apply(d.step(e));
  apply(d.closeDue(8000));
  return { Y: h.leaderShares(L, "Y"), N: h.leaderShares(L, "N"), ds };
}

describe("netting × MERGE", () => {
  it("the copy ends at r_u × the leader's position (Y 5, N 50 → 0.5, 5), with or without netting", () => {
    // leader: Y 100, N 100 → SELL 40 Y (Y 60) → MERGE 50 (Y 10, N 50) → SELL 5 Y (Y 5). r = 0.1.
    // without netting: copy Y 10 → 6 → MERGE 6·50/60 = 5 → Y 1, N 5 → SELL (1 of 10: leader 10, copy 1) 0.5 → Y 0.5, N 5
    const plain = final(false);
    expect(plain.Y).toBeCloseTo(0.5, 9);
    expect(plain.N).toBeCloseTo(5, 9);
    // with netting: the MERGE comes while the SELL 40 Y is held in its window; the copy (Y 10, N 10) must merge
    // 10 × 50/100 = 5 (the leader's sets before the window's trades), not 10 × 50/60 = 8.33
    const netted = final(true);
    expect(netted.N).toBeCloseTo(5, 9);
    expect(netted.Y).toBeCloseTo(0.5, 9);
  });
});
