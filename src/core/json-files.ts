// The JSON files a path names (the file itself, or every *.json below a folder, sub-folders too, sorted by path; a
// folder with none is an error naming it) and their rows, or the issue that makes a file unusable. Core's one reader
// of files: the importers and the sim's recorded scenario (which depends on core only) find and read dumps alike.
import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from "node:fs";
import { join, relative } from "node:path";
import { pageRows, parseJsonText } from "./json-text.js";
import type { InputIssue } from "./input-issue.js";

export function jsonFiles(path: string): string[] {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st === undefined) throw new Error(`${path}: no such file or folder`);
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  // folders by their real path: a link back to a parent (sub/up -> ..) is followed once, not until the OS refuses
  // (readdir's own recursion re-listed every file under ~40 names, and two such links made the walk exponential)
  const seen = new Set<string>();
  const walk = (dir: string): void => {
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const f = join(dir, d.name);
      // a link is judged by what it points to; what cannot be stat'ed (a broken link, a link that loops on itself)
      // stays in when named *.json: its reader reports it by name, the other files still load
      const target = d.isSymbolicLink() ? statOrUndefined(f) : d;
      if (target?.isDirectory()) {
        walk(f);
        continue;
      }
      if (d.name.toLowerCase().endsWith(".json") && (target === undefined || target.isFile())) out.push(f);
    }
  };
  walk(path);
  out.sort();
  if (out.length === 0) throw new Error(`${path}: no .json files in this folder or below it`);
  return out;
}

function statOrUndefined(f: string): Stats | undefined {
  try {
    return statSync(f);
  } catch {
    return undefined;
  }
}

/** How a file found under `root` is named in reports: its path below the root (the file name for a file). */
export function nameUnder(root: string, file: string): string {
  return relative(root, file) || file.split(/[\\/]/).pop()!;
}

/** A file's text, or why it cannot be read ("cannot read: ENOENT …"), for loaders that report a file and go on. */
export function readTextOrWhy(file: string): { text: string } | { why: string } {
  try {
    return { text: readFileSync(file, "utf8") };
  } catch (e) {
    return { why: `cannot read: ${(e as Error).message}` };
  }
}

/**
 * The rows of a JSON file (an array, or a saved API page `{ data: [...] }`), or the whole-file issue (named `name`)
 * that makes it unusable: unreadable, not JSON (where, never its text), or not rows. `given`: the text, already read.
 */
export function jsonRowsOrIssue(file: string, name: string, given?: string): { rows: unknown[] } | { issue: InputIssue } {
  const read = given !== undefined ? { text: given } : readTextOrWhy(file);
  if ("why" in read) return { issue: { file: name, field: "(file)", value: null, message: read.why } };
  let data: unknown;
  try {
    data = parseJsonText(read.text);
  } catch (e) {
    return { issue: { file: name, field: "(file)", value: null, message: `not JSON: ${(e as Error).message}` } };
  }
  const rows = pageRows(data);
  if (rows === undefined) return { issue: { file: name, field: "(file)", value: typeof data, message: "expected a JSON array of Data API rows" } };
  return { rows };
}
