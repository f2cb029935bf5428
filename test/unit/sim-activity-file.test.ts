// The recorded scenario's activity reader: files are found as the replay's importer finds them (sub-folders too); a bad
// row or file is an issue naming file, row, field and value and is skipped while the good rows load; a file that is
// not JSON is named with the position only (never its text); an empty file or folder is an error naming it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readActivity, replayableRows } from "../../src/sim/scenarios/activity-file.js";
import { formatInputIssue } from "../../src/core/input-issue.js";
import { activityRow } from "../helpers/activity-row.js";

const dir = mkdtempSync(join(tmpdir(), "spy-sim-activity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = activityRow;

describe("readActivity", () => {
  it("skips a bad row with file, row, field and value; the file's good rows load", () => {
    const f = join(dir, "one.json");
    writeFileSync(f, JSON.stringify([row(2), row(1, { size: "ten" }), row(0)]));
    const a = readActivity(f);
    expect(a.rows.map((r) => r.timestamp - 1_767_236_479)).toEqual([0, 2]);
    expect(a).toMatchObject({ files: 1, read: 3, folder: false });
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({ file: "one.json", row: 1, field: "size", value: "ten" });
    expect(formatInputIssue(a.issues[0]!)).toMatch(/^one\.json row 1: size = "ten": /);
  });

  it("reads every .json below a folder, sub-folders too; a bad file is named (position, not text) and the rest load", () => {
    const d = join(dir, "tree");
    mkdirSync(join(d, "leader-b"), { recursive: true });
    writeFileSync(join(d, "a.json"), JSON.stringify([row(3)]));
    writeFileSync(join(d, "leader-b", "b.json"), JSON.stringify({ data: [row(1), row(2, { price: 7 })] }));
    writeFileSync(join(d, "leader-b", "keys.json"), '{\n  "apiKey": hunter2-secret\n}');
    const a = readActivity(d);
    expect(a.rows.map((r) => r.timestamp - 1_767_236_479)).toEqual([1, 3]);
    expect(a).toMatchObject({ files: 3, read: 3, folder: true });
    const lines = a.issues.map(formatInputIssue);
    expect(lines).toEqual([
      expect.stringMatching(/^leader-b[\\/]b\.json row 1: price = 7: /),
      expect.stringMatching(/^leader-b[\\/]keys\.json: \(file\) = null: not JSON: unexpected character at line 2 column 13$/),
    ]);
    expect(lines.join("\n")).not.toContain("hunter2");
    expect(replayableRows(a)).toHaveLength(2);
  });

  it("an empty file, a folder of empty files, an empty folder or only bad rows: an error naming the file or folder", () => {
    const empty = join(dir, "empty.json");
    writeFileSync(empty, "[]");
    expect(() => replayableRows(readActivity(empty))).toThrow(`${empty}: this file has no activity rows: it holds an empty JSON array`);
    const d = join(dir, "empties");
    mkdirSync(join(d, "sub"), { recursive: true });
    writeFileSync(join(d, "sub", "e.json"), "[]");
    expect(() => replayableRows(readActivity(d))).toThrow(`${d}: this folder (1 .json file in it or below it) has no activity rows`);
    const none = join(dir, "none");
    mkdirSync(none);
    expect(() => readActivity(none)).toThrow(`${none}: no .json files in this folder or below it`);
    const bad = join(dir, "allbad.json");
    writeFileSync(bad, JSON.stringify([row(0, { size: "ten" })]));
    expect(() => replayableRows(readActivity(bad))).toThrow(`${bad}: this file has no usable activity rows: 1 bad (first: allbad.json row 0: size = "ten"`);
  });
});
