// Balances of the sim's accounts in 6-dec integer units: pUSD ("COLLATERAL") and outcome shares per
// token id; open orders reserve part of them. Keys are lower-cased addresses.
export const COLLATERAL = "COLLATERAL";

export class Balances {
  private readonly bal = new Map<string, Map<string, number>>();
  private readonly res = new Map<string, Map<string, number>>();

  private get(m: Map<string, Map<string, number>>, addr: string, asset: string): number {
    return m.get(addr)?.get(asset) ?? 0;
  }
  private add(m: Map<string, Map<string, number>>, addr: string, asset: string, d: number): number {
    let a = m.get(addr);
    if (!a) m.set(addr, (a = new Map()));
    const v = (a.get(asset) ?? 0) + d;
    if (v === 0) a.delete(asset);
    else a.set(asset, v);
    return v;
  }

  balance(addr: string, asset: string): number {
    return this.get(this.bal, addr, asset);
  }
  reserved(addr: string, asset: string): number {
    return this.get(this.res, addr, asset);
  }
  available(addr: string, asset: string): number {
    return this.balance(addr, asset) - this.reserved(addr, asset);
  }
  move(addr: string, asset: string, d: number): number {
    return this.add(this.bal, addr, asset, d);
  }
  reserve(addr: string, asset: string, d: number): void {
    this.add(this.res, addr, asset, d);
  }
  /** Every holder of `asset` with a non-zero balance. */
  holders(asset: string): [string, number][] {
    const out: [string, number][] = [];
    for (const [addr, m] of this.bal) {
      const v = m.get(asset);
      if (v) out.push([addr, v]);
    }
    return out;
  }
  /** Deterministic dump for state comparisons in tests. */
  snapshot(): Record<string, Record<string, [number, number]>> {
    const out: Record<string, Record<string, [number, number]>> = {};
    const addrs = new Set([...this.bal.keys(), ...this.res.keys()]);
    for (const addr of [...addrs].sort()) {
      const assets = new Set([...(this.bal.get(addr)?.keys() ?? []), ...(this.res.get(addr)?.keys() ?? [])]);
      const row: Record<string, [number, number]> = {};
      for (const a of [...assets].sort()) row[a] = [this.balance(addr, a), this.reserved(addr, a)];
      out[addr] = row;
    }
    return out;
  }
}
