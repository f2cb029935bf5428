// The committed skip-reason table matches the source list (regenerate with `npm run docs:reasons`).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { renderReasonTable } from "../../../src/cli/reason-table.js";
import { EXEC_END_REASONS, EXEC_REJECT_REASONS, SKIP_REASON_CODES } from "../../../src/core/index.js";

describe("docs/skip-reasons.md", () => {
  it("is generated from src/core/reasons.ts and current", () => {
    const doc = readFileSync(new URL("../../../docs/skip-reasons.md", import.meta.url), "utf8");
    expect(doc).toBe(renderReasonTable());
    for (const c of [...SKIP_REASON_CODES, ...Object.keys(EXEC_REJECT_REASONS), ...Object.keys(EXEC_END_REASONS)]) expect(doc).toContain(`\`${c}\``);
  });
});
