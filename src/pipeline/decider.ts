// Decider: the decision engine behind the decide operators (decide.ts), turning each LeaderTradeEvent into Decisions
// (CopyIntent | Skip | Mirror) with every guardrail of the seed. Pure and deterministic: state lives in the instance.
import {
  buyableShares,
  buyCost,
  decidedAt,
  floorShares,
  leaderSettings,
  priceBand,
  snapLimit,
  toFixedFast,
  VENUE_QUIRKS,
  type Config,
  type CopyIntent,
  type Decision,
  type FeeRate,
  type Holdings,
  type LeaderSettings,
  type LeaderTradeEvent,
  type Mirror,
  type Resolution,
  type Side,
  type Skip,
  type SkipReason,
} from "../core/index.js";
import type { InputIssue } from "../core/input-issue.js";
import { shortId } from "../core/short-id.js";
import { MarketOutcomes, type AssumedWinner } from "./market-outcomes.js";
import { intentIdFor, intentIdFrom, intentKeyPrefix, type IntentKeyPrefix } from "./ids.js";
import { copyRatio } from "./sizing.js";
import { LeaderBook } from "./leader-book.js";
import { Netting, type NetBatch } from "./netting.js";
import { RecentIds } from "./dedupe.js";
import { PlannedHoldings } from "./planned-holdings.js";
import { StepHoldings } from "./step-holdings.js";
import { above, below, batchSkip, blockOf, clipped, skipOf, tooSmall, withLast, type Clip, type TradeToCopy } from "./decide-rules.js";

export interface DecideOptions {
  /** The copier's actual cash and positions (the ledger). Without it decide plans as if every intent filled. */
  holdings?: Holdings;
  /** Market tick of a token at venue time `ts` (undefined or absent: config.fill.tick). */
  tickOf?: (tokenId: string, ts: number) => number | undefined;
  /** Market minimum order size of a token (defaults to config.fill.minOrderSize). */
  minSizeOf?: (tokenId: string) => number;
  /** Taker fee of a token's market (none: no fee): a BUY is clipped so that its cash covers the fee too. */
  feeRateOf?: (tokenId: string) => FeeRate | undefined;
  /** Live switches read per event (kill switch, leader state); defaults to the config's. */
  switches?: () => Pick<Config, "killSwitch" | "modes" | "leaders">;
  /**
   * A market's outcome as given to the run (a replay's --resolutions), known before it applies: a leader REDEEM there
   * pays at it (the market has resolved by then), not at the winner its payout suggests.
   */
  outcomeOf?: (conditionId: string) => GivenOutcome | undefined;
}

/** A market outcome given to decide (DecideOptions.outcomeOf), and where it was read. */
export interface GivenOutcome {
  winningTokenId: string;
  /** Every outcome token of the market: an outcome not covering the tokens traded there is not used. */
  tokenIds: readonly string[];
  file?: string;
  row?: number;
}

/** Relative gap between copy and r_u × leader positions beyond which a SELL is copied as a fraction. */
const DIVERGED_REL = 0.01;

/** Shares below the ideal by which caps or holdings count as having cut a copy (not float noise of r_u × size). */
const CUT_EPS = 1e-9;

/** What decide keeps per leader, found with one Map lookup per event. */
interface LeaderState {
  book: LeaderBook;
  settings: LeaderSettings;
  /** Why the static config blocks this leader (null: it does not); unused when live switches are given. */
  staticBlock: [SkipReason, string] | null;
  /** Hash prefix of this leader's copy intent keys. */
  copyKey: IntentKeyPrefix;
}

/** The decision engine: synchronous `step`/`flush` (used by the replay hot loop) behind the `decide` operator. */
export class Decider {
  private readonly seen = new RecentIds();
  private readonly leaders = new Map<string, LeaderState>();
  private readonly planned?: PlannedHoldings;
  /** The copy's cash and shares as this step sees them (the holdings less the step's pending intents). */
  private readonly copy: StepHoldings;
  private readonly netting = new Netting();
  /** How markets ended: resolutions, redeemed and closed markets, REDEEM conflicts, assumed winners. */
  private readonly outcomes = new MarketOutcomes();
  /** Leader REDEEMs whose payout implied another outcome than the resolution given for the market (applied instead). */
  get redeemConflicts(): readonly InputIssue[] {
    return this.outcomes.conflicts;
  }
  /** Mirrored leader REDEEMs paid at a winner their payout gave only on an assumption (AssumedWinner). */
  get assumedWinners(): readonly AssumedWinner[] {
    return this.outcomes.assumed;
  }
  /**
   * sizeAndDecide's numeric inputs, set before each call: doubles passed to a call that is not inlined are boxed (an
   * allocation each), and in-place stores into this preallocated record are not.
   */
  private readonly sizing = {
    ratio: 0,
    /** Leader's shares of the token before the trade (for the sell-fraction rule). */
    leaderBefore: 0,
  };

  constructor(
    private readonly config: Config,
    private readonly opts: DecideOptions = {},
  ) {
    const holdings = opts.holdings ?? (this.planned = new PlannedHoldings(config.bankroll, opts.feeRateOf));
    this.copy = new StepHoldings(holdings, this.planned !== undefined, (tokenId) => this.feeOf(tokenId));
  }

