// The price-per-share cap skips only BUYs priced above it: a netting window whose trades were all at the cap has a VWAP
// a few ulps off it (1 × 0.97 + 2 × 0.97 over 3 = 0.9700000000000001), and it is at the cap, so it is copied.
import { describe, expect, it } from "vitest";
import { parseConfig, type LeaderTradeEvent } from "../../../src/core/index.js";
import { Decider } from "../../../src/pipeline/decide.js";

const L = "0x" + "ca9".repeat(13) + "c";
const buy = (n: number, size: number, price: number): LeaderTradeEvent => ({ eventId: `e${n}`, leader: L, kind: "TRADE", conditionId: "0xm", tokenId: "Y", outcomeIndex: 0, side: "BUY", size, price, usdcSize: size * price, ts: 1000 + n, seenAt: 1000 + n, txHash: `0x${n}`, source: "synthetic" });

describe("price cap at a netted window's VWAP", () => {
  const cfg = parseConfig({ bankroll: 1e6, defaults: { ratio: 1, maxBankrollPct: 1, slippage: 0, priceCap: 0.97, netting: { enabled: true, windowMs: 5000 } } });

  it("BUYs all exactly at the cap are copied as one intent, not skipped PRICE_CAP", () => {
    const d = new Decider(cfg);
    const out = [...d.step(buy(1, 1, 0.97)), ...d.step(buy(2, 2, 0.97)), ...d.flush()];
    expect(out).toHaveLength(1);
    const x = out[0]!;
    expect(x.kind === "skip" ? x.reason : x.kind).toBe("intent");
    expect(x.kind === "intent" && x.intent.targetShares).toBe(3);
  });

  it("a window above the cap is still skipped", () => {
    const d = new Decider(cfg);
    const out = [...d.step(buy(1, 1, 0.97)), ...d.step(buy(2, 2, 0.98)), ...d.flush()];
    expect(out[0]!.kind === "skip" && out[0]!.reason).toBe("PRICE_CAP");
  });
});
