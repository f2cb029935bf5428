// `spy config check|show`: validate a config file (+ SPY__* env overrides) and print the effective config, each
// leader as decide reads it. Exits non-zero naming every bad field and value.
import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
import { ConfigError, EXEC_MODES, leaderSettings, modeEnabled } from "../../core/index.js";
import { fieldSource, loadConfig } from "../config-file.js";

export function registerConfigCommand(program: Command): void {
  const cfg = program.command("config").description("validate and show configuration");
  cfg
    .command("check")
    .description("validate a config file and SPY__* env overrides; exit 2 on any bad field")
    .argument("[file]", "config JSON file (defaults are used when omitted)")
    .action((file?: string) => {
      const config = loadConfig(file);
      // what a replay opens: the recorded books must be there (their rows are checked when loaded)
      const books = config.fill.path;
      if (config.fill.book !== "leader-anchored" && books !== undefined && !existsSync(books)) {
        throw new ConfigError([`${fieldSource("fill.path", file)}: fill.path: no such file or folder (got ${JSON.stringify(books)})`]);
      }
      // recorded-bbo reads a folder of sessions; recorded-l1 and parquet-events read one file
      if (config.fill.book !== "leader-anchored" && config.fill.book !== "recorded-bbo" && books !== undefined && statSync(books).isDirectory()) {
        throw new ConfigError([`${fieldSource("fill.path", file)}: fill.path: a folder, but fill.book "${config.fill.book}" reads one file (got ${JSON.stringify(books)})`]);
      }
      console.log(`config ok${file ? `: ${file}` : " (embedded defaults)"}`);
    });
  cfg
    .command("show")
    .description("print the effective config (defaults + file + env) as JSON, each leader with its effective settings")
    .argument("[file]", "config JSON file")
    .action((file?: string) => {
      const config = loadConfig(file);
      // each leader as decide reads it: the defaults with its overrides merged in, "inherit" resolved (a state left at
      // inherit follows the global switches: modesOn gives what each mode's switch comes to for it; the kill switch
      // turns every mode off)
      const modesOn = (w: string) => Object.fromEntries(EXEC_MODES.map((m) => [m, !config.killSwitch && modeEnabled(config, w, m)]));
      const leaders = Object.fromEntries(Object.keys(config.leaders).map((w) => [w, { ...leaderSettings(config, w), modesOn: modesOn(w) }]));
      console.log(JSON.stringify({ ...config, leaders }, null, 2));
    });
}
