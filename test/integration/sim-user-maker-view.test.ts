// The user channel's trade message as a MAKER sees it, against the real maker-side capture (clob-ws/user_trade1.json):
// `owner` and `trade_owner` stay the taker's API key; the maker finds its own fill in `maker_orders`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedData } from "../helpers/shared-data.js";
import { feedsFixture, type Fixture, type SimUser } from "../helpers/sim-feeds.js";
import type { WsClient } from "../helpers/ws-client.js";

const ws = sharedData("captures/clob-ws");
type Obj = Record<string, unknown>;
const load = (f: string): Obj => JSON.parse(readFileSync(join(ws!, f), "utf8")) as Obj;

describe.skipIf(ws === undefined)("user channel, maker view of a trade", () => {
  let fx: Fixture;
  let maker: SimUser;
  let taker: SimUser;
  let makerWs: WsClient;

  beforeAll(async () => {
    fx = await feedsFixture(17);
    maker = fx.user(0xa7);
    taker = fx.user(0xb7);
    makerWs = await fx.user$(maker);
    fx.cross(maker, taker, 0.52, 5);
  });

  afterAll(async () => {
    makerWs?.close();
    await fx?.close();
  });

  it("the capture: a MAKER-side trade carries the taker's key in owner and trade_owner, not the viewer's", () => {
    const real = load("user_trade1.json");
    const viewer = load("order_placement.json"); // the same account's own order: its key and maker address
    expect(real.trader_side).toBe("MAKER");
    const mine = (real.maker_orders as Obj[]).filter((m) => m.maker_address === viewer.maker_address);
    expect(mine.map((m) => m.owner)).toEqual([viewer.owner]); // the viewer's fill is in maker_orders
    expect(real.owner).toBe(real.trade_owner);
    expect(real.owner).not.toBe(viewer.owner); // ... but the message is not relabelled to the viewer
  });

  it("the sim's maker-side trade message does the same", async () => {
    const t = await makerWs.event("trade", (e) => e.status === "MATCHED");
    expect(t.trader_side).toBe("MAKER");
    expect((t.maker_orders as Obj[]).some((m) => m.owner === maker.key.key)).toBe(true);
    expect([t.owner, t.trade_owner]).toEqual([taker.key.key, taker.key.key]);
  });
});
