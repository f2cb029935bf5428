// recorded-l1: market_end_ts closes the market's books even when the recording has no market_slug column (or leaves
// it empty): the end belongs to the row's two tokens, and was dropped without a word when no slug named the market.
import { describe, expect, it } from "vitest";
import { parseRecordedL1 } from "../../../src/replay/books/recorded-l1.js";

const T0 = 1_767_225_600_000;
const END_S = T0 / 1000 + 900;

describe("recorded-l1: market end without a market slug", () => {
  it("no book from market_end_ts on, with the slug column absent or empty", () => {
    const cols = "up_token_id,down_token_id,market_end_ts,up_book_ts,down_book_ts,up_bid,up_bid_size,up_ask,up_ask_size,down_bid,down_bid_size,down_ask,down_ask_size";
    const cells = `U,D,${END_S},${T0},${T0},0.40,10,0.42,10,0.58,10,0.60,10`;
    for (const text of [`${cols}\n${cells}\n`, `market_slug,${cols}\n,${cells}\n`]) {
      const v = parseRecordedL1(text, "f.csv");
      expect(v.issues).toEqual([]);
      expect(v.markets()).toEqual([{ slug: "", upTokenId: "U", downTokenId: "D", endTs: END_S * 1000 }]);
      expect(v.at("U", END_S * 1000 - 1)).toBeDefined();
      expect(v.at("U", END_S * 1000)).toBeUndefined();
      expect(v.at("D", END_S * 1000)).toBeUndefined();
    }
  });
});
