// Order book as the project sees it: levels best-first (the venue sends them worst-first), tick and min size.
// BookView is how executors ask for a book at a time (replay) or the latest (live).
import { z } from "zod";

export const LevelSchema = z.object({ price: z.number().gt(0).lt(1), size: z.number().gt(0) });
export type Level = z.infer<typeof LevelSchema>;

export const BookSchema = z.object({
  tokenId: z.string().min(1),
  ts: z.number().int(), // ms, venue time of the snapshot
  bids: z.array(LevelSchema), // best (highest) first
  asks: z.array(LevelSchema), // best (lowest) first
  tick: z.number().gt(0),
  minSize: z.number().nonnegative(),
});
export type Book = z.infer<typeof BookSchema>;

export interface BookView {
  /** Short name printed in every report that used this view (e.g. "recorded-l1", "leader-anchored"). */
  readonly name: string;
  /** Book of `tokenId` as it stood at venue time `ts` (ms), or undefined when nothing is known. */
  at(tokenId: string, ts: number): Book | undefined;
  /** Latest book known (live). */
  latest?(tokenId: string): Book | undefined;
  /** Venue time (ms) of the first change of `tokenId`'s book strictly after `ts`, if the view knows it (replay). */
  nextChange?(tokenId: string, ts: number): number | undefined;
  /** Drop what the view keeps for these tokens (their market resolved/redeemed): keeps long replays' memory flat. */
  forget?(tokenIds: readonly string[]): void;
  /**
   * Tell `listener` of every snapshot the view learns from now on (a view fed as the replay goes, like the
   * leader-anchored one, calls it per new snapshot; a view loaded up front never does). Having it is a promise: a
   * nextChange answer stays right until the listener hears of the token, so callers may keep it until then.
   */
  onChange?(listener: (tokenId: string) => void): void;
}

export function bestBid(b: Book): number | undefined {
  return b.bids[0]?.price;
}
export function bestAsk(b: Book): number | undefined {
  return b.asks[0]?.price;
}
export function midpoint(b: Book): number | undefined {
  const bid = bestBid(b);
  const ask = bestAsk(b);
  if (bid === undefined || ask === undefined) return bid ?? ask;
  return (bid + ask) / 2;
}

/**
 * Reference touches of an order (the ask for a BUY, the bid for a SELL) a fill model reports for attribution: at the
 * leader's time (the intent's ts: a netting window's last trade), when the order reached the book, and when that was
 * (a netting window's other trades get their own leader-time touch up to it). Undefined: no book then.
 */
export interface FillReference {
  atLeader?: number | undefined;
  atArrival?: number | undefined;
  arrival?: number;
}

/** Our side's touch of a book: its best ask for a BUY, its best bid for a SELL (undefined when that side is empty). */
export function touchOf(book: Book, isBuy: boolean): number | undefined {
  return isBuy ? book.asks[0]?.price : book.bids[0]?.price;
}
