// recorded-l1 and recorded-bbo follow the parquet-events rules for bad books: a crossed or locked top of book gives no
// book and is reported once per run of such instants, issues are capped per field with one counted summary, off-tick prices are reported.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { loadRecordedBbo, loadRecordedL1, openBookView } from "../../../src/replay/books/index.js";
import { history } from "../../helpers/leader-history.js";

const dir = mkdtempSync(join(tmpdir(), "spy-tob-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = 1_767_225_600_000;
const END_S = T0 / 1000 + 3600;

// the recorder CSV of book-series/btc-15m-l1 (the columns the loader reads)
const L1_HEADER = "market_slug,up_token_id,down_token_id,market_end_ts,up_book_ts,down_book_ts,up_bid,up_bid_size,up_ask,up_ask_size,down_bid,down_bid_size,down_ask,down_ask_size";
type Side = [bid: number | string, bidSize: number | string, ask: number | string, askSize: number | string];
const l1Row = (dt: number, up: Side, down: Side = [0.5, 100, 0.52, 100]) =>
  ["m", "up", "down", END_S, T0 + dt, T0 + dt, ...up, ...down].join(",");
const l1File = (name: string, rows: string[]): string => {
  const f = join(dir, name);
  writeFileSync(f, [L1_HEADER, ...rows].join("\n") + "\n");
  return f;
};
// a session of book-series/btc-15m-bbo
const market = { slug: "m", upTokenId: "up", downTokenId: "down", endDate: new Date(END_S * 1000).toISOString() };
const bboTick = (dt: number, upBid: unknown, upAsk: unknown) => ({ timestampMs: T0 + dt, market, prices: { upBid, upAsk, downBid: 0.5, downAsk: 0.52 } });
const bboFile = (name: string, ticks: unknown[]): string => {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify({ sessionId: "s", marketSlug: "m", totalTicks: ticks.length, ticks }));
  return f;
};
const skipped = (issues: readonly { count?: number; kept?: string }[]) => issues.filter((i) => i.kept === undefined).reduce((n, i) => n + (i.count ?? 1), 0);

describe("recorded-l1: crossed and locked top of book", () => {
  it("gives no book while crossed or locked, each run reported once at its line", async () => {
    const f = l1File("crossed.csv", [
      l1Row(0, [0.48, 100, 0.5, 100]), //   line 2
      l1Row(100, [0.55, 100, 0.5, 100]), // line 3: crossed
      l1Row(200, [0.56, 100, 0.5, 100]), // line 4: still crossed (same run)
      l1Row(300, [0.48, 100, 0.5, 100]), // line 5: fine
      l1Row(400, [0.5, 100, 0.5, 100]), //  line 6: locked
      l1Row(500, [0.49, 100, 0.5, 100]), // line 7: fine
    ]);
    const v = await loadRecordedL1(f);
    expect(v.at("up", T0 + 50)?.asks).toEqual([{ price: 0.5, size: 100 }]);
    expect(v.at("up", T0 + 100)).toBeUndefined();
    expect(v.at("up", T0 + 299)).toBeUndefined();
    expect(v.at("up", T0 + 300)?.bids).toEqual([{ price: 0.48, size: 100 }]);
    expect(v.at("up", T0 + 400)).toBeUndefined();
    expect(v.at("up", T0 + 500)?.bids).toEqual([{ price: 0.49, size: 100 }]);
    expect(v.at("down", T0 + 100)).toBeDefined();
    expect(v.issues.map((i) => [i.line, i.field, i.value])).toEqual([[3, "up_bid", 0.55], [6, "up_bid", 0.5]]);
    expect(v.issues[0]!.message).toMatch(/best bid 0\.55 ≥ best ask 0\.5 at ts .* until /);
  });

  it("a copy arriving on a crossed recorded book does not fill at its stale ask", async () => {
    const f = l1File("crossed-run.csv", [l1Row(0, [0.48, 1000, 0.5, 1000]), l1Row(100, [0.55, 1000, 0.5, 1000])]);
    const config = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, maxBankrollPct: 1, slippage: 0.02 }, fill: { book: "recorded-l1", path: f }, latency: { model: "constant", ms: 500 } });
    const books = await openBookView(config.fill);
    expect(books.issues).toHaveLength(1);
    const h = history();
    const r = await runReplay({ source: arraySource([h.trade("BUY", "up", 100, 0.5, T0 + 100, "c")]), config, books });
    expect(r.result.attribution.filledNotional).toBe(0);
    expect(r.summary.counts.endReasons).toMatchObject({ NO_BOOK: 1 });
  });
});

