// Accounting edge cases found in review: a duplicate event inside a netting window, a zero-size trade in its own
// window, and a REDEEM whose payout is 0 while the leader still holds dust of the losing outcome.
import { describe, expect, it } from "vitest";
import { parseConfig, type LeaderTradeEvent } from "../../../src/core/index.js";
import { inferWinner } from "../../../src/pipeline/leader-book.js";
import { PositionBook } from "../../../src/pipeline/position-book.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";

const L = "0x" + "a".repeat(40);
let n = 0;
function trade(side: "BUY" | "SELL", size: number, price: number, ts: number, id = `e${++n}`): LeaderTradeEvent {
  return { eventId: id, leader: L, kind: "TRADE", conditionId: "0xc", tokenId: "y", outcomeIndex: 0, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${id}`, source: "synthetic" };
}
const netting = parseConfig({ seed: 1, bankroll: 1e6, defaults: { ratio: 0.5, netting: { enabled: true, windowMs: 10_000 } } });

describe("accounting regressions", () => {
  it("a duplicate of an event held in a netting window leaves the batch's attribution as without it", async () => {
    const buy = trade("BUY", 100, 0.45, 1000);
    const sell = trade("SELL", 40, 0.46, 2000);
    const plain = await runReplay({ source: arraySource([buy, sell]), config: netting });
    const dup = await runReplay({ source: arraySource([buy, { ...buy }, sell]), config: netting });
    expect(dup.summary.counts.skipsByReason.DUPLICATE).toBe(1);
    expect(dup.result.attribution).toEqual(plain.result.attribution);
    expect(plain.result.attribution.byCause.netted).toBeCloseTo(20 * 0.45 + 20 * 0.46, 9); // 20 BUY and the SELL's 20 folded
  });

  it("a netting window of zero-size trades gives finite figures (no 0/0 price)", async () => {
    const r = await runReplay({ source: arraySource([trade("BUY", 100, 0.6, 1000), trade("BUY", 0, 0.6, 20_000)]), config: netting });
    expect(Number.isFinite(r.summary.attribution.gap)).toBe(true);
    expect(Number.isFinite(r.summary.attribution.idealNotional)).toBe(true);
  });

  it("does not take a held loser's dust for the winner of a REDEEM that pays 0; dust of the winner still matches", () => {
    const b = new PositionBook();
    b.buy("n", 0.005, 0.5, 0, "0xc");
    b.ensure("y", "0xc");
    expect(inferWinner(b, ["y", "n"], 0)).toBe("y"); // the leader kept loser dust: the other outcome won
    const w = new PositionBook();
    w.buy("y", 0.00001, 0.5, 0, "0xc");
    w.buy("n", 3, 0.5, 0, "0xc");
    expect(inferWinner(w, ["y", "n"], 0.00001)).toBe("y"); // gabagool22's dust payouts
  });
});
