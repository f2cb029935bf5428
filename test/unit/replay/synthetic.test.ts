// Synthetic history: same seed → same events; a realistic mix (BUY/SELL/MERGE/REDEEM, two tokens per market,
// sizes from hundredths to tens); leaders never sell or merge more than they hold; the DuckDB writer agrees.
import { describe, expect, it } from "vitest";
import { LeaderTradeEventSchema } from "../../../src/core/index.js";
import { syntheticEvents } from "../../../src/replay/synthetic.js";
import { writeSynthetic } from "../../../src/replay/synthetic-db.js";
import { openStore } from "../../../src/store/db.js";
import { physicallySorted, readLeaderEvents } from "../../../src/store/leader-events.js";

describe("synthetic history", () => {
  const evs = syntheticEvents({ seed: 5, events: 20_000, leaders: 4, markets: 6, eventsPerMarket: 300 });

  it("is deterministic per seed and differs across seeds", () => {
    expect(syntheticEvents({ seed: 5, events: 20_000, leaders: 4, markets: 6, eventsPerMarket: 300 })).toEqual(evs);
    expect(syntheticEvents({ seed: 6, events: 100 })[0]!.eventId).not.toBe(syntheticEvents({ seed: 5, events: 100 })[0]!.eventId);
  });

  it("produces valid, time-ordered, unique events with a realistic mix", () => {
    expect(evs).toHaveLength(20_000);
    for (const e of evs.slice(0, 500)) LeaderTradeEventSchema.parse(e);
    for (let i = 1; i < evs.length; i++) expect(evs[i]!.ts).toBeGreaterThanOrEqual(evs[i - 1]!.ts);
    expect(new Set(evs.map((e) => e.eventId)).size).toBe(evs.length);
    const kinds = new Map<string, number>();
    for (const e of evs) kinds.set(`${e.kind}${e.side ?? ""}`, (kinds.get(`${e.kind}${e.side ?? ""}`) ?? 0) + 1);
    for (const k of ["TRADEBUY", "TRADESELL", "MERGE", "REDEEM"]) expect(kinds.get(k) ?? 0).toBeGreaterThan(0);
    expect(new Set(evs.map((e) => e.leader)).size).toBe(4);
    const sizes = evs.filter((e) => e.kind === "TRADE").map((e) => e.size);
    expect(Math.min(...sizes)).toBeLessThan(0.5);
    expect(Math.max(...sizes)).toBeGreaterThan(30);
    // two tokens per market
    const tokens = new Map<string, Set<string>>();
    for (const e of evs) if (e.kind === "TRADE") (tokens.get(e.conditionId) ?? tokens.set(e.conditionId, new Set()).get(e.conditionId)!).add(e.tokenId);
    for (const t of tokens.values()) expect(t.size).toBeLessThanOrEqual(2);
  });

  it("never sells or merges more than the leader holds", () => {
    const held = new Map<string, number>();
    const key = (l: string, t: string) => `${l}|${t}`;
    const marketTokens = new Map<string, string[]>();
    for (const e of evs) {
      if (e.kind === "TRADE") {
        const ts = marketTokens.get(e.conditionId) ?? [];
        if (!ts.includes(e.tokenId)) marketTokens.set(e.conditionId, [...ts, e.tokenId]);
        const k = key(e.leader, e.tokenId);
        const h = (held.get(k) ?? 0) + (e.side === "BUY" ? e.size : -e.size);
        expect(h).toBeGreaterThanOrEqual(-1e-6);
        held.set(k, h);
      } else if (e.kind === "MERGE") {
        for (const t of marketTokens.get(e.conditionId) ?? []) {
          const h = (held.get(key(e.leader, t)) ?? 0) - e.size;
          expect(h).toBeGreaterThanOrEqual(-1e-6);
          held.set(key(e.leader, t), h);
        }
      }
    }
  });

  it("writes the same events into DuckDB", async () => {
    const store = await openStore(":memory:");
    const n = await writeSynthetic(store, { seed: 9, events: 5000 }, undefined, 1500);
    expect(n).toBe(5000);
    expect(await physicallySorted(store)).toBe(true);
    const back = [];
    for await (const b of readLeaderEvents(store)) back.push(...b);
    expect(back).toEqual(syntheticEvents({ seed: 9, events: 5000 }));
    store.close();
  });
});
