// Real `spy replay` processes with a config whose recorded books are a relative fill.path, run from two folders
// holding different books: the two runs get their own ids, and each report and journalled config names the book file
// it read.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { activityRow } from "../helpers/activity-row.js";
import { openStore } from "../../src/store/db.js";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const UP = "1001";
const DOWN = "1002";
const T = 1_775_028_200; // leader trades (s)
const COLS = ["market_slug", "up_token_id", "down_token_id", "market_end_ts", "up_book_ts", "down_book_ts",
  "up_bid", "up_bid_size", "up_ask", "up_ask_size", "down_bid", "down_bid_size", "down_ask", "down_ask_size"];

/** A one-row L1 recording whose UP ask is `ask` (500 shares), from before the leader's trades. */
function l1(ask: number): string {
  const ms = (T - 10) * 1000;
  const row = ["m", UP, DOWN, T + 3600, ms, ms, ask - 0.02, 500, ask, 500, 1 - ask - 0.02, 500, 1 - ask, 500];
  return `${COLS.join(",")}\n${row.join(",")}\n`;
}

describe("spy replay with a relative fill.path", () => {
  it("runs from two folders with different books are two runs, each journalled with the book file it used", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-book-path-"));
    const acts = join(dir, "acts");
    mkdirSync(acts);
    const rows = [0, 1, 2].map((i) => activityRow(i, { asset: UP, timestamp: T + i, price: 0.5, size: 20, usdcSize: 10 }));
    writeFileSync(join(acts, "a.json"), JSON.stringify(rows));
    const cfg = join(dir, "l1.json");
    writeFileSync(cfg, JSON.stringify({ defaults: { ratio: 1, slippage: 0.2 }, fill: { book: "recorded-l1", path: "books/l1.csv", minOrderSize: 1 } }));
    const db = join(dir, "j.duckdb");
    const out: string[] = [];
    for (const [name, ask] of [["a", 0.5], ["b", 0.55]] as const) {
      const cwd = join(dir, name);
      mkdirSync(join(cwd, "books"), { recursive: true });
      writeFileSync(join(cwd, "books", "l1.csv"), l1(ask));
      const r = spawnSync(process.execPath, [SPY, "replay", "--from-json", acts, "--db", db, "--config", cfg], { cwd, encoding: "utf8" });
      expect(r.stderr).not.toContain("spy:");
      expect(r.status).toBe(0);
      out.push(r.stdout);
    }
    // the books differ, so do the fills: the same run id for both would make the second replace the first
    const title = (s: string) => /== .*\n/.exec(s)![0];
    const fills = (s: string) => /Orders: .*\n/.exec(s)![0];
    expect(fills(out[0]!)).not.toBe(fills(out[1]!));
    expect(title(out[0]!)).not.toBe(title(out[1]!));
    // each report names the file it read (both printed "Book source: recorded-l1" alone)
    for (const [k, name] of (["a", "b"] as const).entries()) expect(out[k]).toContain(`Book source: recorded-l1 (${join(dir, name, "books", "l1.csv")})`);
    const store = await openStore(db, { readOnly: true });
    const runs = await store.rows<{ path: string }>("SELECT config->>'$.fill.path' AS path FROM replay_runs ORDER BY created_at");
    store.close();
    expect(runs.map((r) => r.path)).toEqual([join(dir, "a", "books", "l1.csv"), join(dir, "b", "books", "l1.csv")]);
  }, 60_000);
});
