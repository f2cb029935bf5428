// Symbolic links under a folder core's jsonFiles reads (import, --from-json, --resolutions, the recorded scenario): a
// link back to a parent is followed once, and a *.json link looping on itself is named like a broken one.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { jsonFiles } from "../../../src/core/json-files.js";
import { importActivity } from "../../../src/replay/import-activity.js";
import { openStore } from "../../../src/store/db.js";
import { activityRow } from "../../helpers/activity-row.js";

const root = mkdtempSync(join(tmpdir(), "spy-json-links-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("jsonFiles under symbolic links", () => {
  it("follows a link to a parent folder once: each file is listed and imported once", async () => {
    const d = join(root, "loop");
    mkdirSync(join(d, "sub"), { recursive: true });
    writeFileSync(join(d, "a.json"), JSON.stringify([activityRow(0), activityRow(1)]));
    writeFileSync(join(d, "sub", "b.json"), JSON.stringify([activityRow(2), activityRow(3)]));
    symlinkSync("..", join(d, "sub", "up")); // sub/up → the folder itself
    expect(jsonFiles(d).map((f) => f.slice(d.length + 1))).toEqual(["a.json", join("sub", "b.json")]);
    const store = await openStore(":memory:");
    const r = await importActivity(store, d);
    expect(r).toMatchObject({ files: 2, read: 4, imported: 4, duplicates: 0, bad: 0 });
    store.close();
  });

  it("reports a *.json link that loops on itself by name and imports the rest", async () => {
    const d = join(root, "self");
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "a.json"), JSON.stringify([activityRow(0)]));
    symlinkSync("self.json", join(d, "self.json"));
    const store = await openStore(":memory:");
    const r = await importActivity(store, d);
    expect(r).toMatchObject({ files: 2, read: 1, imported: 1, bad: 1 });
    expect(r.errors[0]).toMatchObject({ file: "self.json", field: "(file)" });
    expect(r.errors[0]!.message).toMatch(/^cannot read: ELOOP/);
    store.close();
  });

  it("still follows a link to a folder elsewhere (a data folder linked in) and skips folders named *.json", () => {
    const data = join(root, "data");
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, "c.json"), "[]");
    const d = join(root, "linked");
    mkdirSync(join(d, "dir.json"), { recursive: true });
    symlinkSync(data, join(d, "data"));
    expect(jsonFiles(d).map((f) => f.slice(d.length + 1))).toEqual([join("data", "c.json")]);
  });
});
