// A leader REDEEM whose payout implies one winner while --resolutions says the other: the resolution is applied to the
// ledger, tracking and the leader's PnL alike (whenever it is timed), and the conflict is named and counted.
import { describe, expect, it } from "vitest";
import { formatRun, runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { openStore } from "../../../src/store/db.js";
import { history, exactConfig } from "../../helpers/leader-history.js";

const h = history("rc");
const C = "0xc";
const config = exactConfig();

// The history starts part-way: the leader already held 5 YES. Seen: BUY YES 5 @0.5, BUY NO 10 @0.5; YES won and the
// REDEEM paid 10 (its real 10 YES), which matches the known NO 10: the payout alone points at NO.
// With YES the winner (hand-computed, r 0.5): the copy paid 3.75 for 2.5 YES + 5 NO and gets 2.5: PnL -1.25. The leader
// paid 7.5 for the known 5 YES + 10 NO and, of its known shares, gets 5: PnL -2.5. Return gap 0.
function events() {
  h.reset();
  return [h.trade("BUY", "Y", 5, 0.5, 1000, C), { ...h.trade("BUY", "N", 10, 0.5, 2000, C), outcomeIndex: 1 }, h.market("REDEEM", 10, 5000, C)];
}

describe("REDEEM payout vs a given resolution", () => {
  it("journals how many REDEEM payouts the resolution overrode (run_metrics outcomes.*), as the report names them", async () => {
    const store = await openStore(":memory:");
    const resolutions = [{ conditionId: C, winningTokenId: "Y", tokenIds: ["Y", "N"], ts: undefined, source: "gamma" as const }];
    const r = await runReplay({ source: arraySource(events()), config, resolutions, db: store });
    const m = await store.rows<{ name: string; value: number }>("SELECT name, value FROM run_metrics WHERE run_id = ? AND name LIKE 'outcomes.%' ORDER BY name", [r.runId]);
    store.close();
    expect(m.map((x) => [x.name, x.value])).toEqual([
      ["outcomes.assumedWinners", 0],
      ["outcomes.redeemConflicts", 1],
      ["outcomes.unappliedResolutions", 0],
    ]);
  });

  for (const ts of [undefined, 3000, 6000]) {
    it(`applies the resolution (closed ${ts ?? "at the end"}) everywhere and names the conflict`, async () => {
      const resolutions = [{ conditionId: C, winningTokenId: "Y", tokenIds: ["Y", "N"], ts, source: "gamma" as const, file: "markets.json", row: 3, tokensField: "clobTokenIds" }];
      const r = await runReplay({ source: arraySource(events()), config, resolutions });
      const L = r.summary.ledger;
      const t = r.result.tracking[0]!;
      expect(L.equity - config.bankroll).toBeCloseTo(-1.25, 9); // was +1.25 (paid at NO) with ts undefined / 6000
      expect(L.realised + L.unrealised - L.fees).toBeCloseTo(-1.25, 9);
      expect(t.copy.pnl).toBeCloseTo(-1.25, 9);
      expect(t.leaderSide.pnl).toBeCloseTo(-2.5, 9); // was +2.5 (leader book redeemed at NO) in every case
      expect(t.returnGap).toBeCloseTo(0, 9); // was -0.667 with ts 3000
      expect(r.redeemConflicts).toHaveLength(1);
      expect(r.redeemConflicts[0]).toMatchObject({ file: "markets.json", row: 3 });
      expect(r.redeemConflicts[0]!.message).toContain("N");
      expect(formatRun(r)).toContain("REDEEM payout disagrees with the resolution");
    });
  }

  it("names a payout showing the given winner lost ($0 for the YES the leader held, YES given)", async () => {
    h.reset();
    const evs = [h.trade("BUY", "Y", 12, 0.5, 1000, C), h.market("REDEEM", 0, 5000, C)];
    const resolutions = [{ conditionId: C, winningTokenId: "Y", tokenIds: ["Y", "N"], ts: undefined, source: "clob" as const }];
    const r = await runReplay({ source: arraySource(evs), config, resolutions });
    expect(r.redeemConflicts).toHaveLength(1);
    expect(r.redeemConflicts[0]!.message).toContain("Y lost");
    expect(r.result.tracking[0]!.copy.pnl).toBeCloseTo(6 - 3, 9); // 6 YES paid 1 each, at the resolution
  });

  it("names no conflict when the payout agrees with the resolution", async () => {
    const resolutions = [{ conditionId: C, winningTokenId: "N", tokenIds: ["Y", "N"], ts: undefined, source: "clob" as const }];
    const r = await runReplay({ source: arraySource(events()), config, resolutions });
    expect(r.redeemConflicts).toEqual([]);
    expect(r.result.tracking[0]!.copy.pnl).toBeCloseTo(1.25, 9);
  });
});