  private leader(leader: string): LeaderState {
    let l = this.leaders.get(leader);
    if (!l) {
      l = {
        book: new LeaderBook(),
        settings: leaderSettings(this.config, leader),
        staticBlock: blockOf(this.config, leader) ?? null,
        copyKey: intentKeyPrefix(leader, "copy"),
      };
      this.leaders.set(leader, l);
    }
    return l;
  }

  /** r_u decide sizes a leader's next copy at now (BUDGETED_DYNAMIC: from the exposure seen so far). */
  ratioOf(leader: string): number | undefined {
    const l = this.leaders.get(leader);
    return l === undefined ? undefined : copyRatio(l.settings, l.book.exposure());
  }

  /** Outcome tokens of `conditionId` any leader's events showed so far (a fresh array; empty when none). */
  marketTokens(conditionId: string): string[] {
    const out: string[] = [];
    for (const l of this.leaders.values()) for (const t of l.book.tokensOf(conditionId)) if (!out.includes(t)) out.push(t);
    return out;
  }

  /** Leader positions as decide reconstructed them (for reports and drift). */
  leaderBook(leader: string): LeaderBook | undefined {
    return this.leaders.get(leader)?.book;
  }

  private tick(tokenId: string, ts: number): number {
    return this.opts.tickOf?.(tokenId, ts) ?? this.config.fill.tick;
  }

  private feeOf(tokenId: string): FeeRate | undefined {
    return this.opts.feeRateOf?.(tokenId);
  }

  private minSize(tokenId: string): number {
    return this.opts.minSizeOf?.(tokenId) ?? this.config.fill.minOrderSize;
  }

  /** Decide one event; returns 0..n decisions (netting can hold an event back until its window closes). */
  step(ev: LeaderTradeEvent): Decision[] {
    // Decisions before this event's own (closed netting windows, a drift correction); most events have none, and
    // then the result is a one-element literal (an empty [] grown by push reserves 17 slots).
    let out: Decision[] | undefined;
    this.copy.clear();
    // Netting windows close by event time: flush every window older than this event first.
    if (this.netting.size > 0) for (const b of this.netting.due(ev.ts, this.clockDriven)) (out ??= []).push(this.batch(b));

    if (this.seen.seen(ev.eventId, ev.ts)) return withLast(out, this.skip(ev, "DUPLICATE", `event ${ev.eventId} already decided`, 0));
    const l = this.leader(ev.leader);
    const lb = l.book;
    const s = l.settings;

    if (ev.kind !== "TRADE") {
      // REDEEM reads the winner the leader book infers from the payout, so it applies first; a SPLIT too: it is
      // mirrored at r_u with its sets in E_u, as a TRADE is copied at r_u with the trade in E_u (at the r_u before it,
      // a SPLIT from a flat book was mirrored at r_max). MERGE needs the leader's holdings before the action.
      const first = ev.kind === "REDEEM" || ev.kind === "SPLIT";
      // the leader's open netting windows in the market close first: the trades they hold came before the action, and
      // its mirror follows their copy, as without netting (applied before it, a window's SELL met a copy the mirror
      // had already moved, sized on the leader's position without the action)
      let fold: MergeFold | undefined;
      if (s.netting.enabled && this.netting.size > 0) {
        const tokens = lb.tokensOf(ev.conditionId);
        // A MERGE takes the complete sets the leader bought inside its open windows out of them first: their BUYs are
        // only sent when the windows close here, so the copy could not merge them now (it would keep them while the
        // leader holds none). The rest of the MERGE is mirrored on the copy's sets from before the windows.
        if (ev.kind === "MERGE" && tokens.length >= VENUE_QUIRKS.OUTCOMES_PER_MARKET && !this.blocked(l, ev.leader)) fold = this.mergeFold(ev, l, tokens);
        const merged = fold !== undefined && fold.sets > 0 ? { sets: fold.sets, ratio: copyRatio(s, lb.exposure()) } : undefined;
        // a REDEEM closes the market at its ts: the windows' orders, decided now, could only be refused there
        if (ev.kind === "REDEEM") this.redeeming = `market ${shortId(ev.conditionId)} redeemed by leader ${ev.leader} at ${ev.ts} while the netting window was open`;
        try {
          for (const b of this.netting.closeNow(ev.leader, tokens, ev.ts, merged)) {
            const d = this.batch(b);
            (out ??= []).push(d);
            // planned holdings hold a window's BUY at once; the MERGE is sized on the sets before the windows (the
            // ledger's held shares leave a pending BUY out already)
            if (fold !== undefined && this.planned !== undefined && d.kind === "intent" && d.intent.side === "BUY") {
              const w = (fold.windowBuys ??= new Map<string, number>());
              w.set(d.intent.tokenId, (w.get(d.intent.tokenId) ?? 0) + d.intent.targetShares);
            }
          }
        } finally {
          this.redeeming = undefined;
        }
      }
      if (first) lb.apply(ev, ev.kind === "REDEEM" ? this.givenWinner(ev, lb) : undefined);
      const m = this.mirror(ev, l, fold);
      if (!first) lb.apply(ev);
      return withLast(out, m);
    }
    lb.trade(ev);
    const leaderBefore = lb.sharesBefore;
    const r = copyRatio(s, lb.exposure());

    const blocked = this.blocked(l, ev.leader);
    if (blocked) return withLast(out, this.skip(ev, blocked[0], blocked[1], ev.size * r));
    // resolved, or a leader REDEEM closed the market (the data should have no trade there after it): an order could
    // only be refused
    const closed = this.outcomes.tradeClosed(ev.conditionId);
    if (closed !== undefined) return withLast(out, this.skip(ev, "MARKET_RESOLVED", closed, ev.size * r));
    let corr: CopyIntent | undefined;
    if (s.driftCorrection.enabled) {
      // the leader's trades still held in its open netting window are not copied yet: no drift to correct
      const netted = s.netting.enabled ? this.netting.openNet(ev.leader, ev.tokenId) : 0;
      const c = this.correction(ev, s, r, leaderBefore - netted);
      if (c) {
        (out ??= []).push(this.pend(c));
        if (c.kind === "intent") corr = c.intent;
      }
    }

    if (s.netting.enabled) {
      this.netting.add(ev, s.netting.windowMs, r, lb.shares(ev.tokenId));
      return out ?? [];
    }
    this.sizing.ratio = r;
    this.sizing.leaderBefore = leaderBefore;
    // the event is the trade to copy itself (a TRADE carries its side): no copy of its fields into another record
    const d = this.sizeAndDecide(ev as TradeToCopy, [ev.eventId], l);
    // a correction on the other side of the copy (r_u moved with the trade, or a SELL with the copy short) would buy
    // and sell the same shares at the same ms: the two are offset and only the difference is sent
    if (corr !== undefined && out !== undefined && d.kind === "intent" && d.intent.side !== corr.side) return this.offset(out, corr, d.intent, ev as TradeToCopy, s);
    return withLast(out, d);
  }

