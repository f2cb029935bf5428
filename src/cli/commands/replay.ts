// `spy replay`: replay leader history (DuckDB, JSON or synthetic) through decide → paper → accounting, one run per
// config (--config a b c); prints each report and a comparison; --resolutions settles known outcomes, --plot charts.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { Command } from "commander";
import { ConfigError, type Config } from "../../core/index.js";
import { createProgress } from "../../replay/progress.js";
import { renderReplayComparison } from "../../replay/plot.js";
import { booksFromConfig, formatComparison, formatRun, runReplay, type ReplayRun } from "../../replay/runner.js";
import { formatInputIssue } from "../../core/input-issue.js";
import { loadResolutions, type MarketFee, type MarketResolution } from "../../replay/resolutions.js";
import { dbSource, jsonSource, syntheticSource, type ReplaySource } from "../../replay/sources.js";
import { openStore, type Store } from "../../store/db.js";
import { loadConfig } from "../config-file.js";
import { integerOption, outputFileOption, seedOption } from "../args.js";
import { DEFAULT_DB } from "./import.js";

interface ReplayCliOptions {
  db?: string;
  fromJson?: string;
  synthetic?: string;
  seed?: string;
  leader?: string[];
  config?: string[];
  save?: boolean;
  resolutions?: string;
  plot?: string;
}

export function registerReplayCommand(program: Command): Command {
  return program
    .command("replay")
    .description("replay leader history (DuckDB, JSON files or synthetic) through decide → paper executor → ledger")
    .option("--db <path>", `DuckDB database: event source and run journal (default ${DEFAULT_DB}); with --from-json/--synthetic runs are journalled only when --db is given`)
    .option("--from-json <path>", "read Data API /activity or /trades JSON files (file or folder) instead of the database")
    .option("--synthetic <events>", "replay a seeded synthetic history of this many events")
    .option("--seed <n>", "seed of --synthetic", "1")
    .option("--leader <wallet...>", "only these leaders")
    .option("--config <file...>", "config file(s); several = several runs")
    .option("--resolutions <path>", "market JSON (file or folder): Gamma markets, events or search answers, CLOB /markets objects or pages, CLOB /clob-markets details; resolved markets settle at 1/0, fee schedules (Gamma feeSchedule, CLOB fd) apply to fills there")
    .option("--plot <file>", "write the runs' charts (drift per leader, gap by cause, configs compared) to this HTML file")
    .option("--no-save", "do not journal the runs into the database")
    .action(async (o: ReplayCliOptions) => {
      // the report to stdout; warnings about the inputs to stderr (a report piped to a file stays clean)
      let skipped = 0;
      await replayCommand(o, (s) => process.stdout.write(s + "\n"), (s, dropped, count = 1) => {
        process.stderr.write(s + "\n");
        if (dropped) skipped += count; // a summary line stands for `count` pieces not listed
      });
      // the runs went ahead on the good input; what was skipped makes the command fail, as an import does
      if (skipped > 0) {
        process.stderr.write(`${skipped} input row(s) or file(s) skipped as bad (warnings above): exit 1\n`);
        process.exitCode = 1;
      }
    });
}

/**
 * Labels made distinct: a name given twice (configs of one file name in two folders) gets #1, #2, …, skipping any
 * label another file is named (a#2.json beside two a.json) or one already given: a label is part of a run's id, so two
 * equal labels of one config would journal one run where two were printed.
 */
function uniqueLabels(names: readonly string[]): string[] {
  const used = new Set(names.filter((n) => names.indexOf(n) === names.lastIndexOf(n)));
  const next = new Map<string, number>();
  return names.map((n) => {
    if (names.indexOf(n) === names.lastIndexOf(n)) return n;
    let k = next.get(n) ?? 1;
    while (used.has(`${n}#${k}`)) k++;
    next.set(n, k + 1);
    used.add(`${n}#${k}`);
    return `${n}#${k}`;
  });
}

