// The one list of executor outcome codes: why an order was rejected before the book, and why it ended as it did.
// `rejected.reason` uses EXEC_REJECT codes; `done.detail` starts with an EXEC_REJECT or EXEC_END code.

/** { CODE: "CODE", … } from a { CODE: why } table, so code names are typed constants. */
function codesOf<T extends Record<string, string>>(table: T): { readonly [K in keyof T]: K } {
  return Object.fromEntries(Object.keys(table).map((k) => [k, k])) as { readonly [K in keyof T]: K };
}

/** Why an intent was refused before reaching the book (venue rule or our pre-check). */
export const EXEC_REJECT_REASONS = {
  NO_BOOK: "No book is known for the token at that time, so tick, minimum size and prices cannot be checked.",
  PRICE_OUT_OF_BAND: "The snapped limit falls outside [tick, 1 − tick]: the venue's client refuses such prices.",
  ROUNDS_TO_ZERO: "Size floored to 2 decimals is zero: there is no order to send.",
  BELOW_MIN_SIZE: "A resting (GTC/GTD) order below the market's minimum size (usually 5 shares) is rejected by the venue.",
  BELOW_MARKETABLE_MIN: "A marketable BUY under $1 notional is rejected by the venue.",
  AMOUNT_PRECISION:
    "A FOK/FAK order whose amounts, as the official client signs a market order (BUY: pUSD = size × limit, exact; SELL: size shares), have more than 2 decimals (maker) or 4 (taker): the venue refuses it. On ticks finer than 0.01 the client signs 5–6 taker decimals, so most sizes are refused.",
  MARKET_CLOSED: "The market resolved or was redeemed while the order was on its way: the venue takes no orders there.",
} as const;
export type ExecRejectReason = keyof typeof EXEC_REJECT_REASONS;
export const EXEC_REJECT = codesOf(EXEC_REJECT_REASONS);

/** How an accepted order ended (the first word of `done.detail`). */
export const EXEC_END_REASONS = {
  FILLED: "The whole size traded.",
  FOK_KILLED: "FOK: the book within the limit could not fill the whole size, so nothing traded.",
  FAK_REMAINDER_CANCELLED: "FAK: what crossed traded, the rest was cancelled at once.",
  NO_LIQUIDITY: "Marketable order met no liquidity within its limit (empty side or prices beyond the cap).",
  CANCELLED: "A resting order was cancelled (by cancelAll, when its market resolved or a leader REDEEM closed it, or at the end of a replay) before it filled fully.",
  EXPIRED: "A resting order outlived its time-to-live and was cancelled.",
  ABORTED: "The executor failed (its intent stream errored, or matching this order threw): the order was given up, nothing more of it traded.",
} as const;
export type ExecEndReason = keyof typeof EXEC_END_REASONS;
export const EXEC_END = codesOf(EXEC_END_REASONS);
