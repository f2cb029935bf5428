// `spy config check|show`: validate a config file (+ SPY__* env overrides) and print the effective config.
// Exits non-zero naming every bad field and value.
import type { Command } from "commander";
import { loadConfig } from "../config-file.js";

export function registerConfigCommand(program: Command): void {
  const cfg = program.command("config").description("validate and show configuration");
  cfg
    .command("check")
    .description("validate a config file and SPY__* env overrides; exit 2 on any bad field")
    .argument("[file]", "config JSON file (defaults are used when omitted)")
    .action((file?: string) => {
      loadConfig(file);
      console.log(`config ok${file ? `: ${file}` : " (embedded defaults)"}`);
    });
  cfg
    .command("show")
    .description("print the effective config (defaults + file + env) as JSON")
    .argument("[file]", "config JSON file")
    .action((file?: string) => {
      console.log(JSON.stringify(loadConfig(file), null, 2));
    });
}