/** Every --config file, labelled; one error naming every bad field of every file (not only the first bad file's). */
function loadConfigs(files: readonly string[]): { label: string; config: Config }[] {
  const issues: string[] = [];
  const configs = uniqueLabels(files.map((f) => basename(f).replace(/\.json$/i, ""))).flatMap((label, i) => {
    try {
      return [{ label, config: loadConfig(files[i]) }];
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      issues.push(...e.issues);
      return [];
    }
  });
  // a bad SPY__ variable applies to every file: said once
  if (issues.length > 0) throw new ConfigError([...new Set(issues)]);
  return configs;
}

/** The command's work, callable from tests: returns the runs after printing their reports (warnings to `warn`). */
export async function replayCommand(o: ReplayCliOptions, print: (s: string) => void, warn: (s: string, skipped: boolean, count?: number) => void = print): Promise<ReplayRun[]> {
  if (o.synthetic && o.fromJson) throw new Error("--synthetic and --from-json both name the events to replay: pass one");
  if (o.plot) outputFileOption("--plot", o.plot);
  const configs: { label: string; config: Config }[] = o.config?.length
    ? loadConfigs(o.config)
    : [{ label: "default", config: loadConfig(undefined) }];
  let store: Store | undefined;
  let source: ReplaySource;
  let skippedRows = 0; // source rows refused as unreadable (--from-json, or a database's imports): journalled with each run
  const leaders = o.leader?.map((l) => l.toLowerCase());
  if (o.synthetic) {
    source = syntheticSource({ events: integerOption("--synthetic", o.synthetic, true), seed: seedOption("--seed", o.seed ?? "1") });
    if (o.db && o.save !== false) store = await openStore(o.db);
  } else if (o.fromJson) {
    const js = jsonSource(o.fromJson, leaders);
    for (const e of js.errors) warn(`warning: ${formatInputIssue(e)}`, true);
    skippedRows = js.errors.length;
    source = js;
    if (o.db && o.save !== false) store = await openStore(o.db);
  } else {
    const db = o.db ?? DEFAULT_DB;
    if (!existsSync(db)) throw new Error(`no database at ${db}: run \`spy import activity <dir> --db ${db}\` first, or pass --from-json <dir>`);
    store = await openStore(db, { readOnly: o.save === false });
    source = dbSource(store, leaders ? { leaders } : {});
    // rows its imports refused (named then, kept in import_errors) are missing from this history as from --from-json's
    try {
      skippedRows = Number(await store.scalar("SELECT count(*) FROM import_errors"));
    } catch (e) {
      store.close();
      throw e;
    }
    if (skippedRows > 0) warn(`warning: ${db}: ${skippedRows} row(s) or file(s) of its imports were refused as unreadable (listed in its table import_errors, named when imported); the runs replay the rest`, true, skippedRows);
  }
  // from here on the store is open: every way out (a failed check, an unreadable --resolutions, a run) closes it
  try {
    return await replayRuns(o, configs, { source, store, leaders, skippedRows }, print, warn);
  } finally {
    store?.close();
  }
}

/** What replayRuns reads: the source, the store (when journalling or reading one), the --leader filter, rows refused. */
interface OpenInput {
  source: ReplaySource;
  store: Store | undefined;
  leaders: string[] | undefined;
  skippedRows: number;
}

