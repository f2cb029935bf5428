// Order validation for the matching engine: venue rules in the venue's order of checks, and a dry run of
// the match, all without mutating anything (so a rejected order leaves no trace).
import { ROUNDING, UNIT, takerFee, type TickSize } from "../../core/money.js";
import { VENUE_QUIRKS } from "../../core/venue.js";
import { ERR, VenueError, duplicated, limitPrecision, minMarketableBuy, minSize, tickRule } from "../errors.js";
import type { DryRun, OrderInput } from "./api.js";
import { COLLATERAL, type Balances } from "./balances.js";
import type { BookSide, TokenBook } from "./book.js";
import type { Market } from "./market.js";
import { fmtUnits, type MakerFill } from "./order.js";

/** Price units per 1.0 (prices are integers in 1e-4). */
export const PT = 10_000;
/** 6-decimal units per 1.0. */
export const U = UNIT;

export const tickPt = (t: TickSize): number => Math.round(Number(t) * PT);
/**
 * Cash of a fill, floored (as the exchange contract's calculateTakingAmount): rounding up let a BUY that filled in
 * pieces pay more than its signed makerAmount (and its reservation, rounded up too, went one unit short).
 */
export const cashOf = (units: number, pt: number): number => Math.floor((units * pt) / PT);
const isAmount = (x: number): boolean => Number.isSafeInteger(x) && x > 0;

/** FOK/FAK maker amounts: 2 decimals (units of 0.01). */
export const MAKER_QUANTUM = 10 ** (6 - VENUE_QUIRKS.MARKET_ORDER_MAKER_DP);
/**
 * FOK/FAK taker amounts: 4 decimals whatever the tick, as the venue's message says. On finer ticks the official client
 * signs 5–6 (its rounding table's amount decimals) and the venue rejects those (py-clob-client-v2 issue #99, seen live
 * 2026-07): a bot must choose amounts whose taker needs no more than 4.
 */
export const MARKET_TAKER_QUANTUM = 10 ** (6 - VENUE_QUIRKS.MARKET_ORDER_TAKER_DP);
// (also the step of a cash-budgeted market BUY's fill: 0.0001 share)
/** Limit-order share amounts (BUY taker, SELL maker): 2 decimals. */
export const LIMIT_SHARES_QUANTUM = 10 ** (6 - VENUE_QUIRKS.LIMIT_ORDER_SHARES_DP);

/**
 * Is a market order's implied price a grid price up to the client's own rounding of the taker amount?
 * BUY: taker = roundDown(maker / p) ⇒ 0 ≤ maker − p·taker < p·q. SELL: taker = roundDown(maker · p) ⇒ 0 ≤ p·maker − taker < q.
 * (A book-walk price with many decimals, e.g. 0.8400114…, fails as on the venue; 100/166.6666 = 0.6000002 passes.)
 */
export function impliedFromTick(buy: boolean, maker: number, taker: number, tp: number, q: number): boolean {
  const P = BigInt(PT);
  const mk = BigInt(maker);
  const tk = BigInt(taker);
  const implied = buy ? (maker * PT) / taker : (taker * PT) / maker;
  const k = buy ? Math.floor(implied / tp + 1e-9) : Math.ceil(implied / tp - 1e-9);
  const p = k * tp;
  if (p < tp || p > PT - tp) return false;
  const pb = BigInt(p);
  const slack = P; // one unit of float noise from the client's roundUp-then-roundDown
  if (buy) {
    const d = mk * P - pb * tk;
    return d >= -slack && d < pb * BigInt(q);
  }
  const d = pb * mk - tk * P;
  return d >= -slack && d < BigInt(q) * P;
}

/** What validation reads from the engine. */
export interface ValidateEnv {
  marketByToken(tokenId: string): Market | undefined;
  book(tokenId: string): TokenBook | undefined;
  hasOrder(id: string): boolean;
  balances: Balances;
  now: number;
}

export interface Validated {
  m: Market;
  id: string;
  pt: number;
  dry: DryRun;
}

