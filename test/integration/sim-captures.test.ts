// Every kind of WebSocket, Data API, Gamma and RTDS message the sim sends has the same keys (and JSON
// value types) as the real captures in ../shared/data (skips with a note when the data is absent outside CI).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedData } from "../helpers/shared-data.js";
import { feedsFixture, type Fixture } from "../helpers/sim-feeds.js";
import type { WsClient } from "../helpers/ws-client.js";

const ws = sharedData("captures/clob-ws");
const gammaDir = sharedData("captures/gamma");
const leaderDir = sharedData("leader-activity/gabagool22");
const have = ws !== undefined && gammaDir !== undefined && leaderDir !== undefined;

type Obj = Record<string, unknown>;
const load = (dir: string, f: string): Obj => JSON.parse(readFileSync(join(dir, f), "utf8")) as Obj;
const keys = (o: unknown): string[] => Object.keys(o as Obj).sort();
const kind = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** Same key set, and for every key the same JSON kind (string/number/boolean/array/object/null). */
function sameShape(ours: Obj, real: Obj, ignoreKind: string[] = []): void {
  expect(keys(ours)).toEqual(keys(real));
  for (const k of Object.keys(real)) if (!ignoreKind.includes(k)) expect([k, kind(ours[k])]).toEqual([k, kind(real[k])]);
}

/** Documented /positions row (no capture exists; reference §6.1). */
const POSITION_KEYS =
  "proxyWallet, asset, conditionId, size, avgPrice, initialValue, currentValue, cashPnl, percentPnl, totalBought, realizedPnl, percentRealizedPnl, curPrice, redeemable, mergeable, title, slug, icon, eventSlug, outcome, outcomeIndex, oppositeOutcome, oppositeAsset, endDate, negativeRisk".split(", ");

