// Renders the SkipReason table (code + why) as Markdown, for docs/skip-reasons.md and `spy reasons`.
// Source of truth is src/core/reasons.ts.
import { SKIP_REASONS } from "../core/index.js";

export function renderReasonTable(): string {
  const rows = Object.entries(SKIP_REASONS).map(([code, why]) => `| \`${code}\` | ${why} |`);
  return [
    "# Skip reasons",
    "",
    "Generated from `src/core/reasons.ts` by `npm run docs:reasons`; do not edit by hand.",
    "",
    "| code | why |",
    "| --- | --- |",
    ...rows,
    "",
  ].join("\n");
}
