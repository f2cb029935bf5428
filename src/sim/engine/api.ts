// Public shapes of the matching engine's API: options, order inputs (signed or internal), results, filters.
// Kept apart from engine.ts so callers and the validation code can import them without the class.
import type { TickSize } from "../../core/money.js";
import type { OrderType, Side } from "../../core/venue.js";
import type { Clock } from "../types.js";
import type { OpenOrderWire } from "./events.js";
import type { MakerFill } from "./order.js";

export interface EngineOptions {
  clock?: Clock;
  seed?: number;
  /** "sync": trades go MATCHED → MINED → CONFIRMED at once; "manual": they stay MATCHED until advanceTrades(). */
  settlement?: "sync" | "manual";
}

/** An order after signature checks (or an internal one): amounts in 6-dec units, as signed. */
export interface OrderInput {
  id?: string; // order hash; generated for internal orders
  owner?: string; // API key
  maker: string; // funder address (holds the balances)
  signer?: string;
  tokenId: string;
  side: Side;
  type: OrderType;
  postOnly?: boolean;
  expiration?: number; // unix s, 0 = none
  makerAmount: number;
  takerAmount: number;
}

/** Bot/scenario order without a signature: price and size in decimals. */
export interface InternalOrder {
  address: string;
  owner?: string;
  tokenId: string;
  side: Side;
  price: number;
  /** Shares. For FOK/FAK BUY, `amount` (pUSD) wins when given; else size·price is spent. */
  size: number;
  amount?: number;
  type?: OrderType;
  postOnly?: boolean;
  expiration?: number;
}

export interface PlaceResult {
  orderId: string;
  status: "live" | "matched" | "delayed" | "unmatched";
  tradeIds: string[];
  txHashes: string[];
  /** Human decimals (BUY: making = pUSD paid excl. fee, taking = shares); "" when nothing matched. */
  makingAmount: string;
  takingAmount: string;
  order: OpenOrderWire;
}

export interface CancelResult {
  canceled: string[];
  not_canceled: Record<string, string>;
}

export interface OrderFilter {
  owner?: string;
  id?: string;
  market?: string;
  assetId?: string;
}

export interface TradeFilter extends OrderFilter {
  makerAddress?: string;
  before?: number; // unix s
  after?: number; // unix s
}

export interface BookLevels {
  market: string;
  tokenId: string;
  bids: { price: string; size: string }[]; // best first
  asks: { price: string; size: string }[]; // best first
  tick: TickSize;
  minOrderSize: number;
  negRisk: boolean;
  lastTradePrice: string;
}

export interface DryRun {
  fills: MakerFill[];
  units: number;
  cash: number;
  fee: number;
  full: boolean;
}
