// recorded-l1/bbo: a token id written as a rounded floating-point number (a spreadsheet or a float column turned the
// 77-digit id into "2.2993171724288528e+76") is reported by file, line/row, field and value; its books are not loaded.
import { describe, expect, it } from "vitest";
import { parseRecordedL1 } from "../../../src/replay/books/recorded-l1.js";
import { parseRecordedBbo } from "../../../src/replay/books/recorded-bbo.js";

const UP = "22993171724288527925211956622209284202531619159773997843537588925065152870253";
const ROUNDED = "2.2993171724288528e+76"; // Number(UP) as a spreadsheet writes it back
const DOWN = "61681940698773836244105866243320247164293762650350002455583557340488382374168";
const T0 = 1_767_225_600_000;

describe("recorded views: a token id in floating-point notation", () => {
  it("recorded-l1: reported at its line and column, that outcome skipped, the other loads", () => {
    const head = "up_token_id,down_token_id,market_slug,market_end_ts,up_book_ts,down_book_ts,up_bid,up_bid_size,up_ask,up_ask_size,down_bid,down_bid_size,down_ask,down_ask_size";
    const row = (up: string) => `${up},${DOWN},m,${T0 / 1000 + 3600},${T0},${T0},0.40,10,0.42,10,0.58,10,0.60,10`;
    const v = parseRecordedL1([head, row(ROUNDED), row(`${UP}.0`), row(UP)].join("\n"), "f.csv");
    expect(v.issues.map((i) => [i.file, i.line, i.field, i.value])).toEqual([
      ["f.csv", 2, "up_token_id", ROUNDED],
      ["f.csv", 3, "up_token_id", `${UP}.0`],
    ]);
    expect(v.tokens().sort()).toEqual([UP, DOWN].sort());
  });

  it("recorded-bbo: reported at its row and field, that outcome skipped", () => {
    const tick = (up: string) => ({ timestampMs: T0, market: { slug: "m", upTokenId: up, downTokenId: DOWN, endDate: "2026-01-01T01:00:00Z" }, prices: { upAsk: 0.42, upBid: 0.4, downAsk: 0.6, downBid: 0.58 } });
    const v = parseRecordedBbo(JSON.stringify({ sessionId: "s", ticks: [tick(ROUNDED)] }), "s.json");
    expect(v.issues.map((i) => [i.file, i.row, i.field, i.value])).toEqual([["s.json", 0, "market.upTokenId", ROUNDED]]);
    expect(v.tokens()).toEqual([DOWN]);
  });
});
