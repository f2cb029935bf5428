// Generates docs/skip-reasons.md from src/core/reasons.ts (the one list of skip reasons) so docs never drift.
// Run: npm run docs:reasons. A unit test checks the committed file is current.
import { writeFileSync } from "node:fs";
import { renderReasonTable } from "../src/cli/reason-table.js";

writeFileSync(new URL("../docs/skip-reasons.md", import.meta.url), renderReasonTable());
console.log("wrote docs/skip-reasons.md");
