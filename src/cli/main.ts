// The one `spy` command: wires every subcommand; errors print one clear line and exit non-zero.
// Subcommands live in src/cli/commands/, one file each.
import { Command, CommanderError } from "commander";
import { ConfigError } from "../core/index.js";
import { registerConfigCommand } from "./commands/config.js";
import { registerReasonsCommand } from "./commands/reasons.js";
import { registerImportCommand } from "./commands/import.js";
import { registerReplayCommand } from "./commands/replay.js";
import { registerExchangeCommand } from "./commands/exchange.js";
import { registerDemoCommand } from "./commands/demo.js";

export function buildProgram(): Command {
  const program = new Command("spy")
    .description("PolymarketSpy: copy-trading replays, paper/shadow/live runner and a local Polymarket exchange")
    .showHelpAfterError()
    .exitOverride();
  registerDemoCommand(program);
  registerImportCommand(program);
  registerReplayCommand(program);
  registerExchangeCommand(program);
  registerConfigCommand(program);
  registerReasonsCommand(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    console.error(`spy: ${(e as Error).message}`);
    return 1;
  }
}

// a reader that stops early (`spy replay … | head`) closes stdout: the runs still go on to their journal and plots
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE" && e.code !== "ERR_STREAM_DESTROYED") throw e;
});
const code = await main(process.argv);
process.exitCode = code;
