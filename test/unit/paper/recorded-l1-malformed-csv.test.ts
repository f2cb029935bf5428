// recorded-l1: a row the CSV parser cannot read (a stray quote, a last line cut off inside the quoted question, as a
// recorder stopped mid-write leaves it) is reported by file and line and skipped; the rows around it still load.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadRecordedL1, parseRecordedL1 } from "../../../src/replay/books/recorded-l1.js";

const HEAD = "market_slug,question,up_token_id,down_token_id,market_end_ts,up_book_ts,down_book_ts,up_bid,up_bid_size,up_ask,up_ask_size,down_bid,down_bid_size,down_ask,down_ask_size";
const T0 = 1_767_225_600_000;
const END = T0 / 1000 + 3600;
const row = (offset: number, bid: string): string =>
  `m,"Bitcoin Up or Down - January 1, 12:00AM-12:15AM ET",U,D,${END},${T0 + offset},${T0 + offset},${bid},10,0.50,10,0.50,10,0.52,10`;

function file(text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), "spy-l1-bad-csv-")), "book.csv");
  writeFileSync(f, text);
  return f;
}

describe("recorded-l1: rows the CSV parser cannot read", () => {
  it("a stray quote mid-file: that line is reported and skipped, the lines after it load", async () => {
    const text = [HEAD, row(1000, "0.40"), `m,Bitcoin "Up" or Down,U,D,${END},${T0 + 2000},${T0 + 2000},0.41,10,0.50,10,0.50,10,0.52,10`, row(3000, "0.42")].join("\n") + "\n";
    const f = file(text);
    for (const v of [await loadRecordedL1(f), parseRecordedL1(text, f)]) {
      expect(v.rows).toBe(3);
      expect(v.issues.map((i) => [i.file, i.line, i.field])).toEqual([[f, 3, "question"]]);
      expect(v.issues[0]!.message).toMatch(/quote/i);
      expect(v.size("U")).toBe(2);
      expect(v.at("U", T0 + 3000)).toMatchObject({ bids: [{ price: 0.42 }] });
    }
  });

  it("a last line cut off inside the quoted question: reported, every row before it loads", async () => {
    const text = [HEAD, row(1000, "0.40"), row(2000, "0.41"), `m,"Bitcoin Up or Do`].join("\n");
    const f = file(text);
    for (const v of [await loadRecordedL1(f), parseRecordedL1(text, f)]) {
      expect(v.rows).toBe(3);
      expect(v.issues.map((i) => [i.file, i.line, i.field])).toEqual([[f, 4, "question"]]);
      expect(v.at("U", T0 + 2000)).toMatchObject({ bids: [{ price: 0.41 }] });
    }
  });

  it("issues stay in line order around an unreadable row; an unreadable header refuses the file by line", async () => {
    const text = [HEAD, row(1000, "abc"), `m,x"y,U,D`, row(3000, "0.42").replace(",U,", ",,")].join("\n");
    const v = await loadRecordedL1(file(text));
    expect(v.issues.map((i) => [i.line, i.field])).toEqual([[2, "up_bid"], [3, "question"], [4, "up_token_id"]]);
    await expect(loadRecordedL1(file(`market_slug,"question,up_token_id\n${row(1000, "0.4")}`))).rejects.toThrow(/book\.csv: line \d: header unreadable/);
  });
});
