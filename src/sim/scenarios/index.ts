// Scenario entry points: startScenario(exchange, {name, seed, speed}) for tests and the CLI, and
// runExchangeCommand(opts) behind `spy exchange --scenario NAME --port P --speed X`.
import type { Logger } from "pino";
import type { SimLedger } from "../data-api/ledger.js";
import { ledgerOf } from "../data-api/ledger.js";
import { mirrorOf } from "../ws/mirror.js";
import { readActivity, replayableRows, type RecordedRow } from "./activity-file.js";
import { formatInputIssue, type InputIssue } from "../../core/input-issue.js";
import { ScenarioClock, isScenarioClock, parseSpeed, type Speed } from "./clock.js";
import { planRecorded, type ReplayPlan } from "./recorded.js";
import { Runner } from "./runner.js";
import { planSynthetic } from "./synthetic.js";
import type { ExchangeLike, ScenarioHandle } from "./types.js";
import { startFeedsExchange, type FeedsExchange } from "./exchange.js";

export { ScenarioClock, parseSpeed, type Speed } from "./clock.js";
export type { ScenarioHandle, LeaderInfo, ExchangeLike } from "./types.js";
export { startFeedsExchange } from "./exchange.js";

/** Scenario names: the synthetic market, a recorded leader (path required), or none (idle exchange). */
export const SCENARIOS = ["synthetic", "recorded", "none"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface ScenarioOptions {
  name: ScenarioName | string;
  seed?: number;
  speed?: Speed | string;
  /** recorded: an /activity JSON file or a directory of them; rows may also be passed directly. */
  path?: string;
  rows?: RecordedRow[];
  /** synthetic: sim run length and market count. */
  durationMs?: number;
  markets?: number;
}

export interface StartedScenario extends ScenarioHandle {
  ledger: SimLedger;
  replay?: ReplayPlan;
  /** recorded from a path: each bad file or row of it, skipped (the good rows were replayed). */
  inputIssues?: InputIssue[];
}

export function startScenario(exchange: ExchangeLike, o: ScenarioOptions): StartedScenario {
  const seed = o.seed ?? 1;
  const speed = parseSpeed(o.speed ?? "max");
  const clock = exchange.clock ?? exchange.engine.clock;
  const ledger = ledgerOf(mirrorOf(exchange.engine));
  const runner = new Runner(clock, speed);
  const sc = isScenarioClock(clock) ? clock : undefined;
  let markets: string[] = [];
  let leaders: ScenarioHandle["leaders"] = [];
  let replay: ReplayPlan | undefined;
  let inputIssues: InputIssue[] | undefined;
  if (o.name === "synthetic") {
    const p = planSynthetic(exchange.engine, ledger, runner, {
      seed,
      startMs: clock.now(),
      ...(o.durationMs !== undefined ? { durationMs: o.durationMs } : {}),
      ...(o.markets !== undefined ? { markets: o.markets } : {}),
    });
    markets = p.markets;
    leaders = p.leaders;
  } else if (o.name === "recorded") {
    const read = o.rows === undefined && o.path ? readActivity(o.path) : undefined;
    const rows = o.rows ?? (read ? replayableRows(read) : undefined);
    if (!rows) throw new Error("scenario recorded: give path (an /activity JSON file or directory)");
    inputIssues = read?.issues;
    const first = rows[0];
    if (sc && first) sc.reset(first.timestamp * 1000 - 1_000);
    replay = planRecorded(exchange.engine, ledger, runner, rows, seed);
    markets = replay.markets.map((m) => m.conditionId);
    leaders = [{ name: first?.name || "recorded-leader", address: replay.leader, style: "recorded" }];
  } else if (o.name !== "none") {
    throw new Error(`scenario: ${JSON.stringify(o.name)} is not one of ${SCENARIOS.join(", ")}`);
  }
  const done = runner.run();
  return {
    name: String(o.name),
    seed,
    speed,
    markets,
    leaders,
    done,
    ledger,
    ...(replay ? { replay } : {}),
    ...(inputIssues ? { inputIssues } : {}),
    stop: () => runner.stop(),
    stats: () => ({ actions: runner.actions, errors: runner.errors.length + (replay?.failures.length ?? 0), pending: runner.pending() }),
  };
}

export interface ExchangeCommandOptions {
  scenario?: string;
  port?: number;
  host?: string;
  speed?: string;
  seed?: number;
  path?: string;
  durationMs?: number;
  /** Where to print (defaults to console.log); secrets are never printed. */
  print?: (line: string) => void;
  /** The exchange's request and error log (ExchangeOptions.log). */
  log?: Logger;
  /** Wallets credited with pUSD at start (a rehearsal runner's own wallet has nothing else to trade with). */
  fund?: readonly { address: string; usd: number }[];
}

export interface RunningExchange extends FeedsExchange {
  scenario: StartedScenario;
}

/**
 * Start the exchange and a scenario; prints the endpoints (and each bad file or row of a recording, skipped, with the
 * counts). Resolves once listening. Bad input that leaves nothing to play rejects before any server starts.
 */
export async function runExchangeCommand(o: ExchangeCommandOptions): Promise<RunningExchange> {
  const print = o.print ?? ((l: string) => console.log(l));
  const name = o.scenario ?? "synthetic";
  const speed = parseSpeed(o.speed ?? "1");
  const seed = o.seed ?? 1;
  if (name === "recorded" && !o.path) throw new Error("exchange: --scenario recorded needs --file PATH (an /activity JSON file or directory)");
  const read = name === "recorded" ? readActivity(o.path!) : undefined;
  for (const i of read?.issues ?? []) print(`warning: ${formatInputIssue(i)} (skipped)`);
  const rows = read ? replayableRows(read) : undefined;
  if (read) print(`activity ${read.path}: files ${read.files} · rows ${read.read} · loaded ${read.rows.length} · bad ${read.issues.length}`);
  // real time starts at the wall clock; a recording starts at its first row
  const clock = new ScenarioClock(rows?.[0] ? rows[0].timestamp * 1000 : Date.now());
  // port/host unset: startExchange picks a free port on 127.0.0.1 (its defaults, not restated here)
  const fx = await startFeedsExchange({ port: o.port, host: o.host, clock, seed, ...(o.log ? { log: o.log } : {}) });
  let scenario: StartedScenario;
  try {
    scenario = startScenario({ engine: fx.exchange.engine, clock }, {
      name,
      seed,
      speed,
      ...(rows ? { rows } : {}),
      ...(o.durationMs !== undefined ? { durationMs: o.durationMs } : {}),
    });
  } catch (e) {
    await fx.close(); // a scenario that cannot start must not leave the servers holding the process open
    throw e;
  }
  if (read) scenario.inputIssues = read.issues;
  for (const f of o.fund ?? []) fx.exchange.engine.credit(f.address, f.usd);
  print(`exchange listening: ${fx.exchange.url} (scenario ${name}, seed ${seed}, speed ${speed === "max" ? "max" : `x${speed}`})`);
  print(`  CLOB REST ${fx.exchange.url}  ·  Data API ${fx.exchange.url}/{trades,activity,positions}  ·  Gamma ${fx.exchange.url}/gamma/markets`);
  print(`  WS ${fx.wsUrl}/ws/market  ·  ${fx.wsUrl}/ws/user  ·  RTDS ${fx.wsUrl}/rtds`);
  for (const l of scenario.leaders) print(`  leader ${l.name} ${l.address} — ${l.style}`);
  for (const f of o.fund ?? []) print(`  funded ${f.address} with ${f.usd} pUSD`);
  return { ...fx, scenario, close: async () => (scenario.stop(), fx.close()) };
}
