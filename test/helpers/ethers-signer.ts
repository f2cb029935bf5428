// An ethers v6 Wallet as the official client-v2 expects a signer: with the two-line `_signTypedData` shim (ethers v5's
// name for signTypedData). Shared by the tests that trade against the sim through the client.
import { Wallet } from "ethers";

export function ethersSigner(pk: string): Wallet & { _signTypedData: Wallet["signTypedData"] } {
  const w = new Wallet(pk);
  return Object.assign(w, { _signTypedData: (d: Parameters<Wallet["signTypedData"]>[0], t: Parameters<Wallet["signTypedData"]>[1], v: Parameters<Wallet["signTypedData"]>[2]) => w.signTypedData(d, t, v) });
}
