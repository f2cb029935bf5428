// Pages imported one spy import at a time: rows sharing a leader and second with rows of an earlier import are counted
// and the report warns (their order inside the second follows the imports); one folder import, or disjoint seconds, do not.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatImportReport, importActivity } from "../../../src/replay/import-activity.js";
import { openStore } from "../../../src/store/db.js";
import { activityRow } from "../../helpers/activity-row.js";

const dir = mkdtempSync(join(tmpdir(), "spy-import-same-second-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// rows 0..3 at seconds 0, 1, 2, 2 (newest first, as the API lists them): a page boundary splits second 2
const rows = [activityRow(0), activityRow(1), activityRow(2), activityRow(3, { timestamp: activityRow(2).timestamp })].reverse();
const pages = join(dir, "pages");
mkdirSync(pages);
writeFileSync(join(pages, "p0.json"), JSON.stringify(rows.slice(0, 1))); // the newest page: one row of second 2
writeFileSync(join(pages, "p1.json"), JSON.stringify(rows.slice(1))); // the older page: the other row of second 2, then 1, 0

describe("rows of one second split over two imports", () => {
  it("are counted and warned about when the pages are imported one at a time", async () => {
    const store = await openStore(join(dir, "one-by-one.duckdb"));
    try {
      const first = await importActivity(store, join(pages, "p0.json"));
      expect(first.sameSecondAsEarlier).toBe(0);
      const second = await importActivity(store, join(pages, "p1.json"));
      expect(second.imported).toBe(3);
      expect(second.sameSecondAsEarlier).toBe(1);
      expect(formatImportReport(second)).toMatch(/warning: 1 imported row\(s\) share a leader and second with rows of an earlier import/);
      // importing the same page again adds nothing and warns of nothing
      const again = await importActivity(store, join(pages, "p1.json"));
      expect(again).toMatchObject({ imported: 0, sameSecondAsEarlier: 0 });
      expect(formatImportReport(again)).not.toMatch(/warning/);
    } finally {
      store.close();
    }
  });

  it("are not warned about when the pages are imported as one folder", async () => {
    const store = await openStore(join(dir, "folder.duckdb"));
    try {
      const r = await importActivity(store, pages);
      expect(r).toMatchObject({ imported: 4, sameSecondAsEarlier: 0 });
      expect(formatImportReport(r)).not.toMatch(/warning/);
    } finally {
      store.close();
    }
  });
});
