// spy demo with a config naming recorded books (its synthetic markets have none) is refused naming the field, the
// value and where it came from (exit 2), instead of failing with an internal hint to call booksFromConfig.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;

describe("spy demo: recorded books", () => {
  it("refuses a --config or SPY__ variable that sets fill.book to recorded books", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-demo-books-"));
    const f = join(dir, "rec.json");
    writeFileSync(f, JSON.stringify({ fill: { book: "recorded-l1", path: join(dir, "l1.csv") } }));
    const demo = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [SPY, "demo", "--events", "100", "--out", join(dir, "d.html"), ...args], { encoding: "utf8", env: { ...process.env, ...env } });
    const r = demo(["--config", f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${f}: fill.book: spy demo replays synthetic markets`);
    expect(r.stderr).toContain('(got "recorded-l1")');
    expect(r.stderr).not.toContain("booksFromConfig");
    const e = demo([], { SPY__fill__book: "parquet-events", SPY__fill__path: join(dir, "b.parquet") });
    expect(e.status).toBe(2);
    expect(e.stderr).toContain('SPY__fill__book: fill.book: spy demo replays synthetic markets');
    expect(e.stderr).toContain('(got "parquet-events")');
  });
});
