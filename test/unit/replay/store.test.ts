// Store: idempotent leader_events insert, exact round trip through the integer-encoded reader, hex packing,
// leader filter, the strings view, and non-canonical ids/tx hashes (kept as strings).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LeaderTradeEvent } from "../../../src/core/index.js";
import { openStore } from "../../../src/store/db.js";
import { hexRows, packHex, prefixedHexRows, unpackHex } from "../../../src/store/hexpack.js";
import { countLeaderEvents, exportLeaderEventsParquet, insertLeaderEvents, physicallySorted, readLeaderEvents } from "../../../src/store/leader-events.js";
import { syntheticEvents } from "../../../src/replay/synthetic.js";

async function readAll(store: Awaited<ReturnType<typeof openStore>>, leaders?: string[]): Promise<LeaderTradeEvent[]> {
  const out: LeaderTradeEvent[] = [];
  for await (const b of readLeaderEvents(store, leaders ? { leaders } : {})) out.push(...b);
  return out;
}

describe("hexpack", () => {
  it("packs canonical ids and rejects others", () => {
    const id = "ev_0123456789abcdef01234567";
    const p = packHex(id, "ev_", 3)!;
    expect(unpackHex("ev_", p)).toBe(id);
    expect(packHex("ev_0123", "ev_", 3)).toBeNull();
    expect(packHex("ev_0123456789ABCDEF01234567", "ev_", 3)).toBeNull(); // upper case is not canonical
    expect(packHex("xx_0123456789abcdef01234567", "ev_", 3)).toBeNull();
    expect(hexRows([new Uint32Array([1, 0xffffffff]), new Uint32Array([2, 0])], 2)).toBe("0000000100000002ffffffff00000000");
    expect(prefixedHexRows("ev_", [new Uint32Array([1, 0xffffffff]), new Uint32Array([0xabcdef12, 0])], 2)).toBe("ev_00000001abcdef12ev_ffffffff00000000");
  });
});

