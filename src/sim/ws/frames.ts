// Parsing of client frames on the CLOB sockets: text keepalives, the initial subscribe, and later
// {"operation": "subscribe"|"unsubscribe"} updates. Anything else is INVALID (answered as the venue does).

/** Text the venue sends back for frames it cannot act on (nautilus PR #3717 saw it for a repeated initial). */
export const INVALID = "INVALID OPERATION";
/** Keepalive pair: client text PING, server text PONG. */
export const PING = "PING";
export const PONG = "PONG";

export interface Initial {
  kind: "initial";
  channel: "market" | "user";
  assets: string[];
  markets: string[];
  initialDump: boolean;
  custom: boolean;
  auth?: { apiKey: string; secret: string; passphrase: string };
}

export interface Update {
  kind: "update";
  op: "subscribe" | "unsubscribe";
  assets: string[];
  markets: string[];
  initialDump: boolean;
  custom?: boolean;
}

export type Frame = { kind: "ping" } | Initial | Update | { kind: "invalid"; why: string };

function strings(x: unknown): string[] | undefined {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x) || !x.every((s) => typeof s === "string")) return undefined;
  return x as string[];
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

export function parseFrame(raw: string): Frame {
  const t = raw.trim();
  if (t === PING || t.toLowerCase() === "ping") return { kind: "ping" };
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch {
    return { kind: "invalid", why: "not JSON" };
  }
  if (!isObj(v)) return { kind: "invalid", why: "not an object" };
  const assets = strings(v.assets_ids);
  const markets = strings(v.markets);
  if (!assets || !markets) return { kind: "invalid", why: "assets_ids/markets must be string arrays" };
  const initialDump = v.initial_dump === undefined ? true : v.initial_dump === true;
  if (v.operation !== undefined) {
    if (v.operation !== "subscribe" && v.operation !== "unsubscribe") return { kind: "invalid", why: "unknown operation" };
    return {
      kind: "update",
      op: v.operation,
      assets,
      markets,
      initialDump,
      ...(typeof v.custom_feature_enabled === "boolean" ? { custom: v.custom_feature_enabled } : {}),
    };
  }
  const type = typeof v.type === "string" ? v.type.toLowerCase() : undefined;
  if (type !== "market" && type !== "user") return { kind: "invalid", why: "type must be market or user" };
  let auth: Initial["auth"];
  if (type === "user") {
    const a = v.auth;
    if (!isObj(a) || typeof a.apiKey !== "string" || typeof a.secret !== "string" || typeof a.passphrase !== "string")
      return { kind: "invalid", why: "user channel needs auth {apiKey, secret, passphrase}" };
    auth = { apiKey: a.apiKey, secret: a.secret, passphrase: a.passphrase };
  }
  return { kind: "initial", channel: type, assets, markets, initialDump, custom: v.custom_feature_enabled === true, ...(auth ? { auth } : {}) };
}
