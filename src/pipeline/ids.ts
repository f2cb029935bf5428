// Deterministic ids: leader event ids (same row from any source → same id) and intent idempotency keys.
// Pure hashing; the same inputs always give the same key, so a retry can find its order again.
import { createHash } from "node:crypto";

function h(s: string, n = 24): string {
  return createHash("sha256").update(s).digest("hex").slice(0, n);
}

export interface EventKeyFields {
  txHash: string;
  kind: string;
  conditionId: string;
  tokenId: string;
  side: string;
  size: number;
  price: number;
  tsSec: number;
}

/**
 * Event id of a leader row. Several identical fills can share one transaction (same tx, asset, side, size,
 * price): `occurrence` (0, 1, …, counted over identical rows in one response/file) keeps them apart.
 */
export function eventIdFor(f: EventKeyFields, occurrence = 0): string {
  const key = [f.txHash.toLowerCase(), f.kind, f.conditionId.toLowerCase(), f.tokenId, f.side, f.size, f.price, f.tsSec].join("|");
  return `ev_${h(`${key}#${occurrence}`)}`;
}

/** Key identical rows share before their occurrence index is appended. */
export function identicalRowKey(f: EventKeyFields): string {
  return [f.txHash.toLowerCase(), f.kind, f.conditionId.toLowerCase(), f.tokenId, f.side, f.size, f.price, f.tsSec].join("|");
}

/** Idempotency key of an intent: leader + purpose + its source events (order-insensitive). */
export function intentIdFor(leader: string, purpose: string, sourceEventIds: readonly string[]): string {
  const ids = sourceEventIds.length === 1 ? sourceEventIds[0]! : [...sourceEventIds].sort().join(",");
  return `in_${h(`${leader.toLowerCase()}|${purpose}|${ids}`)}`;
}
