// The three Data API reads over the sim's ledger: /trades, /activity, /positions, with the venue's
// parameters, defaults and caps; bad parameters throw ParamError (served as 400 naming the parameter).
import { ACTIVITY_TYPES, activityRow, tradeRow, toSeconds, type ActivityRow, type PositionRow, type SimActivity, type TradeRow } from "./rows.js";
import { ParamError, address, bool, conditionIds, enumList, enumOf, int, intList, num, one, optBool, optInt } from "./params.js";
import type { ActivityStore, MarketLookup } from "./store.js";
import { positions } from "./positions.js";

/** /trades: default and max page size, max offset (venue docs). */
export const TRADES_LIMIT = { def: 100, max: 10_000, maxOffset: 10_000 } as const;
/** /activity: default and max page size, max offset (venue docs; newer docs say 5000 offset). */
export const ACTIVITY_LIMIT = { def: 100, max: 500, maxOffset: 10_000 } as const;
/** /positions: default and max page size, max offset. */
export const POSITIONS_LIMIT = { def: 100, max: 500, maxOffset: 10_000 } as const;
/** /positions default sizeThreshold: dust positions under one share are hidden. */
export const DEFAULT_SIZE_THRESHOLD = 1;
/** Largest unix-second value accepted for start/end (year 2286): anything bigger is a ms mistake. */
const MAX_UNIX_S = 9_999_999_999;

const SIDES = ["BUY", "SELL"] as const;
const FILTER_TYPES = ["CASH", "TOKENS"] as const;
const DIRECTIONS = ["ASC", "DESC"] as const;

/**
 * The rows' market filter: `market` (condition ids) or `eventId` (Gamma event ids: their markets), mutually
 * exclusive as the API documents; neither keeps every market.
 */
function marketFilter(q: URLSearchParams, m: MarketLookup): (conditionId: string) => boolean {
  const markets = conditionIds(q, "market");
  const events = intList(q, "eventId");
  if (markets !== undefined && events !== undefined) throw new ParamError("market and eventId: pass one, not both");
  if (markets !== undefined) return (c) => markets.includes(c);
  if (events !== undefined) return (c) => events.includes(m.eventId(c));
  return () => true;
}

function newestFirst(a: SimActivity, b: SimActivity): number {
  return b.tsMs - a.tsMs || b.seq - a.seq;
}

export function queryTrades(store: ActivityStore, m: MarketLookup, q: URLSearchParams): TradeRow[] {
  const limit = int(q, "limit", TRADES_LIMIT.def, 0, TRADES_LIMIT.max);
  const offset = int(q, "offset", 0, 0, TRADES_LIMIT.maxOffset);
  const user = address(q, "user", false);
  const inMarket = marketFilter(q, m);
  const side = enumOf(q, "side", SIDES, undefined);
  const takerOnly = bool(q, "takerOnly", true);
  const filterType = enumOf(q, "filterType", FILTER_TYPES, undefined);
  const filterAmount = num(q, "filterAmount", undefined, 0);
  if ((filterType === undefined) !== (filterAmount === undefined))
    throw new ParamError(`filterType and filterAmount must be given together (got filterType=${JSON.stringify(one(q, "filterType") ?? null)}, filterAmount=${JSON.stringify(one(q, "filterAmount") ?? null)})`);
  const rows = store
    .all()
    .filter(
      (a) =>
        a.type === "TRADE" &&
        (user === undefined || a.wallet === user) &&
        inMarket(a.conditionId) &&
        (side === undefined || a.side === side) &&
        (!takerOnly || a.taker) &&
        (filterType === undefined || (filterType === "CASH" ? a.usdcSize : a.size) >= (filterAmount ?? 0)),
    )
    .sort(newestFirst);
  return rows.slice(offset, offset + limit).map((a) => tradeRow(a, m.rowMarket(a.conditionId), store.profile(a.wallet)));
}