  /**
   * A drift correction `c` (the last decision in `out`, already pending) and the copy `d` of the same leader trade on
   * opposite sides of one token: sent as decided, the copy would buy the shares the correction sells (or sell those it
   * buys) at the same ms, paying the spread and fees twice for no change of position. The smaller of the two is
   * offset against the larger: the larger goes out smaller by it, the other not at all. The copy's offset part is
   * netted in the attribution (its ideal stays r_u × the leader's size; its intent's idealShares is the net one, its
   * sourceRatios [r_u] keep the trade's own ideal); a copy offset whole is skipped NETTED. A remainder too small for a
   * valid order is not sent (correction) or skipped (copy), as any order that small is.
   */
  private offset(out: Decision[], c: CopyIntent, d: CopyIntent, t: TradeToCopy, s: LeaderSettings): Decision[] {
    out.pop(); // the correction, pushed last
    this.copy.unpend(c);
    this.planned?.undo(c);
    this.planned?.undo(d);
    const m = Math.min(c.targetShares, d.targetShares);
    const why = `offset against the drift correction's ${c.side} of ${toFixedFast(c.targetShares, 2)} shares at the same ms`;
    const cRest = floorShares(c.targetShares - m);
    if (cRest > 0 && this.validOrder(cRest, c, s.driftCorrection.orderType, s)) {
      const ci: CopyIntent = { ...c, targetShares: cRest, targetNotional: cRest * c.leaderPrice };
      this.planned?.onIntent(ci);
      out.push(this.pend({ kind: "intent", intent: ci }));
    }
    const dRest = floorShares(d.targetShares - m);
    if (dRest > 0 && this.validOrder(dRest, d, s.orderType, s)) {
      const di: CopyIntent = { ...d, targetShares: dRest, targetNotional: dRest * d.leaderPrice, idealShares: Math.max(0, d.idealShares - m), sourceRatios: [d.ratio] };
      this.planned?.onIntent(di);
      out.push({ kind: "intent", intent: di });
    } else {
      const left = dRest > 0 ? ` (${toFixedFast(dRest, 2)} left, too small an order)` : "";
      out.push(skipOf(t, d.sourceEventIds, d.idealShares, "NETTED", `copy ${d.side} of ${toFixedFast(d.targetShares, 2)} shares ${why}${left}`));
    }
    return out;
  }

  /** An order of `shares` of intent `i` the venue would take and the copy's settings allow (the checks of sizeAndDecide). */
  private validOrder(shares: number, i: CopyIntent, orderType: LeaderSettings["orderType"], s: LeaderSettings): boolean {
    if (below(shares * i.leaderPrice, s.minCopyNotional)) return false;
    const resting = orderType === "GTC" || orderType === "GTD";
    if (resting && shares < this.minSize(i.tokenId)) return false;
    return resting || i.side !== "BUY" || shares * i.limitPrice >= VENUE_QUIRKS.MIN_MARKETABLE_BUY_USD;
  }


