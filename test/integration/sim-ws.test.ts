// Market and user channels over real sockets: subscribe/unsubscribe, PING/PONG, auth failure, the trade
// status sequence, tick-size change, and the socket/trade faults (drop, stall, hold, RETRYING→FAILED).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { feedsFixture, type Fixture } from "../helpers/sim-feeds.js";
import { WsClient } from "../helpers/ws-client.js";

let fx: Fixture;
beforeEach(async () => {
  fx = await feedsFixture();
});
afterEach(async () => {
  await fx.close();
});

const statusesOf = async (c: WsClient, n: number, tradeId?: string): Promise<string[]> => {
  const out: string[] = [];
  while (out.length < n) {
    const e = await c.event("trade", (t) => tradeId === undefined || t.id === tradeId);
    out.push(String(e.status));
  }
  return out;
};

describe("market channel", () => {
  it("dumps books on subscribe, follows subscribe/unsubscribe operations, answers PING with PONG", async () => {
    const a = fx.user(0xa1);
    fx.exchange.engine.placeInternal({ address: a.address, tokenId: fx.yes, side: "BUY", price: 0.4, size: 10, type: "GTC" });
    const c = await fx.market$([fx.yes]);
    const dump = await c.next((f) => Array.isArray(f.json), 5_000, "book dump");
    expect(dump.json).toEqual([expect.objectContaining({ event_type: "book", asset_id: fx.yes, bids: [{ price: "0.4", size: "10" }], asks: [] })]);

    c.send({ operation: "subscribe", assets_ids: [fx.no] });
    const dump2 = await c.next((f) => Array.isArray(f.json), 5_000, "second dump");
    expect((dump2.json as { asset_id: string }[]).map((b) => b.asset_id)).toEqual([fx.no]);

    c.send({ operation: "unsubscribe", assets_ids: [fx.yes] });
    c.send("PING");
    await c.next((f) => f.text === "PONG");
    fx.exchange.engine.placeInternal({ address: a.address, tokenId: fx.yes, side: "BUY", price: 0.41, size: 10, type: "GTC" });
    fx.exchange.engine.placeInternal({ address: a.address, tokenId: fx.no, side: "BUY", price: 0.3, size: 10, type: "GTC" });
    const pc = await c.event("price_change");
    expect(pc.price_changes).toEqual([expect.objectContaining({ asset_id: fx.no, price: "0.3", size: "10", side: "BUY", best_bid: "0.3" })]);
    expect(c.frames.some((f) => f.text.includes(`"asset_id":"${fx.yes}"`) && f.text.includes("price_change"))).toBe(false);
    c.close();
  });

  it("a repeated initial frame and garbage get INVALID OPERATION; the socket stays usable", async () => {
    const c = await fx.market$([fx.yes]);
    c.send({ assets_ids: [fx.yes], type: "market" });
    await c.next((f) => f.text === "INVALID OPERATION");
    c.send("{not json");
    await c.next((f) => f.text === "INVALID OPERATION");
    c.send("PING");
    await c.next((f) => f.text === "PONG");
    c.close();
  });

  it("sends last_trade_price, a post-trade book and best_bid_ask on a match", async () => {
    const [a, b] = [fx.user(0xa1), fx.user(0xb1)];
    const c = await fx.market$([fx.yes]);
    c.send("PING");
    await c.next((f) => f.text === "PONG");
    fx.cross(a, b, 0.55, 7);
    const ltp = await c.event("last_trade_price");
    expect(ltp).toMatchObject({ asset_id: fx.yes, market: fx.market.conditionId, price: "0.55", side: "BUY", size: "7" });
    await c.event("book", (e) => e.asset_id === fx.yes);
    c.close();
  });

  it("announces a tick-size change mid-session and the new grid is tradable", async () => {
    const a = fx.user(0xa1);
    const c = await fx.market$([fx.yes]);
    c.send("PING");
    await c.next((f) => f.text === "PONG");
    fx.exchange.engine.setTickSize(fx.market.conditionId, "0.001");
    const t = await c.event("tick_size_change");
    expect(t).toMatchObject({ asset_id: fx.yes, old_tick_size: "0.01", new_tick_size: "0.001" });
    fx.exchange.engine.placeInternal({ address: a.address, tokenId: fx.yes, side: "BUY", price: 0.505, size: 10, type: "GTC" });
    const pc = await c.event("price_change");
    expect(pc.price_changes).toEqual([expect.objectContaining({ price: "0.505" })]);
    c.close();
  });
});

