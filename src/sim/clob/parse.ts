// Strict parsing of POST /order(s) bodies (V2 shape, as clob-client-v2 sends them) into a typed order.
// Anything malformed is "Invalid order payload"; a V1-shaped order is "order_version_mismatch".
import { ORDER_TYPES, type OrderType } from "../../core/venue.js";
import { ERR, VenueError } from "../errors.js";
import { ZERO_BYTES32, type OrderStructV2 } from "./signature.js";

export interface ParsedOrder {
  struct: OrderStructV2;
  signature: string;
  side: "BUY" | "SELL";
  expiration: number;
  owner: string;
  orderType: OrderType;
  postOnly: boolean;
  deferExec: boolean;
}

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
const UINT_RE = /^\d{1,78}$/;
const B32_RE = /^0x[0-9a-fA-F]{64}$/;
const SIG_RE = /^0x[0-9a-fA-F]{130,}$/;
const MAX_U256 = (1n << 256n) - 1n;

const bad = (): VenueError => new VenueError(ERR.INVALID_PAYLOAD);

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function uint(x: unknown): bigint {
  if (typeof x === "number" && Number.isSafeInteger(x) && x >= 0) return BigInt(x);
  if (typeof x === "string" && UINT_RE.test(x)) {
    const v = BigInt(x);
    if (v <= MAX_U256) return v;
  }
  throw bad();
}

function b32(x: unknown): string {
  if (x === undefined || x === "") return ZERO_BYTES32;
  if (typeof x === "string" && B32_RE.test(x)) return x.toLowerCase();
  throw bad();
}

/** Parse one element (`{deferExec, postOnly, order, owner, orderType}`). */
export function parseOrderPayload(x: unknown): ParsedOrder {
  if (!isObj(x) || !isObj(x.order)) throw bad();
  const o = x.order;
  if ("nonce" in o || "feeRateBps" in o) throw new VenueError(ERR.VERSION_MISMATCH);
  const { maker, signer, side, signatureType, signature } = o;
  if (typeof maker !== "string" || !ADDRESS_RE.test(maker)) throw bad();
  if (typeof signer !== "string" || !ADDRESS_RE.test(signer)) throw bad();
  if (side !== "BUY" && side !== "SELL") throw bad();
  if (typeof signatureType !== "number" || !Number.isInteger(signatureType) || signatureType < 0 || signatureType > 3) throw bad();
  if (typeof signature !== "string" || !SIG_RE.test(signature)) throw bad();
  const expiration = o.expiration === undefined ? 0n : uint(o.expiration);
  if (expiration > BigInt(Number.MAX_SAFE_INTEGER)) throw new VenueError(ERR.INVALID_EXPIRATION);
  if (typeof x.owner !== "string") throw bad();
  const orderType = x.orderType === undefined ? "GTC" : x.orderType;
  if (typeof orderType !== "string" || !(ORDER_TYPES as readonly string[]).includes(orderType)) throw bad();
  if (x.postOnly !== undefined && typeof x.postOnly !== "boolean") throw bad();
  if (x.deferExec !== undefined && typeof x.deferExec !== "boolean") throw bad();
  const struct: OrderStructV2 = {
    salt: uint(o.salt),
    maker,
    signer,
    tokenId: uint(o.tokenId),
    makerAmount: uint(o.makerAmount),
    takerAmount: uint(o.takerAmount),
    side: side === "BUY" ? 0 : 1,
    signatureType,
    timestamp: uint(o.timestamp),
    metadata: b32(o.metadata),
    builder: b32(o.builder),
  };
  return {
    struct,
    signature,
    side,
    expiration: Number(expiration),
    owner: x.owner,
    orderType: orderType as OrderType,
    postOnly: x.postOnly === true,
    deferExec: x.deferExec === true,
  };
}

export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
