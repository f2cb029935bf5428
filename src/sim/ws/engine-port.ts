// Adapter from the running exchange to what the feeds need but the SimContext does not carry: the
// API-key check of the user channel (the CLOB's key store). Credentials never leave this file.
import { safeEq } from "../clob/auth.js";
import type { KeyCheck } from "./user-channel.js";

/** The part of the CLOB key store the user channel uses (ClobState.keys). */
export interface KeyStoreLike {
  get(key: string): { secret: string; passphrase: string } | undefined;
}

export function keyCheckFrom(store: KeyStoreLike): KeyCheck {
  return (apiKey, secret, passphrase) => {
    const k = store.get(apiKey);
    // constant-time, as the REST L2 check compares them
    return k !== undefined && safeEq(k.secret, secret) && safeEq(k.passphrase, passphrase);
  };
}

/** A check that can be bound after the plugin was built (the key store exists only once the exchange runs). */
export class LateKeyCheck {
  private check: KeyCheck | undefined;
  constructor(initial?: KeyCheck) {
    this.check = initial;
  }
  bind(c: KeyCheck): void {
    this.check = c;
  }
  readonly run: KeyCheck = (k, s, p) => (this.check ? this.check(k, s, p) : false);
}
