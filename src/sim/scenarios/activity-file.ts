// Reads recorded Data API /activity dumps (one JSON array per file, or a directory of them) into rows
// sorted by timestamp (stable), validated with field-named errors. Used by the recorded-leader player.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { fieldIssue, parseJsonText, showValue } from "../../core/index.js";

export const RecordedRowSchema = z
  .object({
    proxyWallet: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
    timestamp: z.number().int().positive(),
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

function parseFile(path: string): RecordedRow[] {
  let data: unknown;
  try {
    data = parseJsonText(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`${path}: not JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(data)) throw new Error(`${path}: expected a JSON array of /activity rows`);
  return data.map((r, i) => {
    const p = RecordedRowSchema.safeParse(r);
    if (!p.success) {
      const f = fieldIssue(r, p.error.issues[0]!, "(row)");
      throw new Error(`${path}[${i}].${f.field} = ${showValue(f.value)}: ${f.message}`);
    }
    return p.data;
  });
}

/** All rows of a file, or of every *.json in a directory, sorted by timestamp (file order breaks ties). */
export function readActivity(path: string): RecordedRow[] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const rows = files.flatMap(parseFile);
  return rows.map((r, i) => ({ r, i })).sort((a, b) => a.r.timestamp - b.r.timestamp || a.i - b.i).map((x) => x.r);
}
