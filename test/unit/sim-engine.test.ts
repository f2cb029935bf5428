// Matching-engine semantics: price-time priority, GTC/GTD/FOK/FAK, post-only, partial fills, reservations,
// V2 taker fees, resolution, tick change, events; all on a fake clock, no network.
import { describe, expect, it } from "vitest";
import { Engine, COLLATERAL } from "../../src/sim/engine/engine.js";
import type { SimEvent } from "../../src/sim/engine/events.js";
import { ERR } from "../../src/sim/errors.js";
import { takerFee } from "../../src/core/money.js";

const A = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const B = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const C = "0xcccccccccccccccccccccccccccccccccccccccc";

function setup(fee = 0) {
  let t = 1_800_000_000_000;
  const clock = { now: () => t };
  const e = new Engine({ clock, seed: 7 });
  const m = e.createMarket({ tick: "0.01", fee: { r: fee, e: 1 } });
  const yes = m.tokens[0].tokenId;
  for (const a of [A, B, C]) {
    e.credit(a, 1000);
    e.creditShares(a, yes, 1000);
  }
  return { e, m, yes, advance: (ms: number) => (t += ms), now: () => t };
}

describe("sim engine matching", () => {
  it("price-time priority: better price first, then earlier order at the same price", () => {
    const { e, yes } = setup();
    const o1 = e.placeInternal({ address: A, tokenId: yes, side: "SELL", price: 0.55, size: 10 });
    const o2 = e.placeInternal({ address: B, tokenId: yes, side: "SELL", price: 0.54, size: 10 });
    const o3 = e.placeInternal({ address: C, tokenId: yes, side: "SELL", price: 0.54, size: 10 });
    const r = e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.55, size: 25 });
    expect(r.status).toBe("matched");
    const t = e.trade(r.tradeIds[0]!)!;
    expect(t.makers.map((f) => [f.order.id, f.units])).toEqual([
      [o2.orderId, 10e6],
      [o3.orderId, 10e6],
      [o1.orderId, 5e6],
    ]);
    expect(e.order(o1.orderId)!.remaining).toBe(5e6);
    expect(e.book(yes)!.asks).toEqual([{ price: "0.55", size: "5" }]);
  });

  it("limit BUY gets price improvement and rests its remainder with a reservation", () => {
    const { e, yes } = setup();
    e.placeInternal({ address: B, tokenId: yes, side: "SELL", price: 0.5, size: 10 });
    const before = e.balance(A);
    const r = e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.6, size: 30 });
    expect(r.status).toBe("live");
    expect(r.makingAmount).toBe("5");
    expect(r.takingAmount).toBe("10");
    expect(e.balance(A)).toBe(before - 5e6);
    expect(e.balance(A, yes)).toBe(1010e6);
    expect(e.balances.reserved(A.toLowerCase(), COLLATERAL)).toBe(12e6); // 20 shares @ 0.6
    expect(e.book(yes)!.bids).toEqual([{ price: "0.6", size: "20" }]);
    e.cancel([r.orderId]);
    expect(e.balances.reserved(A.toLowerCase(), COLLATERAL)).toBe(0);
  });

  it("FOK is all-or-nothing and leaves no trace when killed", () => {
    const { e, yes } = setup();
    e.placeInternal({ address: B, tokenId: yes, side: "SELL", price: 0.5, size: 10 });
    const snap = e.snapshot();
    expect(() => e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.5, size: 20, type: "FOK" })).toThrow(
      ERR.FOK_NOT_FILLED,
    );
    expect(e.snapshot()).toBe(snap);
    const ok = e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.5, size: 0, amount: 5, type: "FOK" });
    expect(ok.status).toBe("matched");
    expect(ok.takingAmount).toBe("10");
  });

  it("FAK fills what it can and kills the rest; with nothing to match it is rejected", () => {
    const { e, yes } = setup();
    expect(() => e.placeInternal({ address: A, tokenId: yes, side: "SELL", price: 0.4, size: 10, type: "FAK" })).toThrow(
      ERR.FAK_NO_MATCH,
    );
    e.placeInternal({ address: B, tokenId: yes, side: "BUY", price: 0.45, size: 6 });
    const r = e.placeInternal({ address: A, tokenId: yes, side: "SELL", price: 0.4, size: 10, type: "FAK" });
    expect(r.status).toBe("matched");
    expect(r.makingAmount).toBe("6");
    expect(e.book(yes)!.asks).toEqual([]);
    expect(e.balances.reserved(A.toLowerCase(), yes)).toBe(0);
  });

  it("post-only: rejected when crossing, rests otherwise; not allowed on FOK/FAK", () => {
    const { e, yes } = setup();
    e.placeInternal({ address: B, tokenId: yes, side: "SELL", price: 0.5, size: 10 });
    expect(() => e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.5, size: 10, postOnly: true })).toThrow(
      ERR.POST_ONLY_CROSSES,
    );
    expect(e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.49, size: 10, postOnly: true }).status).toBe("live");
    expect(() =>
      e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.5, size: 10, amount: 5, type: "FOK", postOnly: true }),
    ).toThrow(ERR.POST_ONLY_TYPE);
  });

  it("validation: tick, min size, $1 marketable BUY, balance", () => {
    const { e, yes } = setup();
    expect(() => e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.505, size: 10 })).toThrow(
      /breaks minimum tick size rule: 0.01$/,
    );
    expect(() => e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.5, size: 4.99 })).toThrow(
      /Size \(4.99\) lower than the minimum: 5$/,
    );
    e.placeInternal({ address: B, tokenId: yes, side: "SELL", price: 0.5, size: 10 });
    expect(() => e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.5, size: 0, amount: 0.5, type: "FOK" })).toThrow(
      "invalid amount for a marketable BUY order ($0.5), min size: $1",
    );
    expect(() => e.placeInternal({ address: A, tokenId: yes, side: "SELL", price: 0.6, size: 5000 })).toThrow(ERR.NOT_ENOUGH_BALANCE);
    // reservations count: two 600-share asks cannot both rest on 1000 shares
    e.placeInternal({ address: A, tokenId: yes, side: "SELL", price: 0.6, size: 600 });
    expect(() => e.placeInternal({ address: A, tokenId: yes, side: "SELL", price: 0.6, size: 600 })).toThrow(ERR.NOT_ENOUGH_BALANCE);
  });

  it("market orders: 2/4-dp precision, and the implied price must be a tick price up to the client's rounding", () => {
    const { e, yes } = setup();
    e.placeInternal({ address: B, tokenId: yes, side: "SELL", price: 0.6, size: 200 });
    e.placeInternal({ address: B, tokenId: yes, side: "SELL", price: 0.84, size: 200 });
    const base = { maker: A, tokenId: yes, side: "BUY" as const, type: "FOK" as const };
    // the client's $100 @ 0.6 → 100000000 / 166666600 (implied 0.6000002) is fine
    expect(e.place({ ...base, makerAmount: 100_000_000, takerAmount: 166_666_600 }).status).toBe("matched");
    // a book-average price signed as is (the venue's recorded rejection)
    expect(() => e.place({ ...base, id: "0x" + "1".repeat(64), makerAmount: 10_000_000, takerAmount: 11_904_600 })).toThrow(
      `order 0x${"1".repeat(64)} is invalid. Price (0.8400114241553686) breaks minimum tick size rule: 0.01`,
    );
    expect(() => e.place({ ...base, makerAmount: 10_005_000, takerAmount: 11_900_000 })).toThrow(ERR.MARKET_BUY_PRECISION);
    expect(() => e.place({ ...base, side: "SELL", makerAmount: 10_000_000, takerAmount: 5_000_050 })).toThrow(ERR.SELL_PRECISION);
    // internal FOK/FAK amounts are built like the client's
    const r = e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.84, size: 0, amount: 10.009, type: "FAK" });
    // $10.00 budget (10.009 floored to 2 dp) spent at the best ask 0.6 in 0.0001-share steps: 16.6666 shares
    expect([r.makingAmount, r.takingAmount]).toEqual(["9.99996", "16.6666"]);
  });

  it("market-order takers have at most 4 decimals on every tick, and limit-order shares at most 2", () => {
    let t = 1_800_000_000_000;
    const e = new Engine({ clock: { now: () => t++ }, seed: 7 });
    const fine = e.createMarket({ tick: "0.0025", fee: { r: 0, e: 1 } });
    const tok = fine.tokens[0].tokenId;
    for (const a of [A, B]) {
      e.credit(a, 1000);
      e.creditShares(a, tok, 1000);
    }
    e.placeInternal({ address: B, tokenId: tok, side: "SELL", price: 0.5025, size: 200 });
    const buy = { maker: A, tokenId: tok, side: "BUY" as const, type: "FAK" as const };
    // the official client's $21.04 @ 0.5025 on tick 0.0025 (reference §3.4): taker 41.870646 shares, 6 decimals
    expect(() => e.place({ ...buy, makerAmount: 21_040_000, takerAmount: 41_870_646 })).toThrow(ERR.MARKET_BUY_PRECISION);
    expect(e.place({ ...buy, makerAmount: 21_040_000, takerAmount: 41_870_600 }).status).toBe("matched");
    // bots' market orders are built to pass
    expect(e.placeInternal({ address: A, tokenId: tok, side: "BUY", price: 0.5025, size: 0, amount: 7.77, type: "FAK" }).status).toBe("matched");
    // limit orders: 10.005 shares is refused whatever the side; the cash side's decimals follow the tick (6 at 0.0025)
    expect(() => e.place({ maker: A, tokenId: tok, side: "BUY", type: "GTC", makerAmount: 5_002_500, takerAmount: 10_005_000 })).toThrow(
      "invalid amounts, the buy orders maker amount supports a max accuracy of 6 decimals, taker amount a max of 2 decimals",
    );
    expect(() => e.place({ maker: A, tokenId: tok, side: "SELL", type: "GTC", makerAmount: 10_005_000, takerAmount: 9_009_000 })).toThrow(
      "invalid amounts, the sell orders maker amount supports a max accuracy of 2 decimals, taker amount a max of 6 decimals",
    );
    expect(e.place({ maker: A, tokenId: tok, side: "BUY", type: "GTC", makerAmount: 5_025_000, takerAmount: 10_050_000 }).status).toBe("live");
  });

  it("V2 taker fees: BUY pays on top in pUSD, SELL has it deducted, makers pay nothing", () => {
    const { e, yes } = setup(0.072);
    const fee10at05 = Math.round(takerFee(10, 0.5, 0.072, 1) * 1e6); // 0.18 pUSD
    expect(fee10at05).toBe(180000);
    e.placeInternal({ address: B, tokenId: yes, side: "SELL", price: 0.5, size: 10 });
    const a0 = e.balance(A);
    const b0 = e.balance(B);
    const r = e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.5, size: 10 });
    expect(e.balance(A)).toBe(a0 - 5e6 - fee10at05);
    expect(e.balance(A, yes)).toBe(1010e6); // full shares, no fee in shares
    expect(e.balance(B)).toBe(b0 + 5e6); // maker: no fee
    expect(e.trade(r.tradeIds[0]!)!.fee).toBe(fee10at05);
    expect(e.trade(r.tradeIds[0]!)!.feeRateBps).toBe("180");
    // taker SELL
    e.placeInternal({ address: B, tokenId: yes, side: "BUY", price: 0.5, size: 10 });
    const a1 = e.balance(A);
    e.placeInternal({ address: A, tokenId: yes, side: "SELL", price: 0.5, size: 10 });
    expect(e.balance(A)).toBe(a1 + 5e6 - fee10at05);
  });

  it("GTD orders need expiration beyond now+60s and expire 60 s before it", () => {
    const { e, yes, advance, now } = setup();
    const s = Math.floor(now() / 1000);
    expect(() => e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.4, size: 10, type: "GTD", expiration: s + 30 })).toThrow(
      ERR.INVALID_EXPIRATION,
    );
    expect(() => e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.4, size: 10, type: "GTC", expiration: s + 300 })).toThrow(
      ERR.INVALID_EXPIRATION,
    );
    const r = e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.4, size: 10, type: "GTD", expiration: s + 90 });
    advance(29_000);
    expect(e.order(r.orderId)!.status).toBe("LIVE");
    advance(1_000);
    expect(e.order(r.orderId)!.status).toBe("CANCELED");
    expect(e.book(yes)!.bids).toEqual([]);
  });

  it("resolution cancels resting orders and pays 1 per winning share", () => {
    const { e, m, yes } = setup();
    const no = m.tokens[1].tokenId;
    e.split(C, m.conditionId, 100);
    expect(e.balance(C, no)).toBe(100e6);
    const r = e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.4, size: 10 });
    const before = e.balance(C);
    e.resolve(m.conditionId, yes);
    expect(e.order(r.orderId)!.status).toBe("CANCELED_MARKET_RESOLVED");
    expect(e.balance(C)).toBe(before + 1100e6); // 1000 credited + 100 split YES shares
    expect(e.balance(C, no)).toBe(0);
    expect(() => e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.4, size: 10 })).toThrow(ERR.MARKET_NOT_READY);
  });

  it("emits order, trade (MATCHED → MINED → CONFIRMED), book, last trade, tick change events", () => {
    const { e, m, yes } = setup();
    const evs: SimEvent[] = [];
    e.onAny((x) => evs.push(x));
    e.placeInternal({ address: B, tokenId: yes, side: "SELL", price: 0.5, size: 10 });
    e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.5, size: 4 * 1.25 });
    e.setTickSize(m.conditionId, "0.001");
    const types = evs.map((x) => (x.type === "order" ? `order:${x.kind}` : x.type === "trade" ? `trade:${x.trade.status}` : x.type));
    expect(types.filter((t) => t !== "balance")).toEqual([
      "order:PLACEMENT",
      "book",
      "order:PLACEMENT",
      "order:UPDATE",
      "order:UPDATE",
      "trade:MATCHED",
      "book",
      "last_trade_price",
      "trade:MINED",
      "trade:CONFIRMED",
      "tick_size_change",
      "tick_size_change",
    ]);
    const book = evs.filter((x) => x.type === "book").at(-1)!;
    expect(book).toMatchObject({ side: "SELL", price: "0.5", size: "5", bestAsk: "0.5", bestBid: "" });
    expect(evs.map((x) => x.seq)).toEqual(evs.map((_, i) => i + 1 + (evs[0]!.seq - 1)));
  });

  it("manual settlement keeps trades MATCHED until advanced; FAILED reverts the fill and is final", () => {
    let t = 1;
    const e = new Engine({ clock: { now: () => t++ }, seed: 1, settlement: "manual" });
    const m = e.createMarket();
    const yes = m.tokens[0].tokenId;
    e.credit(A, 100);
    e.creditShares(B, yes, 100);
    e.placeInternal({ address: B, tokenId: yes, side: "SELL", price: 0.5, size: 10 });
    const r = e.placeInternal({ address: A, tokenId: yes, side: "BUY", price: 0.5, size: 10 });
    const id = r.tradeIds[0]!;
    expect(e.trade(id)!.status).toBe("MATCHED");
    e.advanceTrades();
    expect(e.trade(id)!.status).toBe("MINED");
    expect([e.balance(A), e.balance(A, yes), e.balance(B), e.balance(B, yes)]).toEqual([95e6, 10e6, 5e6, 90e6]);
    e.setTradeStatus(id, "FAILED");
    expect(e.trade(id)!.status).toBe("FAILED");
    expect([e.balance(A), e.balance(A, yes), e.balance(B), e.balance(B, yes)]).toEqual([100e6, 0, 0, 100e6]);
    expect([e.available(A), e.available(B, yes)]).toEqual([100e6, 100e6]);
    e.setTradeStatus(id, "CONFIRMED"); // final: no resurrection, no second revert
    e.setTradeStatus(id, "FAILED");
    expect(e.trade(id)!.status).toBe("FAILED");
    expect([e.balance(A), e.balance(B, yes)]).toEqual([100e6, 100e6]);
  });
});
