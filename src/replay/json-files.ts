// The JSON files a path names: the file itself, or every *.json below a folder (sub-folders too, e.g. one per
// leader), sorted by path; a folder with none is an error naming it (activity dumps, market files).
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export function jsonFiles(path: string): string[] {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st === undefined) throw new Error(`${path}: no such file or folder`);
  if (!st.isDirectory()) return [path];
  const out = (readdirSync(path, { recursive: true }) as string[])
    .filter((f) => f.toLowerCase().endsWith(".json"))
    .map((f) => join(path, f))
    .filter((f) => statSync(f).isFile())
    .sort();
  if (out.length === 0) throw new Error(`${path}: no .json files in this folder or below it`);
  return out;
}

/** How a file found under `root` is named in reports: its path below the root (the file name for a file). */
export function nameUnder(root: string, file: string): string {
  return relative(root, file) || file.split(/[\\/]/).pop()!;
}
