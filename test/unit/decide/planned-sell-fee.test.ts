// Bare decide (no ledger: PlannedHoldings) plans each intent as filled at its limit: a SELL filled there pays the taker
// fee, so its proceeds are net of it; counted gross, a later BUY was sized on cash the copy would not have.
import { describe, expect, it } from "vitest";
import { buyCost, parseConfig, takerFee, type CopyIntent, type LeaderTradeEvent } from "../../../src/core/index.js";
import { Decider } from "../../../src/pipeline/decide.js";

const L = "0x" + "fee5".repeat(10);
const trade = (n: number, side: "BUY" | "SELL", size: number, price: number): LeaderTradeEvent => ({ eventId: `e${n}`, leader: L, kind: "TRADE", conditionId: "0xm", tokenId: "Y", outcomeIndex: 0, side, size, price, usdcSize: size * price, ts: 1000 * n, seenAt: 1000 * n, txHash: `0x${n}`, source: "synthetic" });

describe("planned holdings: a SELL's proceeds at its limit are net of the taker fee", () => {
  it("a BUY after a round trip is sized on the cash the fills at the limits would leave", () => {
    const fee = { r: 0.25, e: 1 };
    const cfg = parseConfig({ bankroll: 10, defaults: { ratio: 1, maxBankrollPct: 1, slippage: 0 } });
    const d = new Decider(cfg, { feeRateOf: () => fee });
    const intents = [trade(1, "BUY", 10, 0.5), trade(2, "SELL", 10, 0.5), trade(3, "BUY", 100, 0.5)]
      .flatMap((e) => d.step(e))
      .flatMap((x) => (x.kind === "intent" ? [x.intent] : []));
    expect(intents.map((i) => i.side)).toEqual(["BUY", "SELL", "BUY"]);
    // every intent filled at its limit, each fill paying the venue's taker fee
    let cash = cfg.bankroll;
    const fill = (i: CopyIntent) => {
      const f = takerFee(i.targetShares, i.limitPrice, fee.r, fee.e);
      cash += i.side === "BUY" ? -(i.targetShares * i.limitPrice + f) : i.targetShares * i.limitPrice - f;
    };
    fill(intents[0]!);
    fill(intents[1]!);
    const last = intents[2]!;
    // what decide lets the last BUY spend at most (its notional and the most fee it can pay) fits the cash left
    expect(buyCost(last.targetShares, last.limitPrice, fee)).toBeLessThanOrEqual(cash + 1e-9);
  });
});
