// Events the matching engine emits (typed emitter): the seam the WebSocket, Data API, RTDS and scenario
// code consume. Wire-shaped payloads (strings, as the venue spells them) so consumers only re-frame them.
import type { OrderStatus, OrderType, Side, TradeStatus } from "../../core/venue.js";
import type { Market } from "./market.js";

/** OpenOrder exactly as REST `/data/order/{id}` returns it (user-channel adds order_owner, timestamp, type). */
export interface OpenOrderWire {
  id: string; // order hash 0x…64
  status: OrderStatus | string; // LIVE | MATCHED | CANCELED | … (FOK kill may carry a reason suffix)
  owner: string; // API key uuid ("" for internal orders placed without a key)
  maker_address: string; // funder / maker address (checksummed as signed)
  market: string; // condition id
  asset_id: string; // token id
  side: Side;
  original_size: string; // shares, decimal string
  size_matched: string;
  price: string;
  associate_trades: string[];
  outcome: string;
  created_at: number; // unix seconds (REST) — user channel sends it as a string
  expiration: string; // unix seconds, "0" = none
  order_type: OrderType;
}

export interface MakerOrderWire {
  order_id: string;
  owner: string;
  maker_address: string;
  matched_amount: string; // shares
  price: string;
  fee_rate_bps: string;
  asset_id: string;
  outcome: string;
  side: Side;
}

/** Trade as REST `/data/trades` returns it, from the TAKER's perspective (trader_side "TAKER"). */
export interface TradeWire {
  id: string;
  taker_order_id: string;
  market: string;
  asset_id: string;
  side: Side; // taker side
  size: string; // shares, total of maker_orders matched amounts
  fee_rate_bps: string;
  price: string; // taker's average... the venue reports the first/limit level: we report the maker price of the first fill
  status: TradeStatus;
  match_time: string; // unix s
  last_update: string; // unix s
  outcome: string;
  bucket_index: number;
  owner: string; // taker API key
  maker_address: string; // taker maker address
  transaction_hash: string;
  trader_side: "TAKER" | "MAKER";
  maker_orders: MakerOrderWire[];
}

interface Base {
  /** Monotonic sequence number across all engine events. */
  seq: number;
  /** ms from the engine clock. */
  ts: number;
}

export interface MarketCreatedEvent extends Base {
  type: "market_created";
  market: Market;
}

export interface OrderEvent extends Base {
  type: "order";
  kind: "PLACEMENT" | "UPDATE" | "CANCELLATION";
  order: OpenOrderWire;
  /** Signer address (owner of the API key) — lower-cased; maker_address may be a funder. */
  ownerAddress: string;
}

/** Emitted on match (status MATCHED) and on every later status change (same trade id). */
export interface TradeEvent extends Base {
  type: "trade";
  trade: TradeWire;
  /** Lower-cased addresses involved (taker first), for per-user routing. */
  takerAddress: string;
  makerAddresses: string[];
  /** Taker fee charged in pUSD 6-dec units (0 for makers). */
  takerFeeUnits: number;
}

/** One price level changed: `size` is the new total at the level ("0" removes it). */
export interface BookEvent extends Base {
  type: "book";
  market: string;
  tokenId: string;
  side: Side; // BUY = bid level
  price: string;
  size: string;
  bestBid: string; // "" when the side is empty
  bestAsk: string;
}

export interface LastTradePriceEvent extends Base {
  type: "last_trade_price";
  market: string;
  tokenId: string;
  price: string;
  side: Side; // taker side
  size: string;
  feeRateBps: string;
  transactionHash: string;
}

export interface TickSizeChangeEvent extends Base {
  type: "tick_size_change";
  market: string;
  tokenId: string;
  oldTick: string;
  newTick: string;
}

export interface MarketResolvedEvent extends Base {
  type: "market_resolved";
  market: string;
  tokenIds: [string, string];
  winningTokenId: string;
  winningOutcome: string;
}

/** A balance changed (credit, fill, FAILED-trade revert, resolution payout). `asset` = "COLLATERAL" or a token id. */
export interface BalanceEvent extends Base {
  type: "balance";
  address: string; // lower-cased
  asset: string;
  balance: string; // 6-dec units, integer string
}

export type SimEvent =
  | MarketCreatedEvent
  | OrderEvent
  | TradeEvent
  | BookEvent
  | LastTradePriceEvent
  | TickSizeChangeEvent
  | MarketResolvedEvent
  | BalanceEvent;

export type SimEventType = SimEvent["type"];
export type SimEventOf<K extends SimEventType> = Extract<SimEvent, { type: K }>;
/** Distributive Omit so each variant keeps its own fields. */
export type SimEventInput = SimEvent extends infer E ? (E extends SimEvent ? Omit<E, "seq" | "ts"> : never) : never;

export type Listener<K extends SimEventType> = (e: SimEventOf<K>) => void;

/** Minimal synchronous typed emitter (deterministic ordering; a throwing listener never breaks matching). */
export class SimEmitter {
  private readonly byType = new Map<SimEventType, Set<(e: SimEvent) => void>>();
  private readonly all = new Set<(e: SimEvent) => void>();
  private seq = 0;
  private listeners = 0;
  constructor(private readonly now: () => number) {}

  on<K extends SimEventType>(type: K, fn: Listener<K>): () => void {
    let set = this.byType.get(type);
    if (!set) this.byType.set(type, (set = new Set()));
    const f = fn as (e: SimEvent) => void;
    if (!set.has(f)) this.listeners++;
    set.add(f);
    return () => {
      if (set.delete(f)) this.listeners--;
    };
  }

  /** Every event, in emission order. */
  onAny(fn: (e: SimEvent) => void): () => void {
    if (!this.all.has(fn)) this.listeners++;
    this.all.add(fn);
    return () => {
      if (this.all.delete(fn)) this.listeners--;
    };
  }

  /** Cheap check so the engine skips building payloads nobody reads. */
  hasListeners(): boolean {
    return this.listeners > 0;
  }

  emit(e: SimEventInput): void {
    const ev = { ...e, seq: ++this.seq, ts: this.now() } as SimEvent;
    const set = this.byType.get(ev.type);
    if (set) for (const f of set) safe(f, ev);
    for (const f of this.all) safe(f, ev);
  }
}

function safe(f: (e: SimEvent) => void, e: SimEvent): void {
  try {
    f(e);
  } catch {
    // listeners must not break the engine; they own their errors
  }
}
