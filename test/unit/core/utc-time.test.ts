// parseUtcTime: the venue's date-time strings read as UTC whatever the machine's timezone (a time without a zone
// moved with TZ under Date.parse: a close time 5 h off in New York).
import { describe, expect, it } from "vitest";
import { parseUtcTime } from "../../../src/core/utc-time.js";

describe("parseUtcTime", () => {
  it("reads Gamma's +00, ISO Z, offsets, and a time without a zone as UTC", () => {
    const t = Date.UTC(2026, 2, 19, 23, 20, 15);
    expect(parseUtcTime("2026-03-19 23:20:15+00")).toBe(t);
    expect(parseUtcTime("2026-03-19T23:20:15Z")).toBe(t);
    expect(parseUtcTime("2026-03-19T23:20:15.000Z")).toBe(t);
    expect(parseUtcTime("2026-03-20T01:20:15+02:00")).toBe(t);
    expect(parseUtcTime("2026-03-19 23:20:15")).toBe(t);
    expect(parseUtcTime("2026-03-19T23:20")).toBe(t - 15_000);
    expect(parseUtcTime("2026-03-19")).toBe(Date.UTC(2026, 2, 19));
    expect(parseUtcTime("yesterday-ish")).toBeNaN();
  });

  it("gives the same answer in any timezone (a child process with TZ set)", async () => {
    const { execFileSync } = await import("node:child_process");
    const code = `import("${new URL("../../../src/core/utc-time.ts", import.meta.url).pathname}").then((m) => console.log(m.parseUtcTime("2026-03-19 23:20:15")))`;
    const out = execFileSync(process.execPath, ["--import", "tsx", "-e", code], { env: { ...process.env, TZ: "America/New_York" }, encoding: "utf8" });
    expect(Number(out.trim())).toBe(Date.UTC(2026, 2, 19, 23, 20, 15));
  });
});
