// The sim's /positions fold: a SPLIT adds every outcome of the market at 1/k each (it was left out: a split position
// did not show), next to buys and merges.
import { describe, expect, it } from "vitest";
import { positions } from "../../src/sim/data-api/positions.js";
import { ActivityStore, type MarketLookup } from "../../src/sim/data-api/store.js";

const W = "0x" + "ab".repeat(20);
const C = "0x" + "c1".repeat(32);
const market: MarketLookup = {
  rowMarket: () => ({ conditionId: C, title: "t", slug: "s", icon: "", eventSlug: "e" }),
  tokens: () => [{ tokenId: "UP", outcome: "Up" }, { tokenId: "DN", outcome: "Down" }],
  endDate: () => "",
  negRisk: () => false,
  eventId: () => "7",
  winner: () => undefined,
  price: () => 0.5,
};
const row = (o: Partial<Parameters<ActivityStore["add"]>[0]>) => ({ wallet: W, type: "TRADE" as const, conditionId: C, tokenId: "", outcome: "", outcomeIndex: 999, side: "" as const, size: 0, price: 0, tsMs: 1000, txHash: "0x1", taker: true, ...o });

describe("sim /positions", () => {
  it("a SPLIT adds its sets to every outcome at 1/k each", () => {
    const s = new ActivityStore();
    s.add(row({ tokenId: "UP", outcome: "Up", outcomeIndex: 0, side: "BUY", size: 10, price: 0.4 }));
    s.add(row({ type: "SPLIT", size: 50, usdcSize: 50, tsMs: 2000 }));
    const byToken = Object.fromEntries(positions(s, market, W).map((p) => [p.asset, [p.size, p.avgPrice]]));
    expect(byToken).toEqual({ UP: [60, 0.483333], DN: [50, 0.5] }); // (4 + 25) / 60, printed to 6 dp
  });
});
