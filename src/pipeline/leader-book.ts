// LeaderBook: one leader's positions per token reconstructed from the LeaderTradeEvents seen, E_u (exposure), and the
// winner (or losers) a REDEEM's payout shows; read by decide (sizing, sell fraction, mirrors) and tracking. O(1)/event.
import { VENUE_QUIRKS, type LeaderTradeEvent } from "../core/index.js";
import { isFiftyFifty, PositionBook, type Position } from "./position-book.js";

export type ExposureBasis = "mark" | "cost";

/**
 * BUY +size, SELL −size (clamped at 0: holdings from before the history are unknown), MERGE −n of every outcome seen,
 * SPLIT +n of every outcome (an outcome first seen later inherits the net split sets), REDEEM clears the market
 * (paying 1/0 when the winner can be inferred from the payout (a match another outcome could also have paid, from
 * shares held before the history, is not taken in a market a SELL or MERGE beyond the known shares showed partial),
 * else complete sets 1, outcomes the payout shows lost 0,
 * the rest at its last price, as the copy's shares stay marked, and at 1/0 once the outcome is known (resolved); a 50-50
 * payout pro rata). CONVERSION is ignored.
 * Proceeds of shares held before the history (a SELL, MERGE or REDEEM beyond the known position) are not booked.
 */
export class LeaderBook {
  readonly book = new PositionBook();
  private readonly winners = new Map<string, string>();
  /** Markets whose REDEEM named no winner but showed held outcomes lost: conditionId → those tokens. */
  private readonly losers = new Map<string, string[]>();
  /** Shares sold beyond what the book knew the leader held (pre-history holdings). */
  unknownSold = 0;
  /**
   * Markets where a SELL or MERGE went beyond the leader's known shares: the history misses holdings there, so a REDEEM
   * payout matching one outcome's known shares does not tell the winner when another outcome could have paid it.
   */
  private readonly partial = new Set<string>();
  /** Markets whose winner a REDEEM payout's match gave while another outcome could have paid it (see payoutVerdict). */
  private readonly assumed = new Set<string>();
  events = 0;
  /**
   * The leader's shares of the token before the last trade(): a field rather than trade()'s return value, since a
   * double returned by a call that is not inlined (trade is not) is boxed, an allocation per event.
   */
  sharesBefore = 0;

  /**
   * `given`: the market's winner from a source other than the payout (a resolution given to the replay): a REDEEM pays
   * the leader's known shares at it, whatever the payout implies (payoutVerdict tells what that was).
   */
  apply(ev: LeaderTradeEvent, given?: string): void {
    if (ev.kind === "TRADE") return this.trade(ev);
    this.events++;
    const b = this.book;
    switch (ev.kind) {
      case "MERGE": {
        // a MERGE of more sets than the known shares of some outcome (or with an outcome never seen) merged shares
        // from before the history
        const tokens = b.tokensOf(ev.conditionId);
        if (tokens.length < VENUE_QUIRKS.OUTCOMES_PER_MARKET || tokens.some((t) => b.shares(t) < ev.size - Math.max(1e-6, 1e-9 * ev.size))) this.partial.add(ev.conditionId);
        b.merge(ev.conditionId, ev.size, false);
        return;
      }
      case "SPLIT":
        b.split(ev.conditionId, ev.size);
        return;
      case "REDEEM": {
        const payout = redeemPayout(ev);
        const v = given === undefined ? this.payoutVerdict(ev) : undefined;
        const winner = given ?? v?.winner;
        if (winner !== undefined) {
          this.winners.set(ev.conditionId, winner);
          if (v?.assumed) this.assumed.add(ev.conditionId);
          b.redeem(ev.conditionId, winner);
        } else {
          const lost = v?.lost ?? [];
          if (lost.length > 0) this.losers.set(ev.conditionId, lost);
          b.clearMarket(ev.conditionId, payout);
        }
        return;
      }
      default:
        return; // CONVERSION: moves positions across markets in ways the event does not describe
    }
  }

