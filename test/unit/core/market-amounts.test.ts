// core marketOrderAmounts against the official client's own order builder (clob-client-v2 OrderBuilder.buildMarketOrder,
// its amount maths; the signer is a stub that returns a dummy signature, so nothing is really signed): every tick,
// BUY and SELL, seeded random amounts and prices plus hand-picked edge cases.
import { describe, expect, it } from "vitest";
import { Chain, OrderBuilder, Side } from "@polymarket/clob-client-v2";
import { TICK_SIZES, marketOrderAmounts, type TickSize } from "../../../src/core/money.js";
import { rng as seeded } from "../../../src/core/rng.js";

const stub = { _signTypedData: async () => "0x00", getAddress: async () => "0x00000000000000000000000000000000000000aa" };
const builder = new OrderBuilder(stub as never, Chain.POLYGON);

async function client(side: "BUY" | "SELL", amount: number, price: number, tick: TickSize) {
  const o = await builder.buildMarketOrder({ tokenID: "1", side: side === "BUY" ? Side.BUY : Side.SELL, amount, price }, { tickSize: tick, negRisk: false }, 2);
  return { maker: Number(o.makerAmount), taker: Number(o.takerAmount) };
}

describe("marketOrderAmounts = the official client's market-order amounts", () => {
  for (const tick of TICK_SIZES) {
    it(`tick ${tick}`, async () => {
      const r = seeded(Math.round(Number(tick) * 1e4) + 1);
      const t = Number(tick);
      const cases: [number, number][] = [[9.98, 0.985], [10.13 * 0.985, 0.985], [100, 0.56], [21.04, 0.5025], [1, t], [0.29 * 100, 1 - t]];
      for (let i = 0; i < 300; i++) {
        const k = 1 + Math.floor(r.next() * (1 / t - 1));
        const price = Math.round(k * t * 1e4) / 1e4;
        const shares = Math.floor(r.next() * 50000) / 100;
        cases.push([shares * price, price], [shares, price]);
      }
      for (const [amount, price] of cases) {
        for (const side of ["BUY", "SELL"] as const) {
          expect([side, amount, price, marketOrderAmounts(side, amount, price, tick)]).toEqual([side, amount, price, await client(side, amount, price, tick)]);
        }
      }
    });
  }
});
