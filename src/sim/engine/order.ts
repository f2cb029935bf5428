// Order and trade records held by the engine, and their wire (REST) shapes.
// Amounts: 6-dec integer units; prices: integers in 1e-4 units (pt) for resting orders.
import type { OrderStatus, OrderType, Side, TradeStatus } from "../../core/venue.js";
import { fromUnits } from "../../core/money.js";
import type { MakerOrderWire, OpenOrderWire, TradeWire } from "./events.js";

export interface OrderRec {
  id: string;
  owner: string; // API key ("" for internal)
  maker: string; // funder address as signed (checksummed); balances key on maker.toLowerCase()
  makerKey: string; // lower-cased maker
  signer: string; // lower-cased signer (owner of the API key)
  conditionId: string;
  tokenId: string;
  outcome: string;
  side: Side;
  type: OrderType;
  postOnly: boolean;
  expiration: number; // unix s, 0 = none
  createdAt: number; // ms
  /** Limit price in 1e-4 units (integer for limit orders; implied, maybe fractional, for FOK/FAK). */
  pt: number;
  makerAmount: number;
  takerAmount: number;
  /** Share units the order was for (BUY: takerAmount, SELL: makerAmount). */
  originalSize: number;
  /** Share units still resting. */
  remaining: number;
  matched: number;
  status: OrderStatus | string;
  /** Currently reserved: cash units (BUY) or share units (SELL). */
  reserved: number;
  trades: string[];
}

export interface MakerFill {
  order: OrderRec;
  units: number; // shares
  pt: number; // maker's price
  cash: number; // cash units moved
}

export interface TradeRec {
  id: string;
  takerOrder: OrderRec;
  makers: MakerFill[];
  side: Side;
  size: number; // share units
  pt: number; // price of the first fill (pt)
  cash: number; // total cash units moved (excl. fee)
  fee: number; // taker fee units
  feeRateBps: string;
  status: TradeStatus;
  matchTime: number; // ms
  lastUpdate: number; // ms
  txHash: string;
}

export function fmtUnits(u: number): string {
  return String(fromUnits(u));
}
export function fmtPt(pt: number): string {
  return String(Math.round(pt) / 1e4);
}

export function orderWire(o: OrderRec): OpenOrderWire {
  return {
    id: o.id,
    status: o.status,
    owner: o.owner,
    maker_address: o.maker,
    market: o.conditionId,
    asset_id: o.tokenId,
    side: o.side,
    original_size: fmtUnits(o.originalSize),
    size_matched: fmtUnits(o.matched),
    price: fmtPt(o.pt),
    associate_trades: [...o.trades],
    outcome: o.outcome,
    created_at: Math.floor(o.createdAt / 1000),
    expiration: String(o.expiration),
    order_type: o.type,
  };
}

function makerWire(f: MakerFill, feeRateBps: string): MakerOrderWire {
  const o = f.order;
  return {
    order_id: o.id,
    owner: o.owner,
    maker_address: o.maker,
    matched_amount: fmtUnits(f.units),
    price: fmtPt(f.pt),
    fee_rate_bps: feeRateBps === "" ? "0" : "0", // makers pay no fee
    asset_id: o.tokenId,
    outcome: o.outcome,
    side: o.side,
  };
}

/** Trade wire from the taker's perspective; `asOwner` re-labels owner/trader_side for a maker's view. */
export function tradeWire(t: TradeRec, asOwner?: string): TradeWire {
  const tk = t.takerOrder;
  const isMakerView = asOwner !== undefined && asOwner !== tk.owner && t.makers.some((m) => m.order.owner === asOwner);
  return {
    id: t.id,
    taker_order_id: tk.id,
    market: tk.conditionId,
    asset_id: tk.tokenId,
    side: t.side,
    size: fmtUnits(t.size),
    fee_rate_bps: t.feeRateBps,
    price: fmtPt(t.pt),
    status: t.status,
    match_time: String(Math.floor(t.matchTime / 1000)),
    last_update: String(Math.floor(t.lastUpdate / 1000)),
    outcome: tk.outcome,
    bucket_index: 0,
    owner: isMakerView ? asOwner! : tk.owner,
    maker_address: tk.maker,
    transaction_hash: t.txHash,
    trader_side: isMakerView ? "MAKER" : "TAKER",
    maker_orders: t.makers.map((m) => makerWire(m, t.feeRateBps)),
  };
}