  /**
   * What a REDEEM's payout says of its market's outcome before it is applied: the winner it identifies, else the
   * outcomes it shows lost (inferWinner, inferLosers).
   */
  payoutVerdict(ev: LeaderTradeEvent): { winner: string | undefined; lost: string[]; assumed: boolean } {
    const payout = redeemPayout(ev);
    const tokens = this.book.tokensOf(ev.conditionId);
    let winner = inferWinner(this.book, tokens, payout);
    // the payout matched one outcome's known shares, but another (seen or not) could have paid it from shares held
    // before the history: the winner rests on the history showing all the leader's holdings in the market; where a
    // SELL or MERGE showed it does not, no winner is inferred
    const assumed = winner !== undefined && otherCouldWin(this.book, tokens, payout, winner);
    if (assumed && this.partial.has(ev.conditionId)) winner = undefined;
    return { winner, lost: winner === undefined ? inferLosers(this.book, tokens, payout) : [], assumed: winner !== undefined && assumed };
  }

  /**
   * The winner of the market was inferred from a REDEEM payout matching one outcome's known shares while another could
   * have paid it from holdings before the history (nothing in the market showed the history partial).
   */
  winnerAssumed(conditionId: string): boolean {
    return this.assumed.has(conditionId);
  }

  /** apply for a TRADE; sets sharesBefore, the leader's shares of the token before it (one position lookup for both). */
  trade(ev: LeaderTradeEvent): void {
    this.events++;
    const b = this.book;
    const known = b.position(ev.tokenId);
    this.sharesBefore = known ? known.shares : 0;
    if (ev.side !== "BUY" && ev.side !== "SELL") return;
    // ensure() only when it has work to do: create the position or join it to its market (which may credit it).
    const p = known && (known.conditionId !== "" || ev.conditionId === "") ? known : b.ensure(ev.tokenId, ev.conditionId);
    if (ev.side === "BUY") b.buyAt(p, ev.size, ev.price);
    else {
      const beyond = ev.size - b.sellAt(p, ev.size, ev.price);
      if (beyond > 0) {
        this.unknownSold += beyond;
        if (beyond > Math.max(1e-6, 1e-9 * ev.size)) this.partial.add(p.conditionId !== "" ? p.conditionId : ev.conditionId);
      }
    }
  }

  shares(tokenId: string): number {
    return this.book.shares(tokenId);
  }

  position(tokenId: string): Position | undefined {
    return this.book.position(tokenId);
  }

  /** E_u in USD: held shares at their last trade price (default) or at cost. O(1). */
  exposure(basis: ExposureBasis = "mark"): number {
    const e = basis === "cost" ? this.book.exposureAtCost() : this.book.exposureAtMark();
    return e > 0 ? e : 0;
  }

  /** Outcome tokens of a market seen so far (a fresh array). */
  tokensOf(conditionId: string): string[] {
    return this.book.tokensOf(conditionId);
  }

  /**
   * The market's outcome is known (a resolution, not the leader's REDEEM): the leader's shares there are valued at
   * 1 (winner) / 0 from now on, in E_u too, instead of at their last trade price. Its shares stay until it redeems.
   */
  resolved(conditionId: string, winningTokenId: string): void {
    for (const t of this.book.tokensOf(conditionId)) this.book.setPayout(t, t === winningTokenId ? 1 : 0);
    // shares an earlier REDEEM with no known winner valued at their last price (clearMarket) settle at 1/0 now
    this.book.settleRest(conditionId, winningTokenId);
  }

  /**
   * The leader redeemed the market: fold its flat positions out (PositionBook.closeMarket). Not while a REDEEM with no
   * known winner left shares valued at their mark (Position.rest): they settle at 1/0 once the outcome is known
   * (resolved, settleRest), which a folded market can no longer do.
   */
  closeMarket(conditionId: string): boolean {
    if (this.holdsRest(conditionId)) return false;
    return this.book.closeMarket(conditionId);
  }

