// Adapter from the exchange's context to what the feeds need but the SimContext does not name directly:
// the API-key check for the user channel. Looks the key store up by shape so the CLOB code stays untouched.
import type { SimContext } from "../types.js";
import type { KeyCheck } from "./user-channel.js";

interface KeyRecord {
  secret?: unknown;
  passphrase?: unknown;
}

/** Credentials never leave this function: a mismatch is just `false`. */
export function defaultKeyCheck(ctx: SimContext): KeyCheck {
  return (apiKey, secret, passphrase) => {
    const c = ctx as unknown as Record<string, unknown>;
    const store = (c.keys ?? c.apiKeys ?? (ctx.engine as unknown as Record<string, unknown>).apiKeys) as
      | { get?(k: string): KeyRecord | undefined; check?(k: string, s: string, p: string): boolean }
      | undefined;
    if (!store) return false;
    if (typeof store.check === "function") return store.check(apiKey, secret, passphrase) === true;
    if (typeof store.get === "function") {
      const r = store.get(apiKey);
      return r !== undefined && r.secret === secret && r.passphrase === passphrase;
    }
    return false;
  };
}
