// What decide knows of how each market ended: resolutions applied, markets the copy redeemed, markets any mirrored
// leader REDEEM closed, REDEEM payouts a given resolution overrode, and winners assumed from payouts. Pure state.
import type { LeaderTradeEvent, Resolution } from "../core/index.js";
import type { InputIssue } from "../core/input-issue.js";
import { shortId } from "../core/short-id.js";

/**
 * A mirrored leader REDEEM paid at a winner inferred from a payout matching one outcome's known shares while another
 * outcome could have paid it from holdings before the history (LeaderBook.winnerAssumed): the copy's settlement there
 * assumes the history shows all the leader's holdings in the market.
 */
export interface AssumedWinner {
  leader: string;
  conditionId: string;
  winningTokenId: string;
  eventId: string;
}

export class MarketOutcomes {
  /** Markets whose outcome is known: conditionId → the resolution. */
  private readonly resolved = new Map<string, Resolution>();
  /**
   * Markets a mirrored leader REDEEM closed for the copy (its wallet redeemed all it held there): conditionId → when
   * and by whom. A later SPLIT there would buy sets in a closed market that nothing ever settles.
   */
  private readonly redeemed = new Map<string, string>();
  /**
   * Markets any mirrored leader REDEEM closed, its winner known or not (a wallet only redeems a resolved market, and
   * paperFill closes the market at the venue then): conditionId → why. Later trades and netting windows there are
   * skipped MARKET_RESOLVED; their orders could only be refused (MARKET_CLOSED).
   */
  private readonly closed = new Map<string, string>();
  /** Leader REDEEMs whose payout implied another outcome than the resolution given for the market (applied instead). */
  readonly conflicts: InputIssue[] = [];
  readonly assumed: AssumedWinner[] = [];
  /** Leader and market of each `assumed` entry (one per pair; a Set, not a scan of the list per REDEEM). */
  private readonly assumedKeys = new Set<string>();

  /** The market's outcome is known from now on. */
  resolve(r: Resolution): void {
    this.resolved.set(r.conditionId, r);
  }

  resolution(conditionId: string): Resolution | undefined {
    return this.resolved.size > 0 ? this.resolved.get(conditionId) : undefined;
  }

  /** "market 0x… resolved (winner …)" for a resolved market. */
  resolvedDetail(conditionId: string): string {
    return `market ${shortId(conditionId)} resolved (winner ${shortId(this.resolved.get(conditionId)!.winningTokenId)})`;
  }

  /** Why a leader trade in the market is no longer copied (resolved, or closed by a leader REDEEM); undefined: open. */
  tradeClosed(conditionId: string): string | undefined {
    if (this.resolved.size > 0 && this.resolved.has(conditionId)) return this.resolvedDetail(conditionId);
    return this.closed.size > 0 ? this.closed.get(conditionId) : undefined;
  }

  /** Why a leader REDEEM closed the market, when one did. */
  closedBy(conditionId: string): string | undefined {
    return this.closed.size > 0 ? this.closed.get(conditionId) : undefined;
  }

  /** When and by whom the copy redeemed the market, when it did. */
  redeemedBy(conditionId: string): string | undefined {
    return this.redeemed.get(conditionId);
  }

  /**
   * A leader REDEEM was mirrored: the copy's wallet redeems the market when its outcome is known (`known`; else the
   * ledger cannot, and the copy holds on); the market is closed either way.
   */
  onRedeem(ev: LeaderTradeEvent, known: boolean): void {
    const c = ev.conditionId;
    if (known && !this.redeemed.has(c)) this.redeemed.set(c, `market ${shortId(c)} redeemed by the copy at ${ev.ts} (leader ${ev.leader}'s REDEEM)`);
    if (!this.closed.has(c)) this.closed.set(c, this.redeemed.get(c) ?? `market ${shortId(c)} closed by leader ${ev.leader}'s REDEEM at ${ev.ts} (winner unknown: the copy's shares there stay marked)`);
  }

  /** The REDEEM `ev` was paid at `winningTokenId` on the assumption AssumedWinner describes (once per leader and market). */
  assume(ev: LeaderTradeEvent, winningTokenId: string): void {
    const key = `${ev.leader} ${ev.conditionId}`;
    if (this.assumedKeys.has(key)) return;
    this.assumedKeys.add(key);
    // the event id as a string of its own: a read event's id is a slice of its chunk's ≤ 34 KB piece, which a kept
    // slice keeps alive (6,087 of them held 21 MB after a 1M-event bench replay)
    this.assumed.push({ leader: ev.leader, conditionId: ev.conditionId, winningTokenId, eventId: ownString(ev.eventId) });
  }
}

/** A copy of `s` that references no other string (a slice keeps the whole string it was cut from alive). */
function ownString(s: string): string {
  return Buffer.from(s, "utf8").toString("utf8");
}