  /**
   * The winner of a REDEEM's market when the run knows it otherwise than from the payout (a resolution applied, or one
   * given for later: the market has resolved by the time a wallet redeems), else undefined. A payout implying another
   * outcome is a conflict, named in redeemConflicts; the given outcome is applied (one truth for the ledger, tracking
   * and the leader's PnL).
   */
  private givenWinner(ev: LeaderTradeEvent, lb: LeaderBook): string | undefined {
    const c = ev.conditionId;
    const o = this.opts.outcomeOf?.(c);
    let w = this.outcomes.resolution(c)?.winningTokenId;
    if (w === undefined && o !== undefined && this.marketTokens(c).every((t) => o.tokenIds.includes(t))) w = o.winningTokenId;
    if (w === undefined) return undefined;
    const v = lb.payoutVerdict(ev);
    if ((v.winner !== undefined && v.winner !== w) || v.lost.includes(w)) {
      const implied = v.winner !== undefined ? `winner ${v.winner}` : `${v.lost.join(", ")} lost`;
      this.outcomes.conflicts.push({
        file: o?.file ?? "(resolutions)",
        ...(o?.row !== undefined ? { row: o.row } : {}),
        field: "winner",
        value: w,
        message: `market ${c}: leader ${ev.leader}'s REDEEM (event ${ev.eventId}, ts ${ev.ts}) paid ${ev.usdcSize > 0 ? ev.usdcSize : ev.size}, which on the leader's positions seen implies ${implied} (holdings from before the history can explain it)`,
        kept: `the resolution's winner ${w} is applied to the ledger, tracking and the leader's PnL`,
      });
    }
    return w;
  }

  /** Set while a leader REDEEM closes its windows in the market (why their batches are skipped), else undefined. */
  private redeeming: string | undefined;

  /** A clock closes the netting windows (closeDue): step leaves a window ending at its event's ms to it. */
  private clockDriven = false;

  /**
   * Let a replay clock close the netting windows; returns its timer (when the next window closes, +∞ when none is
   * open). At one ms the order is then: leader events, orders arriving, windows closing.
   */
  useClock(): () => number {
    this.clockDriven = true;
    return () => this.netting.nextEnd;
  }

  /** Venue time reached `ts` between events: close the netting windows due by then (their batches decided now). */
  closeDue(ts: number): Decision[] {
    this.copy.clear();
    return this.netting.size === 0 ? [] : this.netting.due(ts).map((b) => this.batch(b));
  }

  /** Close every open netting window (end of stream). */
  flush(): Decision[] {
    return this.closeDue(Number.POSITIVE_INFINITY);
  }

  /** A closed window's decision, counted as pending for the rest of this step. */
  private batch(b: NetBatch): Decision {
    return this.pend(this.batchDecision(b));
  }

  /** Why a leader's events are not copied right now (kill switch, leader off), or undefined. */
  private blocked(l: LeaderState, leader: string): [SkipReason, string] | undefined {
    const sw = this.opts.switches?.();
    // Static config: the answer per leader never changes, so it is computed once (LeaderState.staticBlock).
    if (!sw) return l.staticBlock ?? undefined;
    return blockOf({ ...this.config, ...sw }, leader);
  }

  private batchDecision(b: NetBatch): Decision {
    const l = this.leader(b.leader);
    // the switches as they are when the window closes: a kill switch or leader-off since it opened stops it too
    const blocked = this.blocked(l, b.leader);
    if (blocked) {
      return batchSkip(b, blocked[0], `${blocked[1]} (netting window of ${b.ids.length} trades)`);
    }
    const res = this.outcomes.resolution(b.conditionId);
    if (res !== undefined) {
      // The market resolved before the batch could be decided: while its window was open, or after it ended but
      // before the next event closed it (the venue had settled the market and dropped its books by then).
      const when = res.ts < b.end ? "while the netting window was open" : `after the netting window ended (${b.end}) and before it was decided`;
      const detail = `${this.outcomes.resolvedDetail(b.conditionId)} ${when}`;
      return batchSkip(b, "MARKET_RESOLVED", detail);
    }
    // a leader REDEEM closes the market (now, or before the window closed): the venue refuses any order there
    const redeemed = this.redeeming ?? this.outcomes.closedBy(b.conditionId);
    if (redeemed !== undefined) return batchSkip(b, "MARKET_RESOLVED", this.redeeming ?? `${redeemed}, before the netting window closed`);
    if (b.netShares === 0 || b.side === null) return batchSkip(b, "NETTED", `${b.ids.length} leader trades netted to zero`);
    this.sizing.ratio = b.ratio;
    // the leader's position before the window's trades, as the window kept it (not the leader book now: a trade after
    // the window, at the ms it closed, may already be in it when a clock closes the window)
    this.sizing.leaderBefore = b.leaderBefore;
    // decided when its window closed (not at its last trade): its order leaves then
    const closedAt = b.seenAt > b.end ? b.seenAt : b.end;
    const d = this.sizeAndDecide({ leader: b.leader, tokenId: b.tokenId, conditionId: b.conditionId, side: b.side, size: b.netShares, price: b.price, ts: b.ts, seenAt: closedAt }, b.ids, l);
    // each trade's own r_u, for the attribution's per-trade ideal (only when they differ)
    if (b.ratios !== undefined) {
      if (d.kind === "intent") d.intent.sourceRatios = b.ratios;
      else if (d.kind === "skip") d.sourceRatios = b.ratios;
    }
    return d;
  }

