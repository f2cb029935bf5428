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

/**
 * 64-bit non-cryptographic hash (two independent 32-bit multiply-xorshift lanes) as 16 hex chars. Deterministic
 * across runs and machines; used where sha256 would dominate a hot path and collisions only need to be unlikely.
 */
export function hash64(s: string): string {
  let a = 0x811c9dc5 ^ s.length;
  let b = 0x9e3779b9 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  a ^= a >>> 16;
  b = Math.imul(b ^ (b >>> 16), 0x7feb352d);
  b = Math.imul(b ^ (b >>> 15), 0x846ca68b);
  b ^= b >>> 16;
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** Idempotency key of an intent: leader + purpose + its source events (order-insensitive). */
export function intentIdFor(leader: string, purpose: string, sourceEventIds: readonly string[]): string {
  const ids = sourceEventIds.length === 1 ? sourceEventIds[0]! : [...sourceEventIds].sort().join(",");
  return `in_${hash64(`${leader}|${purpose}|${ids}`)}`;
}
