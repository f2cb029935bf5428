// Over recorded books decide prices a copy on the tick of the book at decision time, not config fill.tick (0.01): a
// leader SELL at 0.005 (the market then trades on 0.001) is copied at that bid (its limit was 0.01: never filled).
import { describe, expect, it } from "vitest";
import { parseConfig, type LeaderTradeEvent } from "../../../src/core/index.js";
import { booksFromConfig, runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { sharedData } from "../../helpers/shared-data.js";

const path = sharedData("book-series/btc-15m-l1/btc_orderbook_dev.csv");
const UP1 = "22993171724288527925211956622209284202531619159773997843537588925065152870253";
const leader = "0x" + "e".repeat(40);
const ev = (id: string, side: "BUY" | "SELL", size: number, price: number, tsSec: number): LeaderTradeEvent => ({
  eventId: id, leader, kind: "TRADE", conditionId: "0xbtc1", tokenId: UP1, outcomeIndex: 0, side, size, price,
  usdcSize: size * price, ts: tsSec * 1000, seenAt: tsSec * 1000, txHash: "0x" + id, source: "synthetic",
});

describe.skipIf(path === undefined)("recorded-l1: copy limit on the recorded tick", () => {
  it("a leader SELL at the 0.005 bid is copied at that bid", async () => {
    const config = parseConfig({ bankroll: 10000, defaults: { ratio: 1, maxBankrollPct: 1 }, fill: { book: "recorded-l1", path: path!, tick: 0.01 }, latency: { model: "constant", ms: 500 } });
    const books = await booksFromConfig(config);
    // line 2: up ask 0.03 × 519.51 at 1775028136240; the BUY arrives at …137500
    // line 197: up bid 0.005 × 646.61 (book ts 1775028302136, tick 0.001); the SELL arrives at …303500 on it
    expect(books.at(UP1, 1775028303500)).toMatchObject({ bids: [{ price: 0.005, size: 646.61 }], tick: 0.001 });
    const r = await runReplay({ source: arraySource([ev("b1", "BUY", 100, 0.03, 1775028137), ev("s1", "SELL", 100, 0.005, 1775028303)]), config, books });
    expect(r.result.ledger.positions.find((p) => p.tokenId === UP1)?.shares ?? 0).toBe(0); // sold
    expect(r.summary.counts.fills).toBe(2);
  });
});
