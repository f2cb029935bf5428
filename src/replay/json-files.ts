// The JSON files a path names: the file itself, or a folder's *.json sorted by name (activity dumps, market files).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export function jsonFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.toLowerCase().endsWith(".json"))
    .sort()
    .map((f) => join(path, f));
}
