// Benchmark: N seeded synthetic leader events in DuckDB; (a) raw read rate of the same rows into JS, (b) replay
// rate through the real pipeline (read + decide + paper + ledger/attribution/tracking), their ratio, peak RSS.
//   npx tsx bench/replay.ts [--events 1000000] [--ratio 0.5] [--bankroll 1000000] [--db path] [--memory-limit 256MB]
//                           [--heap-mb 0] [--semi-mb 16] [--keep] [--no-default-config] [--configs] [--stages] [--journal]
//                           [--no-series] [--seed 42]
// An unknown flag, a stray word or a flag missing its value stops the bench naming it, before anything is generated.
// (b) records the drift series as `spy replay` does (bounded per leader); --no-series measures without it. `spy replay`
// opens its store at DEFAULT_MEMORY_LIMIT (256MB) with no V8 heap cap, as the defaults here do. Unlike spy replay,
// the bench opens DuckDB with threads=2 (spy replay: DuckDB's default) and (b) is not journalled (--journal: it is).
// Generation and measurement each run in a child process: the measured process's peak RSS is read + replay only.
// --heap-mb caps V8's old generation of the measuring process (0 = V8's default): the replay's live heap is small
// (≈ 0.1 GB after a full GC at any point) but V8 may otherwise let dead, promoted objects pile up to GBs.
// --semi-mb sets the young generation's semi-space (0 = V8's default, which shrinks with a capped heap).
// --configs also replays the same events with the other order types and features (FOK, GTC, netting, drift
// correction, BUDGETED_DYNAMIC) and prints one line each: where a config costs more than the FAK run of (b).
// --stages prints where (b)'s time goes (decide, paper fills, flow + accounting), the events held in memory, and the
// time per event each target leaves the pipeline once reading and building the events is paid for, and (f) the floor
// of the design: the objects and operator hops DESIGN.md's interfaces fix, with no logic (bench/design-floor.ts).
// --journal also replays (b) journalled into a fresh DuckDB file (what `spy replay --db` writes) and prints its rate.
import { spawnSync } from "node:child_process";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseConfig, type LeaderTradeEvent } from "../src/core/index.js";
import { createLeaderAnchoredBooks, createPaperEngine, latencyFromConfig } from "../src/exec/paper/index.js";
import { Decider } from "../src/pipeline/decide.js";
import { floorPass } from "./design-floor.js";
import { runReplay } from "../src/replay/runner.js";
import { dbSource } from "../src/replay/sources.js";
import { writeSynthetic } from "../src/replay/synthetic-db.js";
import { DEFAULT_MEMORY_LIMIT, numericColumn, openStore } from "../src/store/db.js";
import { countLeaderEvents, planLeaderEventRead } from "../src/store/leader-events.js";

/** Flags that take a value (--phase: the parent's own call of a child) and flags that stand alone. */
const VALUE_FLAGS = new Set(["events", "seed", "ratio", "bankroll", "db", "memory-limit", "heap-mb", "semi-mb", "phase"]);
const SWITCHES = new Set(["keep", "no-default-config", "configs", "stages", "journal", "no-series"]);
/** Every argument is a known flag (with its value): a misspelt one would otherwise measure the defaults for minutes. */
function checkArgs(args: readonly string[]): void {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.startsWith("--") ? a.slice(2) : undefined;
    if (name !== undefined && SWITCHES.has(name)) continue;
    if (name === undefined || !VALUE_FLAGS.has(name)) {
      throw new Error(name === undefined ? `unexpected argument ${JSON.stringify(a)} (flags: bench/replay.ts header)` : `unknown option ${JSON.stringify(a)} (flags: bench/replay.ts header)`);
    }
    const v = args[i + 1];
    if (v === undefined || v.startsWith("--")) throw new Error(`${a}: expected a value`);
    i++;
  }
}
checkArgs(process.argv.slice(2));

