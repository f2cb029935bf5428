// core marketOrderAmounts against the official client's own OrderBuilder.buildMarketOrder (stub signer, nothing is
// signed): every tick, BUY and SELL, seeded amounts and prices plus edge cases; and the ticks where every order fits.
import { describe, expect, it } from "vitest";
import { Chain, OrderBuilder, Side } from "@polymarket/clob-client-v2";
import { TICK_SIZES, marketAmountsAccepted, marketOrderAmounts, type TickSize } from "../../../src/core/money.js";
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

describe("on ticks 0.1 and 0.01 every market order the client signs fits the venue's 2 / 4 decimals", () => {
  // the paper engine skips the amount check there (engine.ts): this is the premise of that shortcut
  for (const tick of ["0.1", "0.01"] as const) {
    it(`tick ${tick}`, () => {
      const r = seeded(99);
      const t = Number(tick);
      for (let i = 0; i < 20_000; i++) {
        const price = Math.round((1 + Math.floor(r.next() * (1 / t - 1))) * t * 1e4) / 1e4;
        const shares = Math.floor(r.next() * 1e7) / 100;
        for (const side of ["BUY", "SELL"] as const) {
          const a = marketOrderAmounts(side, side === "BUY" ? Math.round(shares * price * 1e6) / 1e6 : shares, price, tick);
          expect([side, shares, price, marketAmountsAccepted(a)]).toEqual([side, shares, price, true]);
        }
      }
    });
  }
});
