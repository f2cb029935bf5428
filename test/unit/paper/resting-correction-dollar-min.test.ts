// decide: a resting (GTC) drift-correction BUY is held to the market's minimum size, not to the $1 minimum of
// marketable BUYs (the venue takes a resting BUY under $1), as a resting copy BUY already is.
import { describe, expect, it } from "vitest";
import { parseConfig, type Holdings, type LeaderTradeEvent } from "../../../src/core/index.js";
import { Decider } from "../../../src/pipeline/decide.js";

const L = "0x" + "1ead".repeat(10);
let n = 0;
function buy(size: number, price: number): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader: L, kind: "TRADE", conditionId: "0xm", tokenId: "111", outcomeIndex: 0, side: "BUY", size, price, usdcSize: size * price, ts: 1_000 * n, seenAt: 1_000 * n, txHash: `0x${n}`, source: "synthetic" };
}

describe("resting drift correction under $1", () => {
  it("a GTC correction BUY of 6 shares at 0.10 ($0.60, above the 5-share minimum) is sent, as a GTC copy of the same size is", () => {
    const holdings: Holdings = { cash: () => 1e6, shares: () => 0 }; // the copy got nothing so far
    const defaults = { ratio: 1, maxBankrollPct: 1, orderType: "GTC" as const, driftCorrection: { enabled: true, threshold: 0.1, minShares: 1, orderType: "GTC" as const } };
    const d = new Decider(parseConfig({ bankroll: 1_000_000, defaults }), { holdings });
    d.step(buy(6, 0.1)); // the GTC copy of 6 at limit 0.10 ($0.60) goes; the copy holds 0: drift 6
    const got = d.step(buy(6, 0.1)).flatMap((x) => (x.kind === "intent" ? [[x.intent.purpose, x.intent.orderType, x.intent.targetShares, x.intent.limitPrice]] : []));
    expect(got).toEqual([
      ["correction", "GTC", 6, 0.1],
      ["copy", "GTC", 6, 0.1],
    ]);
  });
  it("a marketable (FOK) correction BUY under $1 is still not sent", () => {
    const holdings: Holdings = { cash: () => 1e6, shares: () => 0 };
    const defaults = { ratio: 1, maxBankrollPct: 1, orderType: "GTC" as const, driftCorrection: { enabled: true, threshold: 0.1, minShares: 1, orderType: "FOK" as const } };
    const d = new Decider(parseConfig({ bankroll: 1_000_000, defaults }), { holdings });
    d.step(buy(6, 0.1));
    const got = d.step(buy(6, 0.1)).flatMap((x) => (x.kind === "intent" ? [x.intent.purpose] : []));
    expect(got).toEqual(["copy"]);
  });
});