  /** The copy of one (possibly netted) leader trade with source events `ids` (sized by this.sizing): an intent, or the skip saying why not. */
  private sizeAndDecide(t: TradeToCopy, ids: string[], l: LeaderState): Decision {
    const s = l.settings;
    const r = this.sizing.ratio;
    const leaderBefore = this.sizing.leaderBefore;
    const ideal = t.size * r;
    const leaderNotional = t.size * t.price;
    // above, not >: a netting window's VWAP of trades all at the cap is a few ulps off it (1 × 0.97 + 2 × 0.97 over 3)
    if (t.side === "BUY" && above(t.price, s.priceCap)) return skipOf(t, ids, ideal, "PRICE_CAP", `leader price ${t.price} > cap ${s.priceCap}`);
    if (below(leaderNotional, s.minLeaderNotional))
      return skipOf(t, ids, ideal, "LEADER_NOTIONAL_BELOW_MIN", `leader notional $${toFixedFast(leaderNotional, 4)} < min $${s.minLeaderNotional}`);
    if (s.maxLeaderNotional !== null && above(leaderNotional, s.maxLeaderNotional))
      return skipOf(t, ids, ideal, "LEADER_NOTIONAL_ABOVE_MAX", `leader notional $${toFixedFast(leaderNotional, 2)} > max $${s.maxLeaderNotional}`);

    const limit = this.guardPrice(t.tokenId, t.side, t.price, s.slippage, decidedAt(t));
    let shares = ideal;
    /**
     * The limit that made a BUY smaller than its copy, when one did (the bankroll % cap, then cash): if what is left
     * cannot make a valid order, that limit is the reason, not the size checks that fail.
     */
    let clip: Clip | undefined;
    const resting = s.orderType === "GTC" || s.orderType === "GTD";
    if (t.side === "BUY") {
      // (the $1 floor is the marketable orders': a resting BUY may cost less, its floor is the minimum size)
      const fit = this.capBuy(shares, t.price, limit, s, this.feeOf(t.tokenId), resting ? 0 : VENUE_QUIRKS.MIN_MARKETABLE_BUY_USD);
      if (typeof fit === "string") return skipOf(t, ids, ideal, "INSUFFICIENT_CASH", fit);
      shares = fit;
      clip = this.buyClip;
    } else {
      const held = this.copy.held(t.leader, t.tokenId);
      if (!(held > 0)) return skipOf(t, ids, ideal, "NOTHING_TO_SELL", `copy holds 0 of ${shortId(t.tokenId)} for this leader`);
      const expected = r * leaderBefore;
      if (leaderBefore > 0 && Math.abs(held - expected) > DIVERGED_REL * expected) {
        shares = held * Math.min(1, t.size / leaderBefore); // positions diverged: sell the same fraction
      }
      shares = this.capShares(shares, t.price, "SELL", s, limit);
      shares = Math.min(shares, held);
    }
    const rounded = floorShares(shares);
    // a copy the caps or the copy's holdings cut below its ideal: a size rule refusing it loses only what was left
    // (the attribution books the rest as caps); a BUY clip (bankroll %, cash) names the skip itself
    const cut = clip === undefined && shares < ideal - CUT_EPS ? shares : undefined;
    const small = tooSmall(rounded, shares, t.price, limit, s, clip);
    if (small !== undefined) return skipOf(t, ids, ideal, small[0], small[1], cut);
    const minSize = this.minSize(t.tokenId);
    if (resting && rounded < minSize) return skipOf(t, ids, ideal, ...clipped(clip, "BELOW_VENUE_MIN_SIZE", `${rounded} shares < market minimum ${minSize}`), cut);
    if (!resting && t.side === "BUY" && rounded * limit < VENUE_QUIRKS.MIN_MARKETABLE_BUY_USD)
      return skipOf(t, ids, ideal, ...clipped(clip, "BELOW_MARKETABLE_MIN", `marketable BUY $${toFixedFast(rounded * limit, 4)} < $1`), cut);

    const intent: CopyIntent = {
      intentId: intentIdFrom(l.copyKey, ids),
      leader: t.leader,
      tokenId: t.tokenId,
      conditionId: t.conditionId,
      side: t.side,
      targetShares: rounded,
      targetNotional: rounded * t.price,
      limitPrice: limit,
      orderType: s.orderType,
      slippage: s.slippage,
      leaderPrice: t.price,
      idealShares: ideal,
      ratio: r,
      purpose: "copy",
      sourceEventIds: ids,
      ts: t.ts,
      seenAt: t.seenAt,
    };
    this.planned?.onIntent(intent);
    return { kind: "intent", intent };
  }



  /** A decision this step emits before others: its intent's cash and shares count as pending for those. Returns it. */
  private pend(d: Decision): Decision {
    if (d.kind === "intent") this.copy.pend(d.intent);
    return d;
  }

  /**
   * Guardrail price of an order at `price` ± slippage: max for a BUY, min for a SELL, on the tick (of the token's book
   * at venue time `ts` when tickOf knows it, else config.fill.tick) and in the band.
   * A SELL whose guard snaps above the band (a leader exit at 0.995 where the tick known is 0.01) asks the band's top,
   * less than a tick under the guard: the only price the venue takes there, so the copy can follow the exit. A BUY
   * that floors below the band gets 0 and is skipped (ROUNDS_TO_ZERO), not paid up to the band.
   */
  private guardPrice(tokenId: string, side: Side, price: number, slippage: number, ts: number): number {
    const tick = this.tick(tokenId, ts);
    const band = priceBand(tick);
    if (side === "BUY") return Math.min(snapLimit(price * (1 + slippage), tick, "BUY"), band.max);
    const p = snapLimit(price * (1 - slippage), tick, "SELL");
    return p > band.max ? band.max : p < band.min ? band.min : p;
  }

