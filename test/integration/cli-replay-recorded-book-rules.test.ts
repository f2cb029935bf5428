// A real `spy replay` process over recorded-l1 and recorded-bbo files of many bad rows and a crossed book: stderr lists
// at most 20 issues of a field plus one counted summary, names the crossed run once, and the closing count stays exact.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { activityRow } from "../helpers/activity-row.js";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const T0 = 1_767_236_479_000; // activityRow(0)'s time, in ms: a leader BUY of token 123 @ 0.50
const END_S = T0 / 1000 + 3600;

function replay(dir: string, fill: Record<string, unknown>) {
  writeFileSync(join(dir, "a.json"), JSON.stringify([activityRow(0)]));
  writeFileSync(join(dir, "c.json"), JSON.stringify({ defaults: { ratio: 1, slippage: 0.02 }, fill }));
  return spawnSync(process.execPath, [SPY, "replay", "--from-json", join(dir, "a.json"), "--config", join(dir, "c.json"), "--no-save"], { encoding: "utf8", maxBuffer: 1 << 28 });
}

describe("spy replay over recorded top-of-book files", () => {
  it("recorded-l1: 5,000 bad rows and one crossed run give 22 warnings (the crossed run listed) and a count of 5,001", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cli-l1-rules-"));
    const head = "market_slug,up_token_id,down_token_id,market_end_ts,up_book_ts,down_book_ts,up_bid,up_bid_size,up_ask,up_ask_size,down_bid,down_bid_size,down_ask,down_ask_size";
    const row = (dt: number, bid: number | string, ask: number) => ["m", "123", "456", END_S, T0 + dt, T0 + dt, bid, 1000, ask, 1000, 0.5, 100, 0.52, 100].join(",");
    const rows = [row(-2000, 0.48, 0.5), row(-1000, 0.55, 0.5)]; // line 3 crosses the book until the file's end
    for (let i = 1; i <= 5000; i++) rows.push(row(-1000 - i, "x", 0.5));
    writeFileSync(join(dir, "books.csv"), [head, ...rows].join("\n") + "\n");
    const r = replay(dir, { book: "recorded-l1", path: join(dir, "books.csv") });
    expect(r.status).toBe(1);
    const warnings = r.stderr.split("\n").filter((l) => l.startsWith("warning:"));
    expect(warnings).toHaveLength(22);
    expect(r.stderr).toMatch(/line 3: up_bid = 0\.55: book crossed: best bid 0\.55 ≥ best ask 0\.5/);
    expect(r.stderr).toMatch(/up_bid: 4,980 more like the above not listed/);
    expect(r.stderr).toContain("5001 input row(s) or file(s) skipped as bad");
    expect(r.stdout).toContain("Order ends: NO_BOOK 1"); // the copy met no book, not the stale ask
  }, 120_000);

  it("recorded-bbo: 5,000 bad polls give 21 warnings and a count of 5,000", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-cli-bbo-rules-"));
    const market = { slug: "m", upTokenId: "123", downTokenId: "456", endDate: new Date(END_S * 1000).toISOString() };
    const tick = (dt: number, upBid: unknown) => ({ timestampMs: T0 + dt, market, prices: { upBid, upAsk: 0.5, downBid: 0.5, downAsk: 0.52 } });
    const ticks = [tick(-2000, 0.48)];
    for (let i = 1; i <= 5000; i++) ticks.push(tick(-2000 + i, "x"));
    writeFileSync(join(dir, "s.json"), JSON.stringify({ sessionId: "s", ticks }));
    const r = replay(dir, { book: "recorded-bbo", path: join(dir, "s.json") });
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("warning:"))).toHaveLength(21);
    expect(r.stderr).toMatch(/prices\.upBid: 4,980 more like the above not listed/);
    expect(r.stderr).toContain("5000 input row(s) or file(s) skipped as bad");
  }, 120_000);
});
