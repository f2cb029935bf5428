// LeaderTradeEvent: one normalised leader action (trade, merge, split, redeem, conversion) from any source.
// Every event carries venue time `ts` and our receive time `seenAt`, both ms: time is data.
import { z } from "zod";
import { SIDES } from "./venue.js";

export const ACTIVITY_KINDS = ["TRADE", "MERGE", "SPLIT", "REDEEM", "CONVERSION"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const EVENT_SOURCES = ["activity", "trades", "rtds", "sim", "synthetic", "journal"] as const;

export const LeaderTradeEventSchema = z.object({
  /** Deterministic id: same row from any source gives the same id (see pipeline/ids.ts). */
  eventId: z.string().min(1),
  leader: z.string().min(1), // proxy wallet, lower case
  kind: z.enum(ACTIVITY_KINDS),
  conditionId: z.string(), // market (condition id)
  tokenId: z.string(), // outcome token ("" for MERGE/SPLIT/REDEEM, which act on the whole market)
  outcomeIndex: z.number().int().nullable(), // null for whole-market actions
  side: z.enum(SIDES).nullable(), // null for non-trades
  size: z.number().nonnegative(), // shares (for MERGE/SPLIT/REDEEM: sets of shares / payout)
  price: z.number().min(0).max(1), // 0 for non-trades
  usdcSize: z.number().nonnegative(),
  ts: z.number().int(), // ms, venue time
  seenAt: z.number().int(), // ms, when we saw it
  txHash: z.string(),
  source: z.enum(EVENT_SOURCES),
  slug: z.string().optional(),
  outcome: z.string().optional(),
});
export type LeaderTradeEvent = z.infer<typeof LeaderTradeEventSchema>;

/**
 * Unix times below this are seconds, at or above it milliseconds: 1e11 s is the year 5138, 1e11 ms is 1973. Lets a
 * Data API timestamp in the wrong unit be refused by name instead of read 1000× off.
 */
export const SECONDS_BELOW = 1e11;

/** A wallet address as the Data API writes it (any case): a leader is its 0x wallet. */
export const WALLET_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** A Data API /activity or /trades row as the venue sends it (extra keys kept, unknown ones ignored). */
export const DataApiRowSchema = z.object({
  proxyWallet: z.string().regex(WALLET_ADDRESS, "expected a 0x wallet address of 40 hex digits"),
  timestamp: z.number().int().positive().lt(SECONDS_BELOW, "expected unix seconds, this looks like milliseconds"),
  conditionId: z.string().min(1),
  type: z.string().optional(), // absent on /trades rows (all trades)
  size: z.number().nonnegative(),
  // null is how the API writes "none" in an optional field: read as absent (usdcSize then size × price)
  usdcSize: z.number().nonnegative().nullish(),
  transactionHash: z.string(),
  price: z.number().min(0).max(1),
  asset: z.string(),
  side: z.string(),
  // 0-based outcome (999 on MERGE/REDEEM rows); stored as a 32-bit INTEGER, where -1 stands for "none"
  outcomeIndex: z.number().int().min(0).max(2 ** 31 - 1),
  slug: z.string().nullish(),
  eventSlug: z.string().nullish(),
  outcome: z.string().nullish(),
  title: z.string().nullish(),
});
export type DataApiRow = z.infer<typeof DataApiRowSchema>;

/** Resolution of a market: the winning token pays 1, the others 0. */
export const ResolutionSchema = z.object({
  conditionId: z.string(),
  winningTokenId: z.string(),
  ts: z.number().int(),
});
export type Resolution = z.infer<typeof ResolutionSchema>;

/**
 * A stream item: a market's outcome became known (replay: at its close time; live: the venue says it resolved).
 * decide skips later trades in the market; accounting settles the copy at 1/0.
 */
export interface MarketSettled {
  kind: "resolved";
  resolution: Resolution;
}

/** Venue time has reached `ts` between leader events (a replay's clock): decide closes the netting windows due by it. */
export interface TimePassed {
  kind: "time";
  ts: number;
}
