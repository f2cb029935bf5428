// The recorded scenario refuses a row whose timestamp is in milliseconds, as `spy import activity` does: the row is
// named (file, row, timestamp, value) and skipped, and the sim's clock and Data API stay in the recording's seconds.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readActivity } from "../../src/sim/scenarios/activity-file.js";
import { runExchangeCommand } from "../../src/sim/scenarios/index.js";
import { activityRow } from "../helpers/activity-row.js";

const dir = mkdtempSync(join(tmpdir(), "spy-sim-ms-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MS = 1_767_236_481_000;

describe("recorded scenario: a timestamp in milliseconds", () => {
  it("is reported by file, row, field and value and skipped", () => {
    const f = join(dir, "a.json");
    writeFileSync(f, JSON.stringify([activityRow(0), activityRow(1), activityRow(2, { timestamp: MS })]));
    const a = readActivity(f);
    expect(a.rows).toHaveLength(2);
    expect(a.issues).toEqual([expect.objectContaining({ file: "a.json", row: 2, field: "timestamp", value: MS })]);
    expect(a.issues[0]!.message).toMatch(/milliseconds/);
  });

  it("leaves the exchange's clock and Data API in seconds of the recording", async () => {
    const f = join(dir, "b.json");
    writeFileSync(f, JSON.stringify([activityRow(0), activityRow(1), activityRow(2, { timestamp: MS })]));
    const ex = await runExchangeCommand({ scenario: "recorded", path: f, speed: "max", print: () => undefined });
    try {
      await ex.scenario.done;
      const now = Number(await (await fetch(`${ex.exchange.url}/time`)).json());
      expect(now).toBeLessThan(1e11);
      const rows = (await (await fetch(`${ex.exchange.url}/activity?user=0x${"ab".repeat(20)}`)).json()) as { timestamp: number }[];
      expect(rows.every((r) => r.timestamp < 1e11)).toBe(true);
    } finally {
      await ex.close();
    }
  });
});