function arg(name: string, dflt?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
/** A numeric flag (underscores allowed as separators); a missing or non-numeric value stops the bench naming it. */
function num(name: string, dflt: string, integer = true, signed = false): number {
  const raw = arg(name, dflt) ?? "";
  const x = Number(raw.replaceAll("_", ""));
  if (raw === "" || !Number.isFinite(x) || (!signed && x < 0) || (integer && !Number.isInteger(x))) {
    throw new Error(`--${name}: expected ${signed ? "an" : "a non-negative"} ${integer ? "integer" : "number"} (got ${JSON.stringify(raw)})`);
  }
  return x;
}
const N = num("events", "1000000");
const seed = num("seed", "42", true, true);
const ratio = num("ratio", "0.5", false);
const bankroll = num("bankroll", "1000000", false);
const memoryLimit = arg("memory-limit", "256MB")!;
const heapMb = num("heap-mb", "0"); // 0: V8's default, as spy replay runs
const semiMb = num("semi-mb", "16");
const db = arg("db", join(tmpdir(), `spy-bench-replay-${N}-s${seed}.duckdb`))!;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const rate = (n: number, ms: number) => (n / ms) * 1000;
const fmt = (x: number) => Math.round(x).toLocaleString("en-US");

if (arg("phase") === "gen") {
  // Generation runs in its own process so its memory does not count against the replay's peak RSS.
  for (const f of [db, db + ".wal"]) rmSync(f, { force: true });
  const store = await openStore(db, { eventKey: false, memoryLimit, threads: 2 });
  const t0 = performance.now();
  const n = await writeSynthetic(store, { events: N, seed, leaders: 5, markets: 12 }, undefined);
  await store.run("CHECKPOINT");
  const ms = performance.now() - t0;
  store.close();
  console.log(`generate: ${fmt(n)} synthetic events into ${db} in ${(ms / 1000).toFixed(1)} s (${fmt(rate(n, ms))} rows/s), peak RSS ${mb(process.resourceUsage().maxRSS)}`);
  process.exit(0);
}

if (arg("phase") !== "measure") {
  // Parent: make sure the database holds N events, then measure in a child process (its own peak RSS and heap cap).
  const here = fileURLToPath(import.meta.url);
  let have = 0;
  if (existsSync(db)) {
    const s = await openStore(db, { eventKey: false, memoryLimit, threads: 2 });
    have = await countLeaderEvents(s);
    s.close();
  }
  if (have !== N) {
    const r = spawnSync(process.execPath, [...process.execArgv, here, ...process.argv.slice(2), "--phase", "gen"], { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`generation failed (${r.status})`);
  } else console.log(`generate: reusing ${db} (${fmt(N)} events)`);
  // A capped old space would also shrink V8's young generation (slower scavenges, more promotion): keep it at 16 MB.
  const heap = [...(heapMb > 0 ? [`--max-old-space-size=${heapMb}`] : []), ...(semiMb > 0 ? [`--max-semi-space-size=${semiMb}`] : [])];
  const r = spawnSync(process.execPath, [...heap, ...process.execArgv, here, ...process.argv.slice(2), "--phase", "measure", "--db", db], { stdio: "inherit" });
  if (!process.argv.includes("--keep") && arg("db") === undefined) for (const f of [db, db + ".wal"]) rmSync(f, { force: true });
  process.exit(r.status ?? 1);
}
console.log(`measuring process: V8 heap limit ${mb(getHeapStatistics().heap_size_limit / 1024)}${heapMb > 0 ? ` (--max-old-space-size=${heapMb})` : " (V8 default)"}${semiMb > 0 ? `, --max-semi-space-size=${semiMb}` : ""}`);

const store = await openStore(db, { eventKey: false, memoryLimit, threads: 2 });

// (a) raw: the same sorted, integer-encoded queries (ts windows); every value of every column read into JS (summed
// from its typed array), no objects built. Three passes (the first also warms DuckDB, the OS page cache and the JIT);
// the ratio uses the fastest. (a0) is the same fetch without reading the values (vectors only): a stricter bound,
// printed for reference.
const plan = await planLeaderEventRead(store);
// One loop per array type (the columns are Float64/Int32/Uint32): a single loop over all of them would be
// megamorphic and measure V8's generic element access, not the read.
const sumF64 = (a: Float64Array, n: number) => { let s = 0; for (let i = 0; i < n; i++) s += a[i]!; return s; };
const sumI32 = (a: Int32Array, n: number) => { let s = 0; for (let i = 0; i < n; i++) s += a[i]!; return s; };
const sumU32 = (a: Uint32Array, n: number) => { let s = 0; for (let i = 0; i < n; i++) s += a[i]!; return s; };
const sumAny = (a: ArrayLike<number>, n: number) => { let s = 0; for (let i = 0; i < n; i++) s += a[i]!; return s; };
const sumColumn = (a: ArrayLike<number>, n: number): number =>
  a instanceof Float64Array ? sumF64(a, n) : a instanceof Int32Array ? sumI32(a, n) : a instanceof Uint32Array ? sumU32(a, n) : sumAny(a, n);
let t0 = 0;
let check = 0;
const rawPass = async (values: boolean): Promise<number> => {
  const t = performance.now();
  let n = 0;
  for (const q of plan.queries) {
    for await (const chunk of store.stream(q)) {
      const m = chunk.rowCount;
      for (let k = 0; k < chunk.columnCount; k++) {
        const col = numericColumn(chunk, k);
        check += values ? sumColumn(col, m) : col[0]!;
      }
      n += m;
    }
  }
  if (n !== N) throw new Error(`raw read: ${n} rows, expected ${N}`);
  return performance.now() - t;
};
const best = async (values: boolean) => Math.min(await rawPass(values), await rawPass(values), await rawPass(values));
const vecMs = await best(false);
const acpu0 = process.cpuUsage();
const aw0 = performance.now();
const rawMs = await best(true);
const acpu = process.cpuUsage(acpu0);
console.log(`(a) cpu over its 3 passes: ${((acpu.user + acpu.system) / 1000 / (performance.now() - aw0)).toFixed(2)} cores`);
const rows = N;
const rawRate = rate(rows, rawMs);
console.log(`(a0) fetch only: ${fmt(rows)} rows, best of 3 ${(vecMs / 1000).toFixed(2)} s = ${fmt(rate(rows, vecMs))} rows/s (vectors fetched, values not read)`);
console.log(`(a) raw read:   ${fmt(rows)} rows, best of 3 ${(rawMs / 1000).toFixed(2)} s = ${fmt(rawRate)} rows/s (every value of every column read; checksum ${check.toExponential(3)})`);

// (a') read + decode to LeaderTradeEvent objects (no pipeline): where the read side's cost goes.
t0 = performance.now();
let decoded = 0;
for await (const b of dbSource(store).batches()) decoded += b.length;
const decMs = performance.now() - t0;
const decRate = rate(decoded, decMs);
console.log(`(a') read + build events: ${fmt(decoded)} in ${(decMs / 1000).toFixed(2)} s = ${fmt(decRate)} events/s = ${((decRate / rawRate) * 100).toFixed(1)} % of raw  (peak RSS so far ${mb(process.resourceUsage().maxRSS)})`);

// (b) the real pipeline.
const config = parseConfig({ seed, bankroll, defaults: { ratio } });
// the drift series is recorded as `spy replay` does (runReplay's default; bounded: SERIES_MAX_POINTS per leader)
const series = !process.argv.includes("--no-series");
console.log(`config: ratio ${ratio}, bankroll $${fmt(bankroll)}, leader-anchored books, FAK, constant latency; not journalled (--journal measures that); drift series ${series ? "recorded, as spy replay does" : "OFF (--no-series; spy replay records it)"}`);
const cpu0 = process.cpuUsage();
t0 = performance.now();
const run = await runReplay({ source: dbSource(store), config, recordSeries: series, label: "bench" });
const repMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(`(b) cpu: user ${(cpu.user / 1e6).toFixed(2)} s + sys ${(cpu.system / 1e6).toFixed(2)} s over ${(repMs / 1000).toFixed(2)} s wall = ${((cpu.user + cpu.system) / 1000 / repMs).toFixed(2)} cores; drift series ${series ? "recorded" : "off"}`);
if (run.events !== N) throw new Error(`replay: ${run.events} events, expected ${N}`);
const repRate = rate(run.events, repMs);
const c = run.summary.counts;
console.log(`(b) replay:    ${fmt(run.events)} events in ${(repMs / 1000).toFixed(2)} s = ${fmt(repRate)} events/s  (intents ${fmt(c.intents)}, skips ${fmt(c.skips)}, mirrors ${fmt(c.mirrors)}, fills ${fmt(c.fills)})`);
console.log(`ratio replay/raw: ${((repRate / rawRate) * 100).toFixed(1)} %`);
if (!process.argv.includes("--no-default-config")) {
  // For context only (the targets below are judged on (b)): the embedded default config copies at r_u 0.01 with a
  // $1,000 bankroll, so every synthetic trade falls under the $1 marketable minimum and is skipped (as with gabagool22).
  const t1 = performance.now();
  const d = await runReplay({ source: dbSource(store), config: parseConfig({ seed }), recordSeries: series, label: "bench-default" });
  const dMs = performance.now() - t1;
  console.log(`(b') default config (r_u 0.01, $1,000; context, not the target): ${fmt(rate(d.events, dMs))} events/s  (intents ${fmt(d.summary.counts.intents)}, skips ${fmt(d.summary.counts.skips)})`);
}
if (process.argv.includes("--configs")) {
  // Same events, bankroll and ratio as (b), one setting changed per line (context: the targets are judged on (b)).
  const variants: [string, Record<string, unknown>][] = [
    ["FOK", { orderType: "FOK" }],
    ["GTC (resting orders)", { orderType: "GTC" }],
    ["netting (5 s windows)", { netting: { enabled: true } }],
    ["drift correction", { driftCorrection: { enabled: true } }],
    ["BUDGETED_DYNAMIC (B_u $100k)", { sizing: "BUDGETED_DYNAMIC", budget: 100_000 }],
  ];
  for (const [name, over] of variants) {
    const cfg = parseConfig({ seed, bankroll, defaults: { ratio, ...over } });
    const t1 = performance.now();
    const r = await runReplay({ source: dbSource(store), config: cfg, recordSeries: series, label: `bench-${name}` });
    const ms = performance.now() - t1;
    const k = r.summary.counts;
    console.log(`(c) ${name.padEnd(30)} ${(ms / 1000).toFixed(2)} s = ${fmt(rate(r.events, ms)).padStart(9)} events/s  (intents ${fmt(k.intents)}, fills ${fmt(k.fills)}, skips ${fmt(k.skips)})`);
  }
}
setFlagsFromString("--expose-gc");
(runInNewContext("gc") as () => void)();
console.log(`peak RSS (this process: read + replay): ${mb(process.resourceUsage().maxRSS)}  (live JS heap after the run, full GC: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB)`);
console.log(`targets: ≥ 1,000,000 events/s ${repRate >= 1e6 ? "MET" : "NOT MET"} · ≥ 40 % of raw ${repRate / rawRate >= 0.4 ? "MET" : "NOT MET"} · ≤ 1 GB RSS ${process.resourceUsage().maxRSS <= 1024 * 1024 ? "MET" : "NOT MET"} (at ${fmt(N)} events${N < 10_000_000 ? "; the target is at 10,000,000" : ""}; DuckDB memory_limit ${memoryLimit || "default"}, V8 old space ${heapMb > 0 ? `capped at ${heapMb} MB` : "default"}: spy replay opens its store at ${DEFAULT_MEMORY_LIMIT} and sets no heap cap)`);
if (process.argv.includes("--stages")) {
  // Where (b)'s time goes, with the events already in memory (after the RSS figure: holding them all costs memory).
  // Best of 3 each: decide alone (its own planned holdings); decide + paper fills (each intent submitted at once to
  // the leader-anchored engine, no flow, no accounting); the whole replay from memory (flow, in-flight orders,
  // accounting). Differences give each stage's share.
  const batches: LeaderTradeEvent[][] = [];
  for await (const b of dbSource(store).batches()) batches.push(b as LeaderTradeEvent[]);
  const bestOf = async (f: () => unknown) => {
    let ms = Infinity;
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      await f();
      ms = Math.min(ms, performance.now() - t);
    }
    return ms;
  };
  const decideMs = await bestOf(() => {
    const d = new Decider(config);
    for (const b of batches) for (const ev of b) d.step(ev);
  });
  const paperMs = await bestOf(() => {
    const d = new Decider(config);
    const books = createLeaderAnchoredBooks(config.fill);
    const eng = createPaperEngine({ books, latency: latencyFromConfig(config.latency, seed), slippage: config.defaults.slippage });
    for (const b of batches) {
      for (const ev of b) {
        books.observe(ev);
        const ds = d.step(ev);
        for (let i = 0; i < ds.length; i++) {
          const x = ds[i]!;
          if (x.kind === "intent") eng.submit(x.intent);
        }
      }
    }
  });
  const fullMs = await bestOf(() => runReplay({ source: { name: "memory", batches: () => batches }, config, recordSeries: series, label: "bench-stages" }));
  const us = (ms: number) => `${((ms * 1000) / N).toFixed(2)} µs/event`;
  console.log(`(d) stages, events in memory, best of 3: decide ${us(decideMs)} · paper fills +${us(paperMs - decideMs)} · flow, orders in flight and accounting +${us(fullMs - paperMs)} · whole ${us(fullMs)} (= ${fmt(rate(N, fullMs))} events/s; reading and building events adds (a') ${us(decMs)})`);
  // What each target leaves the pipeline per event once reading and building the events (a') is paid for.
  const left = (perSecond: number) => (1e6 / perSecond - (decMs * 1000) / N).toFixed(2);
  console.log(`(d) budgets: ≥ 1,000,000 events/s leaves ${left(1e6)} µs/event and ≥ 40 % of raw (${fmt(0.4 * rawRate)} events/s) leaves ${left(0.4 * rawRate)} µs/event for decide, fills, flow and accounting, after (a') ${us(decMs)}; they take ${us(fullMs)} in memory`);
  // The floor of the design (bench/design-floor.ts): the same events through the flow's three operators as Decision
  // and ExecEvent objects in (b)'s proportions, with no logic. No pipeline that keeps DESIGN.md's interfaces beats it.
  const filled = c.intents > 0 ? Math.min(1, c.fills / c.intents) : 0;
  const floorMs = await bestOf(() => floorPass(batches, c.intents / N, filled));
  const floorRate = 1e6 / ((floorMs * 1000) / N + (decMs * 1000) / N);
  console.log(`(f) floor of the design (events → three relay operators → a Decision per event, ${fmt(c.intents)} of them intents with idempotency keys, ${(filled * 100).toFixed(0)} % of those an accepted + fill + done batch; no logic): ${us(floorMs)}; with (a') that is at most ${fmt(floorRate)} events/s = ${((floorRate / rawRate) * 100).toFixed(1)} % of raw, before any logic`);
}
if (process.argv.includes("--journal")) {
  // After the RSS figure (the journal's DuckDB buffers are not the replay's). Context: (b) again, writing its intents,
  // skips, mirrors, exec events and positions into a fresh store.
  const out = join(tmpdir(), `spy-bench-journal-${process.pid}.duckdb`);
  const jdb = await openStore(out, { memoryLimit, threads: 2 });
  try {
    const t1 = performance.now();
    const j = await runReplay({ source: dbSource(store), config, recordSeries: series, label: "bench-journal", db: jdb });
    const ms = performance.now() - t1;
    const rows = Number(await jdb.scalar(`SELECT (SELECT count(*) FROM run_intents) + (SELECT count(*) FROM run_skips) + (SELECT count(*) FROM run_mirrors) + (SELECT count(*) FROM run_exec_events) + (SELECT count(*) FROM run_positions)`));
    console.log(`(e) journalled replay: ${(ms / 1000).toFixed(2)} s = ${fmt(rate(j.events, ms))} events/s, ${fmt(rows)} journal rows (${fmt(rate(rows, ms))} rows/s)`);
  } finally {
    jdb.close();
    for (const f of [out, out + ".wal"]) rmSync(f, { force: true });
  }
}
store.close();
