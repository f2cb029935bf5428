// User channel: unsubscribing from the last market a socket named leaves it with no markets, so it hears nothing
// more; it must not fall back to "every market of the key" (which only an initial frame with markets [] means).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WsClient } from "../helpers/ws-client.js";
import { feedsFixture, type Fixture, type SimUser } from "../helpers/sim-feeds.js";

let fx: Fixture;

beforeAll(async () => {
  fx = await feedsFixture(21);
});

afterAll(async () => {
  await fx?.close();
});

async function userOn(u: SimUser, markets: string[]): Promise<WsClient> {
  const c = await WsClient.open(`${fx.wsUrl}/ws/user`);
  c.send({ auth: { apiKey: u.key.key, secret: u.key.secret, passphrase: u.key.passphrase }, markets, assets_ids: [], type: "user" });
  await sync(c);
  return c;
}

/** The channel has no ack: a PONG proves every frame sent before it was processed. */
async function sync(c: WsClient): Promise<void> {
  c.send("PING");
  await c.next((f) => f.text === "PONG", 5_000, "PONG");
}

const userEvents = (c: WsClient): unknown[] =>
  c.frames.filter((f) => {
    const list = Array.isArray(f.json) ? f.json : [f.json];
    return list.some((e) => typeof e === "object" && e !== null && ["order", "trade"].includes(String((e as Record<string, unknown>).event_type)));
  });

describe("user channel unsubscribe", () => {
  it("a socket that unsubscribed from its only market hears no other market's orders or trades", async () => {
    const engine = fx.exchange.engine;
    const other = engine.createMarket({ question: "Another market?", slug: "another-market" });
    const [maker, taker] = [fx.user(0xc1), fx.user(0xc2)];
    engine.creditShares(maker.address, other.tokens[0].tokenId, 100);
    const c = await userOn(taker, [fx.market.conditionId]);
    c.send({ operation: "unsubscribe", markets: [fx.market.conditionId] });
    await sync(c);
    const before = userEvents(c).length;
    fx.cross(maker, taker, 0.5, 10, other.tokens[0].tokenId);
    fx.cross(maker, taker, 0.5, 10, fx.yes);
    await sync(c);
    expect(userEvents(c).length - before).toBe(0);
    c.close();
  });

  it("markets [] on the initial frame still means every market of the key", async () => {
    const [maker, taker] = [fx.user(0xd1), fx.user(0xd2)];
    const c = await userOn(taker, []);
    fx.cross(maker, taker, 0.5, 10, fx.yes);
    expect(await c.seen("trade", (t) => t.owner === taker.key.key)).toMatchObject({ market: fx.market.conditionId, trader_side: "TAKER" });
    c.close();
  });
});