  /** Set by capShares: the bankroll % cap bound (a field, not a returned pair: no allocation per copy). */
  private bankrollBound = false;

  /**
   * A copy's per-trade caps: the max copy notional at the leader's `price` (either side), and for a BUY the bankroll %
   * at its `limit`, the most the order may pay per share (at the leader's price a BUY could spend the slippage above it).
   */
  private capShares(shares: number, price: number, side: Side, s: LeaderSettings, limit: number): number {
    if (s.maxCopyNotional !== null && shares * price > s.maxCopyNotional) shares = s.maxCopyNotional / price;
    this.bankrollBound = false;
    if (side === "BUY") {
      const cap = s.maxBankrollPct * this.config.bankroll;
      if (shares * limit > cap) {
        shares = cap / limit;
        this.bankrollBound = true;
      }
    }
    return shares;
  }

  /** Set by capBuy: the limit that made a BUY smaller than asked (the bankroll % cap, then cash), if one did. */
  private buyClip: Clip | undefined;

  /**
   * What a BUY may spend: a copy's shares at `price` (limit: the most it may pay per share), or a SPLIT's sets at $1.
   * The per-trade caps (capShares), then the free cash less the most fee it may take. Returns the shares left
   * (this.buyClip: the limit that clipped them), or the INSUFFICIENT_CASH detail when the cash cannot pay a valid
   * outlay (below `minUsd`, or under 0.01 shares): then cash, not size, is the reason.
   */
  private capBuy(shares: number, price: number, limit: number, s: LeaderSettings, fee: FeeRate | undefined, minUsd: number): number | string {
    shares = this.capShares(shares, price, "BUY", s, limit);
    this.buyClip = this.bankrollBound ? { reason: "BANKROLL_CAP", to: s.maxBankrollPct * this.config.bankroll } : undefined;
    const cash = this.copy.cash();
    if (!(buyCost(shares, limit, fee) > cash)) return shares;
    const fit = buyableShares(cash, limit, fee);
    if (cash < minUsd || floorShares(fit) <= 0) return `cash $${toFixedFast(cash, 2)} cannot pay $${toFixedFast(buyCost(shares, limit, fee), 2)}`;
    this.buyClip = { reason: "INSUFFICIENT_CASH", to: cash };
    return fit;
  }

  /** Drift correction: before copying, bring the copy back to r_u × leader when it drifted past the threshold. */
  private correction(ev: LeaderTradeEvent, s: LeaderSettings, r: number, leaderBefore: number): Decision | undefined {
    const dc = s.driftCorrection;
    const target = r * leaderBefore;
    const drift = this.copy.held(ev.leader, ev.tokenId, true) - target;
    if (Math.abs(drift) <= Math.max(dc.threshold * target, dc.minShares)) return undefined;
    const side: Side = drift < 0 ? "BUY" : "SELL";
    // A correction is a trade like any copy, bounded by the same guardrails: none at an event the leader-notional
    // filters drop or above the price cap (drift a guardrail left is not bought back through it), per-trade caps,
    // none below the min copy notional.
    const leaderNotional = ev.size * ev.price;
    if (below(leaderNotional, s.minLeaderNotional) || (s.maxLeaderNotional !== null && above(leaderNotional, s.maxLeaderNotional))) return undefined;
    if (side === "BUY" && above(ev.price, s.priceCap)) return undefined;
    const limit = this.guardPrice(ev.tokenId, side, ev.price, s.slippage, decidedAt(ev));
    let want = Math.abs(drift);
    // A leader SELL with the copy short: its copy, decided next in this step on the copy's part without this BUY (it
    // may not fill), sells the same fraction of that part as the leader sells of its own (the parts diverged), so
    // what is short after both is the drift less that fraction. Buying the whole drift left the copy long by the
    // fraction of it: a leader selling out left the copy holding what the correction bought. (A netting window's SELL
    // is sized when the window closes, on the part the correction already filled, and planned holdings move with the
    // correction at once, so its SELL is sized on the corrected part: the whole drift then.)
    if (side === "BUY" && ev.side === "SELL" && this.planned === undefined && !s.netting.enabled && leaderBefore > 0) want *= 1 - Math.min(1, ev.size / leaderBefore);
    let shares = floorShares(this.capShares(want, ev.price, side, s, limit));
    if (side === "BUY") shares = Math.min(shares, floorShares(buyableShares(this.copy.cash(), limit, this.feeOf(ev.tokenId))));
    else shares = Math.min(shares, floorShares(this.copy.held(ev.leader, ev.tokenId))); // never sell a pending BUY's shares
    // (the $1 floor is the marketable orders', as for a copy: a resting correction's floor is the minimum size)
    const resting = dc.orderType === "GTC" || dc.orderType === "GTD";
    if (shares <= 0 || below(shares * ev.price, s.minCopyNotional) || (!resting && side === "BUY" && shares * limit < VENUE_QUIRKS.MIN_MARKETABLE_BUY_USD)) return undefined;
    // a resting correction under the market's minimum size would only be refused by the venue (as a copy is skipped)
    if (resting && shares < this.minSize(ev.tokenId)) return undefined;
    const ids = [`drift:${ev.eventId}`];
    const intent: CopyIntent = {
      intentId: intentIdFor(ev.leader, "correction", ids),
      leader: ev.leader,
      tokenId: ev.tokenId,
      conditionId: ev.conditionId,
      side,
      targetShares: shares,
      targetNotional: shares * ev.price,
      limitPrice: limit,
      orderType: dc.orderType,
      slippage: s.slippage,
      leaderPrice: ev.price,
      idealShares: 0,
      ratio: r,
      purpose: "correction",
      sourceEventIds: ids,
      ts: ev.ts,
      seenAt: ev.seenAt,
    };
    this.planned?.onIntent(intent);
    return { kind: "intent", intent };
  }

