// `spy import activity <file|dir> [--db path]`: load Data API /activity or /trades JSON into DuckDB.
// Prints counts (read, imported, duplicates, bad); exits non-zero when any row was bad, after importing the rest.
import type { Command } from "commander";
import { formatImportReport, importActivity } from "../../replay/import-activity.js";
import { jsonFiles } from "../../core/json-files.js";
import { openStore } from "../../store/db.js";

export const DEFAULT_DB = "data/spy.duckdb";

export function registerImportCommand(program: Command): Command {
  const imp = program.command("import").description("import recorded leader history into the DuckDB store");
  imp
    .command("activity")
    .description("import Data API /activity or /trades JSON arrays (a file or a folder of *.json)")
    .argument("<path>", "JSON file or folder")
    .option("--db <path>", "DuckDB database file", DEFAULT_DB)
    .action(async (path: string, opts: { db: string }) => {
      jsonFiles(path); // a path with nothing to import fails here, before a database is created for it
      const store = await openStore(opts.db);
      try {
        const r = await importActivity(store, path);
        process.stdout.write(formatImportReport(r) + "\n");
        if (r.bad > 0) process.exitCode = 1;
      } finally {
        store.close();
      }
    });
  return imp;
}
