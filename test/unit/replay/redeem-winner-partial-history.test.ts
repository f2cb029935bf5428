// A REDEEM payout matching one outcome's known shares while another outcome could have paid it from holdings before the
// history: no winner is inferred when the market shows the history is partial; else it is inferred and the report says so.
import { describe, expect, it } from "vitest";
import { formatRun, runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { history, exactConfig, expectMoneyIdentity } from "../../helpers/leader-history.js";

const h = history("pw");
const C = "0xc";
const config = exactConfig();

async function run(evs: Parameters<typeof arraySource>[0]) {
  const r = await runReplay({ source: arraySource(evs), config });
  expectMoneyIdentity(r, config.bankroll);
  return r;
}

describe("REDEEM winner when the history may miss earlier holdings", () => {
  it("infers none when a SELL beyond the known position showed the history partial in the market", async () => {
    h.reset();
    // BUY YES 10, SELL YES 15 (5 held from before the history), BUY YES 5, BUY NO 10: known YES 5, NO 10. YES won and
    // the REDEEM paid 10 (the real YES): the known NO 10 matches, but YES could as well have paid it.
    // Copy (r 0.5): YES 5 bought and sold at 0.5, then YES 2.5 + NO 5 for 3.75. No winner: its 2.5 complete sets pay 1,
    // the other 2.5 NO stay marked at 0.5 (1.25): PnL 0 (it was +1.25: NO paid 1 per share).
    const evs = [
      h.trade("BUY", "Y", 10, 0.5, 1000, C),
      h.trade("SELL", "Y", 15, 0.5, 1500, C),
      h.trade("BUY", "Y", 5, 0.5, 1800, C),
      { ...h.trade("BUY", "N", 10, 0.5, 2000, C), outcomeIndex: 1 },
      h.market("REDEEM", 10, 5000, C),
    ];
    const r = await run(evs);
    const L = r.summary.ledger;
    expect(L.equity - config.bankroll).toBeCloseTo(0, 9); // was 1.25
    expect(L.marking).toBe("last-price"); // was "none" (everything paid out, at NO)
    expect(r.result.ledger.positions.find((p) => p.tokenId === "N")?.shares).toBeCloseTo(2.5, 9);
    expect(r.assumedWinners).toEqual([]);
  });

  it("infers the matching outcome when nothing showed the history partial, and the report says what it assumed", async () => {
    h.reset();
    const evs = [h.trade("BUY", "Y", 5, 0.5, 1000, C), { ...h.trade("BUY", "N", 10, 0.5, 2000, C), outcomeIndex: 1 }, h.market("REDEEM", 10, 5000, C)];
    const r = await run(evs);
    expect(r.summary.ledger.equity - config.bankroll).toBeCloseTo(1.25, 9); // NO paid: the payout's only match
    expect(r.assumedWinners).toEqual([{ leader: evs[0]!.leader, conditionId: C, winningTokenId: "N", eventId: evs[2]!.eventId }]);
    expect(formatRun(r)).toContain("1 REDEEM winner(s) inferred assuming the history shows all the leader's holdings");
  });

  it("notes nothing when the payout rules every other outcome out", async () => {
    h.reset();
    // known YES 10, NO 30, payout 10: NO (30 > 10) lost whatever came before the history
    const evs = [h.trade("BUY", "Y", 10, 0.5, 1000, C), { ...h.trade("BUY", "N", 30, 0.5, 2000, C), outcomeIndex: 1 }, h.market("REDEEM", 10, 5000, C)];
    const r = await run(evs);
    expect(r.assumedWinners).toEqual([]);
    expect(formatRun(r)).not.toContain("assuming the history");
  });
});