  /**
   * How a leader MERGE meets its open netting windows in the market: `sets` of it are the windows' net BUYs of every
   * outcome (taken out of them), `leaderSets` the leader's sets without those BUYs (what the copy's held sets mirror).
   */
  private mergeFold(ev: LeaderTradeEvent, l: LeaderState, tokens: readonly string[]): MergeFold {
    let inWindows = Number.POSITIVE_INFINITY;
    let leaderSets = Number.POSITIVE_INFINITY;
    for (const t of tokens) {
      const net = Math.max(0, this.netting.openNet(ev.leader, t));
      if (net < inWindows) inWindows = net;
      const before = l.book.shares(t) - net;
      if (before < leaderSets) leaderSets = before;
    }
    return { sets: Math.min(ev.size, inWindows), leaderSets };
  }

  /**
   * Complete sets of `tokens` the copy holds for `leader` (its part: the fewest shares of any outcome; 0 when none),
   * without the shares of `less` (per token: BUYs of netting windows a MERGE closed, held already by planned holdings).
   */
  private copySets(leader: string, tokens: readonly string[], less?: ReadonlyMap<string, number>): number {
    let sets = Number.POSITIVE_INFINITY;
    for (const t of tokens) sets = Math.min(sets, this.copy.held(leader, t) - (less?.get(t) ?? 0));
    return sets > 0 ? sets : 0;
  }

  /** The one outcome of binary market `conditionId` outside `lost` that some leader's trades showed, if exactly one. */
  private otherOutcome(conditionId: string, lost: readonly string[]): string | undefined {
    const seen = new Set<string>();
    for (const l of this.leaders.values()) for (const t of l.book.tokensOf(conditionId)) seen.add(t);
    if (seen.size !== VENUE_QUIRKS.OUTCOMES_PER_MARKET) return undefined;
    const rest = [...seen].filter((t) => !lost.includes(t));
    return rest.length === 1 ? rest[0] : undefined;
  }

