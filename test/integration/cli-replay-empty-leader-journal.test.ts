// Real `spy replay --synthetic --leader <wallet it lacks> --db`: the command fails (exit 1) and journals nothing,
// not an all-zero run a notebook would read as a result; an earlier journal in the file stays as it was.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/db.js";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const spy = (args: string[]) => spawnSync(process.execPath, [SPY, ...args], { encoding: "utf8" });

describe("spy replay --synthetic with a --leader the history lacks", () => {
  it("exits 1 and leaves the journal as it was", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "spy-empty-leader-")), "j.duckdb");
    expect(spy(["replay", "--synthetic", "300", "--db", db]).status).toBe(0);
    const none = spy(["replay", "--synthetic", "300", "--leader", "0x" + "de".repeat(20), "--db", db]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain("no events of this leader");
    const store = await openStore(db, { readOnly: true });
    const runs = await store.rows<{ events: number }>("SELECT events FROM replay_runs");
    store.close();
    expect(runs).toEqual([{ events: 300 }]);
  }, 60_000);
});
