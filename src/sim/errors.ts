// Venue error strings and HTTP statuses the sim answers with (spelled as the venue does, see the CLOB
// reference §4.2). Functions for the interpolated ones; one place so tests and clients can import them.

export const ERR = {
  INVALID_PAYLOAD: "Invalid order payload",
  OWNER_MISMATCH: "the order owner has to be the owner of the API KEY",
  SIGNER_MISMATCH: "the order signer address has to be the address of the API KEY",
  NOT_ENOUGH_BALANCE: "not enough balance / allowance",
  INVALID_EXPIRATION: "invalid expiration",
  POST_ONLY_CROSSES: "invalid post-only order: order crosses book",
  POST_ONLY_TYPE: "invalid post-only order: only GTC and GTD order types are allowed",
  FOK_NOT_FILLED: "order couldn't be fully filled. FOK orders are fully filled or killed.",
  FAK_NO_MATCH: "no orders found to match with FAK order. FAK orders are partially filled or killed if no match is found.",
  MARKET_NOT_READY: "the market is not yet ready to process new orders",
  MARKET_BUY_PRECISION:
    "invalid amounts, the market buy orders maker amount supports a max accuracy of 2 decimals, taker amount a max of 4 decimals",
  SELL_PRECISION:
    "invalid amounts, the sell orders maker amount supports a max accuracy of 2 decimals, taker amount a max of 4 decimals",
  /** Not a documented venue string: the sim's answer to a signature that does not recover to `signer`. */
  INVALID_SIGNATURE: "invalid signature",
  /** Documented for V1-signed orders against V2 (also any unknown body shape claiming another version). */
  VERSION_MISMATCH: "order_version_mismatch",
  UNAUTHORIZED: "Unauthorized/Invalid api key",
  INVALID_L1: "Invalid L1 Request headers",
  COULD_NOT_CREATE_KEY: "Could not create api key",
  INVALID_TOKEN: "Invalid token id",
  INVALID_SIDE: "Invalid side",
  NO_ORDERBOOK: "No orderbook exists for the requested token id",
  MARKET_NOT_FOUND: "market not found",
  INVALID_ORDER_ID: "Invalid orderID",
  ORDER_NOT_FOUND: "order not found",
  TOO_MANY_REQUESTS: "Too Many Requests",
  ORDER_TIMED_OUT: "order timed out",
  /** 425: text not documented; the sim's wording. */
  RESTARTING: "matching engine is restarting",
  NOT_FOUND: "not found",
  /**
   * not_canceled reason for an order that is unknown, not the caller's, already cancelled or matched: the venue's one
   * text for all of them (live logs of several independent clients; the reference lists older guesses as unverified).
   */
  CANNOT_CANCEL: "order can't be found - already canceled or matched",
  INVALID_HEARTBEAT: "Invalid heartbeat id",
} as const;

export const tooManyOrders = (n: number, max: number): string => `Too many orders in payload: ${n}, max allowed: ${max}`;
export const tickRule = (id: string, price: string, tick: string): string =>
  `order ${id} is invalid. Price (${price}) breaks minimum tick size rule: ${tick}`;
export const minSize = (id: string, size: string, min: number | string): string =>
  `order ${id} is invalid. Size (${size}) lower than the minimum: ${min}`;
/**
 * A limit order whose shares have more than 2 decimals (the cash side has the tick's amount decimals): the venue's
 * text as seen in the wild, e.g. "the buy orders maker amount supports a max accuracy of 4 decimals, taker amount a
 * max of 2 decimals" at tick 0.01 (py-clob-client #305; 5 decimals at tick 0.001, clob-client #124).
 */
export const limitPrecision = (buy: boolean, cashDecimals: number): string =>
  buy
    ? `invalid amounts, the buy orders maker amount supports a max accuracy of ${cashDecimals} decimals, taker amount a max of 2 decimals`
    : `invalid amounts, the sell orders maker amount supports a max accuracy of 2 decimals, taker amount a max of ${cashDecimals} decimals`;
export const duplicated = (id: string): string => `order ${id} is invalid. Duplicated.`;
export const minMarketableBuy = (usd: string): string => `invalid amount for a marketable BUY order ($${usd}), min size: $1`;

export const HTTP = {
  OK: 200,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  TOO_EARLY: 425,
  TOO_MANY: 429,
  SERVER_ERROR: 500,
  UNAVAILABLE: 503,
} as const;

/** An engine/CLOB rejection: a venue message and the HTTP status it travels with. */
export class VenueError extends Error {
  readonly status: number;
  constructor(message: string, status: number = HTTP.BAD_REQUEST) {
    // an expected venue answer, not a bug: skip the stack capture (rejections are on the hot path)
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.status = status;
    this.name = "VenueError";
  }
}
