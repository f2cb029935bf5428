// Holdings: the read-only view of the copier's cash and positions that decide consults for inventory limits.
// The ledger (pipeline/ledger.ts) implements it; decide never mutates it.

export interface Holdings {
  /** Free cash (USD) after amounts committed to open orders. */
  cash(): number;
  /** Shares of `tokenId` held (after shares committed to open sells). */
  shares(tokenId: string): number;
}
