// PlannedHoldings: the holdings decide keeps itself when it is given no ledger (the bare decide operator): every
// intent is assumed to fill at its limit; positions are kept per token and per leader (each leader's part).
import { buyCost, takerFee, type CopyIntent, type FeeRate, type Holdings, type Mirror } from "../core/index.js";

/** Holdings decide keeps itself when no ledger is given: assumes every intent fills at its limit. */
export class PlannedHoldings implements Holdings {
  /** Shares per token in a mutable box: an update is one lookup, not a get and a set. */
  private readonly pos = new Map<string, { shares: number }>();
  /** The same per leader: each leader's part (leaderShares). */
  private readonly byLeader = new Map<string, Map<string, { shares: number }>>();
  constructor(
    private cashUsd: number,
    /** Taker fee of a token's market: a BUY also sets aside the most fee it can pay, as decide clipped it to. */
    private readonly feeRateOf?: (tokenId: string) => FeeRate | undefined,
  ) {}
  cash(): number {
    return this.cashUsd;
  }
  shares(tokenId: string): number {
    return this.pos.get(tokenId)?.shares ?? 0;
  }
  leaderShares(leader: string, tokenId: string): number {
    return this.byLeader.get(leader)?.get(tokenId)?.shares ?? 0;
  }
  private static box(pos: Map<string, { shares: number }>, tokenId: string): { shares: number } {
    let b = pos.get(tokenId);
    if (!b) pos.set(tokenId, (b = { shares: 0 }));
    return b;
  }
  private leaderPos(leader: string): Map<string, { shares: number }> {
    let m = this.byLeader.get(leader);
    if (!m) this.byLeader.set(leader, (m = new Map()));
    return m;
  }
  onIntent(i: CopyIntent): void {
    const sign = i.side === "BUY" ? 1 : -1;
    PlannedHoldings.box(this.pos, i.tokenId).shares += sign * i.targetShares;
    PlannedHoldings.box(this.leaderPos(i.leader), i.tokenId).shares += sign * i.targetShares;
    this.cashUsd -= sign > 0 ? buyCost(i.targetShares, i.limitPrice, this.feeRateOf?.(i.tokenId)) : -this.sellProceeds(i);
  }
  /**
   * What a SELL filled at its limit brings: its notional less the taker fee there (the least a fill at or above the
   * limit nets: the fee, capped at a share of the notional, grows slower than the price).
   */
  private sellProceeds(i: CopyIntent): number {
    const f = this.feeRateOf?.(i.tokenId);
    const notional = i.targetShares * i.limitPrice;
    return f === undefined ? notional : notional - takerFee(i.targetShares, i.limitPrice, f.r, f.e);
  }
  /** Take back an intent onIntent applied (decide offset it against another of the same step). */
  undo(i: CopyIntent): void {
    const sign = i.side === "BUY" ? -1 : 1;
    PlannedHoldings.box(this.pos, i.tokenId).shares += sign * i.targetShares;
    PlannedHoldings.box(this.leaderPos(i.leader), i.tokenId).shares += sign * i.targetShares;
    this.cashUsd += sign < 0 ? buyCost(i.targetShares, i.limitPrice, this.feeRateOf?.(i.tokenId)) : -this.sellProceeds(i);
  }
  onMirror(m: Mirror): void {
    if (m.action === "REDEEM" && m.winningTokenId === undefined) {
      // winner unknown: the leader's part's complete sets pay 1 each (as the ledger books them: a MERGE), the tokens
      // the payout showed lost pay 0 (every leader's part), the rest stays
      if (m.shares > 0) this.onMirror({ ...m, action: "MERGE" });
      for (const t of m.lostTokenIds ?? []) {
        PlannedHoldings.box(this.pos, t).shares = 0;
        for (const l of this.byLeader.values()) l.delete(t);
      }
      return;
    }
    if (m.action === "REDEEM") {
      // a redeem pays out the wallet's whole position in the market: every leader's part of it ends
      for (const t of m.tokenIds) {
        const b = PlannedHoldings.box(this.pos, t);
        if (t === m.winningTokenId) this.cashUsd += b.shares;
        b.shares = 0;
        for (const l of this.byLeader.values()) l.delete(t);
      }
      return;
    }
    const sign = m.action === "MERGE" ? -1 : 1;
    const mine = this.leaderPos(m.leader);
    for (const t of m.tokenIds) {
      PlannedHoldings.box(this.pos, t).shares += sign * m.shares;
      PlannedHoldings.box(mine, t).shares += sign * m.shares;
    }
    this.cashUsd -= sign * m.shares;
  }
}
