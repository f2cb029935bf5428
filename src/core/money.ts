// Money and price maths shared by the pipeline, the paper executor and the sim: ticks, 6-decimal units.
// Pure functions only; amounts the venue signs are computed by the official client, never here.
import { VENUE_QUIRKS } from "./venue.js";

/** Tick sizes the venue uses; the client keys its rounding table on these exact strings. */
export const TICK_SIZES = ["0.1", "0.01", "0.005", "0.0025", "0.001", "0.0001"] as const;
export type TickSize = (typeof TICK_SIZES)[number];

/** Decimals of (price, size, amount) per tick, as the venue's rounding table fixes them. */
export const ROUNDING: Record<TickSize, { price: number; size: number; amount: number }> = {
  "0.1": { price: 1, size: 2, amount: 3 },
  "0.01": { price: 2, size: 2, amount: 4 },
  "0.005": { price: 3, size: 2, amount: 5 },
  "0.0025": { price: 4, size: 2, amount: 6 },
  "0.001": { price: 3, size: 2, amount: 5 },
  "0.0001": { price: 4, size: 2, amount: 6 },
};

/** Both cash (pUSD) and outcome shares are 6-decimal integers on chain. */
export const UNIT = 1_000_000;

export function isTickSize(x: unknown): x is TickSize {
  return typeof x === "string" && (TICK_SIZES as readonly string[]).includes(x);
}

/** Parse a tick from a number or string ("0.010" and 0.01 both give "0.01"); throws naming the value. */
export function parseTick(x: number | string): TickSize {
  const s = String(Number(x));
  if (!isTickSize(s)) throw new Error(`tick: ${JSON.stringify(x)} is not one of ${TICK_SIZES.join(", ")}`);
  return s;
}

/** Number of integer tick steps in `price` (floating error absorbed). */
function ticksIn(price: number, tick: number): number {
  return price / tick;
}

const EPS = 1e-9;

/** Largest grid price ≤ price (a BUY limit never pays more than asked). */
export function floorToTick(price: number, tick: number | string): number {
  const t = Number(tick);
  return roundTo(Math.floor(ticksIn(price, t) + EPS) * t, decimalsOf(t));
}

/** Smallest grid price ≥ price (a SELL limit never accepts less than asked). */
export function ceilToTick(price: number, tick: number | string): number {
  const t = Number(tick);
  return roundTo(Math.ceil(ticksIn(price, t) - EPS) * t, decimalsOf(t));
}

/** Nearest grid price. */
export function roundToTick(price: number, tick: number | string): number {
  const t = Number(tick);
  return roundTo(Math.round(ticksIn(price, t)) * t, decimalsOf(t));
}

/** True when price sits on the tick grid (within float noise). */
export function onTick(price: number, tick: number | string): boolean {
  const t = Number(tick);
  const k = price / t;
  return Math.abs(k - Math.round(k)) < 1e-6;
}

/** Snap a guardrail price to the grid on the side that keeps the guardrail: BUY down, SELL up. */
export function snapLimit(price: number, tick: number | string, side: "BUY" | "SELL"): number {
  return side === "BUY" ? floorToTick(price, tick) : ceilToTick(price, tick);
}

/** The valid price band for a tick: [tick, 1 - tick]. */
const bandCache = new Map<number, { readonly min: number; readonly max: number }>();
/** Last band asked for: nearly every call asks for the same tick, so this skips the Map (as in decimalsOf). */
let lastBandTick = Number.NaN;
let lastBand = { min: Number.NaN, max: Number.NaN };

export function priceBand(tick: number | string): { readonly min: number; readonly max: number } {
  const t = Number(tick);
  if (t === lastBandTick) return lastBand;
  let b = bandCache.get(t);
  if (!b) bandCache.set(t, (b = { min: t, max: roundTo(1 - t, decimalsOf(t)) }));
  lastBandTick = t;
  return (lastBand = b);
}

/**
 * Shares are traded in hundredths: round a size down to 2 decimals. A size that is a whole number of hundredths up to
 * float error stays whole: the tolerance is relative (a fixed one is below the error of size × 100 from ~262,144
 * shares on, where 262144.04 became 262144.03).
 */
export function floorShares(size: number): number {
  return floorScaled(size * 100) / 100;
}

/**
 * ⌊y⌋ for y = a decimal amount × 10^k that float maths left a few ulps under an integer it equals exactly: the
 * tolerance grows with y (a fixed one is lost above ~50 pUSD of fees at 1e5), plus EPS near zero.
 */