/** replayCommand once its source (and store, when journalling or reading one) is open. */
async function replayRuns(o: ReplayCliOptions, configs: { label: string; config: Config }[], input: OpenInput, print: (s: string) => void, warn: (s: string, skipped: boolean, count?: number) => void): Promise<ReplayRun[]> {
  const { source, store, leaders, skippedRows } = input;
  // a --leader that matches nothing (a name instead of a wallet, a typo) would replay nothing and report all zeros
  const noEventsOf = (l: string[]) => `--leader ${l.join(", ")}: no events of ${l.length > 1 ? "these leaders" : "this leader"} in ${source.name} (a leader is its 0x wallet)`;
  if (source.count && (await source.count()) === 0) {
    // an empty database (e.g. one a failed import left) would replay nothing and report all zeros too
    throw new Error(leaders ? noEventsOf(leaders) : o.fromJson ? `no leader events in ${source.name}: its files hold no readable /activity or /trades rows` : `no leader events in ${source.name}: run \`spy import activity <dir> --db ${o.db ?? DEFAULT_DB}\` first`);
  }
  let resolutions: MarketResolution[] | undefined;
  let fees: MarketFee[] | undefined;
  if (o.resolutions) {
    if (!existsSync(o.resolutions)) throw new Error(`--resolutions: no file or folder at ${o.resolutions}`);
    const r = loadResolutions(o.resolutions);
    for (const i of r.issues) warn(`warning: ${formatInputIssue(i)} (${i.kept ?? "skipped"})`, i.kept === undefined);
    const skipped = r.issues.filter((i) => i.kept === undefined).length;
    print(`Resolutions: ${r.resolutions.length} of ${r.markets} markets in ${r.files} file(s) resolved at 1/0; ${r.unresolved.length} not resolved, ${skipped} skipped as unreadable`);
    resolutions = r.resolutions;
    const charging = r.fees.filter((f) => f.fee !== null).length;
    if (r.fees.length > 0) print(`Fees: ${charging} market(s) carry a taker fee schedule (their fills pay it), ${r.fees.length - charging} charge none`);
    fees = r.fees;
  }
  const runs: ReplayRun[] = [];
  // a warning about an input every config reads (a book file, a resolution) is said, and counted, once, not per config
  const said = new Set<string>();
  const warnOnce = (line: string, skipped: boolean, count = 1): void => {
    if (!said.has(line)) warn(line, skipped, count);
    said.add(line);
  };
  for (const { label, config } of configs) {
    const books = await booksFromConfig(config);
    // configs reading the same book file (and options) report the same rows: once, not once per config
    for (const i of books.issues) warnOnce(`warning: ${formatInputIssue(i)} (${i.kept ?? "skipped"})`, i.kept === undefined, i.count ?? 1);
    const run = await runReplay({
      source,
      config,
      books,
      ...(leaders ? { leaders } : {}),
      ...(resolutions ? { resolutions } : {}),
      ...(fees ? { fees } : {}),
      ...(store && o.save !== false ? { db: store } : {}),
      // a synthetic history's count is before the --leader filter: a leader it does not have shows only once the
      // run has read its events, and fails it then, before it is journalled
      ...(leaders ? { requireEvents: noEventsOf(leaders) } : {}),
      skippedRows,
      progress: createProgress(process.stderr),
      label,
    });
    if (leaders && runs.length === 0) {
      // some of several --leader wallets may match nothing (a typo among good ones): say which, once
      const had = new Set(run.result.tracking.map((t) => t.leader));
      const none = leaders.filter((l) => !had.has(l));
      if (none.length > 0) warn(`warning: ${noEventsOf(none)}; replayed the others`, false);
    }
    // a resolution the run could not apply is a bad input object: named, counted (exit 1)
    for (const i of run.unappliedResolutions) warnOnce(`warning: ${formatInputIssue(i)} (skipped)`, true);
    // a leader REDEEM whose payout implies another winner than the resolution given: the resolution was applied;
    // said once (the run's report names it too), not a skipped input
    for (const i of run.redeemConflicts) warnOnce(`warning: ${formatInputIssue(i)} (${i.kept})`, false);
    runs.push(run);
    print(formatRun(run));
    print("");
  }
  if (runs.length > 1) print(`Comparison:\n${formatComparison(runs)}`);
  if (o.plot) {
    const out = resolve(o.plot);
    mkdirSync(dirname(out), { recursive: true });
    const title = `PolymarketSpy replay of ${runs[0]?.source ?? "nothing"}`;
    writeFileSync(out, renderReplayComparison(title, runs.map((r) => ({ label: r.label, title, meta: r.meta, summary: r.summary, drift: r.drift }))));
    print(`plots: ${out}`);
  }
  return runs;
}
