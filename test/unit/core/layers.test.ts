// The dependency direction of DESIGN.md, checked on every import in src/: core imports nothing else of the project,
// pipeline never imports exec/store/server/venue/replay/sim/cli, and sim (a venue, not a client) depends on core only.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../../src");

/** Every project import of every file under src/: [importing folder, imported folder, file]. */
function edges(): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const f of readdirSync(SRC, { recursive: true }) as string[]) {
    if (!f.endsWith(".ts")) continue;
    const from = f.split(/[\\/]/)[0]!;
    const text = readFileSync(join(SRC, f), "utf8");
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)) {
      const to = relative(SRC, resolve(dirname(join(SRC, f)), m[1]!)).split(/[\\/]/)[0]!;
      if (to !== from) out.push([from, to, f]);
    }
  }
  return out;
}

/** What each folder may import besides itself (DESIGN.md "Dependency direction"). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  pipeline: ["core"],
  sim: ["core"],
};

describe("layers", () => {
  it("core, pipeline and sim import only what DESIGN.md allows", () => {
    const all = edges();
    expect(all.length).toBeGreaterThan(50); // the scan sees the project's imports
    const bad = all.filter(([from, to]) => from in ALLOWED && !ALLOWED[from]!.includes(to)).map(([from, to, f]) => `${f}: ${from} → ${to}`);
    expect(bad).toEqual([]);
  });
});