function floorScaled(y: number): number {
  return Math.floor(y + (y > 1 ? y * 4e-15 : 0) + EPS);
}

const decimalsCache = new Map<number, number>();
let lastDecimalsOf = Number.NaN;
let lastDecimals = 0;

/** Decimals of a number as written (0.0025 → 4); memoised, since ticks are few and this sits in hot paths. */
export function decimalsOf(x: number): number {
  if (x === lastDecimalsOf) return lastDecimals;
  let d = decimalsCache.get(x);
  if (d === undefined) {
    d = countDecimals(x);
    if (decimalsCache.size < 1024) decimalsCache.set(x, d);
  }
  lastDecimalsOf = x;
  return (lastDecimals = d);
}

function countDecimals(x: number): number {
  const s = String(x);
  if (s.includes("e-")) return Number(s.split("e-")[1]);
  const i = s.indexOf(".");
  return i < 0 ? 0 : s.length - i - 1;
}

/** 10 ** i for the decimals prices and amounts use (computed the same way roundTo would, so bit-identical). */
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

export function roundTo(x: number, decimals: number): number {
  const f = POW10[decimals] ?? 10 ** decimals;
  return Math.round(x * f) / f;
}

/** Zero padding for toFixedFast's fraction digits, after the point ("." + k zeros) or with a 0 integer part. */
const DOT_ZEROS = [".", ".0", ".00", ".000", ".0000", ".00000", ".000000"];
const ZERO_DOT_ZEROS = DOT_ZEROS.map((z) => "0" + z);
/** toFixedFast formats itself only while x·10^digits < 2^31, where the float product is within 1.2e-7 of exact. */
const FIXED_FAST_MAX = 2 ** 31;
/** …and not within this of a half, where only the exact decimal value can decide the rounding. */
const FIXED_TIE_MARGIN = 1e-6;

/**
 * `x.toFixed(digits)`, the same string, ≈ 2× faster in the usual case (0 ≤ x, up to 6 digits, not near a tie):
 * toFixed is a runtime call, and decide formats a number into the detail of most of its skips.
 */
export function toFixedFast(x: number, digits: number): string {
  const p = POW10[digits];
  if (p !== undefined && digits < DOT_ZEROS.length) {
    const y = x * p;
    const n = Math.round(y);
    if (y >= 0 && y < FIXED_FAST_MAX && n < FIXED_FAST_MAX && Math.abs(n - y) < 0.5 - FIXED_TIE_MARGIN) {
      if (digits === 0) return "" + n;
      // int32 maths (n < 2^31): % of two doubles is a call to fmod, of two int32s one instruction
      const ni = n | 0;
      const pi = p | 0;
      const r = ni % pi;
      const frac = "" + r;
      // one concatenation per piece is an allocation: the point and padding come whole from a table, and skip
      // details mostly format amounts below 1 (integer part 0)
      if (ni < pi) return ZERO_DOT_ZEROS[digits - frac.length]! + frac;
      return (ni - r) / pi + DOT_ZEROS[digits - frac.length]! + frac;
    }
  }
  return x.toFixed(digits);
}

/** Decimal amount → 6-decimal integer units (rounded to the nearest unit). */
export function toUnits(x: number): number {
  return Math.round(x * UNIT);
}

/** 6-decimal integer units → decimal amount. */
export function fromUnits(u: number | bigint | string): number {
  return Number(u) / UNIT;
}

/** The smallest fee the venue charges on a fill that pays one (pUSD, its 5-dp fee unit). */
const MIN_FEE = 0.00001;

/** Fills one order may take before the room kept for minimum fee charges (takerFeeBound) runs out: walks are short. */
const MIN_FEE_FILLS = 10;

/** A market's taker fee parameters in the venue formula fee = C · r · (p(1−p))^e (reference §5). */
export interface FeeRate {
  /** Rate r. */
  r: number;
  /** Exponent e. */
  e: number;
}

/**
 * Venue fee formula (V2, takers only): fee = C · r · (p(1-p))^e, in pUSD, floored to 5 dp, at least 0.00001, and never
 * above the exchange's cap of 5 % of the fill's cash value C · p (reference §5), so a SELL's fee never exceeds its
 * proceeds.
 */
