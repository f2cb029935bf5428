// Normalise Data API /activity and /trades rows (and RTDS payloads, same shape) into LeaderTradeEvents.
// Pure: validation errors name the field and value; occurrence indices keep identical fills apart.
import {
  ACTIVITY_KINDS,
  fieldIssue,
  showValue,
  DataApiRowSchema,
  VENUE_QUIRKS,
  type ActivityKind,
  type DataApiRow,
  type LeaderTradeEvent,
} from "../core/index.js";
import { eventIdFor, identicalRowKey, type EventKeyFields } from "./ids.js";

export type RowSource = LeaderTradeEvent["source"];

export class RowError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    /** What is wrong, without the field and value (`message` has them too). */
    readonly detail: string,
  ) {
    const got = showValue(value);
    super(`${field}: ${detail}${got ? ` (got ${got})` : ""}`);
    this.name = "RowError";
  }
}

/** Activity types that move no copyable position: accepted on input and dropped here (counted as ignored). */
export const NON_POSITION_TYPES = new Set([
  "REWARD",
  "DEPOSIT",
  "WITHDRAWAL",
  "YIELD",
  "MAKER_REBATE",
  "TAKER_REBATE",
  "REFERRAL_REWARD",
]);

function keyFields(row: DataApiRow, kind: string): EventKeyFields {
  return {
    wallet: row.proxyWallet,
    txHash: row.transactionHash,
    kind,
    conditionId: row.conditionId,
    tokenId: row.asset,
    side: row.side,
    size: row.size,
    price: row.price,
    tsSec: row.timestamp,
  };
}

/**
 * The finest tick is 0.0001, so a TRADE price below half of it (or that close to 1) cannot come from the venue; a hair
 * off the grid is real (Data API prices are usdcSize / size).
 */
const TRADE_PRICE_MARGIN = 0.00005;
/** More shares or pUSD than exist in one row is not a trade: such a value (1e300) would swamp every sum of a replay. */
const MAX_PLAUSIBLE_AMOUNT = 1e12;

const isEmpty = (v: unknown): boolean => v === "" || v === null || v === undefined;

/**
 * A non-trade row (MERGE, SPLIT, REDEEM, CONVERSION) may carry price, asset, side and outcomeIndex empty (reference
 * §Data API /activity): none is used for it, so empty ("", null or absent) reads as the venue's usual 0 / "" / "" / 999
 * (ids of such rows are unchanged).
 */
function withNonTradeDefaults(raw: unknown): unknown {
  if (raw === null || typeof raw !== "object") return raw;
  const r = raw as Record<string, unknown>;
  const t = typeof r.type === "string" ? r.type.toUpperCase() : "TRADE";
  if (t === "TRADE" || !(isEmpty(r.price) || isEmpty(r.outcomeIndex) || r.asset == null || r.side == null)) return raw;
  return {
    ...r,
    ...(isEmpty(r.price) ? { price: 0 } : {}),
    ...(isEmpty(r.outcomeIndex) ? { outcomeIndex: VENUE_QUIRKS.NON_TRADE_OUTCOME_INDEX } : {}),
    ...(r.asset == null ? { asset: "" } : {}),
    ...(r.side == null ? { side: "" } : {}),
  };
}

/** Validate one raw row; throws RowError naming the first bad field and its value. */
export function parseDataApiRow(raw: unknown): DataApiRow {
  const r = DataApiRowSchema.safeParse(withNonTradeDefaults(raw));
  if (r.success) return r.data;
  const f = fieldIssue(raw, r.error.issues[0]!, "(row)");
  throw new RowError(f.field, f.value, f.message);
}

/** Row kind: /trades rows have no type (all trades). Returns null for non-position types. */
export function rowKind(row: DataApiRow): ActivityKind | null {
  const t = (row.type ?? "TRADE").toUpperCase();
  if ((ACTIVITY_KINDS as readonly string[]).includes(t)) return t as ActivityKind;
  if (NON_POSITION_TYPES.has(t)) return null;
  throw new RowError("type", row.type, `unknown activity type; expected one of ${[...ACTIVITY_KINDS, ...NON_POSITION_TYPES].join(", ")}`);
}

