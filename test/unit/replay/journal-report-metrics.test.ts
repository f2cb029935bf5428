// run_metrics holds every number the printed report shows: counts, attribution, ledger and drift aggregates, the
// per-leader table, the drift-corrections line and the ledger anomalies.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/core/index.js";
import { openStore } from "../../../src/store/db.js";
import { runReplay } from "../../../src/replay/runner.js";
import { syntheticSource } from "../../../src/replay/sources.js";

describe("run metrics", () => {
  it("journal every number of the report's per-leader table, corrections and anomalies", async () => {
    const store = await openStore(":memory:");
    const config = parseConfig({ bankroll: 5000, defaults: { ratio: 0.2, driftCorrection: { enabled: true, threshold: 0.1, minShares: 1 } }, fill: { minOrderSize: 1 } });
    const run = await runReplay({ source: syntheticSource({ events: 3000, seed: 3 }), config, db: store, recordSeries: false });
    const rows = await store.rows<{ name: string; value: number | null }>("SELECT name, value FROM run_metrics WHERE run_id = ?", [run.runId]);
    const m = new Map(rows.map((r) => [r.name, r.value]));
    const s = run.summary;
    expect(s.leaders.length).toBeGreaterThan(1);
    expect(s.corrections.intents).toBeGreaterThan(0);
    for (const l of s.leaders) {
      for (const k of ["ratio", "copyPnl", "leaderPnl", "trackingError", "maxAbsDrift", "gap", "idealNotional"] as const) {
        expect(m.get(`leaders.${l.leader}.${k}`), `leaders.${l.leader}.${k}`).toBeCloseTo(l[k], 9);
      }
      if (l.copyReturn !== null) expect(m.get(`leaders.${l.leader}.copyReturn`)).toBeCloseTo(l.copyReturn, 9);
    }
    expect(m.get("corrections.intents")).toBe(s.corrections.intents);
    expect(m.get("corrections.filledNotional")).toBeCloseTo(s.corrections.filledNotional, 9);
    expect(m.get("anomalies.oversold")).toBe(s.anomalies.oversold);
    expect(m.get("anomalies.negativeCash")).toBe(s.anomalies.negativeCash);
    store.close();
  });
});