describe("user channel", () => {
  it("refuses bad credentials by closing the socket, without echoing the secret", async () => {
    const a = fx.user(0xa1);
    const c = await WsClient.open(`${fx.wsUrl}/ws/user`);
    c.send({ auth: { apiKey: a.key.key, secret: "wrong-secret", passphrase: a.key.passphrase }, markets: [], assets_ids: [], type: "user" });
    const closed = await c.waitClosed();
    expect(closed.code).toBe(1008);
    expect(closed.reason).not.toContain(a.key.secret);
    expect(closed.reason).not.toContain("wrong-secret");
  });

  it("streams PLACEMENT, UPDATE, CANCELLATION and MATCHED → MINED → CONFIRMED to both sides", async () => {
    const [a, b] = [fx.user(0xa1), fx.user(0xb1)];
    const ua = await fx.user$(a);
    const ub = await fx.user$(b);
    fx.cross(a, b, 0.5, 10);
    const place = await ua.event("order", (o) => o.type === "PLACEMENT");
    expect(place).toMatchObject({ status: "LIVE", side: "SELL", price: "0.5", original_size: "10", owner: a.key.key });
    const upd = await ua.event("order", (o) => o.type === "UPDATE");
    expect(upd).toMatchObject({ size_matched: "10", status: "MATCHED" });
    expect(await statusesOf(ub, 3)).toEqual(["MATCHED", "MINED", "CONFIRMED"]);
    const makerView = await ua.event("trade");
    // the venue keeps the trade's owner (the taker's key) on the maker's copy; the maker's fill is in maker_orders
    expect(makerView).toMatchObject({ trader_side: "MAKER", owner: b.key.key, trade_owner: b.key.key, status: "MATCHED" });
    expect((makerView.maker_orders as Record<string, unknown>[]).map((m) => m.owner)).toEqual([a.key.key]);

    fx.exchange.engine.placeInternal({ address: a.address, owner: a.key.key, tokenId: fx.yes, side: "BUY", price: 0.2, size: 5, type: "GTC" });
    const live = await ua.event("order", (o) => o.type === "PLACEMENT" && o.price === "0.2");
    fx.exchange.engine.cancel([String(live.id)], a.key.key);
    expect(await ua.event("order", (o) => o.type === "CANCELLATION")).toMatchObject({ id: live.id, status: "CANCELED" });
    ua.close();
    ub.close();
  });
});

describe("RTDS subscriptions", () => {
  it("unsubscribing one type of a '*' subscription leaves the others (as the official client's README says)", async () => {
    const a = fx.user(0xa1);
    const b = fx.user(0xb1);
    const r = await WsClient.open(`${fx.wsUrl}/rtds`);
    const sync = async (): Promise<void> => {
      r.send("ping"); // the answer comes after every message the server sent before it
      await r.next((f) => f.text === "pong");
    };
    const types = (): string[] => r.frames.flatMap((f) => ((f.json as { topic?: string })?.topic === "activity" ? [(f.json as { type: string }).type] : []));
    r.send({ action: "subscribe", subscriptions: [{ topic: "activity", type: "*" }] });
    await sync();
    fx.cross(a, b, 0.5, 5);
    await sync();
    expect(types()).toEqual(["trades", "trades"]); // one per fill row: the taker's and the maker's
    r.send({ action: "unsubscribe", subscriptions: [{ topic: "activity", type: "trades" }] });
    await sync();
    fx.cross(a, b, 0.5, 5);
    await sync();
    expect(types()).toEqual(["trades", "trades", "orders_matched", "orders_matched"]);
    r.send({ action: "unsubscribe", subscriptions: [{ topic: "activity", type: "*" }] });
    await sync();
    fx.cross(a, b, 0.5, 5);
    await sync();
    expect(types()).toEqual(["trades", "trades", "orders_matched", "orders_matched"]);
    r.close();
  });
});

