// Holdings: the read-only view of the copier's cash and positions that decide consults for inventory limits.
// The ledger (pipeline/ledger.ts) implements it; decide never mutates it.

export interface Holdings {
  /** Free cash (USD) after amounts committed to open orders. */
  cash(): number;
  /** Shares of `tokenId` held (after shares committed to open sells). */
  shares(tokenId: string): number;
  /**
   * Shares of `tokenId` the copier holds because it copied `leader` (that leader's part of the position, after its
   * open sells). Several leaders may trade one token: a leader's SELL, MERGE or drift correction concerns only its
   * own part. A view that does not split positions by leader leaves it out: then every share counts as the leader's.
   */
  leaderShares?(leader: string, tokenId: string): number;
  /**
   * Shares of `tokenId` that open BUYs copying `leader` (in flight or resting) have still to fill: what drift
   * correction counts as on its way. Absent: none.
   */
  openBuys?(leader: string, tokenId: string): number;
}
