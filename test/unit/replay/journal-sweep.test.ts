// Journal invariants over the combination sweep's random cases: each intent ends in exactly one done, exec events
// belong to journalled intents, counts agree with the summary, and cash re-derives from the journal.
import { describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/db.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { genCase } from "./combo-harness.js";

const SEEDS = Number(process.env.JOURNAL_SEEDS ?? 60);

describe("journal sweep", () => {
  it("holds its invariants on random cases", async () => {
    const bad: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const c = genCase(seed, { kinds: true, resolutions: true, fees: true, overrides: true, dups: seed % 2 === 0, seenLate: seed % 3 === 0, odd: seed % 5 === 0 });
      const store = await openStore(":memory:");
      const run = await runReplay({ source: arraySource(c.evs), config: c.config, resolutions: c.resolutions, fees: c.fees, endHorizonMs: c.endHorizonMs, db: store, recordSeries: false });
      const q = <T = Record<string, unknown>>(sql: string) => store.rows<T>(sql, [run.runId]);
      const p = (m: string) => bad.push(`seed ${seed}: ${m}`);
      const [k] = await q<Record<string, number>>(`SELECT
        (SELECT count(*) FROM run_intents WHERE run_id = $1) AS intents,
        (SELECT count(DISTINCT intent_id) FROM run_intents WHERE run_id = $1) AS ids,
        (SELECT count(*) FROM run_intents i WHERE run_id = $1 AND (SELECT count(*) FROM run_exec_events e WHERE e.run_id = $1 AND e.intent_id = i.intent_id AND type = 'done') <> 1) AS not_one_done,
        (SELECT count(*) FROM run_exec_events e WHERE run_id = $1 AND intent_id NOT IN (SELECT intent_id FROM run_intents WHERE run_id = $1)) AS orphans,
        (SELECT count(*) FROM run_exec_events e WHERE run_id = $1 AND type = 'fill') AS fills,
        (SELECT count(*) FROM run_skips WHERE run_id = $1) AS skips,
        (SELECT count(*) FROM run_mirrors WHERE run_id = $1) AS mirrors`);
      const s = run.summary.counts;
      if (k!.intents !== s.intents || k!.ids !== s.intents) p(`intents ${k!.intents} ids ${k!.ids} summary ${s.intents}`);
      if (k!.not_one_done) p(`${k!.not_one_done} intents without exactly one done`);
      if (k!.orphans) p(`${k!.orphans} exec events of unknown intents`);
      if (k!.fills !== s.fills) p(`fills ${k!.fills} vs ${s.fills}`);
      if (k!.skips !== s.skips) p(`skips ${k!.skips} vs ${s.skips}`);
      if (k!.mirrors !== s.mirrors) p(`mirrors ${k!.mirrors} vs ${s.mirrors}`);
      const byReason = await q<{ reason: string; n: number }>("SELECT reason, count(*) AS n FROM run_skips WHERE run_id = $1 GROUP BY reason");
      const reasons: Record<string, number | undefined> = s.skipsByReason;
      for (const r of byReason) if (reasons[r.reason] !== r.n) p(`skips ${r.reason} ${r.n} vs ${reasons[r.reason]}`);
      const last = await q<{ cash: number }>("SELECT cash FROM run_positions WHERE run_id = $1 ORDER BY seq DESC LIMIT 1");
      if (last.length && Math.abs(last[0]!.cash - run.summary.ledger.cash) > 1e-6) p(`journal cash ${last[0]!.cash} vs report ${run.summary.ledger.cash}`);
      // per token: the last journalled shares equal fills ± mirrors' moves is checked only where no mirror/resolution touched
      const tok = await q<{ token_id: string; fill: number; last: number }>(`
        WITH f AS (SELECT token_id, sum(CASE side WHEN 'BUY' THEN size ELSE -size END) AS fill FROM run_exec_events WHERE run_id = $1 AND type = 'fill' GROUP BY token_id),
        l AS (SELECT token_id, arg_max(shares, seq) AS last FROM run_positions WHERE run_id = $1 GROUP BY token_id)
        SELECT f.token_id, f.fill, coalesce(l.last, 0) AS last FROM f LEFT JOIN l USING (token_id)`);
      const touched = new Set((await q<{ t: string }>("SELECT unnest(string_split(token_ids, ',')) AS t FROM run_mirrors WHERE run_id = $1")).map((r) => r.t));
      for (const r of c.resolutions) for (const t of r.tokenIds) touched.add(t);
      for (const t of tok) if (!touched.has(t.token_id) && Math.abs(t.fill - t.last) > 1e-6) p(`token ${t.token_id}: fills ${t.fill} journal ${t.last}`);
      store.close();
    }
    expect(bad).toEqual([]);
  }, 300_000);
});
