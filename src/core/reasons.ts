// The one list of reasons a leader trade is not copied (or not fully), each with why it exists.
// Docs table: `npm run docs:reasons` regenerates docs/skip-reasons.md from this file.

export const SKIP_REASONS = {
  PRICE_CAP: "Leader paid above the price-per-share cap: little upside left to copy (default cap 0.97).",
  LEADER_NOTIONAL_BELOW_MIN: "Leader trade notional below the configured minimum: noise, not conviction.",
  LEADER_NOTIONAL_ABOVE_MAX: "Leader trade notional above the configured maximum: outlier we choose not to follow.",
  COPY_NOTIONAL_BELOW_MIN: "Copy notional after sizing is below our configured minimum copy notional.",
  BANKROLL_CAP: "Copy BUY would spend more than the max % of bankroll at its limit price (a SPLIT mirror: its sets at $1), and the copy clipped to it is too small to send.",
  INSUFFICIENT_CASH: "Copier cash (after open commitments) cannot pay for the buy (or a SPLIT mirror's sets).",
  NOTHING_TO_SELL: "Leader sold (or merged) but the copy holds none of that token (no complete sets to merge).",
  BELOW_VENUE_MIN_SIZE: "A resting (GTC/GTD) order below the market's minimum size (usually 5 shares) is rejected by the venue.",
  BELOW_MARKETABLE_MIN: "A marketable BUY under $1 notional is rejected by the venue.",
  ROUNDS_TO_ZERO: "Size or price rounds to zero at the tick/size grid, so there is no order to send.",
  LEADER_OFF: "The leader is off in every mode: its state is off (or inherits the defaults' off), or each mode is switched off for it.",
  KILL_SWITCH: "The emergency kill switch is engaged: no new intents reach any executor.",
  DUPLICATE: "The same leader event (same deterministic event id) was already decided.",
  UNSUPPORTED_ACTIVITY: "A CONVERSION (neg-risk): it moves positions across a market's outcomes in ways the row does not describe, so it is not mirrored. (REWARD, rebates, deposits and the like never reach decide: the importer counts them as ignored.)",
  UNKNOWN_MARKET: "A MERGE/SPLIT/REDEEM names a market in which this leader was never seen trading (or a SPLIT one whose outcome tokens it has not all seen traded), so it cannot be mirrored. (A market the leader traded but the copy holds nothing of gives NOTHING_TO_SELL for a MERGE.)",
  MARKET_RESOLVED: "The market's outcome is already known and the copy was settled at 1/0, or a leader REDEEM closed the market (its winner known or not): a later trade or netting window there is not copied (its order could only be refused).",
  NETTED: "Folded into a netted batch intent that carries this event's id; for a MERGE: its sets were all bought inside the leader's open netting windows of the market, which it netted away; for a copy: wholly offset against a drift correction on the other side of the same leader trade (only the difference is sent).",
} as const;

export type SkipReason = keyof typeof SKIP_REASONS;
export const SKIP_REASON_CODES = Object.keys(SKIP_REASONS) as SkipReason[];
