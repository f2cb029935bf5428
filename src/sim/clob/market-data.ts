// Public (no auth) CLOB routes: health, version, time, market info (/markets-by-token, /clob-markets,
// /markets), tick/neg-risk/fee, books and prices. Books list bids ascending and asks descending (best LAST).
import { createHash } from "node:crypto";
import { ERR, HTTP, VenueError } from "../errors.js";
import type { Engine, BookLevels } from "../engine/engine.js";
import type { Market } from "../engine/market.js";
import { ok } from "../http.js";
import type { Route, SimRequest } from "../types.js";
import { page } from "./state.js";

function tokenParam(req: SimRequest): string {
  const t = req.query.get("token_id");
  if (!t || !/^\d{1,78}$/.test(t)) throw new VenueError(ERR.INVALID_TOKEN);
  return t;
}

function mustBook(engine: Engine, tokenId: string): BookLevels {
  const b = engine.book(tokenId);
  if (!b) throw new VenueError(ERR.NO_ORDERBOOK, HTTP.NOT_FOUND);
  return b;
}

/** OrderBookSummary in the venue's ordering and hash (SHA-1 of the JSON with hash ""). */
export function bookSummary(b: BookLevels, ts: number): Record<string, unknown> {
  const s: Record<string, unknown> = {
    market: b.market,
    asset_id: b.tokenId,
    timestamp: String(ts),
    hash: "",
    bids: [...b.bids].reverse(),
    asks: [...b.asks].reverse(),
    min_order_size: String(b.minOrderSize),
    tick_size: b.tick,
    neg_risk: b.negRisk,
    last_trade_price: b.lastTradePrice,
  };
  s.hash = createHash("sha1").update(JSON.stringify(s)).digest("hex");
  return s;
}

export function clobMarketDetails(m: Market): Record<string, unknown> {
  const d: Record<string, unknown> = {
    c: m.conditionId,
    t: m.tokens.map((t) => ({ t: t.tokenId, o: t.outcome })),
    mts: Number(m.tick),
    fd: { r: m.fee.r, e: m.fee.e, to: m.fee.takerOnly },
    mbf: 0,
    tbf: 0,
    r: null,
    ao: m.acceptingOrders,
    mos: m.minOrderSize,
  };
  if (m.negRisk) d.nr = true;
  return d;
}

function marketV1(engine: Engine, m: Market): Record<string, unknown> {
  return {
    condition_id: m.conditionId,
    question: m.question,
    market_slug: m.slug,
    tokens: m.tokens.map((t) => ({
      token_id: t.tokenId,
      outcome: t.outcome,
      // resolved: the venue shows the outcome's payout (captures/clob-http/markets.json), else the last trade
      price: m.winnerTokenId ? (m.winnerTokenId === t.tokenId ? 1 : 0) : Number(engine.lastTrade(t.tokenId)?.price || 0),
      winner: m.winnerTokenId === t.tokenId,
    })),
    minimum_order_size: m.minOrderSize,
    minimum_tick_size: Number(m.tick),
    neg_risk: m.negRisk,
    accepting_orders: m.acceptingOrders,
    active: true, // the venue keeps closed markets active: `closed` and `accepting_orders` say they are over
    closed: m.closed,
    enable_order_book: true,
    maker_base_fee: 0,
    taker_base_fee: 0,
  };
}

function sideParam(x: unknown): "BUY" | "SELL" {
  if (x === "BUY" || x === "SELL") return x;
  if (x === "buy" || x === "sell") return x.toUpperCase() as "BUY" | "SELL";
  throw new VenueError(ERR.INVALID_SIDE);
}

function priceOf(engine: Engine, tokenId: string, side: "BUY" | "SELL"): string {
  const b = mustBook(engine, tokenId);
  const lvl = side === "BUY" ? b.bids[0] : b.asks[0];
  if (!lvl) throw new VenueError(ERR.NO_ORDERBOOK, HTTP.NOT_FOUND);
  return lvl.price;
}

/** Best bid and ask prices; a book missing either side answers 404 as on the venue. */
function touch(engine: Engine, tokenId: string): { bid: number; ask: number } {
  const b = mustBook(engine, tokenId);
  const bid = b.bids[0];
  const ask = b.asks[0];
  if (!bid || !ask) throw new VenueError(ERR.NO_ORDERBOOK, HTTP.NOT_FOUND);
  return { bid: Number(bid.price), ask: Number(ask.price) };
}

function midOf(engine: Engine, tokenId: string): string {
  const { bid, ask } = touch(engine, tokenId);
  return String(Number(((bid + ask) / 2).toFixed(6)));
}

function spreadOf(engine: Engine, tokenId: string): string {
  const { bid, ask } = touch(engine, tokenId);
  return String(Number((ask - bid).toFixed(6)));
}

function lastOf(engine: Engine, tokenId: string): { price: string; side: string } {
  mustBook(engine, tokenId);
  const l = engine.lastTrade(tokenId)!;
  return { price: l.price || "0", side: l.side };
}

