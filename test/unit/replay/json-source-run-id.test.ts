// The run id of a --from-json replay names its files by absolute path, as a database source does: `dir`, `./dir` and
// the full path are one run, and one relative name replayed from two working directories is two runs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { jsonSource } from "../../../src/replay/sources.js";
import { activityRow } from "../../helpers/activity-row.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(rows: number, size: number): string {
  const d = mkdtempSync(join(tmpdir(), "spy-jsonid-"));
  dirs.push(d);
  mkdirSync(join(d, "acts"));
  writeFileSync(join(d, "acts", "a.json"), JSON.stringify(Array.from({ length: rows }, (_, i) => activityRow(i, { size }))));
  return d;
}

describe("--from-json run ids", () => {
  it("name the files by absolute path", async () => {
    const config = parseConfig({});
    const id = async (path: string) => (await runReplay({ source: jsonSource(path), config, recordSeries: false })).runId;
    const a = folder(3, 10);
    const abs = join(a, "acts");
    const rel = relative(process.cwd(), abs);
    expect(await id(rel)).toBe(await id(abs));
    const b = folder(4, 20);
    expect(await id(join(b, "acts"))).not.toBe(await id(abs));
  });
});
