// bench/replay.ts (README's benchmark command) refuses an unknown flag or a stray word, naming it, exit non-zero,
// before it generates anything: a misspelt --event 5000 used to run the 1,000,000-event default for minutes.
import { expect, it } from "vitest";
import { spawnSync } from "node:child_process";

const BENCH = new URL("../../bench/replay.ts", import.meta.url).pathname;
const bench = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", BENCH, ...args], { encoding: "utf8", timeout: 120_000 });

it("an unknown flag is named and nothing is measured", () => {
  const r = bench(["--events", "10", "--config"]);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('unknown option "--config"');
  expect(r.stdout).not.toContain("generate:");
});

it("a word that belongs to no flag is named", () => {
  const r = bench(["--events", "10", "--stages", "extra"]);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('"extra"');
  expect(r.stdout).not.toContain("generate:");
});

it("a value flag with no value is named", () => {
  const r = bench(["--events", "10", "--db"]);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain("--db: expected a value");
});