export function queryActivity(store: ActivityStore, m: MarketLookup, q: URLSearchParams): ActivityRow[] {
  const user = address(q, "user", true)!;
  // above the maximum is clamped, not refused (the API's documented behaviour for /activity)
  const limit = Math.min(int(q, "limit", ACTIVITY_LIMIT.def, 0, Number.MAX_SAFE_INTEGER), ACTIVITY_LIMIT.max);
  const offset = int(q, "offset", 0, 0, ACTIVITY_LIMIT.maxOffset);
  const inMarket = marketFilter(q, m);
  const types = enumList(q, "type", ACTIVITY_TYPES);
  const start = optInt(q, "start", 0, MAX_UNIX_S);
  const end = optInt(q, "end", 0, MAX_UNIX_S);
  if (start !== undefined && end !== undefined && end < start) throw new ParamError(`end: ${end} is before start ${start}`);
  const side = enumOf(q, "side", SIDES, undefined);
  const sortBy = enumOf(q, "sortBy", ["TIMESTAMP", "TOKENS", "CASH"] as const, "TIMESTAMP");
  const dir = enumOf(q, "sortDirection", DIRECTIONS, "DESC");
  const key = (a: SimActivity): number => (sortBy === "TOKENS" ? a.size : sortBy === "CASH" ? a.usdcSize : a.tsMs);
  const sign = dir === "ASC" ? 1 : -1;
  const rows = store
    .all()
    .filter(
      (a) =>
        a.wallet === user &&
        inMarket(a.conditionId) &&
        (types === undefined || types.includes(a.type)) &&
        (start === undefined || toSeconds(a.tsMs) >= start) &&
        (end === undefined || toSeconds(a.tsMs) <= end) &&
        (side === undefined || a.side === side),
    )
    .sort((a, b) => sign * (key(a) - key(b) || a.tsMs - b.tsMs || a.seq - b.seq));
  return rows.slice(offset, offset + limit).map((a) => activityRow(a, m.rowMarket(a.conditionId), store.profile(a.wallet)));
}

const POSITION_SORTS = ["CURRENT", "INITIAL", "TOKENS", "CASHPNL", "PERCENTPNL", "TITLE", "RESOLVING", "PRICE", "AVGPRICE"] as const;

export function queryPositions(store: ActivityStore, m: MarketLookup, q: URLSearchParams): PositionRow[] {
  const user = address(q, "user", true)!;
  const inMarket = marketFilter(q, m);
  const sizeThreshold = num(q, "sizeThreshold", DEFAULT_SIZE_THRESHOLD, 0)!;
  const redeemable = optBool(q, "redeemable");
  const mergeable = optBool(q, "mergeable");
  const limit = int(q, "limit", POSITIONS_LIMIT.def, 0, POSITIONS_LIMIT.max);
  const offset = int(q, "offset", 0, 0, POSITIONS_LIMIT.maxOffset);
  const sortBy = enumOf(q, "sortBy", POSITION_SORTS, "TOKENS");
  const dir = enumOf(q, "sortDirection", DIRECTIONS, "DESC");
  const title = one(q, "title");
  const key = (p: PositionRow): number | string =>
    ({
      CURRENT: p.currentValue,
      INITIAL: p.initialValue,
      TOKENS: p.size,
      CASHPNL: p.cashPnl,
      PERCENTPNL: p.percentPnl,
      TITLE: p.title,
      RESOLVING: p.endDate,
      PRICE: p.curPrice,
      AVGPRICE: p.avgPrice,
    })[sortBy];
  const sign = dir === "ASC" ? 1 : -1;
  const rows = positions(store, m, user)
    .filter(
      (p) =>
        p.size >= sizeThreshold &&
        inMarket(p.conditionId) &&
        (redeemable === undefined || p.redeemable === redeemable) &&
        (mergeable === undefined || p.mergeable === mergeable) &&
        (title === undefined || p.title.toLowerCase().includes(title.toLowerCase())),
    )
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = typeof ka === "number" && typeof kb === "number" ? ka - kb : String(ka).localeCompare(String(kb));
      return sign * c || a.asset.localeCompare(b.asset);
    });
  return rows.slice(offset, offset + limit);
}
