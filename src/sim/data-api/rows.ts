// Data API row shapes (/trades, /activity, /positions) exactly as the real venue keys them, and their builders.
// Numbers are JSON numbers, timestamps unix seconds; key order follows the recorded leader-activity rows.
import { VENUE_QUIRKS, roundTo } from "../../core/index.js";

/** Cash values on the venue carry at most 6 decimals (pUSD units). */
const CASH_DP = 6;

/** Public profile fields the Data API joins onto every row. */
export interface Profile {
  name: string;
  pseudonym: string;
  bio: string;
  profileImage: string;
  profileImageOptimized: string;
}

/** Market fields the Data API joins onto every row (from Gamma). */
export interface RowMarket {
  conditionId: string;
  title: string;
  slug: string;
  icon: string;
  eventSlug: string;
}

/** Field sets only: the JSON key order on the wire is the builders' (tradeRow, activityRow, positions()). */
export interface TradeRow extends RowMarket, Profile {
  proxyWallet: string;
  side: string;
  asset: string;
  size: number;
  price: number;
  timestamp: number;
  outcome: string;
  outcomeIndex: number;
  transactionHash: string;
}

/** Every /activity type the API documents (the sim produces the first six; a filter on the others finds nothing). */
export const ACTIVITY_TYPES = ["TRADE", "SPLIT", "MERGE", "REDEEM", "REWARD", "CONVERSION", "MAKER_REBATE", "TAKER_REBATE", "REFERRAL_REWARD", "DEPOSIT", "WITHDRAWAL", "YIELD"] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface ActivityRow extends RowMarket, Profile {
  proxyWallet: string;
  timestamp: number;
  type: ActivityType;
  size: number;
  usdcSize: number;
  transactionHash: string;
  price: number;
  asset: string;
  side: string;
  outcomeIndex: number;
  outcome: string;
}

export interface PositionRow extends RowMarket {
  proxyWallet: string;
  asset: string;
  size: number;
  avgPrice: number;
  initialValue: number;
  currentValue: number;
  cashPnl: number;
  percentPnl: number;
  totalBought: number;
  realizedPnl: number;
  percentRealizedPnl: number;
  curPrice: number;
  redeemable: boolean;
  mergeable: boolean;
  outcome: string;
  outcomeIndex: number;
  oppositeOutcome: string;
  oppositeAsset: string;
  endDate: string;
  negativeRisk: boolean;
}

/** One ledger entry of the sim: a fill seen from one wallet's side, or a whole-market action. */
export interface SimActivity {
  wallet: string; // proxy wallet as the venue prints it (lower case)
  type: ActivityType;
  conditionId: string;
  tokenId: string; // "" for MERGE/SPLIT/REDEEM
  outcome: string; // "" for whole-market actions
  outcomeIndex: number; // NON_TRADE_OUTCOME_INDEX for whole-market actions
  side: "BUY" | "SELL" | "";
  size: number;
  price: number; // 0 for whole-market actions
  usdcSize: number;
  tsMs: number;
  txHash: string;
  /** True when this wallet's order was the taker of the match (only TRADE). */
  taker: boolean;
  /** Monotonic sequence for stable ordering of same-second rows. */
  seq: number;
  /** Engine trade id the row came from (lets a FAILED trade take its rows back). */
  tradeId?: string;
}

export function cash(x: number): number {
  return roundTo(x, CASH_DP);
}

export function toSeconds(ms: number): number {
  return Math.floor(ms / VENUE_QUIRKS.DATA_API_TS_UNIT_MS);
}

export function tradeRow(a: SimActivity, m: RowMarket, p: Profile): TradeRow {
  return {
    proxyWallet: a.wallet,
    side: a.side,
    asset: a.tokenId,
    conditionId: a.conditionId,
    size: a.size,
    price: a.price,
    timestamp: toSeconds(a.tsMs),
    title: m.title,
    slug: m.slug,
    icon: m.icon,
    eventSlug: m.eventSlug,
    outcome: a.outcome,
    outcomeIndex: a.outcomeIndex,
    name: p.name,
    pseudonym: p.pseudonym,
    bio: p.bio,
    profileImage: p.profileImage,
    profileImageOptimized: p.profileImageOptimized,
    transactionHash: a.txHash,
  };
}

export function activityRow(a: SimActivity, m: RowMarket, p: Profile): ActivityRow {
  return {
    proxyWallet: a.wallet,
    timestamp: toSeconds(a.tsMs),
    conditionId: a.conditionId,
    type: a.type,
    size: a.size,
    usdcSize: a.usdcSize,
    transactionHash: a.txHash,
    price: a.price,
    asset: a.tokenId,
    side: a.side,
    outcomeIndex: a.outcomeIndex,
    title: m.title,
    slug: m.slug,
    icon: m.icon,
    eventSlug: m.eventSlug,
    outcome: a.outcome,
    name: p.name,
    pseudonym: p.pseudonym,
    bio: p.bio,
    profileImage: p.profileImage,
    profileImageOptimized: p.profileImageOptimized,
  };
}
