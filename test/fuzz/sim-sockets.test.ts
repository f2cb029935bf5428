// Property test: seeded random and malformed frames on /ws/market, /ws/user and /rtds never crash the sim;
// each frame is answered with INVALID OPERATION, a PONG, JSON events, or ignored (RTDS), or the user channel
// closes on bad credentials (1008) — and a following PING always gets its PONG on a live socket.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { feedsFixture, type Fixture } from "../helpers/sim-feeds.js";
import { WsClient } from "../helpers/ws-client.js";

const RUNS = 300;
const SEED = 424242;

let fx: Fixture;
beforeAll(async () => {
  fx = await feedsFixture(9);
  const [a, b] = [fx.user(0xa1), fx.user(0xb1)];
  fx.cross(a, b, 0.5, 10);
});
afterAll(async () => {
  await fx.close();
});

const anyJson = fc.jsonValue({ maxDepth: 3 });
const ids = fc.array(fc.oneof(fc.string(), fc.constantFrom("", "0", "1".repeat(77)), fc.integer(), fc.constant(null)), { maxLength: 4 });
const clobFrame = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom("PING", "ping", "PONG", "", " ", "null", "[]", "{}", "[1,2", '{"type":"market"}', '{"operation":"subscribe"}'),
  anyJson.map((j) => JSON.stringify(j)),
  fc.record(
    {
      assets_ids: fc.oneof(ids, anyJson),
      markets: fc.oneof(ids, anyJson),
      type: fc.oneof(fc.constantFrom("market", "user", "MARKET", "User", "rtds"), fc.string()),
      operation: fc.oneof(fc.constantFrom("subscribe", "unsubscribe", "SUBSCRIBE"), fc.string()),
      initial_dump: fc.oneof(fc.boolean(), anyJson),
      custom_feature_enabled: fc.oneof(fc.boolean(), anyJson),
      auth: fc.oneof(fc.record({ apiKey: fc.string(), secret: fc.string(), passphrase: fc.string() }), anyJson),
    },
    { requiredKeys: [] },
  ).map((o) => JSON.stringify(o)),
);
const rtdsFrame = fc.oneof(
  fc.string({ maxLength: 60 }),
  anyJson.map((j) => JSON.stringify(j)),
  fc.record(
    {
      action: fc.oneof(fc.constantFrom("subscribe", "unsubscribe"), fc.string()),
      subscriptions: fc.oneof(
        fc.array(fc.record({ topic: fc.oneof(fc.constant("activity"), fc.string()), type: fc.oneof(fc.constantFrom("trades", "*", "orders_matched"), fc.string()), filters: fc.oneof(fc.string(), anyJson) }, { requiredKeys: [] }), { maxLength: 3 }),
        anyJson,
      ),
    },
    { requiredKeys: [] },
  ).map((o) => JSON.stringify(o)),
);

/** Replies a CLOB socket may send: keepalive, INVALID OPERATION, or JSON events (object or array). */
function legalClobReply(text: string): boolean {
  if (text === "PONG" || text === "INVALID OPERATION") return true;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null;
  } catch {
    return false;
  }
}

async function alive(c: WsClient, ping: string, pong: string): Promise<void> {
  c.send(ping);
  await c.next((f) => f.text === pong, 5_000, pong);
}

describe("socket frames fuzz", () => {
  it("market channel: random frames never crash it; replies are legal; PING still PONGs", async () => {
    let c = await WsClient.open(`${fx.wsUrl}/ws/market`);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(clobFrame, fc.uint8Array({ maxLength: 16 })), { minLength: 1, maxLength: 8 }), async (frames) => {
        if (c.closed) c = await WsClient.open(`${fx.wsUrl}/ws/market`);
        for (const f of frames) c.ws.send(f);
        await alive(c, "PING", "PONG");
        expect(c.frames.every((f) => legalClobReply(f.text))).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    c.close();
  });

  it("user channel: bad credentials close with 1008, anything else is INVALID or ignored", async () => {
    let c = await WsClient.open(`${fx.wsUrl}/ws/user`);
    await fc.assert(
      fc.asyncProperty(fc.array(clobFrame, { minLength: 1, maxLength: 6 }), async (frames) => {
        if (c.closed) c = await WsClient.open(`${fx.wsUrl}/ws/user`);
        for (const f of frames) c.ws.send(f);
        c.send("PING");
        try {
          await c.next((f) => f.text === "PONG", 5_000, "PONG");
        } catch (e) {
          if (!c.closed) throw e;
          expect(c.closed.code).toBe(1008);
        }
        expect(c.frames.every((f) => legalClobReply(f.text))).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED + 1 },
    );
    c.close();
  });

  it("RTDS: garbage is ignored; ping still pongs; subscriptions still deliver", async () => {
    const c = await WsClient.open(`${fx.wsUrl}/rtds`);
    await fc.assert(
      fc.asyncProperty(fc.array(rtdsFrame, { minLength: 1, maxLength: 6 }), async (frames) => {
        for (const f of frames) c.ws.send(f);
        await alive(c, "ping", "pong");
      }),
      { numRuns: RUNS, seed: SEED + 2 },
    );
    c.send({ action: "subscribe", subscriptions: [{ topic: "activity", type: "trades" }] });
    await alive(c, "ping", "pong");
    const [a, b] = [fx.user(0xa1), fx.user(0xb1)];
    fx.cross(a, b, 0.6, 5);
    await c.next((f) => (f.json as { topic?: string } | undefined)?.topic === "activity", 5_000, "activity after fuzz");
    c.close();
    const ok = await fetch(`${fx.exchange.url}/ok`);
    expect(ok.status).toBe(200);
  });
});
