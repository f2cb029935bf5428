// Gamma volume of a sim market is the pUSD that traded: a taker that sweeps several price levels adds the sum of
// each maker fill's shares × price (not its total shares × the last fill's price); a FAILED trade adds nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedsFixture, type Fixture } from "../helpers/sim-feeds.js";

let fx: Fixture;

beforeAll(async () => {
  fx = await feedsFixture(31);
});

afterAll(async () => {
  await fx?.close();
});

async function volumeNum(conditionId: string): Promise<number> {
  const res = await fetch(`${fx.exchange.url}/gamma/markets?condition_ids=${conditionId}`);
  const body = (await res.json()) as { volumeNum: number }[];
  return body[0]!.volumeNum;
}

describe("gamma volume", () => {
  it("adds each fill at its own price when a taker sweeps two levels", async () => {
    const engine = fx.exchange.engine;
    const [mm, taker] = [fx.user(0xe1), fx.user(0xe2)];
    engine.placeInternal({ address: mm.address, tokenId: fx.yes, side: "SELL", price: 0.5, size: 10, type: "GTC" });
    engine.placeInternal({ address: mm.address, tokenId: fx.yes, side: "SELL", price: 0.6, size: 10, type: "GTC" });
    engine.placeInternal({ address: taker.address, tokenId: fx.yes, side: "BUY", price: 0.6, size: 20, type: "GTC" });
    expect(await volumeNum(fx.market.conditionId)).toBeCloseTo(10 * 0.5 + 10 * 0.6, 9); // 11, not 20 × 0.6 = 12
  });

  it("does not count a trade that FAILED on settlement", async () => {
    const engine = fx.exchange.engine;
    const before = await volumeNum(fx.market.conditionId);
    const [mm, taker] = [fx.user(0xf1), fx.user(0xf2)];
    fx.feeds.trades().failNext(1);
    engine.placeInternal({ address: mm.address, tokenId: fx.yes, side: "SELL", price: 0.4, size: 10, type: "GTC" });
    engine.placeInternal({ address: taker.address, tokenId: fx.yes, side: "BUY", price: 0.4, size: 10, type: "FAK" });
    await Promise.resolve(); // failNext settles in a microtask after the matching call
    expect(engine.trades().at(-1)?.status).toBe("FAILED");
    expect(await volumeNum(fx.market.conditionId)).toBeCloseTo(before, 9);
  });
});
