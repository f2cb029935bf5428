// recorded-l1: a CSV saved with a UTF-8 byte-order mark and every cell quoted (as spreadsheet exports write it) loads
// like the plain file; the mark before the quoted first header cell made the parser refuse the whole file.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadRecordedL1, parseRecordedL1 } from "../../../src/replay/books/recorded-l1.js";

const HEAD = ["up_token_id", "down_token_id", "market_slug", "market_end_ts", "up_book_ts", "down_book_ts", "up_bid", "up_bid_size", "up_ask", "up_ask_size", "down_bid", "down_bid_size", "down_ask", "down_ask_size"];
const T0 = 1_767_225_600_000;
const ROW = ["U", "D", "m", String(T0 / 1000 + 3600), String(T0), String(T0), "0.40", "10", "0.42", "10", "0.58", "10", "0.60", "10"];
const quoted = (cells: string[]): string => cells.map((c) => `"${c}"`).join(",");

describe("recorded-l1: byte-order mark before a quoted header", () => {
  it("loads the rows, no issues", async () => {
    const text = "\uFEFF" + [quoted(HEAD), quoted(ROW)].join("\r\n") + "\r\n";
    const f = join(mkdtempSync(join(tmpdir(), "spy-l1-bom-")), "book.csv");
    writeFileSync(f, text);
    for (const v of [await loadRecordedL1(f), parseRecordedL1(text, f)]) {
      expect(v.issues).toEqual([]);
      expect(v.rows).toBe(1);
      expect(v.at("U", T0)).toMatchObject({ bids: [{ price: 0.4, size: 10 }], asks: [{ price: 0.42, size: 10 }] });
    }
  });
});
