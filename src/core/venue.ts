// Venue vocabulary shared by the sim (which speaks it) and our clients (which read it): order types,
// order and trade statuses, and the quirks we rely on, each with a one-line why.

export const ORDER_TYPES = ["GTC", "GTD", "FOK", "FAK"] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const SIDES = ["BUY", "SELL"] as const;
export type Side = (typeof SIDES)[number];

/** Order statuses as the venue spells them (REST `status` of an open order and user-channel `order.status`). */
export const ORDER_STATUS = {
  LIVE: "LIVE", // resting on the book
  MATCHED: "MATCHED", // fully filled
  DELAYED: "DELAYED", // marketable, matching delayed by the venue
  UNMATCHED: "UNMATCHED", // marketable, delay failed, placed anyway
  CANCELED: "CANCELED", // cancelled by us or killed (FOK/FAK remainder)
  INVALID: "INVALID", // venue-side invalidation
  CANCELED_MARKET_RESOLVED: "CANCELED_MARKET_RESOLVED", // market resolved while resting
} as const;
export type OrderStatus = (typeof ORDER_STATUS)[keyof typeof ORDER_STATUS];

/** POST /order success `status` values (lower case on the wire). */
export const INSERT_STATUS = { live: "live", matched: "matched", delayed: "delayed", unmatched: "unmatched" } as const;

/** Trade settlement statuses: MATCHED → MINED → CONFIRMED, or RETRYING → FAILED. */
export const TRADE_STATUS = {
  MATCHED: "MATCHED", // matched off-chain, sent to the executor contract
  MINED: "MINED", // in a block, not yet final
  CONFIRMED: "CONFIRMED", // final
  RETRYING: "RETRYING", // tx failed, venue resubmits
  FAILED: "FAILED", // final failure: the fill did not happen
} as const;
export type TradeStatus = (typeof TRADE_STATUS)[keyof typeof TRADE_STATUS];

export const VENUE_QUIRKS = {
  /** Resting orders below this many shares are rejected (market `min_order_size`, usually 5). */
  DEFAULT_MIN_ORDER_SIZE: 5,
  /** Marketable BUYs need at least $1 notional. */
  MIN_MARKETABLE_BUY_USD: 1,
  /** CLOB markets are binary: a complete set (what MERGE burns and SPLIT mints) is one share of each of 2 tokens. */
  OUTCOMES_PER_MARKET: 2,
  /** Paged endpoints end with this cursor; a client loops forever without it. */
  END_CURSOR: "LTE=",
  /** First page cursor (base64 of "0"). */
  START_CURSOR: "MA==",
  /** Market BUY amounts are pUSD to spend; market SELL amounts are shares. */
  MARKET_BUY_AMOUNT_IS_CASH: true,
  /** Market-order precision on every tick: maker 2 dp, taker 4 dp (the official client signs 5–6 on fine ticks: refused). */
  MARKET_ORDER_MAKER_DP: 2,
  MARKET_ORDER_TAKER_DP: 4,
  /** Limit-order shares (BUY taker, SELL maker) have at most 2 dp; the cash side has the tick's amount decimals. */
  LIMIT_ORDER_SHARES_DP: 2,
  /** Data API /activity MERGE/REDEEM rows carry asset "", side "" and this outcomeIndex. */
  NON_TRADE_OUTCOME_INDEX: 999,
  /**
   * Data API /activity may list one redemption as several REDEEM rows of one transaction: the paying leg and a leg of
   * size 0 and usdcSize 0 for each empty outcome side (pipeline/normalize.ts drops those legs).
   */
  ZERO_REDEEM_LEGS: true,
  /** Data API timestamps are unix seconds; everything inside the project is ms. */
  DATA_API_TS_UNIT_MS: 1000,
  /** The client caches a market's tick forever, so a tick_size_change is invisible to it. */
  CLIENT_TICK_CACHE_NEVER_EXPIRES: true,
  /** GTD expiry must be at least now + 60 s (the venue's 1-minute safety threshold). */
  GTD_MIN_LEAD_S: 60,
  /** The exchange caps a fill's fee at maxFeeRateBps (default 500) of its cash value; above proceeds it reverts. */
  MAX_FEE_SHARE_OF_NOTIONAL: 0.05,
} as const;
