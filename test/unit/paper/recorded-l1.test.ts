// recorded-l1 book view: the real BTC 15m L1 recording (skipped outside CI when ../shared/data is absent) and
// small inline CSVs for bad rows; plus the paper engine running against the real books.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedData } from "../../helpers/shared-data.js";
import { loadRecordedL1, parseRecordedL1 } from "../../../src/replay/books/recorded-l1.js";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";
import { onTick } from "../../../src/core/money.js";
import { fills, intent, theDone } from "./fixtures.js";

const file = sharedData("book-series/btc-15m-l1/btc_orderbook_dev.csv");
const UP1 = "22993171724288527925211956622209284202531619159773997843537588925065152870253";
const DOWN1 = "61681940698773836244105866243320247164293762650350002455583557340488382374168";
const UP3 = "65835176848970699996297606914172997134836445127247497303502834852055391873770";
const DOWN3 = "58938588097409207230711149436327874525561307762871600668235879514511499553129";

describe.skipIf(file === undefined)("recorded-l1 on the real recording", async () => {
  const v = file === undefined ? undefined : await loadRecordedL1(file);

  it("loads every row of three markets, both outcomes, with no issues", () => {
    expect(v!.name).toBe("recorded-l1");
    expect(v!.rows).toBe(7529);
    expect(v!.issues).toEqual([]);
    expect(v!.markets().map((m) => m.slug)).toEqual([
      "btc-updown-15m-1775027700",
      "btc-updown-15m-1775028600",
      "btc-updown-15m-1775029500",
    ]);
    expect(v!.markets()[0]).toMatchObject({ upTokenId: UP1, downTokenId: DOWN1, endTs: 1775028600000 });
    expect(v!.tokens()).toHaveLength(6);
  });

  it("answers the book as it stood at a time, keyed on each outcome's own book ts", () => {
    expect(v!.at(UP1, 1775028136239)).toBeUndefined(); // before the first update
    // line 2: both books at 1775028136240; line 3 updates only the up book (at 1775028138642)
    expect(v!.at(DOWN1, 1775028136240)).toMatchObject({ bids: [{ price: 0.97, size: 519.51 }], asks: [{ price: 0.98, size: 1824.21 }] });
    expect(v!.at(UP1, 1775028138641)).toMatchObject({ ts: 1775028136240, bids: [{ price: 0.02, size: 1824.21 }] });
    expect(v!.at(UP1, 1775028138642)).toMatchObject({ ts: 1775028138642, bids: [{ price: 0.02, size: 1812.61 }], asks: [{ price: 0.03, size: 672.6 }] });
    expect(v!.nextChange(UP1, 1775028136240)).toBe(1775028138642);
  });

  it("reads a zero bid and a 1.0 ask as empty sides, and infers the 0.001 tick near the extremes", () => {
    // line 7358: up bid 0.0 (size 0) / ask 0.01; down bid 0.99 / ask 1.0 (size 0)
    expect(v!.at(UP3, 1775030127586)).toMatchObject({ bids: [], asks: [{ price: 0.01, size: 11860.02 }] });
    expect(v!.at(DOWN3, 1775030127586)).toMatchObject({ bids: [{ price: 0.99 }], asks: [] });
    // line 111: up ask 0.019
    expect(v!.at(UP1, 1775028215588)).toMatchObject({ asks: [{ price: 0.019 }], tick: 0.001 });
  });

  it("gives no book from the market's end on (latest still answers)", () => {
    expect(v!.at(UP3, 1775030399999)).toBeDefined();
    expect(v!.at(UP3, 1775030400000)).toBeUndefined();
    expect(v!.latest(UP3)?.ts).toBe(1775030400327);
    expect(v!.nextChange(UP3, 1775030399999)).toBeUndefined();
  });

  it("every snapshot is uncrossed and on its tick", async () => {
    const all = await loadRecordedL1(file!, { closeAtMarketEnd: false });
    let n = 0;
    for (const tok of all.tokens()) {
      for (let t: number | undefined = all.span(tok)!.from; t !== undefined; t = all.nextChange(tok, t)) {
        const b = all.at(tok, t)!;
        n++;
        const bid = b.bids[0]?.price;
        const ask = b.asks[0]?.price;
        if (bid !== undefined && ask !== undefined) expect(bid).toBeLessThan(ask);
        for (const l of [...b.bids, ...b.asks]) expect(onTick(l.price, b.tick)).toBe(true);
      }
    }
    expect(n).toBe(7545);
  });

  it("the paper engine fills a BUY on the real book up to the displayed best-ask size only", () => {
    const e = createPaperEngine({ books: v!, latency: constantLatency(0), slippage: 0.1 });
    // up book at 1775028138642: ask 0.03 × 672.6
    const evs = e.submit(intent({ tokenId: UP1, ts: 1775028138642, seenAt: 1775028138642, targetShares: 1000, limitPrice: 0.05 }));
    expect(fills(evs).map((f) => [f.price, f.size])).toEqual([[0.03, 672.6]]);
    expect(theDone(evs).terminal).toBe("PARTIAL");
  });
});

