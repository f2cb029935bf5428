// CLOB authentication as the server sees it: L1 (EIP-712 ClobAuth, ethers verifyTypedData), deterministic
// API-key derivation per (address, nonce), and L2 HMAC over the raw body. Never logs or echoes secrets.
import { createHmac, timingSafeEqual } from "node:crypto";
import { verifyTypedData } from "ethers";
import { ERR, HTTP, VenueError } from "../errors.js";
import type { SimRequest } from "../types.js";

export const CLOB_AUTH_MESSAGE = "This message attests that I control the given wallet";
export const CLOB_AUTH_TYPES = {
  ClobAuth: [
    { name: "address", type: "address" },
    { name: "timestamp", type: "string" },
    { name: "nonce", type: "uint256" },
    { name: "message", type: "string" },
  ],
};
/** Chains the client accepts (137 Polygon, 80002 Amoy); both are tried when verifying. */
export const CHAIN_IDS = [137, 80002] as const;

export interface ApiKey {
  key: string;
  secret: string;
  passphrase: string;
  address: string; // lower-cased EOA
  nonce: string;
}

function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
const DEC_RE = /^\d{1,78}$/;

export class ApiKeys {
  private readonly byKey = new Map<string, ApiKey>();
  constructor(
    private readonly serverSecret: string,
    private readonly clockS: () => number,
    /** Max |now − POLY_TIMESTAMP| in seconds; undefined = not checked (fake clocks in tests). */
    private readonly maxSkewS?: number,
  ) {}

  /** Deterministic credentials for (address, nonce): HMAC of the server seed. */
  derive(address: string, nonce: string): ApiKey {
    const h = (label: string) =>
      createHmac("sha256", this.serverSecret).update(`${label}|${address.toLowerCase()}|${nonce}`).digest();
    const u = h("key").toString("hex");
    const key = `${u.slice(0, 8)}-${u.slice(8, 12)}-4${u.slice(13, 16)}-a${u.slice(17, 20)}-${u.slice(20, 32)}`;
    const secret = h("secret").toString("base64url") + "=";
    const passphrase = h("pass").toString("hex");
    return { key, secret, passphrase, address: address.toLowerCase(), nonce };
  }

  get(key: string): ApiKey | undefined {
    return this.byKey.get(key);
  }
  register(k: ApiKey): void {
    this.byKey.set(k.key, k);
  }
  has(k: ApiKey): boolean {
    return this.byKey.has(k.key);
  }
  delete(key: string): void {
    this.byKey.delete(key);
  }
  forAddress(address: string): ApiKey[] {
    const a = address.toLowerCase();
    return [...this.byKey.values()].filter((k) => k.address === a);
  }

  /** Verify L1 headers; returns {address, nonce}. */
  verifyL1(req: SimRequest): { address: string; nonce: string } {
    const address = header(req, "POLY_ADDRESS");
    const sig = header(req, "POLY_SIGNATURE");
    const ts = header(req, "POLY_TIMESTAMP");
    const nonce = header(req, "POLY_NONCE") ?? "0";
    const bad = new VenueError(ERR.INVALID_L1, HTTP.UNAUTHORIZED);
    if (!address || !sig || !ts || !ADDRESS_RE.test(address) || !DEC_RE.test(nonce) || !/^\d{1,20}$/.test(ts)) throw bad;
    if (this.maxSkewS !== undefined && Math.abs(this.clockS() - Number(ts)) > this.maxSkewS) throw bad;
    const value = { address, timestamp: ts, nonce: BigInt(nonce), message: CLOB_AUTH_MESSAGE };
    for (const chainId of CHAIN_IDS) {
      try {
        const rec = verifyTypedData({ name: "ClobAuthDomain", version: "1", chainId }, CLOB_AUTH_TYPES, value, sig);
        if (rec.toLowerCase() === address.toLowerCase()) return { address: address.toLowerCase(), nonce: BigInt(nonce).toString() };
      } catch {
        // malformed signature: try the next chain, then reject
      }
    }
    throw bad;
  }

  /** Verify L2 headers (HMAC over ts + METHOD + path + raw body); returns the key record. */
  verifyL2(req: SimRequest): ApiKey {
    const unauthorized = new VenueError(ERR.UNAUTHORIZED, HTTP.UNAUTHORIZED);
    const keyId = header(req, "POLY_API_KEY");
    const pass = header(req, "POLY_PASSPHRASE");
    const address = header(req, "POLY_ADDRESS");
    const sig = header(req, "POLY_SIGNATURE");
    const ts = header(req, "POLY_TIMESTAMP");
    if (!keyId || !pass || !address || !sig || !ts || !/^\d{1,20}$/.test(ts)) throw unauthorized;
    const k = this.byKey.get(keyId);
    if (!k || !safeEq(k.passphrase, pass) || k.address !== address.toLowerCase()) throw unauthorized;
    if (this.maxSkewS !== undefined && Math.abs(this.clockS() - Number(ts)) > this.maxSkewS) throw unauthorized;
    const expected = hmacSignature(k.secret, ts, req.method, req.path, req.rawBody === "" ? undefined : req.rawBody);
    if (!safeEq(expected, sig)) throw unauthorized;
    return k;
  }
}

/** The venue's L2 signature: url-safe base64 (padding kept) of HMAC-SHA256(base64-decoded secret). */
export function hmacSignature(secret: string, ts: string | number, method: string, path: string, body?: string): string {
  const key = Buffer.from(secret.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  const msg = `${ts}${method}${path}${body ?? ""}`;
  return createHmac("sha256", key).update(msg, "utf8").digest("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

/** Constant-time string equality (length still leaks, as with any such compare). */
export function safeEq(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
