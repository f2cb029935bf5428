// One leader fill seen through the sim's /activity and /trades (fetched over loopback HTTP): it must normalise to the
// same event id and the same fields, and importing both files must add it once; identical fills in one tx stay apart.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedsFixture, type Fixture, type SimUser } from "../helpers/sim-feeds.js";
import { normalizeRows } from "../../src/pipeline/normalize.js";
import { importActivity, loadActivityEvents } from "../../src/replay/import-activity.js";
import { openStore } from "../../src/store/db.js";

let fx: Fixture;
let L: SimUser;
let M: SimUser;
let T: SimUser;
const get = async (path: string): Promise<unknown[]> => (await (await fetch(`${fx.exchange.url}${path}`)).json()) as unknown[];

beforeAll(async () => {
  fx = await feedsFixture(21);
  L = fx.user(0x1e);
  M = fx.user(0x3a);
  T = fx.user(0x7b);
  const e = fx.exchange.engine;
  const place = (u: SimUser, side: "BUY" | "SELL", price: number, size: number, type: "GTC" | "FAK") =>
    e.placeInternal({ address: u.address, owner: u.key.key, tokenId: fx.yes, side, price, size, type });
  // L rests two identical SELLs that one taker order fills: two identical maker rows of L in one transaction
  place(L, "SELL", 0.5, 5, "GTC");
  place(L, "SELL", 0.5, 5, "GTC");
  place(T, "BUY", 0.5, 10, "FAK");
  // L takes two levels: one taker row at the average price 0.615833
  place(M, "SELL", 0.61, 5, "GTC");
  place(M, "SELL", 0.62, 7, "GTC");
  place(L, "BUY", 0.62, 12, "FAK");
});
afterAll(async () => {
  await fx?.close();
});

// usdcSize is left out: a /trades row has none, so it is size × the 6-dp price there (7.389996 for 7.39 paid)
const strip = (e: Record<string, unknown>) => {
  const { source: _s, usdcSize: _u, ...rest } = e;
  return rest;
};

describe("/activity and /trades rows of one fill", () => {
  it("normalise to the same ids and the same fields", async () => {
    const act = await get(`/activity?user=${L.address}&limit=500`);
    const trd = await get(`/trades?user=${L.address}&takerOnly=false&limit=500`);
    expect(act).toHaveLength(3);
    expect(trd).toHaveLength(3);
    const a = normalizeRows(act, "activity");
    const t = normalizeRows(trd, "trades");
    expect(a.errors).toEqual([]);
    expect(t.errors).toEqual([]);
    const byId = (b: typeof a) => new Map(b.events.map((e) => [e.eventId, strip(e as unknown as Record<string, unknown>)]));
    const am = byId(a);
    const tm = byId(t);
    expect([...tm.keys()].sort()).toEqual([...am.keys()].sort());
    expect(am.size).toBe(3);
    for (const [id, ev] of am) expect([id, tm.get(id)]).toEqual([id, ev]);
  });

  it("a folder of both files yields each fill once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "o-both-"));
    writeFileSync(join(dir, "activity.json"), JSON.stringify(await get(`/activity?user=${L.address}&limit=500`)));
    writeFileSync(join(dir, "trades.json"), JSON.stringify(await get(`/trades?user=${L.address}&takerOnly=false`)));
    writeFileSync(join(dir, "trades-taker.json"), JSON.stringify(await get(`/trades?user=${L.address}`)));
    const { events, errors } = loadActivityEvents(dir);
    expect(errors).toEqual([]);
    expect(events).toHaveLength(3);
    expect(events.reduce((s, e) => s + e.size, 0)).toBe(22);
  });

  it("importing the /trades file after the /activity file adds nothing; the other way round too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "o-db-"));
    const a = join(dir, "activity.json");
    const t = join(dir, "trades.json");
    writeFileSync(a, JSON.stringify(await get(`/activity?user=${L.address}&limit=500`)));
    writeFileSync(t, JSON.stringify(await get(`/trades?user=${L.address}&takerOnly=false`)));
    for (const [first, second] of [[a, t], [t, a]] as const) {
      const store = await openStore(":memory:");
      expect(await importActivity(store, first)).toMatchObject({ imported: 3, bad: 0 });
      expect(await importActivity(store, second)).toMatchObject({ imported: 0, duplicates: 3, bad: 0 });
      store.close();
    }
  });
});
