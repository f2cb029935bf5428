// `spy demo` (what `npm start` runs): replays a seeded synthetic leader history on embedded defaults (SPY__* apply)
// — no network, no keys, no ../shared — prints the report and writes the plots to data/runs/demo.html.
import type { Command } from "commander";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { applyEnvOverrides, ConfigError, parseConfig } from "../../core/index.js";
import { runReplay, formatRun } from "../../replay/runner.js";
import { syntheticSource } from "../../replay/sources.js";
import { createProgress } from "../../replay/progress.js";
import { renderReplayPlots } from "../../replay/plot.js";
import { fieldSource, loadConfig } from "../config-file.js";
import { integerOption, outputFileOption, seedOption } from "../args.js";

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("replay a seeded synthetic leader history on embedded defaults and print the report (npm start)")
    .option("--events <n>", "synthetic leader events", "20000")
    .option("--seed <n>", "seed of the synthetic history", "7")
    .option("--config <file>", "config JSON (embedded demo config: ratio 0.25, bankroll $5,000, FAK, 5 % slippage, leader-anchored books)")
    .option("--out <file>", "where to write the plots (HTML)", "data/runs/demo.html")
    .action(async (o: { events: string; seed: string; config?: string; out: string }) => {
      const events = integerOption("--events", o.events, true);
      const seed = seedOption("--seed", o.seed);
      outputFileOption("--out", o.out);
      const config = o.config ? loadConfig(o.config) : parseConfig(applyEnvOverrides({ defaults: { ratio: 0.25, slippage: 0.05 }, bankroll: 5_000 }, process.env));
      // the synthetic markets have no recorded books: such a config would leave every order without a book
      if (config.fill.book !== "leader-anchored") {
        throw new ConfigError([`${fieldSource("fill.book", o.config)}: fill.book: spy demo replays synthetic markets, which no recorded book covers; use "leader-anchored", or spy replay for recorded books (got ${JSON.stringify(config.fill.book)})`]);
      }
      const source = syntheticSource({ seed, events, leaders: 3, markets: 6 });
      const run = await runReplay({ source, config, label: "demo", progress: createProgress(process.stderr) });
      console.log(formatRun(run));
      const out = resolve(o.out);
      mkdirSync(resolve(out, ".."), { recursive: true });
      writeFileSync(out, renderReplayPlots({ title: `PolymarketSpy demo replay (${source.name})`, meta: run.meta, summary: run.summary, drift: run.drift }));
      console.log(`\nplots: ${out}`);
    });
}
