// Real leader history end to end: import all 10,178 gabagool22 /activity rows into DuckDB (idempotently; a broken
// row is reported and the rest imports), then replay them under three configs: runs repeat identically, the
// attribution identity holds, skips are reported by reason, and MERGE/REDEEM move the copy's positions.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, type Config } from "../../src/core/index.js";
import { importActivity } from "../../src/replay/import-activity.js";
import { formatRun, runReplay, type ReplayRun } from "../../src/replay/runner.js";
import { dbSource, jsonSource } from "../../src/replay/sources.js";
import { openStore, type Store } from "../../src/store/db.js";
import { sharedData } from "../helpers/shared-data.js";

const dir = sharedData("leader-activity/gabagool22");
const tmp = mkdtempSync(join(tmpdir(), "spy-gabagool-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CONFIGS: Record<string, Config> = {
  default: parseConfig({}),
  "ratio-0.5-fak": parseConfig({ bankroll: 2000, defaults: { ratio: 0.5 } }),
  "ratio-1-gtc-netting": parseConfig({ bankroll: 5000, defaults: { ratio: 1, orderType: "GTC", netting: { enabled: true, windowMs: 2000 } }, latency: { model: "uniform", ms: 400, jitterMs: 300 } }),
};

function causesSum(r: ReplayRun): number {
  return Object.values(r.result.attribution.byCause).reduce<number>((s, v) => s + (v ?? 0), 0);
}

describe.skipIf(!dir)("gabagool22: import and replay", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(join(tmp, "spy.duckdb"));
  });
  afterAll(() => store?.close());

  it("imports all 10,178 rows; importing again adds nothing", async () => {
    const first = await importActivity(store, dir!);
    expect(first).toMatchObject({ files: 26, read: 10_178, imported: 10_178, duplicates: 0, bad: 0 });
    const kinds = await store.rows<{ kind: string; n: number }>("SELECT kind, count(*) AS n FROM leader_events_v GROUP BY kind ORDER BY kind");
    expect(kinds).toEqual([
      { kind: "MERGE", n: 51 },
      { kind: "REDEEM", n: 26 },
      { kind: "TRADE", n: 10_101 },
    ]);
    const again = await importActivity(store, dir!);
    expect(again).toMatchObject({ read: 10_178, imported: 0, duplicates: 10_178, bad: 0 });
    expect(Number(await store.scalar("SELECT count(*) FROM leader_events"))).toBe(10_178);
  });

  it("reports a malformed row with file, row and field, and imports the rest", async () => {
    const bad = mkdtempSync(join(tmp, "bad-"));
    const name = readdirSync(dir!).filter((f) => f.endsWith(".json")).sort()[0]!;
    const rows = JSON.parse(readFileSync(join(dir!, name), "utf8")) as Record<string, unknown>[];
    rows[7] = { ...rows[7], size: "ten" };
    writeFileSync(join(bad, name), JSON.stringify(rows));
    const s2 = await openStore(join(tmp, "bad.duckdb"));
    const r = await importActivity(s2, bad);
    expect(r.bad).toBe(1);
    expect(r.errors[0]).toMatchObject({ file: name, row: 7, field: "size", value: "ten" });
    expect(r.imported).toBe(rows.length - 1);
    s2.close();
  });

  const runs: Record<string, ReplayRun> = {};
  for (const [label, config] of Object.entries(CONFIGS)) {
    it(`replays every row under ${label}: deterministic, attribution identity, skips by reason`, async () => {
      const a = await runReplay({ source: dbSource(store), config, label, db: store });
      const b = await runReplay({ source: dbSource(store), config, label });
      expect(b.result).toEqual(a.result);
      expect(b.summary).toEqual(a.summary);
      runs[label] = a;
      const c = a.summary.counts;
      expect(a.events).toBe(10_178);
      expect(c.leaderEvents).toBe(10_178);
      expect(c.decisions).toBe(c.intents + c.skips + c.mirrors);
      expect(c.done).toBe(c.intents);
      // gap = Σ causes, overall and per leader
      expect(Math.abs(causesSum(a) - a.result.attribution.gap)).toBeLessThan(1e-6 * Math.max(1, a.result.attribution.idealNotional));
      for (const t of Object.values(a.result.attributionByLeader)) {
        const s = Object.values(t.byCause).reduce<number>((x, v) => x + (v ?? 0), 0);
        expect(Math.abs(s - t.gap)).toBeLessThan(1e-6 * Math.max(1, t.idealNotional));
      }
      // skips by reason: counted, summing to the skips, and printed
      const byReason = Object.values(c.skipsByReason).reduce<number>((s, n) => s + (n ?? 0), 0);
      expect(byReason).toBe(c.skips);
      expect(c.skips).toBeGreaterThan(0);
      const text = formatRun(a);
      expect(text).toContain("Skip reason");
      for (const reason of Object.keys(c.skipsByReason)) expect(text).toContain(reason);
      expect(a.result.anomalies).toEqual({ oversold: 0, unknownIntent: 0, negativeCash: 0 });
    });
  }

  it("gives the same result from the JSON files as from DuckDB", async () => {
    const r = await runReplay({ source: jsonSource(dir!), config: CONFIGS["ratio-0.5-fak"]!, label: "ratio-0.5-fak" });
    expect(r.result).toEqual(runs["ratio-0.5-fak"]!.result);
  });

  it("mirrors MERGE and REDEEM on the copy's positions", async () => {
    const run = runs["ratio-0.5-fak"]!;
    const c = run.summary.counts;
    expect(c.fills).toBeGreaterThan(0);
    expect(c.mirrorsByAction.MERGE ?? 0).toBeGreaterThan(0);
    expect(c.mirrorsByAction.REDEEM ?? 0).toBe(26);
    // every MERGE with sets to merge takes the same number of shares off both outcomes at its time, and adds cash
    const merges = await store.rows<{ ts: number; token_ids: string; shares: number }>(
      "SELECT ts, token_ids, shares FROM run_mirrors WHERE run_id = ? AND action = 'MERGE' AND shares > 0 ORDER BY ts",
      [run.runId],
    );
    expect(merges.length).toBeGreaterThan(0);
    const deltas = await store.rows<{ ts: number; token_id: string; d: number; dcash: number }>(
      `SELECT ts, token_id, shares - lag(shares, 1, 0) OVER (PARTITION BY token_id ORDER BY seq) AS d,
              cash - lag(cash, 1, ${CONFIGS["ratio-0.5-fak"]!.bankroll}) OVER (ORDER BY seq) AS dcash, seq
       FROM run_positions WHERE run_id = ? ORDER BY seq`,
      [run.runId],
    );
    let checked = 0;
    for (const m of merges) {
      const rows = deltas.filter((d) => d.ts === m.ts && m.token_ids.split(",").includes(d.token_id) && d.d < 0);
      if (rows.length === 0) continue; // the leader merged, the copy had no complete sets then
      expect(rows).toHaveLength(2);
      expect(rows[0]!.d).toBeCloseTo(rows[1]!.d, 6);
      expect(rows[0]!.dcash + rows[1]!.dcash).toBeCloseTo(-rows[0]!.d, 6); // each merged set pays $1
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    // after each market's REDEEM the copy holds none of its tokens; at the end nothing is open
    const redeems = await store.rows<{ ts: number; token_ids: string }>(
      "SELECT ts, token_ids FROM run_mirrors WHERE run_id = ? AND action = 'REDEEM'",
      [run.runId],
    );
    for (const r of redeems) {
      for (const t of r.token_ids.split(",").filter(Boolean)) {
        const last = await store.rows<{ shares: number }>(
          "SELECT shares FROM run_positions WHERE run_id = ? AND token_id = ? AND ts <= ? ORDER BY seq DESC LIMIT 1",
          [run.runId, t, r.ts],
        );
        if (last.length) expect(Math.abs(last[0]!.shares)).toBeLessThan(1e-6);
      }
    }
    expect(run.summary.ledger.openPositions).toBe(0);
    expect(run.summary.ledger.cash).toBeCloseTo(run.summary.ledger.equity, 6);
  });
});
