// `spy reasons`: print the table of skip reason codes and why each exists.
// Same text as docs/skip-reasons.md.
import type { Command } from "commander";
import { renderReasonTable } from "../reason-table.js";

export function registerReasonsCommand(program: Command): void {
  program
    .command("reasons")
    .description("list skip reasons and executor reject/end codes, and why each exists")
    .action(() => {
      process.stdout.write(renderReasonTable());
    });
}
