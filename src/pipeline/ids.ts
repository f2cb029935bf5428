// Deterministic ids: leader event ids (same row from any source → same id) and intent idempotency keys.
// Pure hashing; the same inputs always give the same key, so a retry can find its order again.
import { createHash } from "node:crypto";

function h(s: string, n = 24): string {
  return createHash("sha256").update(s).digest("hex").slice(0, n);
}

export interface EventKeyFields {
  /** The leader's wallet: two followed wallets filled in one transaction at the same size and price are two events. */
  wallet: string;
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
  return `ev_${h(`${identicalRowKey(f)}#${occurrence}`)}`;
}

/** Key identical rows share before their occurrence index is appended. */
export function identicalRowKey(f: EventKeyFields): string {
  return [f.wallet.toLowerCase(), f.txHash.toLowerCase(), f.kind, f.conditionId.toLowerCase(), f.tokenId, f.side, f.size, f.price, f.tsSec].join("|");
}

/**
 * Version of the event id scheme, recorded in a store's metadata: ids of another version would not match, so
 * re-importing the same rows would add them again. v2: the leader's wallet is part of the key (v1 had no wallet).
 */
export const EVENT_ID_SCHEME = "v2";

/**
 * 64-bit non-cryptographic hash: two 32-bit FNV-style lanes with different primes, each finished with an
 * avalanche mix, as 16 hex chars. Deterministic across runs and machines; used where sha256 would dominate a hot
 * path and collisions only need to be unlikely. Parts are hashed in place (no concatenation), separated.
 */
export function hash64(...parts: readonly string[]): string {
  laneA = LANE_A;
  laneB = LANE_B;
  for (let p = 0; p < parts.length; p++) absorb(parts[p]!);
  return finish().slice(INTENT_PREFIX.length);
}

const LANE_A = 0x811c9dc5;
const LANE_B = 0x9e3779b9;

/** The hash state: two lanes in module variables rather than an array allocated per hash (calls are synchronous). */
let laneA = LANE_A;
let laneB = LANE_B;

function absorb(s: string): void {
  let a = laneA;
  let b = laneB;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  laneA = Math.imul(a ^ 0x1f, 0x01000193); // part separator
  laneB = Math.imul(b ^ 0x1f, 0x5bd1e995);
}

/** Char codes of 0-9a-f. */
const HEX = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

const INTENT_PREFIX = "in_";
const [P0, P1, P2] = [0, 1, 2].map((i) => INTENT_PREFIX.charCodeAt(i)) as [number, number, number];

/**
 * Avalanche-mix the lanes; "in_" + them as 16 lower-case hex chars, built as one flat string from char codes (≈8×
 * faster than toString(16) + pad; "in_" + hex would be a cons string, flattened again by every Map keyed on it).
 */
function finish(): string {
  let a = laneA;
  let b = laneB;
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  a ^= a >>> 16;
  b = Math.imul(b ^ (b >>> 16), 0x7feb352d);
  b = Math.imul(b ^ (b >>> 15), 0x846ca68b);
  b ^= b >>> 16;
  return String.fromCharCode(
    P0, P1, P2,
    HEX[(a >>> 28) & 15]!, HEX[(a >>> 24) & 15]!, HEX[(a >>> 20) & 15]!, HEX[(a >>> 16) & 15]!,
    HEX[(a >>> 12) & 15]!, HEX[(a >>> 8) & 15]!, HEX[(a >>> 4) & 15]!, HEX[a & 15]!,
    HEX[(b >>> 28) & 15]!, HEX[(b >>> 24) & 15]!, HEX[(b >>> 20) & 15]!, HEX[(b >>> 16) & 15]!,
    HEX[(b >>> 12) & 15]!, HEX[(b >>> 8) & 15]!, HEX[(b >>> 4) & 15]!, HEX[b & 15]!,
  );
}

/** Hash state after (leader, purpose): the part of an intent key shared by all of one leader's intents of a purpose. */
export type IntentKeyPrefix = readonly [number, number];

/** Hash state after (leader, purpose), memoised: intent keys then only hash their source ids. */
const prefixState = new Map<string, Map<string, IntentKeyPrefix>>();

/** The prefix of (leader, purpose)'s intent keys, for intentIdFrom (memoised; callers may keep it too). */
export function intentKeyPrefix(leader: string, purpose: string): IntentKeyPrefix {
  let byPurpose = prefixState.get(leader);
  if (!byPurpose) {
    if (prefixState.size > 10_000) prefixState.clear(); // bounded: leaders are few in practice
    prefixState.set(leader, (byPurpose = new Map()));
  }
  let st = byPurpose.get(purpose);
  if (!st) {
    laneA = LANE_A;
    laneB = LANE_B;
    absorb(leader);
    absorb(purpose);
    byPurpose.set(purpose, (st = [laneA, laneB]));
  }
  return st;
}

/** Idempotency key of an intent: leader + purpose + its source events (order-insensitive). Equals hash64 of them. */
export function intentIdFor(leader: string, purpose: string, sourceEventIds: readonly string[]): string {
  return intentIdFrom(intentKeyPrefix(leader, purpose), sourceEventIds);
}

/** intentIdFor with the (leader, purpose) prefix already looked up (hot path: one key per copied trade). */
export function intentIdFrom(prefix: IntentKeyPrefix, sourceEventIds: readonly string[]): string {
  laneA = prefix[0];
  laneB = prefix[1];
  if (sourceEventIds.length === 1) absorb(sourceEventIds[0]!);
  else for (const id of [...sourceEventIds].sort()) absorb(id);
  return finish();
}
