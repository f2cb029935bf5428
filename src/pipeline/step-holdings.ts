// The copy's holdings as decide sees them inside one step: the ledger's (or decide's own planned) cash and shares,
// less what this step's earlier intents will take once executed (a drift correction before its copy, netted batches).
import { buyCost, type CopyIntent, type FeeRate, type Holdings } from "../core/index.js";

/**
 * Holdings only change when fills arrive, after the step; until then an intent decided earlier in the step is pending
 * here. With planned holdings (decide plans as if every intent filled) nothing is pending: those move with each
 * intent already.
 */
export class StepHoldings {
  private pendingCash = 0;
  /** Pending SELL (negative) and BUY (positive) shares per leader and token. */
  private readonly pendingShares: { leader: string; tokenId: string; shares: number }[] = [];

  constructor(
    private readonly holdings: Holdings,
    /** The holdings are decide's own plan (PlannedHoldings): nothing is ever pending. */
    private readonly planned: boolean,
    private readonly feeOf: (tokenId: string) => FeeRate | undefined,
  ) {}

  /**
   * Shares of `tokenId` the copy may sell for `leader`: its part of the position (Holdings.leaderShares), never more
   * than the copy holds in all (other leaders' parts are not its to sell), less this step's pending SELLs. With
   * `withBuys`, this step's pending BUYs and the open BUYs of earlier steps (in flight or resting) count too (what
   * the copy will hold: drift), else not (they may not fill).
   */
  held(leader: string, tokenId: string, withBuys = false): number {
    let all = this.holdings.shares(tokenId);
    let own = this.holdings.leaderShares?.(leader, tokenId);
    if (withBuys) {
      const b = this.holdings.openBuys?.(leader, tokenId) ?? 0;
      all += b;
      if (own !== undefined) own += b;
    }
    const p = this.pendingShares;
    for (let i = 0; i < p.length; i++) {
      const x = p[i]!;
      if (x.tokenId !== tokenId || (x.shares > 0 && !withBuys)) continue;
      all += x.shares;
      if (own !== undefined && x.leader === leader) own += x.shares;
    }
    const h = own === undefined || own > all ? all : own;
    return h > 0 ? h : 0;
  }

  /** Free cash, less what this step's earlier BUY intents will pay. */
  cash(): number {
    return this.holdings.cash() - this.pendingCash;
  }

  /** A new step: nothing of an earlier step is pending any more (its fills have reached the holdings). */
  clear(): void {
    this.pendingCash = 0;
    // setting an array's length is a builtin call even when it does not change it: most steps pend nothing
    if (this.pendingShares.length !== 0) this.pendingShares.length = 0;
  }

  /** An intent this step emits before others: what it will take counts as pending for those. */
  pend(i: CopyIntent): void {
    if (this.planned) return;
    if (i.side === "BUY") this.pendingCash += buyCost(i.targetShares, i.limitPrice, this.feeOf(i.tokenId));
    this.pendingShares.push({ leader: i.leader, tokenId: i.tokenId, shares: i.side === "BUY" ? i.targetShares : -i.targetShares });
  }

  /** Take an intent pend() counted out of this step's pending cash and shares again. */
  unpend(i: CopyIntent): void {
    if (this.planned) return;
    if (i.side === "BUY") this.pendingCash -= buyCost(i.targetShares, i.limitPrice, this.feeOf(i.tokenId));
    const p = this.pendingShares;
    for (let k = p.length - 1; k >= 0; k--) {
      const x = p[k]!;
      if (x.leader === i.leader && x.tokenId === i.tokenId && x.shares === (i.side === "BUY" ? i.targetShares : -i.targetShares)) {
        p.splice(k, 1);
        return;
      }
    }
  }
}
