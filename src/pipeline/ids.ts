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
 * 64-bit non-cryptographic hash: two 32-bit FNV-style lanes with different primes, each finished with an
 * avalanche mix, as 16 hex chars. Deterministic across runs and machines; used where sha256 would dominate a hot
 * path and collisions only need to be unlikely. Parts are hashed in place (no concatenation), separated.
 */
export function hash64(...parts: readonly string[]): string {
  const st: [number, number] = [LANE_A, LANE_B];
  for (let p = 0; p < parts.length; p++) absorb(st, parts[p]!);
  return finish(st[0], st[1]);
}

const LANE_A = 0x811c9dc5;
const LANE_B = 0x9e3779b9;

function absorb(st: [number, number], s: string): void {
  let a = st[0];
  let b = st[1];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  st[0] = Math.imul(a ^ 0x1f, 0x01000193); // part separator
  st[1] = Math.imul(b ^ 0x1f, 0x5bd1e995);
}

function finish(a: number, b: number): string {
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  a ^= a >>> 16;
  b = Math.imul(b ^ (b >>> 16), 0x7feb352d);
  b = Math.imul(b ^ (b >>> 15), 0x846ca68b);
  b ^= b >>> 16;
  return hex16(a, b);
}

/** Char codes of 0-9a-f. */
const HEX = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

/** Two 32-bit words as 16 lower-case hex chars, built as one flat string (≈8× faster than toString(16) + pad). */
function hex16(a: number, b: number): string {
  return String.fromCharCode(
    HEX[(a >>> 28) & 15]!, HEX[(a >>> 24) & 15]!, HEX[(a >>> 20) & 15]!, HEX[(a >>> 16) & 15]!,
    HEX[(a >>> 12) & 15]!, HEX[(a >>> 8) & 15]!, HEX[(a >>> 4) & 15]!, HEX[a & 15]!,
    HEX[(b >>> 28) & 15]!, HEX[(b >>> 24) & 15]!, HEX[(b >>> 20) & 15]!, HEX[(b >>> 16) & 15]!,
    HEX[(b >>> 12) & 15]!, HEX[(b >>> 8) & 15]!, HEX[(b >>> 4) & 15]!, HEX[b & 15]!,
  );
}

/** Hash state after (leader, purpose), memoised: intent keys then only hash their source ids. */
const prefixState = new Map<string, Map<string, readonly [number, number]>>();

function prefixOf(leader: string, purpose: string): readonly [number, number] {
  let byPurpose = prefixState.get(leader);
  if (!byPurpose) {
    if (prefixState.size > 10_000) prefixState.clear(); // bounded: leaders are few in practice
    prefixState.set(leader, (byPurpose = new Map()));
  }
  let st = byPurpose.get(purpose);
  if (!st) {
    const s: [number, number] = [LANE_A, LANE_B];
    absorb(s, leader);
    absorb(s, purpose);
    byPurpose.set(purpose, (st = s));
  }
  return st;
}

/** Idempotency key of an intent: leader + purpose + its source events (order-insensitive). Equals hash64 of them. */
export function intentIdFor(leader: string, purpose: string, sourceEventIds: readonly string[]): string {
  const p = prefixOf(leader, purpose);
  const st: [number, number] = [p[0], p[1]];
  if (sourceEventIds.length === 1) absorb(st, sourceEventIds[0]!);
  else for (const id of [...sourceEventIds].sort()) absorb(st, id);
  return "in_" + finish(st[0], st[1]);
}