/** Convert a validated row. `seenAt` defaults to the venue time (replay). */
export function toLeaderEvent(
  row: DataApiRow,
  kind: ActivityKind,
  opts: { source: RowSource; occurrence?: number; seenAt?: number },
): LeaderTradeEvent {
  const isTrade = kind === "TRADE";
  let side: "BUY" | "SELL" | null = null;
  if (isTrade) {
    if (row.side !== "BUY" && row.side !== "SELL") throw new RowError("side", row.side, "a TRADE needs side BUY or SELL");
    if (!row.asset) throw new RowError("asset", row.asset, "a TRADE needs an asset (token id)");
    if (!(row.price >= TRADE_PRICE_MARGIN && row.price <= 1 - TRADE_PRICE_MARGIN)) {
      throw new RowError("price", row.price, `a TRADE price must be in [${TRADE_PRICE_MARGIN}, ${1 - TRADE_PRICE_MARGIN}] (the finest tick is 0.0001)`);
    }
    side = row.side;
  }
  if (row.size > MAX_PLAUSIBLE_AMOUNT) throw new RowError("size", row.size, `more than ${MAX_PLAUSIBLE_AMOUNT} shares in one row is not a real trade`);
  if (row.usdcSize != null && row.usdcSize > MAX_PLAUSIBLE_AMOUNT) throw new RowError("usdcSize", row.usdcSize, `more than $${MAX_PLAUSIBLE_AMOUNT} in one row is not a real trade`);
  const ts = row.timestamp * VENUE_QUIRKS.DATA_API_TS_UNIT_MS;
  return {
    eventId: eventIdFor(keyFields(row, kind), opts.occurrence ?? 0),
    leader: row.proxyWallet.toLowerCase(),
    kind,
    conditionId: row.conditionId.toLowerCase(),
    tokenId: isTrade ? row.asset : "",
    outcomeIndex: row.outcomeIndex === VENUE_QUIRKS.NON_TRADE_OUTCOME_INDEX ? null : row.outcomeIndex,
    side,
    size: row.size,
    price: isTrade ? row.price : 0,
    usdcSize: row.usdcSize ?? row.size * row.price,
    ts,
    seenAt: opts.seenAt ?? ts,
    txHash: row.transactionHash,
    source: opts.source,
    slug: row.slug ?? undefined,
    outcome: row.outcome || undefined,
  };
}

export interface NormalizedBatch {
  events: LeaderTradeEvent[];
  /** Row index (in the input array) of each event, parallel to `events`. */
  rowIndex: number[];
  /** Rows of non-position types (REWARD, rebates, …) and $0 legs of a paying REDEEM (dropZeroRedeemLegs): kept count, not events. */
  ignored: number;
  errors: { index: number; field: string; value: unknown; message: string }[];
}

/**
 * Normalise one response/file (an array of rows). Identical rows get occurrence 0, 1, … in order, so the
 * same file always yields the same ids and importing it twice adds nothing.
 */
export function normalizeRows(rows: readonly unknown[], source: RowSource, seenAt?: number): NormalizedBatch {
  const seen = new Map<string, number>();
  const out: NormalizedBatch = { events: [], rowIndex: [], ignored: 0, errors: [] };
  rows.forEach((raw, index) => {
    try {
      // a non-position row (REWARD, deposits, …) is counted by its type alone: its other fields may be empty
      const t = raw !== null && typeof raw === "object" ? (raw as { type?: unknown }).type : undefined;
      if (typeof t === "string" && NON_POSITION_TYPES.has(t.toUpperCase())) {
        out.ignored++;
        return;
      }
      const row = parseDataApiRow(raw);
      const kind = rowKind(row);
      if (kind === null) {
        out.ignored++;
        return;
      }
      const k = identicalRowKey(keyFields(row, kind));
      const occurrence = seen.get(k) ?? 0;
      seen.set(k, occurrence + 1);
      out.events.push(toLeaderEvent(row, kind, { source, occurrence, seenAt }));
      out.rowIndex.push(index);
    } catch (e) {
      if (e instanceof RowError) out.errors.push({ index, field: e.field, value: e.value, message: e.detail });
      else throw e;
    }
  });
  dropZeroRedeemLegs(out);
  return out;
}

const isZeroRedeem = (e: LeaderTradeEvent): boolean => e.kind === "REDEEM" && e.size === 0 && e.usdcSize === 0;
const redeemKey = (e: LeaderTradeEvent): string => `${e.leader}|${e.txHash.toLowerCase()}|${e.conditionId}|${e.ts}`;

/**
 * One redemption may be listed as several REDEEM rows of one transaction: the paying leg and a $0 leg (size and
 * usdcSize 0) for each empty outcome side (VENUE_QUIRKS.ZERO_REDEEM_LEGS). A $0 leg read on its own says the held
 * outcome lost (a lone $0 REDEEM does: a losing position redeemed for nothing), so listed before the paying leg it
 * wrote the winning shares off at 0. Such legs are dropped (counted as ignored) when a REDEEM of the same leader,
 * transaction and market in the batch paid something; a lone $0 REDEEM stays an event.
 */
function dropZeroRedeemLegs(b: NormalizedBatch): void {
  if (!b.events.some(isZeroRedeem)) return;
  const paying = new Set<string>();
  for (const e of b.events) if (e.kind === "REDEEM" && !isZeroRedeem(e)) paying.add(redeemKey(e));
  if (paying.size === 0) return;
  let k = 0;
  for (let i = 0; i < b.events.length; i++) {
    const e = b.events[i]!;
    if (isZeroRedeem(e) && paying.has(redeemKey(e))) {
      b.ignored++;
      continue;
    }
    b.events[k] = e;
    b.rowIndex[k++] = b.rowIndex[i]!;
  }
  b.events.length = k;
  b.rowIndex.length = k;
}
