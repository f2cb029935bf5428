// Recorded Data API /activity dumps (a JSON file, or every *.json below a folder, found and read as the importer does)
// as rows sorted by timestamp (stable); a bad file or row is an issue (file, row, field, value) and skipped.
import { statSync } from "node:fs";
import { z } from "zod";
import { fieldIssue, SECONDS_BELOW, WALLET_ADDRESS } from "../../core/index.js";
import { formatInputIssue, type InputIssue } from "../../core/input-issue.js";
import { jsonFiles, jsonRowsOrIssue, nameUnder } from "../../core/json-files.js";

export const RecordedRowSchema = z
  .object({
    proxyWallet: z.string().regex(WALLET_ADDRESS),
    // seconds, as the importer requires: a time in ms would move the sim's clock ~56,000 years on (speed max) and the
    // Data API would serve it back as seconds; at speed 1 the scenario would wait for it forever
    timestamp: z.number().int().positive().lt(SECONDS_BELOW, "expected unix seconds, this looks like milliseconds"),
    conditionId: z.string().min(1),
    type: z.string().min(1),
    size: z.number().nonnegative(),
    usdcSize: z.number().nonnegative(),
    transactionHash: z.string(),
    price: z.number().min(0).max(1),
    asset: z.string(),
    side: z.string(),
    outcomeIndex: z.number().int(),
    title: z.string().default(""),
    slug: z.string().default(""),
    icon: z.string().default(""),
    eventSlug: z.string().default(""),
    outcome: z.string().default(""),
    name: z.string().default(""),
    pseudonym: z.string().default(""),
    bio: z.string().default(""),
    profileImage: z.string().default(""),
    profileImageOptimized: z.string().default(""),
  })
  .loose();
export type RecordedRow = z.infer<typeof RecordedRowSchema>;

export interface ActivityRead {
  /** The path as given, and whether it is a folder. */
  path: string;
  folder: boolean;
  /** Good rows, sorted by timestamp (file order, then row order, breaks ties). */
  rows: RecordedRow[];
  /** Files read, and rows found in them (good and bad). */
  files: number;
  read: number;
  /** Each bad file and bad row, skipped; the good rows still load. */
  issues: InputIssue[];
}

/** The good rows of one file and an issue per bad row (0-based index in its array) or for the whole file. */
function parseFile(file: string, name: string): { rows: RecordedRow[]; read: number; issues: InputIssue[] } {
  const got = jsonRowsOrIssue(file, name);
  if ("issue" in got) return { rows: [], read: 0, issues: [got.issue] };
  const rows: RecordedRow[] = [];
  const issues: InputIssue[] = [];
  got.rows.forEach((r, row) => {
    const p = RecordedRowSchema.safeParse(r);
    if (p.success) rows.push(p.data);
    else issues.push({ file: name, row, ...fieldIssue(r, p.error.issues[0]!, "(row)") });
  });
  return { rows, read: got.rows.length, issues };
}

/** Rows of a file, or of every *.json below a folder (files named by their path below it); throws only if it names none. */
export function readActivity(path: string): ActivityRead {
  const files = jsonFiles(path);
  const parsed = files.map((f) => parseFile(f, nameUnder(path, f)));
  const rows = parsed.flatMap((p) => p.rows);
  return {
    path,
    folder: statSync(path).isDirectory(),
    rows: rows.map((r, i) => ({ r, i })).sort((a, b) => a.r.timestamp - b.r.timestamp || a.i - b.i).map((x) => x.r),
    files: files.length,
    read: parsed.reduce((s, p) => s + p.read, 0),
    issues: parsed.flatMap((p) => p.issues),
  };
}

/** The rows to replay; none is an error naming the file or folder and saying why (empty, or every row or file bad). */
export function replayableRows(a: ActivityRead): RecordedRow[] {
  if (a.rows.length > 0) return a.rows;
  const what = a.folder ? `folder (${a.files} .json file${a.files === 1 ? "" : "s"} in it or below it)` : "file";
  const why =
    a.issues.length === 0
      ? a.folder
        ? "has no activity rows: its files hold empty JSON arrays"
        : "has no activity rows: it holds an empty JSON array"
      : `has no usable activity rows: ${a.issues.length} bad (first: ${formatInputIssue(a.issues[0]!)})`;
  throw new Error(`${a.path}: this ${what} ${why}`);
}
