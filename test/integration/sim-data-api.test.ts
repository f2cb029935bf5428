// Data API emulation over real HTTP: defaults and caps (limit/offset), filters (takerOnly, side, type,
// start/end, filterType/filterAmount, sortBy), positions after trades and merges, and 400s naming the bad parameter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedsFixture, type Fixture, type SimUser } from "../helpers/sim-feeds.js";

let fx: Fixture;
let a: SimUser;
let b: SimUser;
type Row = Record<string, unknown>;
const get = async (path: string): Promise<{ status: number; body: unknown }> => {
  const r = await fetch(`${fx.exchange.url}${path}`);
  return { status: r.status, body: await r.json() };
};

beforeAll(async () => {
  fx = await feedsFixture(13);
  a = fx.user(0xa1);
  b = fx.user(0xb1);
  for (let i = 0; i < 5; i++) fx.cross(a, b, 0.5 + i / 100, 10 + i); // b takes 5 times from a
  fx.cross(a, b, 0.3, 6, fx.no);
});
afterAll(async () => {
  await fx.close();
});

describe("/trades", () => {
  it("defaults to takerOnly=true, newest first; takerOnly=false adds maker fills", async () => {
    const taker = (await get(`/trades?user=${b.address}`)).body as Row[];
    expect(taker.map((r) => r.size)).toEqual([6, 14, 13, 12, 11, 10]);
    expect((await get(`/trades?user=${a.address}`)).body).toEqual([]);
    const maker = (await get(`/trades?user=${a.address}&takerOnly=false`)).body as Row[];
    expect(maker.every((r) => r.side === "SELL")).toBe(true);
    expect(maker).toHaveLength(6);
  });

  it("limit/offset page, market and side filter, filterType/filterAmount threshold", async () => {
    expect(((await get(`/trades?user=${b.address}&limit=2&offset=1`)).body as Row[]).map((r) => r.size)).toEqual([14, 13]);
    expect(((await get(`/trades?market=${fx.market.conditionId}&side=SELL`)).body as Row[]).length).toBe(0);
    const big = (await get(`/trades?user=${b.address}&filterType=CASH&filterAmount=6`)).body as Row[];
    expect(big.every((r) => (r.size as number) * (r.price as number) >= 6)).toBe(true);
    expect(big.length).toBe(3);
  });

  it("bad parameters answer 400 naming the parameter and value", async () => {
    for (const [q, frag] of [
      ["limit=10001", "limit"],
      ["limit=abc", "limit"],
      ["offset=-1", "offset"],
      ["offset=10001", "offset"],
      ["side=HOLD", "side"],
      ["takerOnly=maybe", "takerOnly"],
      ["filterType=CASH", "filterAmount"],
      ["filterType=SHARES&filterAmount=1", "filterType"],
      ["user=0x123", "user"],
      ["market=0xabc", "market"],
    ] as const) {
      const r = await get(`/trades?${q}`);
      expect([q, r.status]).toEqual([q, 400]);
      expect(String((r.body as { error: string }).error)).toContain(frag);
    }
  });
});

describe("/activity", () => {
  it("requires user; filters type/side/start/end; sorts by CASH or TOKENS in either direction", async () => {
    const r = await get(`/activity`);
    expect(r.status).toBe(400);
    expect((r.body as { error: string }).error).toBe("user: required");
    const all = (await get(`/activity?user=${b.address}`)).body as Row[];
    expect(all).toHaveLength(6);
    expect(all.every((x) => x.type === "TRADE")).toBe(true);
    const asc = (await get(`/activity?user=${b.address}&sortBy=TOKENS&sortDirection=ASC`)).body as Row[];
    expect(asc.map((x) => x.size)).toEqual([6, 10, 11, 12, 13, 14]);
    const cash = (await get(`/activity?user=${b.address}&sortBy=CASH`)).body as Row[];
    expect(cash[0]!.usdcSize).toBe(Math.max(...all.map((x) => x.usdcSize as number)));
    const ts = all[0]!.timestamp as number;
    expect(((await get(`/activity?user=${b.address}&start=${ts + 1}`)).body as Row[]).length).toBe(0);
    expect(((await get(`/activity?user=${b.address}&end=${ts}&type=TRADE,MERGE`)).body as Row[]).length).toBe(6);
    // above the maximum is clamped, as the API documents; newer types are valid filters (none here)
    const big = await get(`/activity?user=${b.address}&limit=501`);
    expect([big.status, (big.body as Row[]).length]).toEqual([200, 6]);
    expect(await get(`/activity?user=${b.address}&type=DEPOSIT,TAKER_REBATE`)).toEqual({ status: 200, body: [] });
    expect((await get(`/activity?user=${b.address}&type=SWAP`)).status).toBe(400);
    // eventId: the markets of a Gamma event (not ignored); exclusive with market
    const g = (await get(`/gamma/markets?condition_ids=${fx.market.conditionId}`)).body as { events: { id: string }[] }[];
    const eventId = g[0]!.events[0]!.id;
    expect(((await get(`/activity?user=${b.address}&eventId=${eventId}`)).body as Row[]).length).toBe(6);
    expect((await get(`/activity?user=${b.address}&eventId=1${eventId}`)).body).toEqual([]);
    expect(((await get(`/trades?user=${b.address}&eventId=1${eventId}`)).body as Row[]).length).toBe(0);
    expect((await get(`/activity?user=${b.address}&eventId=${eventId}&market=${fx.market.conditionId}`)).status).toBe(400);
    expect((await get(`/activity?user=${b.address}&sortDirection=UP`)).status).toBe(400);
  });
});

describe("/positions", () => {
  it("folds fills into size/avgPrice and marks mergeable pairs", async () => {
    const pos = (await get(`/positions?user=${b.address}&sizeThreshold=0`)).body as Row[];
    // b started with 1000 shares of each outcome from the fixture credit (not fills): only fills count here
    const yes = pos.find((p) => p.asset === fx.yes)!;
    expect(yes.size).toBe(60);
    expect(yes.avgPrice).toBeCloseTo((10 * 0.5 + 11 * 0.51 + 12 * 0.52 + 13 * 0.53 + 14 * 0.54) / 60, 6);
    expect(yes.mergeable).toBe(true);
    expect(yes.oppositeAsset).toBe(fx.no);
    expect((await get(`/positions?user=${b.address}&limit=9999`)).status).toBe(400);
    expect((await get(`/positions?user=${b.address}&sortBy=SIZE`)).status).toBe(400);
  });
});