describe("recorded-bbo: crossed and locked top of book", () => {
  it("gives no book while crossed or locked, each run reported once at its row", () => {
    const f = bboFile("crossed.json", [bboTick(0, 0.48, 0.5), bboTick(100, 0.5, 0.49), bboTick(200, 0.5, 0.48), bboTick(300, 0.48, 0.5), bboTick(400, 0.5, 0.5), bboTick(500, 0.49, 0.5)]);
    const v = loadRecordedBbo(f);
    expect(v.at("up", T0 + 50)?.asks[0]?.price).toBe(0.5);
    expect(v.at("up", T0 + 100)).toBeUndefined();
    expect(v.at("up", T0 + 250)).toBeUndefined();
    expect(v.at("up", T0 + 300)?.asks[0]?.price).toBe(0.5);
    expect(v.at("up", T0 + 400)).toBeUndefined();
    expect(v.at("up", T0 + 500)?.bids[0]?.price).toBe(0.49);
    // tick 1 moved both sides (blamed on the bid); tick 4 moved only the bid; an ask-only move is blamed on the ask (below)
    expect(v.issues.map((i) => [i.row, i.field, i.value])).toEqual([[1, "prices.upBid", 0.5], [4, "prices.upBid", 0.5]]);
  });

  it("blames the ask when only the ask moved, and a run to the file's end says so", () => {
    const v = loadRecordedBbo(bboFile("crossed-ask.json", [bboTick(0, 0.48, 0.5), bboTick(100, 0.48, 0.47)]));
    expect(v.issues.map((i) => [i.row, i.field, i.value])).toEqual([[1, "prices.upAsk", 0.47]]);
    expect(v.issues[0]!.message).toMatch(/to the file's end/);
    expect(v.latest("up")).toBeUndefined();
  });
});

describe("recorded views: issues capped per field, the count exact", () => {
  it("recorded-l1: 100 bad bids are 20 listed and one summary counting 80", async () => {
    const rows = [l1Row(0, [0.48, 100, 0.5, 100])];
    for (let i = 1; i <= 100; i++) rows.push(l1Row(i, ["x", 100, 0.5, 100]));
    const v = await loadRecordedL1(l1File("bad.csv", rows));
    expect(v.issues.length).toBe(21);
    expect(v.issues[20]).toMatchObject({ field: "up_bid", count: 80 });
    expect(v.issues[20]!.message).toMatch(/80 more like the above not listed/);
    expect(skipped(v.issues)).toBe(100);
  });

  it("recorded-bbo: 100 bad asks are 20 listed and one summary counting 80", () => {
    const ticks = [bboTick(0, 0.48, 0.5)];
    for (let i = 1; i <= 100; i++) ticks.push(bboTick(i, 0.48, "x"));
    const v = loadRecordedBbo(bboFile("bad.json", ticks));
    expect(v.issues.length).toBe(21);
    expect(v.issues[20]).toMatchObject({ field: "prices.upAsk", count: 80 });
    expect(skipped(v.issues)).toBe(100);
  });
});

describe("recorded views: a price on none of the venue's ticks", () => {
  it("recorded-l1: is reported and its side left out, not loaded under the finest tick", async () => {
    const v = await loadRecordedL1(l1File("offtick.csv", [l1Row(0, [0.48, 100, 0.50005, 100])]));
    expect(v.issues.map((i) => [i.line, i.field, i.value])).toEqual([[2, "up_ask", "0.50005"]]);
    expect(v.at("up", T0)).toMatchObject({ bids: [{ price: 0.48, size: 100 }], asks: [] });
  });

  it("recorded-bbo: is reported and its side left out", () => {
    const v = loadRecordedBbo(bboFile("offtick.json", [bboTick(0, 0.12345, 0.5)]));
    expect(v.issues.map((i) => [i.row, i.field, i.value])).toEqual([[0, "prices.upBid", 0.12345]]);
    expect(v.at("up", T0)).toMatchObject({ bids: [], asks: [{ price: 0.5, size: 200 }] });
  });
});
