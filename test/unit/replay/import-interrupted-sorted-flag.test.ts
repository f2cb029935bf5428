// An import stopped between its rows and the 'physically sorted' flag (simulated by failing the flag's write) leaves
// nothing half-done: the rows, codes and flag commit together, so later replays read events in time order.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { LeaderTradeEvent } from "../../../src/core/index.js";
import { openStore, type Store } from "../../../src/store/db.js";
import { insertLeaderEvents, readLeaderEvents } from "../../../src/store/leader-events.js";
import { syntheticEvents } from "../../../src/replay/synthetic.js";

async function readAll(store: Store): Promise<LeaderTradeEvent[]> {
  const out: LeaderTradeEvent[] = [];
  for await (const b of readLeaderEvents(store)) out.push(...b);
  return out;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("import stopped before its sorted flag is written", () => {
  it("leaves no rows the flag does not describe: a retried import and the replay's read stay in time order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-sorted-"));
    dirs.push(dir);
    const file = join(dir, "s.duckdb");
    const all = syntheticEvents({ seed: 5, events: 400, leaders: 2, markets: 3, eventsPerMarket: 150 });
    const later = all.slice(200); // imported first: the table is sorted, the flag says so
    const earlier = all.slice(0, 200); // then older rows: the flag must turn false
    expect(earlier.at(-1)!.ts).toBeLessThan(later[0]!.ts + 1);

    let store = await openStore(file);
    await insertLeaderEvents(store, later.map((event) => ({ event })));
    // the second import stops where it would write the flag (as a kill at that point would leave it)
    const run = store.run.bind(store);
    const spy = vi.spyOn(store, "run").mockImplementation(async (sql, params) => {
      if (sql.includes("leader_events.sorted")) throw new Error("killed");
      return run(sql, params);
    });
    await expect(insertLeaderEvents(store, earlier.map((event) => ({ event })))).rejects.toThrow("killed");
    spy.mockRestore();
    store.close();

    // the user runs the import again in a new process, then replays
    store = await openStore(file);
    await insertLeaderEvents(store, earlier.map((event) => ({ event })));
    const read = await readAll(store);
    store.close();
    expect(read).toHaveLength(all.length);
    const outOfOrder = read.findIndex((e, i) => i > 0 && e.ts < read[i - 1]!.ts);
    expect(outOfOrder).toBe(-1);
  });
});
