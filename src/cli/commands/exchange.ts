// `spy exchange`: run the local Polymarket exchange (CLOB REST + WS, Data API, Gamma, RTDS) with a
// scenario; Ctrl-C stops it. Wiring only: the work is in src/sim/scenarios.
import { Command, Option } from "commander";
import { runExchangeCommand, SCENARIOS } from "../../sim/scenarios/index.js";
import { integerInRange, positiveNumberOption, seedOption } from "../args.js";
import { createLogger, LOG_LEVELS } from "../log.js";

export function registerExchangeCommand(program: Command): void {
  program
    .command("exchange")
    .description("run the local Polymarket exchange on loopback with a scenario")
    .addOption(new Option("--scenario <name>", "scenario to play").choices([...SCENARIOS]).default("synthetic"))
    .option("--port <port>", "TCP port (0 = any free port)", "0")
    .option("--host <host>", "bind address (loopback by default)", "127.0.0.1")
    .option("--speed <speed>", 'pace: 1 = real time, N or xN = N× faster, "max" = virtual clock, as fast as possible', "1")
    .option("--seed <seed>", "seed of every random choice", "1")
    .option("--file <path>", "recorded scenario: Data API /activity JSON file or directory")
    .option("--duration <seconds>", "synthetic scenario: sim seconds to run")
    .option("--fund <wallet=usd...>", "credit a wallet with pUSD at start (repeatable; e.g. a rehearsal runner's wallet)", (v: string, acc: string[] = []) => [...acc, v])
    .addOption(
      new Option("--log-level <level>", "JSON log on stderr: debug logs every request (auth secrets redacted), error logs handler crashes")
        .choices([...LOG_LEVELS])
        .default(process.env.SPY_LOG_LEVEL ?? "info"),
    )
    .action(async (o: { scenario: string; port: string; host: string; speed: string; seed: string; file?: string; duration?: string; fund?: string[]; logLevel: string }) => {
      const port = integerInRange("--port", o.port, 0, 65_535);
      const seed = seedOption("--seed", o.seed);
      const duration = o.duration === undefined ? undefined : positiveNumberOption("--duration", o.duration);
      const fund = (o.fund ?? []).map(parseFund);
      const ex = await runExchangeCommand({
        scenario: o.scenario,
        port,
        host: o.host,
        speed: o.speed,
        seed,
        log: createLogger("exchange", o.logLevel),
        ...(o.file ? { path: o.file } : {}),
        ...(duration !== undefined ? { durationMs: duration * 1000 } : {}),
        fund,
      });
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
        void ex.scenario.done.then(() => console.log(`scenario ${o.scenario} finished (${ex.scenario.stats().actions} actions); exchange keeps serving, Ctrl-C to stop`));
      });
      await ex.close();
    });
}

/** `--fund 0x…=1000`: a wallet (0x + 40 hex) and a positive pUSD amount. */
function parseFund(v: string): { address: string; usd: number } {
  const m = /^(0x[0-9a-fA-F]{40})=([0-9.]+)$/.exec(v);
  const usd = m ? Number(m[2]) : Number.NaN;
  if (!m || !(usd > 0) || !Number.isFinite(usd)) throw new Error(`--fund: ${JSON.stringify(v)} is not WALLET=USD (a 0x wallet of 40 hex digits and a positive amount)`);
  return { address: m[1]!.toLowerCase(), usd };
}
