// spy replay --from-json of files with no readable rows says so (the advice to run spy import is the database's).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { replayCommand } from "../../../src/cli/commands/replay.js";

const dir = mkdtempSync(join(tmpdir(), "spy-rev-empty-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("spy replay --from-json of files with no usable rows", () => {
  it("says the files hold no leader events, without pointing at spy import / a database", async () => {
    writeFileSync(join(dir, "a.json"), "[]");
    const err = await replayCommand({ fromJson: dir, save: false }, () => {}, () => {}).then(() => undefined, (e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).not.toMatch(/spy import|--db/); // actual: "no leader events in json:…: run `spy import activity <dir> --db data/spy.duckdb` first"
  });
});
