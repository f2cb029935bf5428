// `spy replay --config …` labels each run by its file name, made distinct when names repeat: a made-up "#k" label
// never equals another file's own name, so every run printed is a run journalled, under a label of its own.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replayCommand } from "../../../src/cli/commands/replay.js";
import { openStore } from "../../../src/store/db.js";

describe("replay labels", () => {
  it("a#2.json beside two a.json: three labels, three runs in the journal", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-labels-"));
    for (const d of ["x", "y"]) mkdirSync(join(dir, d));
    const same = JSON.stringify({ defaults: { ratio: 0.3 } });
    writeFileSync(join(dir, "x", "a.json"), JSON.stringify({ defaults: { ratio: 0.2 } }));
    writeFileSync(join(dir, "y", "a.json"), same);
    writeFileSync(join(dir, "a#2.json"), same);
    const db = join(dir, "j.duckdb");
    const runs = await replayCommand({ synthetic: "300", seed: "1", db, config: [join(dir, "x", "a.json"), join(dir, "y", "a.json"), join(dir, "a#2.json")] }, () => undefined);
    const labels = runs.map((r) => r.label);
    expect(new Set(labels).size).toBe(3);
    expect(labels[2]).toBe("a#2"); // a file's own name is kept
    const store = await openStore(db, { readOnly: true });
    const n = await store.scalar("SELECT count(*) FROM replay_runs");
    store.close();
    expect(n).toBe(3);
  }, 60_000);
});