/** `[{token_id, side?}]` batch bodies. */
function batchBody(req: SimRequest): { token_id: string; side?: unknown }[] {
  let x: unknown;
  try {
    x = JSON.parse(req.rawBody);
  } catch {
    throw new VenueError(ERR.INVALID_TOKEN);
  }
  if (!Array.isArray(x) || x.length > 500) throw new VenueError(ERR.INVALID_TOKEN);
  return x.map((e: unknown) => {
    if (typeof e !== "object" || e === null) throw new VenueError(ERR.INVALID_TOKEN);
    const r = e as Record<string, unknown>;
    if (typeof r.token_id !== "string" || !/^\d{1,78}$/.test(r.token_id)) throw new VenueError(ERR.INVALID_TOKEN);
    return { token_id: r.token_id, side: r.side };
  });
}

export function marketDataRoutes(engine: Engine, now: () => number): Route[] {
  const found = (m: Market | undefined): Market => {
    if (!m) throw new VenueError(ERR.MARKET_NOT_FOUND, HTTP.NOT_FOUND);
    return m;
  };
  const mustMarketByToken = (t: string): Market => found(engine.marketByToken(t));
  return [
    { method: "GET", path: "/", handler: () => ok("OK") },
    { method: "GET", path: "/ok", handler: () => ok("OK") },
    { method: "GET", path: "/version", handler: () => ok({ version: 2 }) },
    // builder codes are accepted but not modelled: zero fees, no builder trades
    {
      method: "GET",
      path: "/fees/builder-fees/:code",
      handler: () => ok({ builder_maker_fee_rate_bps: 0, builder_taker_fee_rate_bps: 0 }),
    },
    { method: "GET", path: "/builder/trades", handler: (r) => ok(page([], r.query.get("next_cursor"), 100)) },
    { method: "GET", path: "/time", handler: () => ok(Math.floor(now() / 1000)) },
    {
      method: "GET",
      path: "/markets-by-token/:tokenId",
      handler: (r) => {
        const m = mustMarketByToken(r.params.tokenId!);
        const [a, b] = m.tokens;
        const primary = a.tokenId === r.params.tokenId ? a : b;
        const secondary = primary === a ? b : a;
        return ok({ condition_id: m.conditionId, primary_token_id: primary.tokenId, secondary_token_id: secondary.tokenId });
      },
    },
    {
      method: "GET",
      path: "/clob-markets/:cid",
      handler: (r) => ok(clobMarketDetails(found(engine.market(r.params.cid!)))),
    },
    {
      method: "GET",
      path: "/markets/:cid",
      handler: (r) => ok(marketV1(engine, found(engine.market(r.params.cid!)))),
    },
    {
      method: "GET",
      path: "/markets",
      handler: (r) => ok(page(engine.markets().map((m) => marketV1(engine, m)), r.query.get("next_cursor"), 500)),
    },
    { method: "GET", path: "/tick-size", handler: (r) => ok({ minimum_tick_size: Number(mustBook(engine, tokenParam(r)).tick) }) },
    { method: "GET", path: "/neg-risk", handler: (r) => ok({ neg_risk: mustBook(engine, tokenParam(r)).negRisk }) },
    {
      method: "GET",
      path: "/fee-rate",
      handler: (r) => {
        mustBook(engine, tokenParam(r));
        return ok({ base_fee: 0 });
      },
    },
    { method: "GET", path: "/book", handler: (r) => ok(bookSummary(mustBook(engine, tokenParam(r)), now())) },
    {
      method: "POST",
      path: "/books",
      handler: (r) => ok(batchBody(r).map((e) => bookSummary(mustBook(engine, e.token_id), now()))),
    },
    {
      method: "GET",
      path: "/price",
      handler: (r) => {
        const t = tokenParam(r);
        mustBook(engine, t);
        return ok({ price: priceOf(engine, t, sideParam(r.query.get("side"))) });
      },
    },
    {
      method: "POST",
      path: "/prices",
      handler: (r) => {
        const out: Record<string, Record<string, string>> = {};
        for (const e of batchBody(r)) {
          const s = sideParam(e.side);
          (out[e.token_id] ??= {})[s] = priceOf(engine, e.token_id, s);
        }
        return ok(out);
      },
    },
    { method: "GET", path: "/midpoint", handler: (r) => ok({ mid: midOf(engine, tokenParam(r)) }) },
    {
      method: "POST",
      path: "/midpoints",
      handler: (r) => ok(Object.fromEntries(batchBody(r).map((e) => [e.token_id, midOf(engine, e.token_id)]))),
    },
    { method: "GET", path: "/spread", handler: (r) => ok({ spread: spreadOf(engine, tokenParam(r)) }) },
    {
      method: "POST",
      path: "/spreads",
      handler: (r) => ok(Object.fromEntries(batchBody(r).map((e) => [e.token_id, spreadOf(engine, e.token_id)]))),
    },
    { method: "GET", path: "/last-trade-price", handler: (r) => ok(lastOf(engine, tokenParam(r))) },
    {
      method: "POST",
      path: "/last-trades-prices",
      handler: (r) => ok(batchBody(r).map((e) => ({ token_id: e.token_id, ...lastOf(engine, e.token_id) }))),
    },
  ];
}
