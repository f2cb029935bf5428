// Identical leader fills of one transaction (two maker fills of one taker order, fetched from the sim over loopback)
// across saved pages: time-window pages (start/end, as docs/replay.md advises) keep both; offset pages may split them.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedsFixture, type Fixture, type SimUser } from "../helpers/sim-feeds.js";
import { loadActivityEvents } from "../../src/replay/import-activity.js";

let fx: Fixture;
let L: SimUser;
const get = async (path: string): Promise<Record<string, unknown>[]> =>
  (await (await fetch(`${fx.exchange.url}${path}`)).json()) as Record<string, unknown>[];

beforeAll(async () => {
  fx = await feedsFixture(23);
  L = fx.user(0x1e);
  const T = fx.user(0x7b);
  const e = fx.exchange.engine;
  const place = (u: SimUser, side: "BUY" | "SELL", price: number, size: number, type: "GTC" | "FAK") =>
    e.placeInternal({ address: u.address, owner: u.key.key, tokenId: fx.yes, side, price, size, type });
  for (let i = 0; i < 3; i++) {
    place(L, "SELL", 0.5, 5, "GTC");
    place(L, "SELL", 0.5, 5, "GTC");
    place(T, "BUY", 0.5, 10, "FAK");
  }
});
afterAll(async () => {
  await fx?.close();
});

const total = (dir: string) => loadActivityEvents(dir).events.reduce((s, e) => s + e.size, 0);

describe("identical fills of one transaction across saved pages", () => {
  it("one-second time windows (start = end), one file each, keep every fill", async () => {
    const all = await get(`/activity?user=${L.address}&limit=500`);
    expect(all).toHaveLength(6);
    const dir = mkdtempSync(join(tmpdir(), "o-win-"));
    const secs = [...new Set(all.map((r) => r.timestamp as number))];
    for (const s of secs) writeFileSync(join(dir, `w-${s}.json`), JSON.stringify(await get(`/activity?user=${L.address}&start=${s}&end=${s}`)));
    expect(total(dir)).toBe(30);
  });

  it("offset pages of /activity and /trades that split a pair lose a fill (the documented cost)", async () => {
    const root = mkdtempSync(join(tmpdir(), "o-off-"));
    const got: Record<string, number> = {};
    for (const ep of ["activity", "trades"] as const) {
      const dir = join(root, ep);
      mkdirSync(dir);
      for (let off = 0; off < 6; off += 1) {
        const q = ep === "trades" ? "&takerOnly=false" : "";
        writeFileSync(join(dir, `page-${String(off).padStart(3, "0")}.json`), JSON.stringify(await get(`/${ep}?user=${L.address}&limit=1&offset=${off}${q}`)));
      }
      got[ep] = total(dir);
    }
    expect(got).toEqual({ activity: 15, trades: 15 });
  });

  it("offset pages concatenated into one file count a row twice when a fill lands between pages", async () => {
    const M = fx.user(0x3a);
    const e = fx.exchange.engine;
    const page0 = await get(`/activity?user=${L.address}&limit=3&offset=0`);
    e.placeInternal({ address: M.address, owner: M.key.key, tokenId: fx.yes, side: "SELL", price: 0.6, size: 7, type: "GTC" });
    e.placeInternal({ address: L.address, owner: L.key.key, tokenId: fx.yes, side: "BUY", price: 0.6, size: 7, type: "FAK" });
    const rest = await get(`/activity?user=${L.address}&limit=500&offset=3`);
    const dir = mkdtempSync(join(tmpdir(), "o-cat-"));
    writeFileSync(join(dir, "one.json"), JSON.stringify([...page0, ...rest]));
    // the 7-share fill is not in either page; the oldest row of page 0 is in both, so one 5-share fill is counted twice
    expect(total(dir)).toBe(35);
    const sep = mkdtempSync(join(tmpdir(), "o-sep-"));
    writeFileSync(join(sep, "p0.json"), JSON.stringify(page0));
    writeFileSync(join(sep, "p1.json"), JSON.stringify(rest));
    expect(total(sep)).toBe(30);
  });
});