describe("leader_events", () => {
  const events = syntheticEvents({ seed: 11, events: 3000, leaders: 3, markets: 4, eventsPerMarket: 200 });

  it("a read is not cut short by other queries on the same store: two at once, or one with queries between chunks", async () => {
    const store = await openStore(":memory:");
    await insertLeaderEvents(store, events.map((event) => ({ event })));
    const count = async (between: () => Promise<unknown>): Promise<number> => {
      let n = 0;
      for await (const b of readLeaderEvents(store)) {
        n += b.length;
        await between();
      }
      return n;
    };
    const tick = () => new Promise((r) => setImmediate(r));
    expect(await Promise.all([count(tick), count(tick)])).toEqual([3000, 3000]); // a shared connection gave one 0
    expect(await count(() => store.scalar("SELECT 1"))).toBe(3000); // was cut after its first chunk
    store.close();
  });

  it("round-trips events exactly, in (ts, insert) order", async () => {
    const store = await openStore(":memory:");
    const r = await insertLeaderEvents(store, events.map((event) => ({ event })));
    expect(r).toEqual({ staged: 3000, imported: 3000, duplicates: 0, sameTsAsStored: 0 });
    expect(await readAll(store)).toEqual(events);
    store.close();
  });

  it("reads by plain scan when stored in time order, else in sorted ts windows, always the same events", async () => {
    const store = await openStore(":memory:");
    await insertLeaderEvents(store, events.slice(1500).map((event) => ({ event })));
    expect(await physicallySorted(store)).toBe(true);
    await insertLeaderEvents(store, events.slice(0, 1500).map((event) => ({ event }))); // older events arrive later
    expect(await physicallySorted(store)).toBe(false);
    expect(await physicallySorted(store, true)).toBe(false); // the kept flag agrees with a full check
    // ties on ts keep insertion order (seq): the later batch sorts after on equal ts
    const expected = [...events.slice(1500), ...events.slice(0, 1500)].sort((x, y) => x.ts - y.ts);
    for (const opts of [{}, { windowRows: 256 }, { windowRows: 256, presorted: false }]) {
      const out: LeaderTradeEvent[] = [];
      for await (const b of readLeaderEvents(store, opts)) out.push(...b);
      expect(out).toEqual(expected);
    }
    store.close();
  });

  it("is idempotent: inserting again (or twice in one batch) adds nothing", async () => {
    const store = await openStore(":memory:");
    await insertLeaderEvents(store, events.slice(0, 1000).map((event) => ({ event })));
    const again = await insertLeaderEvents(store, [...events, ...events.slice(0, 10)].map((event) => ({ event })));
    // new rows at a leader's ms that the first insert already holds (their order there follows the inserts)
    const stored = new Set(events.slice(0, 1000).map((e) => `${e.leader} ${e.ts}`));
    const sameTsAsStored = events.slice(1000).filter((e) => stored.has(`${e.leader} ${e.ts}`)).length;
    expect(again).toEqual({ staged: 3010, imported: 2000, duplicates: 1010, sameTsAsStored });
    expect(await countLeaderEvents(store)).toBe(3000);
    expect(await readAll(store)).toHaveLength(3000);
    store.close();
  });

  it("filters by leader and shows strings through leader_events_v", async () => {
    const store = await openStore(":memory:");
    await insertLeaderEvents(store, events.map((event) => ({ event })));
    const leader = events[0]!.leader;
    const mine = await readAll(store, [leader.toUpperCase()]);
    expect(mine).toEqual(events.filter((e) => e.leader === leader));
    const v = await store.rows<{ event_id: string; leader: string; token_id: string; tx_hash: string; kind: string }>(
      "SELECT event_id, leader, token_id, tx_hash, kind FROM leader_events_v ORDER BY ts, seq LIMIT 1",
    );
    expect(v[0]).toEqual({ event_id: events[0]!.eventId, leader, token_id: events[0]!.tokenId, tx_hash: events[0]!.txHash, kind: events[0]!.kind });
    store.close();
  });

  it("exports time-ordered events with their strings to Parquet", async () => {
    const store = await openStore(":memory:");
    await insertLeaderEvents(store, events.map((event) => ({ event })));
    const dir = mkdtempSync(join(tmpdir(), "spy-parquet-"));
    const file = join(dir, "events.parquet");
    expect(await exportLeaderEventsParquet(store, file)).toBe(3000);
    const leader = events[0]!.leader;
    expect(await exportLeaderEventsParquet(store, join(dir, "one.parquet"), { leaders: [leader] })).toBe(events.filter((e) => e.leader === leader).length);
    const mid = events[1500]!.ts;
    const inWindow = events.filter((e) => e.leader === leader && e.ts >= mid && e.ts < mid + 60_000).length;
    expect(inWindow).toBeGreaterThan(0);
    expect(await exportLeaderEventsParquet(store, join(dir, "window.parquet"), { leaders: [leader], from: mid, to: mid + 60_000 })).toBe(inWindow);
    const first = await store.rows<{ event_id: string; token_id: string; tx_hash: string }>(`SELECT event_id, token_id, tx_hash FROM read_parquet('${file}') LIMIT 1`);
    expect(first[0]).toEqual({ event_id: events[0]!.eventId, token_id: events[0]!.tokenId, tx_hash: events[0]!.txHash });
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps ids and tx hashes that are not canonical hex as strings", async () => {
    const store = await openStore(":memory:");
    const odd: LeaderTradeEvent[] = [
      { ...events[0]!, eventId: "sim-1", txHash: "0xABC", ts: 5 },
      { ...events[1]!, eventId: "ev_ffffffffffffffffffffffff", txHash: "", ts: 6, slug: undefined, outcome: undefined },
    ];
    await insertLeaderEvents(store, odd.map((event) => ({ event })));
    expect(await readAll(store)).toEqual(odd);
    store.close();
  });
});

describe("run tables of a database written by an older version", () => {
  it("gain the columns added since (replay_runs.fees) when the store is opened, keeping their rows", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-schema-"));
    const path = join(dir, "old.duckdb");
    const old = await openStore(path, { schema: false });
    await old.run(`CREATE TABLE replay_runs (
      run_id VARCHAR PRIMARY KEY, label VARCHAR, config JSON NOT NULL, book_source VARCHAR NOT NULL,
      fill_model VARCHAR NOT NULL, latency_model VARCHAR NOT NULL, source VARCHAR NOT NULL, events BIGINT NOT NULL,
      created_at TIMESTAMP NOT NULL)`);
    await old.run(`INSERT INTO replay_runs VALUES ('run_old', 'l', '{}', 'leader-anchored', 'f', 'l', 's', 1, now()::TIMESTAMP)`);
    old.close();
    const s = await openStore(path);
    expect(await s.rows("SELECT run_id, fees FROM replay_runs")).toEqual([{ run_id: "run_old", fees: null }]);
    s.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
