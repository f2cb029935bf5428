// Fast DuckDB writer of the seeded synthetic history (benchmarks, big demos): numeric rows through the appender,
// then INSERT … SELECT with codes mapped through the dictionaries; rows land in (ts, seq) order.
import { DOUBLE, INTEGER, UINTEGER, VARCHAR as VARCHAR_T } from "@duckdb/node-api";
import { EVENT_SOURCES } from "../core/index.js";
import { inTransaction, type Store } from "../store/db.js";
import { afterAppend, beforeAppend, registerDictionaryValues } from "../store/leader-events.js";
import { LEADER_EVENT_COLUMNS } from "../store/schema.js";
import { SyntheticHistory, type SyntheticDicts, type SyntheticOptions } from "./synthetic.js";

const STAGE_TYPES = [
  UINTEGER, UINTEGER, UINTEGER, DOUBLE, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE, DOUBLE, DOUBLE, DOUBLE,
  UINTEGER, UINTEGER, UINTEGER, UINTEGER, UINTEGER, UINTEGER, UINTEGER, UINTEGER,
];

/**
 * Write N synthetic rows into leader_events fast: numeric rows through the appender into a staging table, then an
 * INSERT … SELECT that maps codes through the (small) dictionaries and formats ids in SQL, every `flushRows` rows.
 * Rows land in (ts, seq) order, so replays read them without sorting. Returns rows written.
 */
export async function writeSynthetic(
  store: Store,
  opts: SyntheticOptions,
  onProgress?: (n: number) => void,
  flushRows = 1 << 20,
): Promise<number> {
  const g = new SyntheticHistory(opts);
  await store.run(`CREATE OR REPLACE TEMP TABLE syn_stage (id0 UINTEGER, id1 UINTEGER, id2 UINTEGER, seq DOUBLE,
    leader INTEGER, kind INTEGER, cond INTEGER, tok INTEGER, oi INTEGER, side INTEGER, size DOUBLE, price DOUBLE,
    usdc DOUBLE, ts DOUBLE, ${Array.from({ length: 8 }, (_, k) => `tx${k} UINTEGER`).join(", ")})`);
  const base = Number(await store.scalar("SELECT coalesce(max(seq) + 1, 0) FROM leader_events"));
  const b = SyntheticHistory.block(2048);
  let written = 0;
  const seq = new Float64Array(2048);
  let more = true;
  while (more) {
    // Stage and move at most flushRows rows at a time: memory stays flat however many rows are written.
    const w = await store.writer("syn_stage", STAGE_TYPES);
    let staged = 0;
    while (staged < flushRows && (more = g.next(b) > 0)) {
      for (let i = 0; i < b.n; i++) seq[i] = base + written + i;
      const cols: ArrayLike<number>[] = [b.id0, b.id1, b.id2, seq, b.leader, b.kind, b.condition, b.token, b.outcomeIndex, b.side, b.size, b.price, b.usdc, b.ts, ...b.tx];
      w.pushColumns(cols.map((c) => Array.from(c).slice(0, b.n)), b.n);
      written += b.n;
      staged += b.n;
      onProgress?.(written);
    }
    w.close();
    if (staged > 0) await moveStaged(store, g.dicts);
  }
  await store.run("DROP TABLE IF EXISTS syn_stage");
  return written;
}

/** Move syn_stage into leader_events (dictionaries registered, codes mapped), then empty it. */
async function moveStaged(store: Store, d: SyntheticDicts): Promise<void> {
  const dict = async (name: string, values: string[]) => {
    await store.run(`CREATE OR REPLACE TEMP TABLE ${name} (c INTEGER, v VARCHAR)`);
    const dw = await store.writer(name, [INTEGER, VARCHAR_T]);
    values.forEach((v, i) => dw.push([i, v]));
    dw.close();
  };
  await dict("syn_leader", d.leaders);
  await dict("syn_cond", d.conditions);
  await dict("syn_tok", d.tokens);
  await dict("syn_slug", d.slugs);
  await dict("syn_outcome", d.outcomes);
  // Register the dictionaries' values (global codes), then map synthetic codes → global codes (small integer joins).
  await store.run(`CREATE OR REPLACE TEMP TABLE syn_dicts AS
    SELECT 'leader' AS dict, c, v FROM syn_leader UNION ALL SELECT 'condition', c, v FROM syn_cond
    UNION ALL SELECT 'token', c, v FROM syn_tok UNION ALL SELECT 'token', -1, '' UNION ALL SELECT 'slug', c, v FROM syn_slug
    UNION ALL SELECT 'outcome', c, v FROM syn_outcome`);
  await store.run(`CREATE OR REPLACE TEMP TABLE syn_flat AS SELECT
      CASE WHEN dict = 'leader' THEN v END AS leader, CASE WHEN dict = 'condition' THEN v END AS condition_id,
      CASE WHEN dict = 'token' THEN v END AS token_id, CASE WHEN dict = 'slug' THEN v END AS slug,
      CASE WHEN dict = 'outcome' THEN v END AS outcome
    FROM syn_dicts`);
  await registerDictionaryValues(store, "syn_flat");
  // syn code → global code as lists (one row): array lookups keep the stage's row order, unlike hash joins.
  const codes = (dict: string) =>
    `(SELECT list(d.code ORDER BY s.c) FROM syn_dicts s JOIN dictionary d ON d.dict = s.dict AND d.value = s.v WHERE s.dict = '${dict}' AND s.c >= 0)`;
  await store.run(`CREATE OR REPLACE TEMP TABLE syn_lists AS SELECT ${codes("leader")} AS leader, ${codes("condition")} AS cond,
      ${codes("token")} AS tok, ${codes("slug")} AS slug, ${codes("outcome")} AS outcome,
      (SELECT code FROM dictionary WHERE dict = 'token' AND value = '') AS no_token`);
  const tx = Array.from({ length: 8 }, (_, k) => `s.tx${k}`).join(", ");
  const before = await beforeAppend(store);
  const newMin = await store.scalar("SELECT min(ts)::BIGINT FROM syn_stage");
  // the rows and the sorted flag describing them commit together (a stop between them would leave a wrong flag)
  await inTransaction(store, async () => {
    await store.run(`INSERT INTO leader_events (${LEADER_EVENT_COLUMNS.join(", ")})
      SELECT printf('ev_%08x%08x%08x', s.id0, s.id1, s.id2), s.id0, s.id1, s.id2,
        s.seq::BIGINT,
        l.leader[s.leader + 1], s.kind, l.cond[s.cond + 1], CASE WHEN s.tok < 0 THEN l.no_token ELSE l.tok[s.tok + 1] END,
        CASE WHEN s.oi < 0 THEN NULL ELSE s.oi END, s.side,
        s.size, s.price, s.usdc, s.ts::BIGINT, s.ts::BIGINT, NULL, ${tx},
        ${EVENT_SOURCES.indexOf("synthetic")}, l.slug[s.cond + 1], CASE WHEN s.oi < 0 THEN -1 ELSE l.outcome[s.oi + 1] END, NULL, NULL
      FROM syn_stage s CROSS JOIN syn_lists l`);
    await afterAppend(store, before, newMin === null || newMin === undefined ? null : Number(newMin));
  });
  await store.run("DELETE FROM syn_stage");
  for (const t of ["syn_leader", "syn_cond", "syn_tok", "syn_slug", "syn_outcome", "syn_dicts", "syn_flat", "syn_lists"]) {
    await store.run(`DROP TABLE IF EXISTS ${t}`);
  }
}