export function validateOrder(inp: OrderInput, env: ValidateEnv): Validated {
  const m = env.marketByToken(inp.tokenId);
  if (!m) throw new VenueError(ERR.INVALID_TOKEN);
  if (m.closed || !m.acceptingOrders) throw new VenueError(ERR.MARKET_NOT_READY);
  if (!isAmount(inp.makerAmount) || !isAmount(inp.takerAmount)) throw new VenueError(ERR.INVALID_PAYLOAD);
  if (inp.side !== "BUY" && inp.side !== "SELL") throw new VenueError(ERR.INVALID_PAYLOAD);
  const id = inp.id ?? "";
  if (id && env.hasOrder(id)) throw new VenueError(duplicated(id));
  const market = inp.type === "FOK" || inp.type === "FAK";
  if (!market && inp.type !== "GTC" && inp.type !== "GTD") throw new VenueError(ERR.INVALID_PAYLOAD);
  if (inp.postOnly && market) throw new VenueError(ERR.POST_ONLY_TYPE);
  const exp = inp.expiration ?? 0;
  if (!Number.isSafeInteger(exp) || exp < 0) throw new VenueError(ERR.INVALID_EXPIRATION);
  if (inp.type === "GTD") {
    if (exp === 0 || (exp - VENUE_QUIRKS.GTD_MIN_LEAD_S) * 1000 <= env.now) throw new VenueError(ERR.INVALID_EXPIRATION);
  } else if (exp !== 0) throw new VenueError(ERR.INVALID_EXPIRATION);

  const buy = inp.side === "BUY";
  const num = (buy ? inp.makerAmount : inp.takerAmount) * PT;
  const den = buy ? inp.takerAmount : inp.makerAmount;
  const pt = num / den;
  const tp = tickPt(m.tick);
  const label = id || "0x";
  // the venue prints the float it computes, e.g. "Price (0.8400114241553685)"
  const priceStr = String(buy ? inp.makerAmount / inp.takerAmount : inp.takerAmount / inp.makerAmount);
  const sizeU = buy ? inp.takerAmount : inp.makerAmount;
  if (market) {
    const q = MARKET_TAKER_QUANTUM;
    if (inp.makerAmount % MAKER_QUANTUM !== 0 || inp.takerAmount % q !== 0)
      throw new VenueError(buy ? ERR.MARKET_BUY_PRECISION : ERR.SELL_PRECISION);
    // the client rounds the taker down to the tick's amount decimals (3 on tick 0.1: coarser than the 4-dp quantum),
    // so a grid price reaches the venue through that rounding
    const clientQ = Math.max(q, 10 ** (6 - ROUNDING[m.tick].amount));
    if (!impliedFromTick(buy, inp.makerAmount, inp.takerAmount, tp, clientQ)) throw new VenueError(tickRule(label, priceStr, m.tick));
    if (buy && inp.makerAmount < VENUE_QUIRKS.MIN_MARKETABLE_BUY_USD * U)
      throw new VenueError(minMarketableBuy(String(inp.makerAmount / U)));
  } else {
    if (sizeU % LIMIT_SHARES_QUANTUM !== 0) throw new VenueError(limitPrecision(buy, ROUNDING[m.tick].amount));
    if (num % den !== 0 || pt % tp !== 0 || pt < tp || pt > PT - tp) throw new VenueError(tickRule(label, priceStr, m.tick));
    if (sizeU < m.minOrderSize * U) throw new VenueError(minSize(label, fmtUnits(sizeU), m.minOrderSize));
  }
  const book = env.book(inp.tokenId)!;
  const opp = buy ? book.asks : book.bids;
  const best = opp.best();
  const crosses = best !== undefined && (buy ? best.pt <= pt : best.pt >= pt);
  if (inp.postOnly && crosses) throw new VenueError(ERR.POST_ONLY_CROSSES);
  if (!market && buy && crosses && inp.makerAmount < VENUE_QUIRKS.MIN_MARKETABLE_BUY_USD * U)
    throw new VenueError(minMarketableBuy(String(inp.makerAmount / U)));

  const dry = crosses ? dryRun(inp, m, opp, pt, market) : { fills: [], units: 0, cash: 0, fee: 0, full: false };
  const addr = inp.maker.toLowerCase();
  if (buy) {
    if (env.balances.available(addr, COLLATERAL) < inp.makerAmount + dry.fee) throw new VenueError(ERR.NOT_ENOUGH_BALANCE);
  } else if (env.balances.available(addr, inp.tokenId) < inp.makerAmount) throw new VenueError(ERR.NOT_ENOUGH_BALANCE);
  if (inp.type === "FOK" && !dry.full) throw new VenueError(ERR.FOK_NOT_FILLED);
  if (inp.type === "FAK" && dry.fills.length === 0) throw new VenueError(ERR.FAK_NO_MATCH);
  return { m, id, pt, dry };
}

/** Walk the opposite side without mutating anything. */
export function dryRun(inp: OrderInput, m: Market, opp: BookSide, pt: number, market: boolean): DryRun {
  const buy = inp.side === "BUY";
  const cashBudget = buy && market;
  let shares = buy ? inp.takerAmount : inp.makerAmount;
  let cash = inp.makerAmount; // only for cash-budgeted BUYs
  const fills: MakerFill[] = [];
  let units = 0;
  let spent = 0;
  let fee = 0;
  let full = false;
  outer: for (const lp of opp.prices) {
    if (buy ? lp > pt + 1e-9 : lp < pt - 1e-9) break;
    const lvl = opp.levels.get(lp)!;
    for (const o of lvl.orders) {
      let take: number;
      if (cashBudget) {
        const afford = Math.floor((cash * PT) / lp / MARKET_TAKER_QUANTUM) * MARKET_TAKER_QUANTUM;
        if (afford <= 0) {
          full = true;
          break outer;
        }
        take = Math.min(o.remaining, afford);
      } else take = Math.min(o.remaining, shares);
      const c = cashOf(take, lp);
      fills.push({ order: o, units: take, pt: lp, cash: c });
      units += take;
      spent += c;
      if (m.fee.r > 0) fee += Math.round(takerFee(take / U, lp / PT, m.fee.r, m.fee.e) * U);
      if (cashBudget) {
        cash -= c;
        if (cash <= 0) {
          full = true;
          break outer;
        }
      } else {
        shares -= take;
        if (shares <= 0) {
          full = true;
          break outer;
        }
      }
    }
  }
  if (cashBudget && !full && fills.length > 0) {
    // budget left over smaller than one quantum at the last price counts as filled
    const last = fills[fills.length - 1]!;
    if (cash * PT < MARKET_TAKER_QUANTUM * last.pt) full = true;
  }
  if (!buy && fee > spent) fee = spent;
  return { fills, units, cash: spent, fee, full };
}
