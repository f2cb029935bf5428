// recorded-l1 and recorded-bbo follow the parquet-events rules for bad rows: issues are capped per field with one
// counted summary, so a file of many bad rows prints a bounded number of warnings while the skipped count stays exact.
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
