// Wire builders for the CLOB market and user channels: every message keyed exactly like the recorded
// captures (strings for numbers, ms-string timestamps). Pure: callers pass the state and the clock value.
import { roundTo } from "../../core/money.js";
import type { Market } from "../engine/market.js";
import type { OpenOrderWire, TradeWire } from "../engine/events.js";
import { marketMeta } from "../gamma/meta.js";
import type { EngineMirror, WireLevel } from "./mirror.js";

export type WsMsg = Record<string, unknown>;

const ms = (t: number): string => String(Math.round(t));

/** Price strings without float noise (e.g. 0.1 + 0.2). */
export function priceStr(x: number): string {
  return String(roundTo(x, 6));
}

export function bookMsg(mirror: EngineMirror, tokenId: string, now: number): WsMsg {
  const m = mirror.marketOfToken(tokenId);
  const { bids, asks } = mirror.levels(tokenId);
  return {
    market: m?.conditionId ?? "",
    asset_id: tokenId,
    timestamp: ms(now),
    hash: mirror.bookHash(tokenId),
    bids,
    asks,
    event_type: "book",
  };
}

export interface PriceChange {
  asset_id: string;
  price: string;
  size: string;
  side: string;
  hash: string;
  best_bid: string;
  best_ask: string;
}

export function priceChangeMsg(market: string, changes: PriceChange[], now: number): WsMsg {
  return { market, price_changes: changes, timestamp: ms(now), event_type: "price_change" };
}

export function lastTradeMsg(e: { market: string; tokenId: string; price: string; side: string; size: string; feeRateBps: string }, now: number): WsMsg {
  return {
    asset_id: e.tokenId,
    event_type: "last_trade_price",
    fee_rate_bps: e.feeRateBps,
    market: e.market,
    price: e.price,
    side: e.side,
    size: e.size,
    timestamp: ms(now),
  };
}

export function tickChangeMsg(e: { market: string; tokenId: string; oldTick: string; newTick: string }, now: number): WsMsg {
  return {
    event_type: "tick_size_change",
    asset_id: e.tokenId,
    market: e.market,
    old_tick_size: e.oldTick,
    new_tick_size: e.newTick,
    timestamp: ms(now),
  };
}

export function bestBidAskMsg(market: string, tokenId: string, bid: number | undefined, ask: number | undefined, now: number): WsMsg {
  return {
    event_type: "best_bid_ask",
    market,
    asset_id: tokenId,
    best_bid: bid === undefined ? "" : priceStr(bid),
    best_ask: ask === undefined ? "" : priceStr(ask),
    spread: bid === undefined || ask === undefined ? "" : priceStr(ask - bid),
    timestamp: ms(now),
  };
}

export function newMarketMsg(m: Market, now: number): WsMsg {
  const meta = marketMeta(m);
  return {
    event_type: "new_market",
    id: meta.gammaId,
    question: meta.question,
    market: m.conditionId,
    slug: meta.slug,
    description: meta.description,
    assets_ids: m.tokens.map((t) => t.tokenId),
    outcomes: m.tokens.map((t) => t.outcome),
    event_message: { id: meta.eventId, ticker: meta.eventSlug, slug: meta.eventSlug, title: meta.title, description: meta.description },
    timestamp: ms(now),
    tags: [],
    condition_id: m.conditionId,
    active: !m.closed,
    clob_token_ids: m.tokens.map((t) => t.tokenId),
    sports_market_type: "",
    line: "",
    game_start_time: "",
    order_price_min_tick_size: m.tick,
    group_item_title: "",
  };
}

export function resolvedMsg(m: Market | undefined, e: { market: string; tokenIds: string[]; winningTokenId: string; winningOutcome: string }, now: number): WsMsg {
  return {
    event_type: "market_resolved",
    id: m ? marketMeta(m).gammaId : "",
    market: e.market,
    assets_ids: e.tokenIds,
    winning_asset_id: e.winningTokenId,
    winning_outcome: e.winningOutcome,
    timestamp: ms(now),
    tags: [],
  };
}

/** User-channel order message: REST OpenOrder + order_owner, timestamp, type; created_at as a string. */
export function orderMsg(o: OpenOrderWire, kind: string, now: number): WsMsg {
  return {
    asset_id: o.asset_id,
    associate_trades: o.associate_trades.length ? o.associate_trades : null,
    created_at: String(o.created_at),
    event_type: "order",
    expiration: o.expiration,
    id: o.id,
    maker_address: o.maker_address,
    market: o.market,
    order_owner: o.owner,
    order_type: o.order_type,
    original_size: o.original_size,
    outcome: o.outcome,
    owner: o.owner,
    price: o.price,
    side: o.side,
    size_matched: o.size_matched,
    status: o.status,
    timestamp: ms(now),
    type: kind,
  };
}

/**
 * User-channel trade message for `viewer` (an API key). A maker sees `trader_side: "MAKER"` and finds its fill among
 * `maker_orders`; `owner` and `trade_owner` stay the trade's owner (the taker's key), as in the real maker-side capture
 * (captures/clob-ws/user_trade1.json).
 */
export function tradeMsg(t: TradeWire, viewer: string, now: number): WsMsg {
  const maker = viewer !== t.owner && t.maker_orders.some((mo) => mo.owner === viewer);
  return {
    asset_id: t.asset_id,
    bucket_index: t.bucket_index,
    event_type: "trade",
    fee_rate_bps: t.fee_rate_bps,
    id: t.id,
    last_update: t.last_update,
    maker_address: t.maker_address,
    maker_orders: t.maker_orders.map((mo) => ({ ...mo })),
    market: t.market,
    match_time: t.match_time,
    outcome: t.outcome,
    owner: t.owner,
    price: t.price,
    side: t.side,
    size: t.size,
    status: t.status,
    taker_order_id: t.taker_order_id,
    timestamp: ms(now),
    trade_owner: t.owner,
    trader_side: maker ? "MAKER" : "TAKER",
    transaction_hash: t.transaction_hash,
    type: "TRADE",
  };
}

export type { WireLevel };
