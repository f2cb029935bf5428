// A run's journal explains its cash: every change in run_positions is a journalled fill, mirror or market resolution
// (run_resolutions: the outcomes given with --resolutions that the run applied).
import { describe, expect, it } from "vitest";
import { parseConfig, type LeaderTradeEvent } from "../../../src/core/index.js";
import { openStore } from "../../../src/store/db.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import type { MarketResolution } from "../../../src/replay/resolutions.js";

const A = "0x" + "a".repeat(40);
const YES = "4242";
const NO = "4343";
const OTHER = "5151";
const T0 = 1_767_225_600_000;
let n = 0;
function buy(size: number, price: number, ts: number, tokenId: string, conditionId = "0xc"): LeaderTradeEvent {
  n++;
  return { eventId: `ev_${n}`, leader: A, kind: "TRADE", conditionId, tokenId, outcomeIndex: tokenId === NO ? 1 : 0, side: "BUY", size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}

describe("run journal with market resolutions", () => {
  it("journals each resolution it applied: cash re-derives from fills, mirrors and resolutions", async () => {
    const events = [buy(100, 0.5, T0, YES), buy(60, 0.4, T0 + 1000, NO), buy(40, 0.3, T0 + 9000, OTHER, "0xd")];
    const resolutions: MarketResolution[] = [{ conditionId: "0xc", winningTokenId: YES, tokenIds: [YES, NO], ts: T0 + 5000, source: "gamma" }];
    const config = parseConfig({ bankroll: 1000, defaults: { ratio: 0.5, slippage: 0.05 }, fill: { minOrderSize: 1 } });
    const store = await openStore(":memory:");
    const run = await runReplay({ source: arraySource(events), config, resolutions, db: store, recordSeries: false });
    expect(run.summary.counts.fills).toBeGreaterThanOrEqual(2);

    const q = (sql: string) => store.rows<Record<string, unknown>>(sql, [run.runId]);
    const fills = await q("SELECT ts, token_id, side, price, size, fee FROM run_exec_events WHERE run_id = ? AND type = 'fill' ORDER BY seq");
    const mirrors = await q("SELECT ts FROM run_mirrors WHERE run_id = ?");
    expect(mirrors).toEqual([]);
    const tables = await store.rows<{ n: number }>("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'run_resolutions'");
    const resolved = tables[0]!.n > 0 ? await q("SELECT condition_id, winning_token_id, ts FROM run_resolutions WHERE run_id = ? ORDER BY ts") : [];

    // re-derive: fills move cash and shares; a resolution pays the winner's held shares 1, the others 0
    const shares = new Map<string, number>();
    let cash = config.bankroll;
    type Step = { ts: number; apply: () => void };
    const steps: Step[] = [
      ...fills.map((f) => ({
        ts: Number(f.ts),
        apply: () => {
          const s = f.side === "BUY" ? 1 : -1;
          shares.set(String(f.token_id), (shares.get(String(f.token_id)) ?? 0) + s * Number(f.size));
          cash -= s * Number(f.size) * Number(f.price) + Number(f.fee);
        },
      })),
      ...resolved.map((r) => ({
        ts: Number(r.ts),
        apply: () => {
          cash += shares.get(String(r.winning_token_id)) ?? 0;
          for (const t of [YES, NO]) shares.set(t, 0);
        },
      })),
    ].sort((a, b) => a.ts - b.ts);
    for (const s of steps) s.apply();
    const last = await q("SELECT cash FROM run_positions WHERE run_id = ? ORDER BY seq DESC LIMIT 1");
    expect(cash).toBeCloseTo(Number(last[0]!.cash), 9);
    expect(cash).toBeCloseTo(run.summary.ledger.cash, 9);
    expect(resolved).toEqual([{ condition_id: "0xc", winning_token_id: YES, ts: T0 + 5000 }]);
    store.close();
  });
});