  /** Some token of the market holds shares a winner-unknown REDEEM valued at their mark, not yet settled. */
  holdsRest(conditionId: string): boolean {
    for (const t of this.book.tokensOf(conditionId)) if ((this.book.position(t)?.rest ?? 0) > 0) return true;
    return false;
  }

  /** Winning token inferred from a REDEEM payout, when the payout identified it. */
  winnerOf(conditionId: string): string | undefined {
    return this.winners.get(conditionId);
  }

  /** Tokens a REDEEM that identified no winner showed lost (inferLosers), when it showed any. */
  losersOf(conditionId: string): readonly string[] | undefined {
    return this.losers.get(conditionId);
  }
}

/** A REDEEM's payout in pUSD (usdcSize, else size). */
function redeemPayout(ev: LeaderTradeEvent): number {
  return ev.usdcSize > 0 ? ev.usdcSize : ev.size;
}

/**
 * The winner of a REDEEM from the payout: the held token whose shares match the payout (within 0.5 % or one USDC
 * micro-unit: real payouts of dust positions are 1e-5), or, when the payout is ~0, the one token of a two-outcome
 * market the leader did not hold, or, in a two-outcome market whose payout is not a 50-50 one (isFiftyFifty), the one
 * token whose known shares do not exceed the payout when the other's do. Otherwise undefined.
 */
export function inferWinner(b: PositionBook, tokens: readonly string[], payout: number): string | undefined {
  if (tokens.length === 0) return undefined;
  // A payout within the tolerance of 0 matches nothing: a held loser's dust is not a payout of 0.
  const tol = Math.max(1e-6, 0.005 * payout);
  let match: string | undefined;
  let matches = 0;
  for (const t of tokens) {
    const s = b.shares(t);
    if (s > 0 && payout > tol && Math.abs(s - payout) <= tol) {
      match = t;
      matches++;
    }
  }
  if (matches === 1) return match;
  if (payout <= 0.01 && tokens.length === 2) {
    const [a, c] = tokens as [string, string];
    const ha = b.shares(a) > 0;
    const hc = b.shares(c) > 0;
    if (ha && !hc) return c;
    if (hc && !ha) return a;
  }
  if (payout > 0.01 && tokens.length === 2 && !isFiftyFifty(b, tokens, payout)) {
    // Known holdings never exceed the real ones (sells beyond them are clamped) and the payout is the winner's real
    // holding: an outcome whose known shares exceed the payout lost, the other one won.
    const [a, c] = tokens as [string, string];
    const aCan = b.shares(a) <= payout + tol;
    const cCan = b.shares(c) <= payout + tol;
    if (aCan && !cCan) return a;
    if (cCan && !aCan) return c;
  }
  return undefined;
}

/**
 * Could an outcome other than `winner` have paid `payout` from the leader's real holdings? A known holding is never more
 * than the real one, so any outcome whose known shares do not exceed the payout could, and so could an outcome of the
 * market never seen (fewer tokens seen than a market has outcomes).
 */
export function otherCouldWin(b: PositionBook, tokens: readonly string[], payout: number, winner: string): boolean {
  if (tokens.length < VENUE_QUIRKS.OUTCOMES_PER_MARKET) return true;
  const tol = Math.max(1e-6, 0.005 * payout);
  return tokens.some((t) => t !== winner && b.shares(t) <= payout + tol);
}

/**
 * Held tokens a REDEEM payout shows lost when it identified no winner, in a market where the leader was not seen
 * holding every outcome (with all seen, inferWinner decides or the data is inconsistent): those whose known shares
 * exceed the payout (a known holding is never more than the real one, and the winner paid 1 per real share), so all
 * held ones at ~$0.
 */
export function inferLosers(b: PositionBook, tokens: readonly string[], payout: number): string[] {
  if (tokens.length >= VENUE_QUIRKS.OUTCOMES_PER_MARKET || isFiftyFifty(b, tokens, payout)) return [];
  const tol = Math.max(1e-6, 0.005 * payout);
  return tokens.filter((t) => b.shares(t) > payout + tol);
}