describe("faults", () => {
  it("stall(channel) silences every socket of the channel, future ones too with {future:true}", async () => {
    const a = fx.user(0xa1);
    const m = await fx.market$([fx.yes]);
    const r = await fx.rtds$();
    expect(fx.feeds.faults.stall("market", { future: true })).toBe(1);
    const later = await fx.market$([fx.yes]);
    fx.cross(a, fx.user(0xb1), 0.5, 5);
    await r.next((f) => (f.json as { topic?: string } | undefined)?.topic === "activity");
    r.send("ping");
    await r.next((f) => f.text === "pong");
    expect(m.frames.filter((f) => f.text.includes("last_trade_price"))).toHaveLength(0);
    expect(later.frames).toHaveLength(0);
    fx.feeds.faults.clear();
    m.send("PING");
    await m.next((f) => f.text === "PONG");
    for (const c of [m, r, later]) c.close();
  });

  it("drop: open sockets are cut; dropNext cuts the next handshake", async () => {
    const c = await fx.market$([fx.yes]);
    expect(fx.feeds.faults.drop("market")).toBe(1);
    expect((await c.waitClosed()).code).toBe(1006);
    fx.feeds.faults.dropNext("market");
    const d = await WsClient.open(`${fx.wsUrl}/ws/market`);
    expect((await d.waitClosed()).code).toBe(1006);
  });

  it("stall: the socket stays open but sends nothing (not even PONG) until unstalled", async () => {
    const a = fx.user(0xa1);
    const stalled = await fx.market$([fx.yes]);
    const control = await fx.market$([fx.yes]);
    for (const c of [stalled, control]) {
      c.send("PING");
      await c.next((f) => f.text === "PONG");
    }
    const [first] = fx.feeds.faults.open("market"); // accept order: the stalled socket opened first
    expect(fx.feeds.faults.stallSocket(first!.id)).toBe(true);
    const before = stalled.frames.length;
    stalled.send("PING");
    fx.exchange.engine.placeInternal({ address: a.address, tokenId: fx.yes, side: "BUY", price: 0.3, size: 10, type: "GTC" });
    await control.event("price_change");
    control.send("PING");
    await control.next((f) => f.text === "PONG");
    expect(stalled.frames.length).toBe(before);
    expect(stalled.closed).toBeUndefined();
    fx.feeds.faults.unstall("market");
    stalled.send("PING");
    await stalled.next((f) => f.text === "PONG");
    stalled.close();
    control.close();
  });

  it("hold: trades stay MATCHED until released", async () => {
    const [a, b] = [fx.user(0xa1), fx.user(0xb1)];
    const ub = await fx.user$(b);
    fx.feeds.trades().hold();
    fx.cross(a, b, 0.5, 10);
    const m = await ub.event("trade");
    expect(m.status).toBe("MATCHED");
    ub.send("PING");
    await ub.next((f) => f.text === "PONG");
    expect(ub.frames.filter((f) => f.text.includes('"MINED"')).length).toBe(0);
    fx.feeds.trades().release();
    expect(await statusesOf(ub, 2, String(m.id))).toEqual(["MINED", "CONFIRMED"]);
    ub.close();
  });

  it("failNext: MATCHED → RETRYING → FAILED, and the failed fill leaves the Data API", async () => {
    const [a, b] = [fx.user(0xa1), fx.user(0xb1)];
    const ub = await fx.user$(b);
    fx.feeds.trades().failNext();
    fx.cross(a, b, 0.5, 10);
    expect(await statusesOf(ub, 3)).toEqual(["MATCHED", "RETRYING", "FAILED"]);
    const rows = (await (await fetch(`${fx.exchange.url}/trades?user=${b.address}`)).json()) as unknown[];
    expect(rows).toEqual([]);
    // the next trade settles normally again
    fx.cross(a, b, 0.5, 10);
    expect(await statusesOf(ub, 3)).toEqual(["MATCHED", "MINED", "CONFIRMED"]);
    ub.close();
  });
});