describe.skipIf(!have)("sim messages have the keys of the real captures", () => {
  let fx: Fixture;
  let market: WsClient;
  let userA: WsClient;
  let userB: WsClient;
  let rtds: WsClient;
  const got: Record<string, Obj> = {};

  beforeAll(async () => {
    fx = await feedsFixture(11);
    const [a, b] = [fx.user(0xa1), fx.user(0xb1)];
    market = await fx.market$([fx.yes, fx.no]);
    userA = await fx.user$(a);
    userB = await fx.user$(b);
    rtds = await fx.rtds$();
    fx.exchange.engine.placeInternal({ address: a.address, tokenId: fx.yes, side: "BUY", price: 0.4, size: 10, type: "GTC" });
    fx.cross(a, b, 0.55, 7);
    fx.exchange.engine.placeInternal({ address: a.address, owner: a.key.key, tokenId: fx.no, side: "BUY", price: 0.2, size: 5, type: "GTC" });
    got.price_change = await market.seen("price_change");
    got.last_trade_price = await market.seen("last_trade_price");
    got.book = await market.seen("book", (e) => e.asset_id === fx.yes && (e.bids as unknown[]).length > 0);
    got.best_bid_ask = await market.seen("best_bid_ask");
    got.placement = await userA.seen("order", (o) => o.type === "PLACEMENT");
    got.update = await userA.seen("order", (o) => o.type === "UPDATE");
    got.trade = await userB.seen("trade");
    const live = await userA.seen("order", (o) => o.type === "PLACEMENT" && o.price === "0.2");
    fx.exchange.engine.cancel([String(live.id)], a.key.key);
    got.cancel = await userA.seen("order", (o) => o.type === "CANCELLATION");
    fx.exchange.engine.setTickSize(fx.market.conditionId, "0.001");
    got.tick = await market.seen("tick_size_change");
    fx.exchange.engine.createMarket({ question: "Another sim market?", slug: "another-sim-market" });
    fx.exchange.engine.resolve(fx.market.conditionId, fx.yes);
    got.resolved = await market.seen("market_resolved");
    got.rtds = (await rtds.next((f) => (f.json as Obj | undefined)?.topic === "activity")).json as Obj;
  });

  afterAll(async () => {
    for (const c of [market, userA, userB, rtds]) c?.close();
    await fx?.close();
  });

  it("market channel: book, last_trade_price, tick_size_change, best_bid_ask, market_resolved", () => {
    sameShape(got.book!, load(ws!, "book.json"));
    sameShape(got.last_trade_price!, load(ws!, "last_trade_price.json"));
    sameShape(got.tick!, load(ws!, "tick_size_change.json"));
    sameShape(got.best_bid_ask!, load(ws!, "ws_market_best_bid_ask_msg.json"));
    sameShape(got.resolved!, load(ws!, "ws_market_resolved_msg.json"));
    const lvl = (got.book!.bids as Obj[])[0]!;
    sameShape(lvl, (load(ws!, "book.json").bids as Obj[])[0]!);
  });

  it("new_market (sent to every custom-feature subscriber of all markets) has the captured keys", async () => {
    // subscribers of specific assets do not get other markets' new_market: check on an all-markets socket
    const all = await fx.market$([]);
    all.send("PING");
    await all.next((f) => f.text === "PONG");
    fx.exchange.engine.createMarket({ question: "Third sim market?", slug: "third-sim-market" });
    const nm = await all.seen("new_market");
    const real = load(ws!, "ws_market_new_market_msg.json");
    sameShape(nm, real);
    expect(keys(nm.event_message)).toEqual(keys(real.event_message));
    all.close();
  });

  it("price_change uses the current price_changes form; entries carry the legacy fields plus best_bid/best_ask", () => {
    const legacy = load(ws!, "price_change.json");
    expect(keys(got.price_change!)).toEqual(["event_type", "market", "price_changes", "timestamp"]);
    const entry = (got.price_change!.price_changes as Obj[])[0]!;
    const legacyEntry = keys(legacy).filter((k) => !["event_type", "market", "timestamp"].includes(k));
    expect(keys(entry)).toEqual([...legacyEntry, "best_ask", "best_bid"].sort());
    for (const k of legacyEntry) expect(kind(entry[k])).toBe(kind(legacy[k]));
  });

  it("user channel: order PLACEMENT / UPDATE / CANCELLATION and trade", () => {
    // associate_trades is null when empty and an array of ids after a fill (the capture shows null)
    sameShape(got.placement!, load(ws!, "order_placement.json"));
    sameShape(got.update!, load(ws!, "order_placement.json"), ["associate_trades"]);
    sameShape(got.cancel!, load(ws!, "order_cancel.json"), ["associate_trades"]);
    const realTrade = load(ws!, "user_trade2.json");
    sameShape(got.trade!, realTrade);
    const ours = keys((got.trade!.maker_orders as Obj[])[0]);
    const withSide = keys((load(ws!, "user_trade3.json").maker_orders as Obj[])[0]);
    expect(ours).toEqual(withSide); // maker_orders[].side appears in newer captures
  });

  it("Data API /activity and /trades rows have the keys and kinds of the recorded leader rows", async () => {
    const file = readdirSync(leaderDir!).filter((f) => f.endsWith(".json")).sort()[0]!;
    const real = (JSON.parse(readFileSync(join(leaderDir!, file), "utf8")) as Obj[])[0]!;
    const b = fx.user(0xb1);
    const act = (await (await fetch(`${fx.exchange.url}/activity?user=${b.address}`)).json()) as Obj[];
    expect(act.length).toBeGreaterThan(0);
    sameShape(act[0]!, real);
    const trades = (await (await fetch(`${fx.exchange.url}/trades?user=${b.address}`)).json()) as Obj[];
    const tradeKeys = keys(real).filter((k) => k !== "type" && k !== "usdcSize");
    expect(keys(trades[0])).toEqual(tradeKeys);
    const pos = (await (await fetch(`${fx.exchange.url}/positions?user=${b.address}&sizeThreshold=0`)).json()) as Obj[];
    expect(keys(pos[0])).toEqual([...POSITION_KEYS].sort());
  });

  it("RTDS activity/trades envelope carries a Data API /trades row", async () => {
    expect(keys(got.rtds)).toEqual(["connection_id", "payload", "timestamp", "topic", "type"]);
    expect(got.rtds!.type).toBe("trades");
    const trades = (await (await fetch(`${fx.exchange.url}/trades?limit=1`)).json()) as Obj[];
    sameShape(got.rtds!.payload as Obj, trades[0]!);
  });

  it("Gamma /markets objects have the captured keys, kinds and JSON-encoded string fields", async () => {
    const real = load(gammaDir!, "gamma_market.json");
    const res = (await (await fetch(`${fx.exchange.url}/gamma/markets?clob_token_ids=${fx.yes}`)).json()) as Obj[];
    expect(res).toHaveLength(1);
    sameShape(res[0]!, real);
    expect(keys((res[0]!.events as Obj[])[0])).toEqual(keys((real.events as Obj[])[0]));
    for (const k of ["outcomes", "outcomePrices", "clobTokenIds"]) expect(Array.isArray(JSON.parse(String(res[0]![k])))).toBe(true);
    expect(JSON.parse(String(res[0]!.clobTokenIds))).toEqual([fx.yes, fx.no]);
  });

  it("a resolved market reads as the venue's closed markets do: still active, closed, tokens priced 1/0", async () => {
    // fx.market was resolved (yes won) in beforeAll; every closed market of captures/clob-http/markets.json is active
    const clob = (await (await fetch(`${fx.exchange.url}/markets/${fx.market.conditionId}`)).json()) as Obj;
    expect(clob).toMatchObject({ active: true, closed: true });
    expect((clob.tokens as Obj[]).map((t) => [t.token_id, t.price, t.winner])).toEqual([
      [fx.yes, 1, true],
      [fx.no, 0, false],
    ]);
    const g = (await (await fetch(`${fx.exchange.url}/gamma/markets?clob_token_ids=${fx.yes}`)).json()) as Obj[];
    expect(g[0]).toMatchObject({ active: true, closed: true });
    expect(JSON.parse(String(g[0]!.outcomePrices))).toEqual(["1", "0"]);
  });
});
