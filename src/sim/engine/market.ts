// Market definitions held by the engine: condition id, two outcome tokens, tick, minimum size, neg-risk
// and the V2 fee parameters {r, e, takerOnly} that /clob-markets serves as `fd`.
import type { TickSize } from "../../core/money.js";

export interface FeeParams {
  /** Rate r in fee = C · r · (p(1-p))^e. 0 disables fees. */
  r: number;
  /** Exponent e (usually 1). */
  e: number;
  /** Only takers pay (the venue's only mode today). */
  takerOnly: boolean;
}

export interface OutcomeToken {
  tokenId: string;
  outcome: string; // "Yes" / "No" / "Up" …
}

/** What callers pass to `engine.createMarket`. Unset fields get venue defaults. */
export interface MarketSpec {
  conditionId?: string; // generated (seeded) when absent
  tokens?: [OutcomeToken, OutcomeToken] | [string, string]; // generated when absent
  outcomes?: [string, string]; // default ["Yes", "No"]
  tick?: TickSize; // default "0.01"
  minOrderSize?: number; // shares, default 5
  negRisk?: boolean; // default false
  fee?: Partial<FeeParams>; // default {r:0, e:1, takerOnly:true}
  question?: string;
  slug?: string;
  /** Free-form extras for Gamma/Data API (title, icon, endDate, eventSlug …); the CLOB ignores them. */
  meta?: Record<string, unknown>;
}

export interface Market {
  conditionId: string;
  tokens: [OutcomeToken, OutcomeToken];
  tick: TickSize;
  minOrderSize: number;
  negRisk: boolean;
  fee: FeeParams;
  question: string;
  slug: string;
  meta: Record<string, unknown>;
  createdAt: number; // ms
  acceptingOrders: boolean;
  closed: boolean;
  /** Set on resolution. */
  winnerTokenId?: string;
  resolvedAt?: number;
}
