// recorded-l1: a row with more cells than the header (an unquoted comma in the question shifts every later cell one
// column right) is reported and skipped, not read with each field taken from its neighbour's column.
import { describe, expect, it } from "vitest";
import { parseRecordedL1 } from "../../../src/replay/books/recorded-l1.js";

// the recorder's own column order (book-series/btc-15m-l1), fewer derived columns
const HEAD = "recorded_at_ts,market_slug,question,coin,up_token_id,down_token_id,market_end_ts,is_last_minute,up_book_ts,down_book_ts,up_bid,up_bid_size,up_ask,up_ask_size,up_spread,down_bid,down_bid_size,down_ask,down_ask_size";
const T0 = 1_767_225_600_000;
const END_S = T0 / 1000 + 900;
const cells = (question: string, t: number) =>
  `${t / 1000},m,${question},BTC,U,D,${END_S},0,${t},${t},0.02,500,0.03,400,0.01,0.97,1.0,0.98,400`;

describe("recorded-l1: a row with more cells than the header", () => {
  it("is reported at its line and skipped; the well-formed rows load as before", () => {
    const v = parseRecordedL1([HEAD, cells(`"Bitcoin Up or Down - January 1, 12AM ET"`, T0), cells("Bitcoin Up or Down - January 1, 12AM ET", T0 + 1000)].join("\n"), "f.csv");
    expect(v.issues.map((i) => [i.line, i.field, i.value])).toEqual([[3, "(row)", 20]]);
    expect(v.issues[0]!.message).toMatch(/19/);
    // the shifted row gave U a book of bid 0.01 × 0.97 (its spread and the down bid): it must not be there
    expect(v.at("U", T0 + 1000)).toMatchObject({ ts: T0, bids: [{ price: 0.02, size: 500 }] });
    expect(v.at("D", T0 + 1000)).toMatchObject({ ts: T0, bids: [{ price: 0.97, size: 1 }] });
  });
});