  /** MERGE / SPLIT / REDEEM: mirror on the copy's position in proportion to the leader's. */
  private mirror(ev: LeaderTradeEvent, l: LeaderState, fold?: MergeFold): Decision {
    if (ev.kind === "CONVERSION") return this.skip(ev, "UNSUPPORTED_ACTIVITY", "CONVERSION is not mirrored", 0);
    const lb = l.book;
    const s = l.settings;
    const blocked = this.blocked(l, ev.leader);
    if (blocked) return this.skip(ev, blocked[0], blocked[1], 0);
    const tokens = lb.tokensOf(ev.conditionId);
    if (tokens.length === 0) return this.skip(ev, "UNKNOWN_MARKET", `no trades seen in market ${shortId(ev.conditionId)}`, 0);
    // Mirrors are written as whole literals: an object spread of shared fields costs ≈ 1.5 µs per mirror.
    if (ev.kind === "REDEEM") {
      let winningTokenId = lb.winnerOf(ev.conditionId);
      // winner unknown: the complete sets of this leader's part pay 1 each whoever won (the ledger pays just those)
      const sets = winningTokenId === undefined && tokens.length >= VENUE_QUIRKS.OUTCOMES_PER_MARKET ? this.copySets(ev.leader, tokens) : 0;
      // winner unknown, but the payout showed outcomes lost (e.g. a $0 REDEEM of the one outcome held): those pay 0
      let lostTokenIds = winningTokenId === undefined ? lb.losersOf(ev.conditionId)?.slice() : undefined;
      if (winningTokenId !== undefined && lb.winnerAssumed(ev.conditionId)) this.outcomes.assume(ev, winningTokenId);
      let mirrored = tokens;
      if (lostTokenIds !== undefined) {
        // another leader's trades show the market's other outcome: in a binary market it is the winner, and the
        // wallet's redeem pays it out too (every leader's part, as with a winner the payout names)
        const other = this.otherOutcome(ev.conditionId, lostTokenIds);
        if (other !== undefined) {
          winningTokenId = other;
          lostTokenIds = undefined;
          mirrored = [...tokens, other];
        }
      }
      const m: Mirror = { kind: "mirror", leader: ev.leader, conditionId: ev.conditionId, tokenIds: mirrored, sourceEventIds: [ev.eventId], ts: ev.ts, action: "REDEEM", shares: sets, winningTokenId, lostTokenIds };
      this.planned?.onMirror(m);
      // the copy's wallet redeems the market when the outcome is known (else the ledger cannot, and the copy holds on);
      // either way the market is closed from now on: paperFill closes it at any mirrored REDEEM (the venue refuses
      // orders there), so later trades and netting windows there are skipped, not sent to be refused
      this.outcomes.onRedeem(ev, winningTokenId !== undefined || lostTokenIds !== undefined);
      return m;
    }
    const r = copyRatio(s, lb.exposure());
    let shares: number;
    if (ev.kind === "MERGE") {
      // The copy bought for this leader only the outcomes the leader traded: fewer than all of them, no set to merge
      // (the ledger's merge would take the missing outcome from another leader's part).
      if (tokens.length < VENUE_QUIRKS.OUTCOMES_PER_MARKET) return this.skip(ev, "NOTHING_TO_SELL", "copy holds no complete sets to merge", ev.size * r);
      // the sets the leader bought inside its open netting windows were taken out of them (mergeFold): the rest of the
      // MERGE is mirrored against the leader's sets without those windows' BUYs (their copies are only being sent)
      const size = fold === undefined ? ev.size : ev.size - fold.sets;
      if (fold !== undefined && !(size > 1e-9))
        return this.skip(ev, "NETTED", `MERGE of ${ev.size} sets netted against the BUYs of the leader's open netting windows in market ${shortId(ev.conditionId)}`, 0);
      const copySets = this.copySets(ev.leader, tokens, fold?.windowBuys);
      let leaderSets = fold?.leaderSets ?? Number.POSITIVE_INFINITY;
      if (fold === undefined) for (const t of tokens) leaderSets = Math.min(leaderSets, lb.shares(t));
      if (!(copySets > 0)) return this.skip(ev, "NOTHING_TO_SELL", "copy holds no complete sets to merge", size * r);
      shares = leaderSets > 0 ? copySets * Math.min(1, size / leaderSets) : Math.min(copySets, size * r);
    } else {
      if (this.outcomes.resolution(ev.conditionId) !== undefined) return this.skip(ev, "MARKET_RESOLVED", this.outcomes.resolvedDetail(ev.conditionId), ev.size * r);
      const redeemed = this.outcomes.redeemedBy(ev.conditionId);
      if (redeemed !== undefined) return this.skip(ev, "MARKET_RESOLVED", redeemed, ev.size * r);
      // SPLIT mints every outcome of the market: with one of them unknown to this leader's copy, the ledger would
      // mint it into a position other leaders' parts own
      if (tokens.length < VENUE_QUIRKS.OUTCOMES_PER_MARKET) return this.skip(ev, "UNKNOWN_MARKET", `SPLIT in market ${shortId(ev.conditionId)}: only ${tokens.length} of its outcome tokens seen`, ev.size * r);
      // a SPLIT pays $1 for each set: cash out like a BUY, bounded as a copy BUY is (max copy notional, bankroll %,
      // cash, then the min copy notional on the sets sent), with the same reasons when nothing is left to mirror
      const ideal = ev.size * r;
      const fit = this.capBuy(ideal, 1, 1, s, undefined, 0);
      const what = `SPLIT of ${ev.size} sets at r_u ${r}`;
      if (typeof fit === "string") return this.skip(ev, "INSUFFICIENT_CASH", `${what}: ${fit}`, ideal);
      const sets = floorShares(fit);
      const small = tooSmall(sets, fit, 1, 1, s, this.buyClip);
      if (small !== undefined) return this.skip(ev, small[0], `${what}: ${small[1]}`, ideal);
      shares = sets;
    }
    shares = floorShares(shares);
    if (shares <= 0) {
      // a MERGE is sized on the copy's own complete sets (its share of the leader's; a SPLIT's sets were checked above)
      const why = `the copy's part of this MERGE of ${ev.size} sets (it holds ${toFixedFast(this.copySets(ev.leader, tokens, fold?.windowBuys), 4)} complete sets) rounds to 0 at 0.01`;
      return this.skip(ev, "ROUNDS_TO_ZERO", why, ev.size * r);
    }
    const m: Mirror = { kind: "mirror", leader: ev.leader, conditionId: ev.conditionId, tokenIds: tokens, sourceEventIds: [ev.eventId], ts: ev.ts, action: ev.kind as "MERGE" | "SPLIT", shares };
    this.planned?.onMirror(m);
    return m;
  }

  /**
   * The outcome of `conditionId` is known (the stream carried its MarketSettled): later trades there are skipped as
   * MARKET_RESOLVED. decideFlow calls it; a caller stepping events itself calls it in stream order.
   */
  marketResolved(r: Resolution): void {
    this.outcomes.resolve(r);
    // E_u values the leaders' shares there at 1/0 from now on (BUDGETED_DYNAMIC sizes on it)
    for (const l of this.leaders.values()) l.book.resolved(r.conditionId, r.winningTokenId);
  }

  private skip(ev: LeaderTradeEvent, reason: SkipReason, detail: string, idealShares: number): Skip {
    return { kind: "skip", reason, detail, leader: ev.leader, tokenId: ev.tokenId, side: ev.side, leaderPrice: ev.price, idealShares, sourceEventIds: [ev.eventId], ts: ev.ts };
  }
}

/** A leader MERGE against its open netting windows (Decider.mergeFold). */
interface MergeFold {
  /** Sets of the MERGE the windows' net BUYs of every outcome cover (taken out of them). */
  sets: number;
  /** The leader's complete sets without the windows' net BUYs. */
  leaderSets: number;
  /**
   * Planned holdings only: shares per token of the BUY intents of the windows the MERGE closed (planned holdings hold
   * them at once; the copy's sets are counted without them, as leaderSets are).
   */
  windowBuys?: Map<string, number>;
}

