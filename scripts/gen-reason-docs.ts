// Generates docs/skip-reasons.md from src/core/reasons.ts and src/core/exec-reasons.ts (the reason lists) so docs never drift.
// Run: npm run docs:reasons. A unit test checks the committed file is current.
import { writeFileSync } from "node:fs";
import { renderReasonTable } from "../src/cli/reason-table.js";

writeFileSync(new URL("../docs/skip-reasons.md", import.meta.url), renderReasonTable());
console.log("wrote docs/skip-reasons.md");