export function takerFee(shares: number, price: number, rate: number, exponent: number): number {
  if (rate <= 0 || shares <= 0) return 0;
  const fee = shares * rate * (price * (1 - price)) ** exponent;
  const floored = floorScaled(fee * 1e5) / 1e5;
  const charged = floored > MIN_FEE ? floored : MIN_FEE; // a charged fill pays at least the minimum
  const cap = floorScaled(shares * price * VENUE_QUIRKS.MAX_FEE_SHARE_OF_NOTIONAL * 1e5) / 1e5;
  return charged < cap ? charged : cap;
}

/**
 * The most taker fee a BUY of `shares` can pay at prices up to `limit` (pUSD): p(1−p) peaks at 0.5, so the price is
 * taken as min(limit, 0.5); plus room for the minimum charge of a few fills. 0 without a fee rate. What decide and
 * the ledger set aside so that fees never take cash below zero.
 */
export function takerFeeBound(shares: number, limit: number, fee: FeeRate | undefined): number {
  if (fee === undefined || fee.r <= 0 || shares <= 0) return 0;
  return shares * feePerShareBound(limit, fee) + MIN_FEE_FILLS * MIN_FEE;
}

/** The most cash a BUY of `shares` up to `limit` can take: its notional at the limit plus takerFeeBound. */
export function buyCost(shares: number, limit: number, fee: FeeRate | undefined): number {
  return shares * limit + takerFeeBound(shares, limit, fee);
}

/** Shares (unrounded, ≥ 0) a BUY at `limit` can take with `cash`, keeping takerFeeBound aside for the fee. */
export function buyableShares(cash: number, limit: number, fee: FeeRate | undefined): number {
  if (!(cash > 0) || !(limit > 0)) return 0;
  if (fee === undefined || fee.r <= 0) return cash / limit;
  const s = (cash - MIN_FEE_FILLS * MIN_FEE) / (limit + feePerShareBound(limit, fee));
  return s > 0 ? s : 0;
}

/** The most fee one share bought up to `limit` pays: r · (q(1−q))^e with q = min(limit, 0.5), at most the cap. */
function feePerShareBound(limit: number, fee: FeeRate): number {
  const q = limit < 0.5 ? limit : 0.5;
  const f = fee.r * (q * (1 - q)) ** fee.e;
  const cap = limit * VENUE_QUIRKS.MAX_FEE_SHARE_OF_NOTIONAL;
  return f < cap ? f : cap;
}

/**
 * The 6-decimal maker and taker amounts the official client (clob-client-v2 `createMarketOrder`, its
 * getMarketOrderRawAmounts) signs for a market order: BUY `amount` = pUSD to spend, SELL `amount` = shares. Its float
 * steps are copied as written (decimals counted on the number's string, roundDown/roundUp only past them), because
 * the client's helpers are not exported and its order builder is async and signs; test/unit/core/market-amounts.test.ts
 * checks this against the client itself on every tick.
 */
export function marketOrderAmounts(side: "BUY" | "SELL", amount: number, price: number, tick: TickSize): { maker: number; taker: number } {
  const rc = ROUNDING[tick];
  const p = clientRoundDown(price, rc.price);
  const maker = clientRoundDown(amount, rc.size);
  let taker = side === "BUY" ? maker / p : maker * p;
  if (clientDecimals(taker) > rc.amount) {
    taker = clientRoundUp(taker, rc.amount + 4);
    if (clientDecimals(taker) > rc.amount) taker = clientRoundDown(taker, rc.amount);
  }
  return { maker: toUnits(maker), taker: toUnits(taker) };
}

/** Market-order amounts the venue takes on every tick: maker at most 2 decimals, taker at most 4 (reference V2 §4.1). */
export function marketAmountsAccepted(a: { maker: number; taker: number }): boolean {
  return a.maker % 10 ** (6 - VENUE_QUIRKS.MARKET_ORDER_MAKER_DP) === 0 && a.taker % 10 ** (6 - VENUE_QUIRKS.MARKET_ORDER_TAKER_DP) === 0;
}

function clientDecimals(x: number): number {
  if (Number.isInteger(x)) return 0;
  const parts = x.toString().split(".");
  return parts.length <= 1 ? 0 : parts[1]!.length;
}
function clientRoundDown(x: number, d: number): number {
  return clientDecimals(x) <= d ? x : Math.floor(x * 10 ** d) / 10 ** d;
}
function clientRoundUp(x: number, d: number): number {
  return clientDecimals(x) <= d ? x : Math.ceil(x * 10 ** d) / 10 ** d;
}
