// A size-0 leader TRADE alone in a netting window (its skip has no side) is still one attributed leader trade, as it
// is without netting: only skipped MERGE/SPLIT/REDEEM/CONVERSION events are no trade.
import { expect, it } from "vitest";
import { parseConfig, type LeaderTradeEvent } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";

const L = "0x" + "a".repeat(40);
const evs: LeaderTradeEvent[] = [
  { eventId: "z0", leader: L, kind: "TRADE", conditionId: "0xc", tokenId: "t", outcomeIndex: 0, side: "BUY", size: 0, price: 0.5, usdcSize: 0, ts: 1000, seenAt: 1000, txHash: "0x1", source: "synthetic" },
];
it.each([false, true])("netting %s: the trade is one attributed event", async (netting) => {
  const config = parseConfig({ defaults: { netting: { enabled: netting, windowMs: 100 } } });
  const r = await runReplay({ source: arraySource(evs), config });
  expect(r.result.counts.skips).toBe(1);
  expect(r.result.attribution.events).toBe(1);
});

it("netting on, market resolved before the window closes: the size-0 trade is still one attributed event", async () => {
  const config = parseConfig({ defaults: { netting: { enabled: true, windowMs: 100 } } });
  const r = await runReplay({ source: arraySource(evs), config, resolutions: [{ conditionId: "0xc", winningTokenId: "t", tokenIds: ["t"], ts: 1050, source: "gamma" }] });
  expect(r.result.counts.skipsByReason).toEqual({ MARKET_RESOLVED: 1 });
  expect(r.result.attribution.events).toBe(1);
});
