// Runner: same inputs → identical results; the run journal in DuckDB matches the counts; leader filter; progress
// callbacks; an out-of-order source is refused. Synthetic history, no shared data needed.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/core/index.js";
import type { Progress } from "../../../src/replay/progress.js";
import { createProgress, silentProgress } from "../../../src/replay/progress.js";
import { defaultBooks, formatComparison, formatRun, runReplay } from "../../../src/replay/runner.js";
import { arraySource, syntheticSource } from "../../../src/replay/sources.js";
import { syntheticEvents } from "../../../src/replay/synthetic.js";
import { openStore } from "../../../src/store/db.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";

const config = parseConfig({ seed: 3, bankroll: 5000, defaults: { ratio: 0.5 } });
const syn = { seed: 4, events: 6000, leaders: 3, markets: 4, eventsPerMarket: 250 };

describe("runReplay", () => {
  it("gives identical results for identical inputs", async () => {
    const a = await runReplay({ source: syntheticSource(syn), config });
    const b = await runReplay({ source: syntheticSource(syn), config });
    expect(b).toEqual(a);
    expect(a.events).toBe(6000);
    expect(a.summary.counts.intents).toBeGreaterThan(0);
    expect(a.summary.counts.fills).toBeGreaterThan(0);
    expect(a.summary.counts.mirrors).toBeGreaterThan(0);
    expect(a.summary.counts.decisions).toBe(a.summary.counts.intents + a.summary.counts.skips + a.summary.counts.mirrors);
    expect(a.summary.counts.done).toBe(a.summary.counts.intents);
    const other = await runReplay({ source: syntheticSource(syn), config: parseConfig({ ...config, defaults: { ratio: 0.2 } }) });
    expect(other.runId).not.toBe(a.runId);
    expect(formatComparison([a, other]).split("\n")).toHaveLength(2);
    expect(formatRun(a)).toContain("Book source: leader-anchored");
  });

  it("journals the run into DuckDB, replacing an earlier run with the same id", async () => {
    const store = await openStore(":memory:");
    const run = await runReplay({ source: syntheticSource(syn), config, db: store, label: "j" });
    await runReplay({ source: syntheticSource(syn), config, db: store, label: "j" });
    const n = async (sql: string) => Number(await store.scalar(sql, [run.runId]));
    const c = run.summary.counts;
    expect(await n("SELECT count(*) FROM replay_runs WHERE run_id = ?")).toBe(1);
    expect(await n("SELECT count(*) FROM run_intents WHERE run_id = ?")).toBe(c.intents);
    expect(await n("SELECT count(*) FROM run_skips WHERE run_id = ?")).toBe(c.skips);
    expect(await n("SELECT count(*) FROM run_mirrors WHERE run_id = ?")).toBe(c.mirrors);
    expect(await n("SELECT count(*) FROM run_exec_events WHERE run_id = ?")).toBe(c.accepted + c.rejected + c.fills + c.done);
    expect(await n("SELECT count(*) FROM run_exec_events WHERE run_id = ? AND type = 'fill'")).toBe(c.fills);
    expect(await n("SELECT count(*) FROM run_positions WHERE run_id = ?")).toBeGreaterThan(0);
    expect(await n("SELECT value FROM run_metrics WHERE run_id = ? AND name = 'counts.intents'")).toBe(c.intents);
    const meta = await store.rows<{ book_source: string; events: number; cfg_ratio: number }>(
      "SELECT book_source, events, (config->'defaults'->>'ratio')::DOUBLE AS cfg_ratio FROM replay_runs WHERE run_id = ?",
      [run.runId],
    );
    expect(meta).toEqual([{ book_source: "leader-anchored", events: 6000, cfg_ratio: 0.5 }]);
    expect(await store.scalar("SELECT fees FROM replay_runs WHERE run_id = ?", [run.runId])).toBe("none");
    store.close();
  });

  it("a re-run of the same id that fails part-way leaves the earlier journal of that run whole", async () => {
    const store = await openStore(":memory:");
    const evs = syntheticEvents(syn);
    const run = await runReplay({ source: arraySource(evs), config, db: store, label: "k" });
    const counts = async () =>
      store.rows("SELECT (SELECT count(*) FROM run_intents WHERE run_id = $1) AS i, (SELECT count(*) FROM run_exec_events WHERE run_id = $1) AS e, (SELECT count(*) FROM replay_runs WHERE run_id = $1) AS r", [run.runId]);
    const before = await counts();
    expect(before).toEqual([{ i: run.summary.counts.intents, e: expect.any(Number), r: 1 }]);
    // same source name, config and label (so the same run id); the source fails after its first batch
    const failing = {
      name: "memory",
      async *batches() {
        yield evs.slice(0, 500);
        throw new Error("source went away");
      },
    };
    await expect(runReplay({ source: failing, config, db: store, label: "k" })).rejects.toThrow("source went away");
    expect(await counts()).toEqual(before);
    // and nothing staged is left behind in the store
    expect(await store.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'stage_%'")).toBe(0);
    store.close();
  });

  it("journals runs written at once into one store, each whole (they do not share a transaction)", async () => {
    const store = await openStore(":memory:");
    const runs = await Promise.all([
      runReplay({ source: syntheticSource(syn), config, db: store, label: "p" }),
      runReplay({ source: syntheticSource(syn), config: parseConfig({ ...config, defaults: { ratio: 0.3 } }), db: store, label: "q" }),
    ]);
    for (const r of runs) {
      const c = r.summary.counts;
      expect(Number(await store.scalar("SELECT count(*) FROM run_exec_events WHERE run_id = ?", [r.runId]))).toBe(c.accepted + c.rejected + c.fills + c.done);
      expect(Number(await store.scalar("SELECT count(*) FROM run_intents WHERE run_id = ?", [r.runId]))).toBe(c.intents);
    }
    store.close();
  });

  it("a run that fails before its events flow (the source's count) leaves nothing staged", async () => {
    const store = await openStore(":memory:");
    const broken = { name: "memory", count: async (): Promise<number> => Promise.reject(new Error("count failed")), async *batches() {} };
    await expect(runReplay({ source: broken, config, db: store, label: "x" })).rejects.toThrow("count failed");
    expect(await store.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'stage_%'")).toBe(0);
    expect(await store.scalar("SELECT count(*) FROM replay_runs")).toBe(0);
    store.close();
  });

  it("values open positions at the leaders' last trade price (not the copy's own fill), so equity and copy PnL agree", async () => {
    const A = "0x" + "a".repeat(40);
    const ev = { eventId: "e1", leader: A, kind: "TRADE" as const, conditionId: "0xc", tokenId: "4242", outcomeIndex: 0, side: "BUY" as const, size: 100, price: 0.4, usdcSize: 40, ts: 1000, seenAt: 1000, txHash: "0x1", source: "synthetic" as const };
    const cfg = parseConfig({ bankroll: 1000, defaults: { ratio: 0.5, slippage: 0.1, maxBankrollPct: 1 }, fill: { halfSpread: 0.01 } });
    const r = await runReplay({ source: arraySource([ev]), config: cfg });
    const p = r.result.ledger.positions.find((x) => x.tokenId === "4242")!;
    expect(p).toMatchObject({ shares: 50, avgCost: 0.41, mark: 0.4, marking: "last-price" }); // bought one tick above the print
    const copyPnl = r.result.tracking.reduce((s, t) => s + t.copy.pnl, 0);
    expect(r.result.ledger.equity - 1000).toBeCloseTo(copyPnl, 9);
    expect(copyPnl).toBeCloseTo(50 * (0.4 - 0.41), 9);
  });

  it("keeps equity and copy PnL in agreement when a resolution file and a leader's REDEEM name different winners", async () => {
    const A = "0x" + "a".repeat(40);
    const base = { leader: A, conditionId: "0xc", outcomeIndex: 0, txHash: "0x1", source: "synthetic" as const };
    const buy = { ...base, eventId: "e1", kind: "TRADE" as const, tokenId: "4242", side: "BUY" as const, size: 100, price: 0.4, usdcSize: 40, ts: 1000, seenAt: 1000 };
    // the leader's REDEEM pays 100 for its 100 YES: YES won, says the leader; the resolution file says NO won, earlier
    const redeem = { ...base, eventId: "e2", kind: "REDEEM" as const, tokenId: "", outcomeIndex: null, side: null, size: 100, price: 0, usdcSize: 100, ts: 9000, seenAt: 9000, txHash: "0x2" };
    const cfg = parseConfig({ bankroll: 1000, defaults: { ratio: 0.5, slippage: 0.1, maxBankrollPct: 1 }, fill: { halfSpread: 0.01 } });
    const r = await runReplay({ source: arraySource([buy, redeem]), config: cfg, resolutions: [{ conditionId: "0xc", winningTokenId: "4343", tokenIds: ["4242", "4343"], ts: 5000, source: "gamma" }] });
    const copyPnl = r.result.tracking.reduce((x, t) => x + t.copy.pnl, 0);
    expect(r.result.ledger.equity - 1000).toBeCloseTo(copyPnl, 9);
    expect(copyPnl).toBeCloseTo(-50 * 0.41, 9); // the resolution (settled first) decides: the YES shares paid 0
  });

  it("replays only the chosen leaders and reports progress", async () => {
    const evs = syntheticEvents(syn);
    const leader = evs[0]!.leader;
    const calls: string[] = [];
    const progress: Progress = { start: (t) => calls.push(`start ${t}`), update: (d) => calls.push(`update ${d}`), stop: () => calls.push("stop") };
    const r = await runReplay({ source: arraySource(evs), config, leaders: [leader], progress });
    expect(r.events).toBe(evs.filter((e) => e.leader === leader).length);
    expect(calls[0]).toBe("start 6000");
    expect(calls.at(-1)).toBe("stop");
    expect(calls.at(-2)).toBe(`update ${r.events}`);
  });

  it("tells the book view to forget the tokens of every market a leader redeemed", async () => {
    const evs = syntheticEvents(syn);
    const inner = defaultBooks(config);
    const forgotten = new Set<string>();
    const books = { name: inner.name, at: inner.at.bind(inner), observe: inner.observe!.bind(inner), forget: (ts: readonly string[]) => ts.forEach((t) => forgotten.add(t)) };
    const r = await runReplay({ source: arraySource(evs), config, books });
    expect(r.summary.counts.mirrorsByAction.REDEEM).toBeGreaterThan(0);
    const redeemed = new Set(evs.filter((e) => e.kind === "REDEEM").map((e) => e.conditionId));
    const tokensOfRedeemed = new Set(evs.filter((e) => e.kind === "TRADE" && redeemed.has(e.conditionId)).map((e) => e.tokenId));
    expect(forgotten.size).toBeGreaterThan(0);
    for (const t of forgotten) expect(tokensOfRedeemed.has(t)).toBe(true);
  });

  it("gives runs that differ only in latency model or end horizon their own ids, so one does not replace the other", async () => {
    const store = await openStore(":memory:");
    const a = await runReplay({ source: syntheticSource(syn), config, db: store });
    const b = await runReplay({ source: syntheticSource(syn), config, db: store, latency: constantLatency(5000) });
    const c = await runReplay({ source: syntheticSource(syn), config, db: store, endHorizonMs: 3_600_000 });
    expect(new Set([a.runId, b.runId, c.runId]).size).toBe(3);
    expect(Number(await store.scalar("SELECT count(*) FROM replay_runs"))).toBe(3);
    store.close();
  });

  it("refuses a source that goes back in time", async () => {
    const evs = syntheticEvents({ ...syn, events: 100 });
    const src = { name: "bad", batches: () => [evs.slice(50), evs.slice(0, 50)] };
    await expect(runReplay({ source: src, config })).rejects.toThrow(/not time-ordered/);
  });

  it("stays silent when stdout is not a TTY", () => {
    const fake = { isTTY: false } as NodeJS.WriteStream;
    const p = createProgress(fake);
    expect(p).toBe(silentProgress);
    p.start(10);
    p.update(5);
    p.stop();
  });
});

describe("the fill model line over recorded books", () => {
  it("says the slippage cap is the leader's own when a leader overrides the defaults'", async () => {
    const { createSeriesBooks } = await import("../../../src/replay/books/series.js");
    const model = async (leaders: Record<string, { slippage: number }>) =>
      (await runReplay({ source: arraySource([]), config: parseConfig({ defaults: { slippage: 0.02 }, leaders }), books: createSeriesBooks("rec", []) })).meta.fillModel;
    expect(await model({})).toContain("slippage cap 0.02)");
    expect(await model({ ["0x" + "ab".repeat(20)]: { slippage: 0.1 } })).toContain("slippage cap 0.02 or the leader's own)");
  });
});
