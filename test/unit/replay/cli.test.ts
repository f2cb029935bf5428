// CLI wiring: `import activity` prints counts and sets a non-zero exit code after importing the good rows;
// `replay` runs one replay per config (from the database, JSON or synthetic) and prints a comparison.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { registerImportCommand } from "../../../src/cli/commands/import.js";
import { registerReplayCommand, replayCommand } from "../../../src/cli/commands/replay.js";
import { openStore } from "../../../src/store/db.js";
import { loadResolutions } from "../../../src/replay/resolutions.js";

const dir = mkdtempSync(join(tmpdir(), "spy-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

const row = (i: number, extra: Record<string, unknown> = {}) => ({
  proxyWallet: "0x00000000000000000000000000000000000000a1",
  timestamp: 1767236479 + i * 10,
  conditionId: "0xc1",
  type: "TRADE",
  size: 50,
  usdcSize: 25,
  transactionHash: `0x${String(i + 1).padStart(64, "0")}`,
  price: 0.5,
  asset: i % 2 ? "111" : "222",
  side: "BUY",
  outcomeIndex: i % 2,
  ...extra,
});

function program(): Command {
  const p = new Command("spy").exitOverride();
  registerImportCommand(p);
  registerReplayCommand(p);
  return p;
}

describe("spy import activity", () => {
  it("imports the good rows, prints counts, exits non-zero on a bad row", async () => {
    const data = join(dir, "acts");
    rmSync(data, { recursive: true, force: true });
    mkdirSync(data);
    writeFileSync(join(data, "m.json"), JSON.stringify([row(0), row(1), { ...row(2), timestamp: -5 }, row(3)]));
    const db = join(dir, "cli.duckdb");
    const out: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
    await program().parseAsync(["node", "spy", "import", "activity", data, "--db", db]);
    expect(process.exitCode).toBe(1);
    expect(out.join("")).toContain("read 4 · imported 3 · duplicates 0 · ignored 0 · bad 1");
    expect(out.join("")).toContain("m.json row 2: timestamp = -5");
    process.exitCode = undefined;
    out.length = 0;
    writeFileSync(join(data, "m.json"), JSON.stringify([row(0), row(1), row(3)]));
    await program().parseAsync(["node", "spy", "import", "activity", data, "--db", db]);
    expect(process.exitCode).toBeUndefined();
    expect(out.join("")).toContain("read 3 · imported 0 · duplicates 3");
  });
});

describe("spy replay", () => {
  const cfgA = join(dir, "a.json");
  const cfgB = join(dir, "b.json");
  writeFileSync(cfgA, JSON.stringify({ defaults: { ratio: 0.5 } }));
  writeFileSync(cfgB, JSON.stringify({ defaults: { ratio: 0.2, orderType: "GTC" } }));

  it("runs one replay per config and prints a comparison", async () => {
    const lines: string[] = [];
    const runs = await replayCommand({ synthetic: "3000", seed: "3", config: [cfgA, cfgB] }, (s) => lines.push(s));
    expect(runs.map((r) => r.label)).toEqual(["a", "b"]);
    const text = lines.join("\n");
    expect(text).toContain("== a (");
    expect(text).toContain("== b (");
    expect(text).toMatch(/Comparison:\na: intents \d+/);
  });

  it("replays from the database and journals the runs there", async () => {
    const db = join(dir, "cli.duckdb");
    const runs = await replayCommand({ db, config: [cfgA] }, () => {});
    expect(runs[0]!.events).toBe(3);
    const store = await openStore(db);
    expect(Number(await store.scalar("SELECT count(*) FROM replay_runs WHERE run_id = ?", [runs[0]!.runId]))).toBe(1);
    store.close();
  });

  it("replays read-only with --no-save", async () => {
    const db = join(dir, "cli.duckdb");
    const before = await openStore(db);
    const n = Number(await before.scalar("SELECT count(*) FROM replay_runs"));
    before.close();
    const runs = await replayCommand({ db, config: [cfgB], save: false }, () => {});
    expect(runs[0]!.events).toBe(3);
    const after = await openStore(db, { readOnly: true });
    expect(Number(await after.scalar("SELECT count(*) FROM replay_runs"))).toBe(n);
    await expect(after.run("DELETE FROM replay_runs")).rejects.toThrow(/read-only/i);
    after.close();
  });

  it("replays --from-json and warns about each bad row with file, row, field and value", async () => {
    const data = join(dir, "json-src");
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, "m.json"), JSON.stringify([row(0), row(1), { ...row(2), timestamp: -5 }]));
    writeFileSync(join(data, "n.json"), "{ not json");
    const lines: string[] = [];
    const runs = await replayCommand({ fromJson: data, config: [cfgA] }, (s) => lines.push(s));
    expect(runs[0]!.events).toBe(2);
    const warnings = lines.filter((l) => l.startsWith("warning:"));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^warning: m\.json row 2: timestamp = -5: /);
    expect(warnings[1]).toMatch(/^warning: n\.json: \(file\) = null: not JSON/);
  });

  it("refuses --synthetic with --from-json, and a --leader that matches no event", async () => {
    await expect(replayCommand({ synthetic: "10", fromJson: dir, config: [cfgA] }, () => {})).rejects.toThrow("--synthetic and --from-json both name the events to replay: pass one");
    const data = join(dir, "one-leader");
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, "m.json"), JSON.stringify([row(0), row(1)]));
    await expect(replayCommand({ fromJson: data, config: [cfgA], leader: ["gabagool22"] }, () => {})).rejects.toThrow("--leader gabagool22: no events of this leader in");
    // one of several --leader wallets matching nothing: the others replay, and a warning names it
    const wallet = (JSON.parse(JSON.stringify(row(0))) as { proxyWallet: string }).proxyWallet;
    const typo = "0x" + "ee".repeat(20);
    const warned: string[] = [];
    const runs = await replayCommand({ fromJson: data, config: [cfgA], leader: [wallet, typo] }, () => {}, (w) => warned.push(w));
    expect(runs[0]!.events).toBe(2);
    expect(warned).toEqual([`warning: --leader ${typo}: no events of this leader in ${runs[0]!.source} (a leader is its 0x wallet); replayed the others`]);
  });

  it("reports a Gamma closedTime it cannot read and applies that outcome at the end, naming files by their path below the folder", async () => {
    const cond = "0x" + "c2".repeat(32);
    const data = join(dir, "res-time");
    mkdirSync(join(data, "a"), { recursive: true });
    mkdirSync(join(data, "b"), { recursive: true });
    const m = (closedTime: string | null) => [{ conditionId: cond, closed: true, clobTokenIds: '["111", "222"]', outcomePrices: '["0", "1"]', closedTime }];
    writeFileSync(join(data, "a", "book.json"), JSON.stringify(m("yesterday-ish")));
    writeFileSync(join(data, "b", "book.json"), JSON.stringify([{ conditionId: "0x12", closed: true }]));
    const r = loadResolutions(data);
    expect(r.resolutions.map((x) => x.ts)).toEqual([undefined]);
    expect(r.issues.map((i) => [i.file, i.row, i.field, i.value, i.kept])).toEqual([
      [join("a", "book.json"), 0, "closedTime", "yesterday-ish", "its outcome is kept and applies at the end of the replay"],
      [join("b", "book.json"), 0, "conditionId", "0x12", undefined],
    ]);
  });

  it("settles resolved markets from --resolutions and warns about bad market objects", async () => {
    const cond = "0x" + "c1".repeat(32);
    const data = join(dir, "res-src");
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, "m.json"), JSON.stringify([0, 1, 2, 3].map((i) => row(i, { conditionId: cond }))));
    const markets = join(dir, "markets.json");
    writeFileSync(markets, JSON.stringify([
      { conditionId: cond, closed: true, clobTokenIds: '["111", "222"]', outcomePrices: '["0", "1"]', closedTime: null },
      { conditionId: cond.replace("c1", "zz"), closed: true, clobTokenIds: "[]", outcomePrices: "[]" },
    ]));
    const lines: string[] = [];
    const [plain] = await replayCommand({ fromJson: data, config: [cfgA] }, () => {});
    const [run] = await replayCommand({ fromJson: data, config: [cfgA], resolutions: markets }, (s) => lines.push(s));
    expect(lines).toContain("Resolutions: 1 of 2 markets in 1 file(s) resolved at 1/0; 0 not resolved, 1 skipped as unreadable");
    expect(lines.filter((l) => l.startsWith("warning:"))).toEqual([`warning: markets.json row 1: conditionId = "${cond.replace("c1", "zz")}": expected 0x + 64 hex digits (skipped)`]);
    expect(plain!.summary.ledger.marking).toBe("last-price");
    expect(run!.summary.ledger.marking).not.toBe("last-price");
    await expect(replayCommand({ fromJson: data, resolutions: join(dir, "nope.json") }, () => {})).rejects.toThrow("--resolutions: no file or folder at");
  });

  it("--plot writes one HTML page comparing the configs' gaps and charting each run", async () => {
    const out = join(dir, "plots", "runs.html");
    const cfgB = join(dir, "b-plot.json");
    writeFileSync(cfgB, JSON.stringify({ bankroll: 5000, defaults: { ratio: 0.2, orderType: "GTC" } }));
    const lines: string[] = [];
    await replayCommand({ synthetic: "3000", seed: "5", config: [cfgA, cfgB], plot: out }, (s) => lines.push(s));
    expect(lines).toContain(`plots: ${out}`);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("Tracking gap by cause, per config");
    expect(html).toContain("<h2>a</h2>");
    expect(html).toContain("<h2>b-plot</h2>");
    expect(html.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(3); // comparison + at least one chart per run
  });

  it("warns about every skipped row of a recorded book file, naming file, line, field and value", async () => {
    const csv = join(dir, "l1.csv");
    const t0 = 1_767_225_600_000; // book times are unix ms (2026-01-01T00:00Z), market_end_ts unix seconds
    writeFileSync(csv, [
      "up_token_id,down_token_id,market_slug,market_end_ts,up_book_ts,down_book_ts,up_bid,up_bid_size,up_ask,up_ask_size,down_bid,down_bid_size,down_ask,down_ask_size",
      `U,D,m,${t0 / 1000 + 3600},${t0 + 1000},${t0 + 1000},0.40,10,0.42,10,0.58,10,0.60,10`,
      `U,D,m,${t0 / 1000 + 3600},${t0 + 2000},${t0 + 2000},abc,10,0.43,10,0.57,10,0.59,10`,
    ].join("\n"));
    const cfg = join(dir, "l1.json");
    writeFileSync(cfg, JSON.stringify({ fill: { book: "recorded-l1", path: csv } }));
    const lines: string[] = [];
    await replayCommand({ synthetic: "50", config: [cfg] }, (s) => lines.push(s));
    expect(lines.filter((l) => l.startsWith("warning:"))).toEqual([`warning: ${csv} line 3: up_bid = "abc": not a number in [0, 1] (skipped)`]);
  });

  it("refuses a bad --synthetic or --seed naming the flag and value", async () => {
    await expect(replayCommand({ synthetic: "lots" }, () => {})).rejects.toThrow('--synthetic: expected a positive integer (got "lots")');
    await expect(replayCommand({ synthetic: "0" }, () => {})).rejects.toThrow("--synthetic");
    await expect(replayCommand({ synthetic: "10", seed: "1.5" }, () => {})).rejects.toThrow('--seed: expected an integer (got "1.5")');
  });

  it("fails clearly without a database", async () => {
    await expect(replayCommand({ db: join(dir, "missing.duckdb") }, () => {})).rejects.toThrow(/spy import activity/);
  });

  it("labels configs of the same file name in two folders apart", async () => {
    for (const sub of ["a", "b"]) {
      mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, sub, "cfg.json"), JSON.stringify({ defaults: { ratio: sub === "a" ? 0.1 : 0.2 } }));
    }
    const runs = await replayCommand({ synthetic: "500", config: [join(dir, "a", "cfg.json"), join(dir, "b", "cfg.json")], save: false }, () => {});
    expect(runs.map((r) => r.label)).toEqual(["cfg#1", "cfg#2"]);
  });

  it("names a missing --from-json path", async () => {
    const missing = join(dir, "no-such-folder");
    await expect(replayCommand({ fromJson: missing, save: false }, () => {})).rejects.toThrow(`${missing}: no such file or folder`);
  });
});
