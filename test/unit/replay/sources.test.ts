// Sources: array/json/synthetic/DuckDB sources yield ts-ordered batches; mergeSources interleaves by time and keeps
// source order on ties; sourceObservable emits single events and completes.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { firstValueFrom, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import type { LeaderTradeEvent } from "../../../src/core/index.js";
import { arraySource, dbSource, mergeSources, sourceObservable, syntheticSource, type ReplaySource } from "../../../src/replay/sources.js";
import { syntheticEvents } from "../../../src/replay/synthetic.js";
import { openStore } from "../../../src/store/db.js";
import { insertLeaderEvents } from "../../../src/store/leader-events.js";

async function all(s: ReplaySource): Promise<LeaderTradeEvent[]> {
  const out: LeaderTradeEvent[] = [];
  for await (const b of s.batches()) out.push(...b);
  return out;
}

describe("replay sources", () => {
  const a = syntheticEvents({ seed: 1, events: 3000, leaders: 2 });
  const b = syntheticEvents({ seed: 2, events: 2500, leaders: 2 });

  it("merges by time, stable on ties (source order first)", async () => {
    const merged = await all(mergeSources([arraySource(a, "a"), syntheticSource({ seed: 2, events: 2500, leaders: 2 })]));
    expect(merged).toHaveLength(5500);
    for (let i = 1; i < merged.length; i++) expect(merged[i]!.ts).toBeGreaterThanOrEqual(merged[i - 1]!.ts);
    const expected = [...a, ...b].sort((x, y) => x.ts - y.ts); // stable: a before b on equal ts
    expect(merged).toEqual(expected);
  });

  it("reads the same events from DuckDB as from memory, optionally per leader", async () => {
    const store = await openStore(":memory:");
    await insertLeaderEvents(store, [...b, ...a].map((event) => ({ event })));
    const src = dbSource(store);
    expect(await src.count!()).toBe(5500);
    const fromDb = await all(src);
    expect(fromDb.map((e) => e.eventId).sort()).toEqual([...a, ...b].map((e) => e.eventId).sort());
    for (let i = 1; i < fromDb.length; i++) expect(fromDb[i]!.ts).toBeGreaterThanOrEqual(fromDb[i - 1]!.ts);
    const leader = a[0]!.leader;
    expect(await all(dbSource(store, { leaders: [leader] }))).toEqual(fromDb.filter((e) => e.leader === leader));
    store.close();
  });

  it("names a database source by its absolute path, so however --db is spelt a run keeps its id", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-src-"));
    const file = join(dir, "x.duckdb");
    const s1 = await openStore(file);
    const abs = dbSource(s1).name;
    s1.close();
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const s2 = await openStore("./x.duckdb");
      expect(dbSource(s2).name).toBe(abs);
      s2.close();
    } finally {
      process.chdir(cwd);
    }
    expect(abs).toBe(`duckdb:${file}`);
  });

  it("is observable as single events", async () => {
    const evs = await firstValueFrom(sourceObservable(arraySource(a.slice(0, 50))).pipe(toArray()));
    expect(evs).toEqual(a.slice(0, 50));
  });
});
