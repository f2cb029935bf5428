// Renders the reason tables (skip reasons, executor reject and end codes) as Markdown, for docs/skip-reasons.md
// and `spy reasons`. Sources of truth: src/core/reasons.ts and src/core/exec-reasons.ts.
import { EXEC_END_REASONS, EXEC_REJECT_REASONS, SKIP_REASONS } from "../core/index.js";

function table(entries: Record<string, string>): string[] {
  return ["| code | why |", "| --- | --- |", ...Object.entries(entries).map(([code, why]) => `| \`${code}\` | ${why} |`)];
}

export function renderReasonTable(): string {
  return [
    "# Reason codes",
    "",
    "Generated from `src/core/reasons.ts` and `src/core/exec-reasons.ts` by `npm run docs:reasons`; do not edit by hand.",
    "",
    "## Skip reasons (decide: why a leader trade is not copied, or not fully)",
    "",
    ...table(SKIP_REASONS),
    "",
    "## Executor rejections (refused before reaching the book)",
    "",
    ...table(EXEC_REJECT_REASONS),
    "",
    "## How an accepted order ended",
    "",
    ...table(EXEC_END_REASONS),
    "",
  ].join("\n");
}
