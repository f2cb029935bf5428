// The JSON files a path names: the file itself, or a folder's *.json sorted by name (activity dumps, market files).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export function jsonFiles(path: string): string[] {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st === undefined) throw new Error(`${path}: no such file or folder`);
  if (!st.isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.toLowerCase().endsWith(".json"))
    .sort()
    .map((f) => join(path, f));
}
