// The slippage cap is priced from the book the copier could see when it decided: a later trade of the same ms (read
// after the decision) must not tighten it. Leader-anchored books, two leaders on one token, through runReplay.
import { describe, expect, it } from "vitest";
import { parseConfig, type LeaderTradeEvent } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";

const A = "0x" + "a".repeat(40);
const B = "0x" + "b".repeat(40);
const YES = "4242";
let n = 0;
function trade(leader: string, side: "BUY" | "SELL", size: number, price: number, ts: number): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader, kind: "TRADE", conditionId: "0xc", tokenId: YES, outcomeIndex: 0, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}

describe("slippage cap at decision time", () => {
  const config = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5 }, latency: { model: "constant", ms: 500 } });

  it("a lower trade printed later in the same ms does not cap a copy decided before it", async () => {
    // A buys at 0.50 (book as decided: ask 0.51, cap 0.51 × 1.02); B's SELL at 0.30 in the same ms is read after A's
    // copy was decided (B holds nothing: not copied); at 1200 B buys at 0.505: the copy arrives (1500) at ask 0.51
    const evs = [trade(A, "BUY", 100, 0.5, 1000), trade(B, "SELL", 20, 0.3, 1000), trade(B, "BUY", 20, 0.505, 1200)];
    const r = await runReplay({ source: arraySource(evs), config });
    const aFills = r.result.tracking.find((t) => t.leader === A)!;
    // A's copy: 50 shares at the arrival's ask 0.51 (its limit 0.51: 0.50 × 1.02 floored, within 0.51 × 1.02)
    expect(aFills.tokens.map((t) => [t.tokenId, t.copyShares])).toEqual([[YES, 50]]);
  });
});