const HEAD =
  "up_token_id,down_token_id,market_slug,market_end_ts,up_book_ts,down_book_ts,up_bid,up_bid_size,up_ask,up_ask_size,down_bid,down_bid_size,down_ask,down_ask_size";
/** Book times are unix ms: the inline rows sit ms offsets after 2026-01-01T00:00Z. */
const T0 = 1_767_225_600_000;
const ms = (offset: number): number => T0 + offset;
/** market_end_ts is unix SECONDS: an hour after T0. */
const END = T0 / 1000 + 3600;

describe("recorded-l1 with bad rows", () => {
  it("reports file, line and field, skips that outcome and loads the rest", () => {
    const text = [
      HEAD,
      `U,D,m,${END},${ms(1000)},${ms(1000)},0.40,10,0.42,10,0.58,10,0.60,10`,
      `U,D,m,${END},${ms(2000)},${ms(2000)},abc,10,0.43,10,0.57,10,0.59,10`,
      `U,D,m,${END},x,${ms(3000)},0.41,10,0.43,10,0.57,10,0.59,-3`,
      `U,D,m,${END},${ms(4000)},${ms(4000)},0.41,10,0.43,10,0.57,10,0.59,10`,
    ].join("\n");
    const v = parseRecordedL1(text, "mem.csv");
    expect(v.rows).toBe(4);
    expect(v.issues.map((i) => [i.file, i.line, i.field, i.value])).toEqual([
      ["mem.csv", 3, "up_bid", "abc"],
      ["mem.csv", 4, "up_book_ts", "x"],
      ["mem.csv", 4, "down_ask_size", "-3"],
    ]);
    expect(v.size("U")).toBe(2); // lines 2 and 5
    expect(v.size("D")).toBe(3); // lines 2, 3 and 5
    expect(v.at("U", ms(2500))?.ts).toBe(ms(1000));
    expect(v.at("D", ms(2500))?.asks).toEqual([{ price: 0.59, size: 10 }]);
  });

  it("reports a book time in seconds or microseconds by column and value, skips that outcome, loads the rest", () => {
    const secs = T0 / 1000 + 2;
    const micros = ms(3000) * 1000;
    const text = [
      HEAD,
      `U,D,m,${END},${ms(1000)},${ms(1000)},0.40,10,0.42,10,0.58,10,0.60,10`,
      `U,D,m,${END},${secs},${ms(2000)},0.41,10,0.43,10,0.57,10,0.59,10`,
      `U,D,m,${END},${ms(3000)},${micros},0.42,10,0.44,10,0.56,10,0.58,10`,
    ].join("\n");
    const v = parseRecordedL1(text, "units.csv");
    expect(v.issues.map((i) => [i.line, i.field, i.value])).toEqual([
      [3, "up_book_ts", String(secs)],
      [4, "down_book_ts", String(micros)],
    ]);
    expect(v.issues[0]!.message).toMatch(/seconds, expected milliseconds/);
    expect(v.issues[1]!.message).toMatch(/microseconds.*expected milliseconds/);
    expect(v.size("U")).toBe(2); // lines 2 and 4
    expect(v.size("D")).toBe(2); // lines 2 and 3
    expect(v.at("U", ms(3000))).toMatchObject({ ts: ms(3000), bids: [{ price: 0.42 }] });
    expect(v.at("D", ms(3000))).toMatchObject({ ts: ms(2000), bids: [{ price: 0.57 }] });
  });

  it("takes a market's end from a later row when its first rows leave market_end_ts empty", () => {
    const text = [
      HEAD,
      `U,D,m,,${ms(1000)},${ms(1000)},0.40,10,0.42,10,0.58,10,0.60,10`,
      `U,D,m,${END},${ms(2000)},${ms(2000)},0.41,10,0.43,10,0.57,10,0.59,10`,
    ].join("\n");
    const v = parseRecordedL1(text, "late-end.csv");
    expect(v.issues).toEqual([]);
    expect(v.markets().map((m) => [m.slug, m.endTs])).toEqual([["m", END * 1000]]);
    expect(v.at("U", END * 1000 + 5000)).toBeUndefined(); // closed from its end on, as if the first row had said it
  });

  it("reports a market_end_ts in ms (the format is seconds) and leaves that market's end unset", () => {
    const text = [
      HEAD,
      `U,D,m,${END * 1000},${ms(1000)},${ms(1000)},0.40,10,0.42,10,0.58,10,0.60,10`,
      `V,W,n,${END},${ms(1000)},${ms(1000)},0.40,10,0.42,10,0.58,10,0.60,10`,
    ].join("\n");
    const v = parseRecordedL1(text, "end.csv");
    expect(v.issues.map((i) => [i.line, i.field, i.value])).toEqual([[2, "market_end_ts", String(END * 1000)]]);
    expect(v.issues[0]!.message).toMatch(/looks like milliseconds, expected seconds/);
    expect(v.issues[0]!.kept).toBe("the market's end stays unset"); // not skipped: the CLI says so instead of "(skipped)"
    expect(v.markets().map((m) => [m.slug, m.endTs])).toEqual([["m", undefined], ["n", END * 1000]]);
    expect(v.at("U", END * 1000)).toBeDefined(); // no end known: the books stay open
    expect(v.at("V", END * 1000)).toBeUndefined(); // closed from its end on
  });

  it("infers the venue's half-cent and quarter-cent ticks from the prices", () => {
    const v = parseRecordedL1([HEAD, `U,D,m,${END},${ms(1000)},${ms(1000)},0.505,10,0.515,10,0.4825,10,0.4875,10`, `U,D,m,${END},${ms(2000)},${ms(2000)},0.503,10,0.51,10,0.48,10,0.49,10`].join("\n"), "t.csv");
    expect(v.at("U", ms(1000))?.tick).toBe(0.005);
    expect(v.at("D", ms(1000))?.tick).toBe(0.0025);
    expect(v.at("U", ms(2000))?.tick).toBe(0.001);
    expect(v.at("D", ms(2000))?.tick).toBe(0.01);
  });

  it("refuses a missing file, a folder and an empty file by name, as errors (not a crash of the process)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-l1-"));
    await expect(loadRecordedL1(join(dir, "missing.csv"))).rejects.toThrow(`${join(dir, "missing.csv")}: cannot read (ENOENT)`);
    await expect(loadRecordedL1(dir)).rejects.toThrow(`${dir}: cannot read (EISDIR)`);
    writeFileSync(join(dir, "empty.csv"), "");
    await expect(loadRecordedL1(join(dir, "empty.csv"))).rejects.toThrow("empty: a recorded L1 CSV starts with its header row");
  });

  it("refuses a file without the columns it needs, naming them", () => {
    expect(() => parseRecordedL1("up_token_id,down_token_id\nU,D", "x.csv")).toThrow(/x\.csv.*up_book_ts/);
  });

  it("a token id written with spaces still closes at its market end (the market's ids are trimmed as the books are)", () => {
    const h = "market_slug,up_token_id,down_token_id,market_end_ts,up_book_ts,up_bid,up_bid_size,up_ask,up_ask_size,down_book_ts,down_bid,down_bid_size,down_ask,down_ask_size";
    const row = "m, U , D ,1775028600,1775028500000,0.4,10,0.5,10,1775028500000,0.5,10,0.6,10";
    const v = parseRecordedL1(h + "\n" + row + "\n", "t.csv");
    expect(v.issues).toEqual([]);
    expect(v.at("U", 1775028599999)).toBeDefined();
    expect(v.at("U", 1775028600000)).toBeUndefined(); // market ended
  });
});
