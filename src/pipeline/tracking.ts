// Tracking: per leader, exposure drift per token over time (copy shares / r_u against leader shares) and the % return
// of the copy against the leader's, with each token's marking stated (settled at 1/0, or last seen price). Pure.
import type { CopyIntent, Decision, ExecEvent, LeaderTradeEvent, Resolution } from "../core/index.js";
import { LeaderBook } from "./leader-book.js";
import { OpenMap } from "./open-map.js";
import { PositionBook, type Position } from "./position-book.js";
import { DriftSeries, type DriftPoint } from "./drift-series.js";

export { SERIES_MAX_POINTS, type DriftPoint } from "./drift-series.js";

export interface DriftStats {
  points: number;
  meanAbsDrift: number;
  maxAbsDrift: number;
  /**
   * Tracking error: normalised RMS drift, sqrt(Σ drift² / Σ leaderShares²) over every observation, one per token and ms
   * (not only the drift series' kept points; 0 = perfect copy).
   */
  trackingError: number;
  /**
   * Time-weighted tracking error: sqrt(∫ Σ drift² dt / ∫ Σ leaderShares² dt) over tokens, from the leader's first
   * observation to the run's last leader event (or the leader's own last observation, if later: a fill in flight), so
   * the state a copy holds to the end counts for as long as the replay lasts (0 = perfect copy). The window is the
   * run's: the same leader replayed with fewer other leaders can end earlier; another leader's config cannot move it. Each state counts for as long as it lasted: a drift of a few
   * hundred ms while a copy is in flight weighs little against positions held for days, which trackingError (one
   * count per change) cannot tell apart. NaN while no time has passed.
   */
  timeTrackingError: number;
  /** Σ |drift| over tokens at the end of the run (leader shares). */
  finalAbsDrift: number;
}

export type Marking = "settled" | "last-price";

export interface TokenMark {
  tokenId: string;
  conditionId: string;
  marking: Marking;
  price: number;
  leaderShares: number;
  copyShares: number;
  /**
   * Shares the leader redeemed with no known winner, valued at their last price in its PnL until the outcome is known
   * (absent when none).
   */
  leaderMarked?: number;
}

export interface SideReturn {
  /** Realised + unrealised at the marks − fees (USD). */
  pnl: number;
  /** Buy turnover: USD paid into positions in all (buys at trade price, splits). */
  deployed: number;
  /** Capital: the most cash out at once (PositionBook.capital), the base of returnPct. */
  capital: number;
  /** pnl / capital, null when no capital was needed. */
  returnPct: number | null;
}

export interface LeaderTracking {
  leader: string;
  ratio: number;
  copy: SideReturn;
  leaderSide: SideReturn;
  /** copy.returnPct − leaderSide.returnPct (null when either is). */
  returnGap: number | null;
  tokens: TokenMark[];
  /** Tokens of closed markets folded out of `tokens` (closeMarket); tokens seen = tokens.length + closedTokens. */
  closedTokens: number;
  /** True when some held token is marked at its last price (the market is not known to be resolved). */
  marksUnresolved: boolean;
  drift: DriftStats;
}

export interface TrackerOptions {
  /** r_u before the leader's first intent (e.g. the FIXED_RATE ratio); later intents update it. */
  ratioOf?: (leader: string) => number | undefined;
  /** Keep the drift series (default true); stats are kept either way. */
  recordSeries?: boolean;
  /** Most points a leader's series keeps before it is thinned (SERIES_MAX_POINTS). */
  seriesMaxPoints?: number;
  /**
   * Leader books kept up to date elsewhere (decide's `Decider.leaderBook`): the tracker reads them instead of
   * reconstructing the same positions a second time. Call onLeaderEvent after that book has applied the event, and
   * say when decide found it a duplicate (it then moved no position and is no drift observation).
   */
  leaderBooks?: (leader: string) => LeaderBook | undefined;
}

interface Track {
  leader: string;
  /** Creation order: the index of this leader's copy position in TokenState.copies. */
  ix: number;
  book: LeaderBook;
  /** `book` is the shared one from options.leaderBooks (not applied here). */
  shared: boolean;
  copy: PositionBook;
  ratio: number;
  series?: DriftSeries;
  n: number;
  closedTokens: number;
  sumAbs: number;
  maxAbs: number;
  sumDrift2: number;
  sumLeader2: number;
  /**
   * The observations of the last ms (one per token), not yet in the sums: a later one of the same token at the same ms
   * replaces it (a leader event and the copy's fill or mirror at that ms are one instant, not a drift and its repair;
   * a MERGE/SPLIT/REDEEM observes every token of its market before its mirror repairs them). Committed when time moves.
   */
  pendTs: number;
  /** How many of the pend* slots hold this ms's observations (the arrays are reused, never shrunk). */
  pendN: number;
  pendTokens: string[];
  pendDrifts: number[];
  pendLeaders: number[];
  /** Time weighting: each token's committed drift² and leaderShares² (slot by token), their sums now, the integrals. */
  tw: TimeWeights;
}

/** The running state behind DriftStats.timeTrackingError (one per leader). */
interface TimeWeights {
  slot: Map<string, number>;
  d2: number[];
  l2: number[];
  d2Now: number;
  l2Now: number;
  /** The ms the sums hold since (NaN before the first commit), and the first ms committed. */
  since: number;
  first: number;
  intD2: number;
  intL2: number;
}

function newTimeWeights(): TimeWeights {
  return { slot: new Map(), d2: [], l2: [], d2Now: 0, l2Now: 0, since: Number.NaN, first: Number.NaN, intD2: 0, intL2: 0 };
}

/**
 * Per token seen: its last price (leader trades and fills) and each leader's copy position (by Track.ix), so that
 * an event costs one lookup by token id (a number kept as a Map value would also be boxed, an allocation per set).
 */
interface TokenState {
  px: number;
  copies: (Position | undefined)[];
}

const EPS = 1e-9;

export class Tracker {
  private readonly tracks = new Map<string, Track>();
  private lastTrack: Track | undefined;
  private readonly intents = new OpenMap<CopyIntent>();
  private readonly tokens = new Map<string, TokenState>();
  /** The latest leader event (any leader): the end of the window the time-weighted drift is measured over. */
  private lastEventTs = Number.NEGATIVE_INFINITY;
  private readonly resolved = new Map<string, string>();

  constructor(private readonly opts: TrackerOptions = {}) {}

  /** Each token's mark: the leaders' last trade price (a copy fill's price only where no leader trade priced it). */
  marks(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [t, s] of this.tokens) out.set(t, s.px);
    return out;
  }

  private track(leader: string): Track {
    const last = this.lastTrack;
    if (last !== undefined && last.leader === leader) return last;
    let t = this.tracks.get(leader);
    if (!t) {
      const ext = this.opts.leaderBooks?.(leader);
      t = { leader, ix: this.tracks.size, book: ext ?? new LeaderBook(), shared: ext !== undefined, copy: new PositionBook(), ratio: this.opts.ratioOf?.(leader) ?? Number.NaN, n: 0, closedTokens: 0, sumAbs: 0, maxAbs: 0, sumDrift2: 0, sumLeader2: 0, pendTs: Number.NaN, pendN: 0, pendTokens: [], pendDrifts: [], pendLeaders: [], tw: newTimeWeights() };
      if (this.opts.recordSeries !== false) t.series = new DriftSeries(this.opts.seriesMaxPoints);
      this.tracks.set(leader, t);
    }
    this.lastTrack = t;
    return t;
  }

  /** A leader event; `duplicate` (shared leader books only): decide skipped it as a duplicate. */
  onLeaderEvent(ev: LeaderTradeEvent, duplicate = false): void {
    if (ev.ts > this.lastEventTs) this.lastEventTs = ev.ts;
    const t = this.track(ev.leader);
    if (this.opts.leaderBooks === undefined) t.book.apply(ev);
    else {
      if (!t.shared) this.share(t);
      if (duplicate) return;
    }
    // any leader event moves E_u (BUDGETED_DYNAMIC): r_u moves with it as decide sees it from now on, also when no
    // copy intent carries it (a skipped TRADE, a MERGE/SPLIT/REDEEM whose mirror has none), and every held token's drift
    if (ev.kind !== "CONVERSION") this.syncRatio(t, ev.ts);
    if (ev.kind === "TRADE") {
      const lp = t.book.position(ev.tokenId);
      const p = this.copyPosition(t, this.pricedVia(lp, ev.tokenId, ev.price), ev.tokenId, ev.conditionId);
      this.observation(t, ev.ts, ev.tokenId, lp, p);
    } else if (ev.kind !== "CONVERSION") {
      for (const tok of t.book.tokensOf(ev.conditionId)) this.point(t, ev.ts, tok);
    }
  }

  /** priced() through the leader's position of the token, which keeps a link to the token's state once found. */
  private pricedVia(lp: Position | undefined, tokenId: string, price: number): TokenState {
    if (lp === undefined) return this.priced(tokenId, price);
    const linked = lp.link as TokenState | undefined;
    if (linked !== undefined) {
      linked.px = price;
      return linked;
    }
    const s = this.priced(tokenId, price);
    lp.link = s;
    return s;
  }

  /** The token's state with `price` as its last price. */
  private priced(tokenId: string, price: number): TokenState {
    let s = this.tokens.get(tokenId);
    if (s === undefined) this.tokens.set(tokenId, (s = { px: price, copies: [] }));
    else s.px = price;
    return s;
  }

  /** The token's state, created with `price` as its last price when unknown (a known one keeps its own). */
  private stateOf(tokenId: string, price: number): TokenState {
    let s = this.tokens.get(tokenId);
    if (s === undefined) this.tokens.set(tokenId, (s = { px: price, copies: [] }));
    return s;
  }

  /** t.copy.ensure(tokenId, conditionId) through the token's state (the position is kept there once known). */
  private copyPosition(t: Track, s: TokenState, tokenId: string, conditionId: string): Position {
    let p = s.copies[t.ix];
    if (p === undefined || (p.conditionId === "" && conditionId !== "")) {
      while (s.copies.length < t.ix) s.copies.push(undefined);
      s.copies[t.ix] = p = t.copy.ensure(tokenId, conditionId);
    }
    return p;
  }

  /** Attach the shared leader book once its owner has one (it is created on the leader's first event). */
  private share(t: Track): void {
    const b = this.opts.leaderBooks?.(t.leader);
    if (b === undefined) return;
    t.book = b;
    t.shared = true;
  }

  onDecision(d: Decision): void {
    if (d.kind === "intent") {
      const i = d.intent;
      this.intents.set(i.intentId, i);
      const t = this.track(i.leader);
      // with decide's r_u at hand (ratioOf: synced at every leader event and resolution) an intent's ratio is not
      // taken: a netting window's is |Σ r_u·size| / net, a blend of its trades' r_u that decide never sizes at, and
      // taking it measured the drift after the window at it until the leader's next event re-read r_u
      if (this.opts.ratioOf === undefined && i.purpose === "copy" && i.ratio > 0 && i.ratio !== t.ratio) {
        const was = t.ratio;
        t.ratio = i.ratio;
        // r_u moved (BUDGETED_DYNAMIC): every held token's drift (copy / r_u − leader) moved with it, not only the
        // traded one's; observe them now, or max |drift| and tracking error miss drift the final state shows
        if (was === was) this.reobserve(t, t.pendTs > i.ts ? t.pendTs : i.ts);
      }
      return;
    }
    if (d.kind !== "mirror") return;
    const t = this.track(d.leader);
    if (d.action === "MERGE") t.copy.merge(d.conditionId, d.shares, true, d.tokenIds);
    else if (d.action === "SPLIT") t.copy.split(d.conditionId, d.shares, d.tokenIds);
    else {
      // a known resolution first (the ledger settled the market at it already), the REDEEM's inferred winner else
      const w = this.resolved.get(d.conditionId) ?? d.winningTokenId;
      if (w !== undefined) {
        if (!this.resolved.has(d.conditionId)) this.resolved.set(d.conditionId, w); // the ledger paid out at it too
        t.copy.redeem(d.conditionId, w, d.tokenIds);
        // The copier's wallet redeems its whole position in the market (the ledger pays all of it out), so the
        // parts held for other leaders end here too, not at those leaders' own REDEEMs.
        if (this.tracks.size > 1) for (const o of this.tracks.values()) if (o !== t) this.redeemPart(o, d.conditionId, w, d.tokenIds);
      } else {
        // winner unknown: the ledger paid this leader's part's complete sets (1 each whoever won), as a MERGE, and
        // wrote off the tokens the payout showed lost, in every leader's part (the wallet redeemed them)
        if (d.shares > 0) t.copy.merge(d.conditionId, d.shares, true, d.tokenIds);
        // (no drift observation of the other leaders' parts: their own positions there are as lost, only not yet
        // redeemed; their own REDEEMs observe them, as after a known winner (redeemPart))
        if (d.lostTokenIds) for (const o of this.tracks.values()) o.copy.writeOff(d.lostTokenIds);
      }
    }
    for (const tok of d.tokenIds) this.point(t, d.ts, tok);
  }

  /** Take decide's r_u now (ratioOf) and, when it moved, observe every held token's drift at `ts`. */
  private syncRatio(t: Track, ts: number): void {
    const r = this.opts.ratioOf?.(t.leader);
    if (r === undefined || !(r > 0) || r === t.ratio) return;
    const was = t.ratio;
    t.ratio = r;
    if (was === was) this.reobserve(t, t.pendTs > ts ? t.pendTs : ts);
  }

  /** One observation of each token the leader or its copy holds (after a change of r_u). */
  private reobserve(t: Track, ts: number): void {
    for (const p of t.book.book.positions()) if (p.shares > EPS || t.copy.shares(p.tokenId) > EPS) this.observation(t, ts, p.tokenId, p, t.copy.position(p.tokenId));
    for (const p of t.copy.positions()) if (p.shares > EPS && !(t.book.shares(p.tokenId) > EPS)) this.observation(t, ts, p.tokenId, t.book.position(p.tokenId), p);
  }

  /** Redeem leader o's part of the copy in a market another leader's REDEEM paid out (when o holds some there). */
  private redeemPart(o: Track, conditionId: string, winner: string, tokenIds: readonly string[]): void {
    const held = o.copy.tokensOf(conditionId);
    if (!held.some((k) => (o.copy.position(k)?.shares ?? 0) > 0)) return;
    o.copy.redeem(conditionId, winner, tokenIds);
    // no drift observation here: o's own position in the market is settled too (its winner known), only not yet
    // claimed; o's own REDEEM observes the tokens (a perfect copy showed o's whole position as drift until then)
  }

  onExec(e: ExecEvent): void {
    if (e.type === "done") {
      this.intents.delete(e.intentId);
      return;
    }
    if (e.type !== "fill") return;
    const i = this.intents.get(e.intentId);
    if (!i) return;
    const t = this.track(i.leader);
    // a copy fill is not a market print: the mark stays the leaders' last trade price (so the leader's PnL does not
    // depend on the copier's config); its price serves only for a token no leader trade priced yet
    const p = this.copyPosition(t, this.stateOf(e.tokenId, e.price), e.tokenId, i.conditionId);
    if (e.side === "BUY") t.copy.buyAt(p, e.size, e.price, e.fee);
    else t.copy.sellAt(p, e.size, e.price, e.fee);
    this.observation(t, e.ts, e.tokenId, t.book.position(e.tokenId), p);
  }

  /**
   * The leader redeemed `conditionId` (after its mirror was applied): fold the market out of the leader's book and
   * of its copy book when the copy is flat there too (else neither), keeping their PnL and deployed capital in the sums (LeaderBook/PositionBook
   * closeMarket). A shared leader book is folded too: its owner sees the market as unknown from then on.
   */
  closeMarket(leader: string, conditionId: string): void {
    const t = this.tracks.get(leader);
    if (!t) return;
    const toks = t.book.tokensOf(conditionId);
    const copied = t.copy.tokensOf(conditionId);
    for (const k of copied) if (!toks.includes(k)) toks.push(k);
    // both books or neither: a token left in one book only would move to another place in summary's visit order
    // (the leader's is kept while shares a winner-unknown REDEEM valued at their mark wait for the outcome)
    if (t.book.holdsRest(conditionId)) return;
    if (copied.length > 0 && !t.copy.closeMarket(conditionId)) return;
    for (const k of copied) {
      const s = this.tokens.get(k);
      if (s !== undefined && t.ix < s.copies.length) s.copies[t.ix] = undefined; // folded out of t.copy
    }
    t.book.closeMarket(conditionId);
    for (const k of toks) if (!t.book.position(k) && !t.copy.position(k)) t.closedTokens++;
  }

  /** A market's resolution: its tokens are then marked at 1 (winner) / 0 in returns. */
  resolve(r: Resolution): void {
    this.resolved.set(r.conditionId, r.winningTokenId);
    // the leader books learn the outcome too (decide's were told already of the resolutions it saw; one applying at
    // the end of the replay it never sees): shares an unknown-winner REDEEM valued at their last price settle at 1/0
    for (const t of this.tracks.values()) t.book.resolved(r.conditionId, r.winningTokenId);
    // decide's leader books value the market's shares at 1/0 from now on (LeaderBook.resolved): E_u, so r_u, moves
    for (const t of this.tracks.values()) this.syncRatio(t, r.ts);
  }

  private point(t: Track, ts: number, tokenId: string): void {
    this.observation(t, ts, tokenId, t.book.position(tokenId), t.copy.position(tokenId));
  }

  /**
   * One drift observation of the leader's position against the copy's (shares 0 when absent). Positions, not share
   * counts, are passed: a double passed to or returned from a call that is not inlined is boxed, an allocation each.
   */
  private observation(t: Track, ts: number, tokenId: string, leader: Position | undefined, copy: Position | undefined): void {
    const L = leader !== undefined ? leader.shares : 0;
    const c = copy !== undefined ? copy.shares : 0;
    const r = t.ratio;
    const drift = c / r - L;
    const sr = t.series;
    if (sr) {
      const fresh = ts !== sr.lastTs;
      if (fresh) sr.lastTs = ts;
      const k = sr.slot(tokenId, fresh);
      sr.ts[k] = ts;
      sr.leader[k] = L;
      sr.copy[k] = c;
      sr.ratio[k] = r;
    }
    if (ts !== t.pendTs) {
      commitAll(t, t);
      t.pendTs = ts;
    }
    // most ms observe one token: a scan of the few slots in use, no allocation
    const n = t.pendN;
    let k = 0;
    while (k < n && t.pendTokens[k] !== tokenId) k++;
    t.pendTokens[k] = tokenId;
    t.pendDrifts[k] = drift;
    t.pendLeaders[k] = L;
    if (k === n) t.pendN = n + 1;
  }

  leaders(): string[] {
    return [...this.tracks.keys()];
  }

  /** Shares of `tokenId` the copy holds for `leader` (its copy position in tracking; 0 when none). */
  copyShares(leader: string, tokenId: string): number {
    const t = this.lastTrack !== undefined && this.lastTrack.leader === leader ? this.lastTrack : this.tracks.get(leader);
    return t?.copy.position(tokenId)?.shares ?? 0;
  }

  leaderBook(leader: string): LeaderBook | undefined {
    return this.tracks.get(leader)?.book;
  }

  /**
   * The drift series of a leader (empty when recordSeries is false): one point per token and ms, every 2^k-th of the
   * leader's observed ms once thinned (SERIES_MAX_POINTS).
   */
  series(leader: string): DriftPoint[] {
    return this.tracks.get(leader)?.series?.points() ?? [];
  }

  /**
   * Winner of a market as the ledger applied it: an explicit resolution, or the winner of a mirrored REDEEM. Not one
   * a leader book inferred from a REDEEM that was not copied (leader off, kill switch): the copy was not paid there,
   * so its shares stay marked at the last price, as in the ledger.
   */
  private winnerOf(conditionId: string): string | undefined {
    return this.resolved.get(conditionId);
  }

  summary(): LeaderTracking[] {
    const out: LeaderTracking[] = [];
    for (const t of this.tracks.values()) out.push(this.summariseTrack(t));
    return out;
  }

  private summariseTrack(t: Track): LeaderTracking {
    const tokens: TokenMark[] = [];
    const markOf = new Map<string, number>();
    let unresolved = false;
    let finalAbs = 0;
    const seen = new Set<string>();
    const visit = (p: Position) => {
      if (seen.has(p.tokenId)) return;
      seen.add(p.tokenId);
      const cond = p.conditionId || t.copy.position(p.tokenId)?.conditionId || t.book.position(p.tokenId)?.conditionId || "";
      const w = cond ? this.winnerOf(cond) : undefined;
      const settled = w !== undefined;
      const price = settled ? (w === p.tokenId ? 1 : 0) : (this.tokens.get(p.tokenId)?.px ?? p.mark);
      markOf.set(p.tokenId, price);
      const leaderShares = t.book.shares(p.tokenId);
      const copyShares = t.copy.shares(p.tokenId);
      // shares a winner-unknown REDEEM of the leader valued at their mark (not settled until the outcome is known)
      const rest = t.book.position(p.tokenId)?.rest ?? 0;
      const leaderMarked = !settled && rest > EPS ? rest : 0;
      if (!settled && (leaderShares > EPS || copyShares > EPS || leaderMarked > 0)) unresolved = true;
      const d = copyShares / t.ratio - leaderShares;
      if (d === d) finalAbs += Math.abs(d);
      tokens.push({ tokenId: p.tokenId, conditionId: cond, marking: settled ? "settled" : "last-price", price, leaderShares, copyShares, ...(leaderMarked > 0 ? { leaderMarked } : {}) });
    };
    for (const p of t.book.book.positions()) visit(p);
    for (const p of t.copy.positions()) visit(p);
    const priceOf = (p: Position) => (p.payout === p.payout ? p.payout : (markOf.get(p.tokenId) ?? p.mark));
    // the sums with the pending observation in (a copy: summary() may be asked mid-stream, and that observation may
    // still be replaced)
    const st = { n: t.n, sumAbs: t.sumAbs, maxAbs: t.maxAbs, sumDrift2: t.sumDrift2, sumLeader2: t.sumLeader2 };
    for (let k = 0; k < t.pendN; k++) commit(st, t.pendDrifts[k]!, t.pendLeaders[k]!);
    const tw = timeWeighted(t, this.lastEventTs);
    const copy = sideReturn(t.copy, priceOf);
    const leaderSide = sideReturn(t.book.book, priceOf);
    return {
      leader: t.leader,
      ratio: t.ratio,
      copy,
      leaderSide,
      returnGap: copy.returnPct !== null && leaderSide.returnPct !== null ? copy.returnPct - leaderSide.returnPct : null,
      tokens,
      closedTokens: t.closedTokens,
      marksUnresolved: unresolved,
      drift: {
        points: st.n,
        meanAbsDrift: st.n > 0 ? st.sumAbs / st.n : 0,
        maxAbsDrift: st.maxAbs,
        trackingError: st.sumLeader2 > 0 ? Math.sqrt(st.sumDrift2 / st.sumLeader2) : st.sumDrift2 > 0 ? Number.POSITIVE_INFINITY : 0,
        timeTrackingError: tw,
        finalAbsDrift: finalAbs,
      },
    };
  }
}

/** Put one observation into the sums (no-op for a NaN drift: r_u unknown). */
function commit(t: DriftSums, drift: number, leader: number): void {
  if (drift !== drift) return;
  const a = Math.abs(drift);
  t.n++;
  t.sumAbs += a;
  if (a > t.maxAbs) t.maxAbs = a;
  t.sumDrift2 += drift * drift;
  t.sumLeader2 += leader * leader;
}

/** Put a track's pending observations (of ms t.pendTs) into `sums` and the time weights, and clear them. */
function commitAll(sums: DriftSums, t: Pick<Track, "pendN" | "pendTs" | "pendTokens" | "pendDrifts" | "pendLeaders" | "tw">): void {
  const n = t.pendN;
  if (n === 0) return;
  const w = t.tw;
  // the state held since w.since lasted until this ms
  if (w.since === w.since) {
    const dt = t.pendTs - w.since;
    w.intD2 += w.d2Now * dt;
    w.intL2 += w.l2Now * dt;
  } else w.first = t.pendTs;
  w.since = t.pendTs;
  for (let k = 0; k < n; k++) {
    const drift = t.pendDrifts[k]!;
    commit(sums, drift, t.pendLeaders[k]!);
    if (drift !== drift) continue;
    const tok = t.pendTokens[k]!;
    let i = w.slot.get(tok);
    if (i === undefined) {
      i = w.d2.length;
      w.slot.set(tok, i);
      w.d2.push(0);
      w.l2.push(0);
    }
    const d2 = drift * drift;
    const l = t.pendLeaders[k]!;
    const l2 = l * l;
    w.d2Now += d2 - w.d2[i]!;
    w.l2Now += l2 - w.l2[i]!;
    w.d2[i] = d2;
    w.l2[i] = l2;
  }
  t.pendN = 0;
}

/**
 * DriftStats.timeTrackingError of a track with its pending observations in, the last state lasting until `end` (the
 * run's last leader event) when that is later; the track is not changed (summary() may be asked mid-stream). NaN when
 * no time passed in the window.
 */
function timeWeighted(t: Track, end: number): number {
  const w = t.tw;
  const copy: TimeWeights = { ...w, slot: new Map(w.slot), d2: [...w.d2], l2: [...w.l2] };
  const scratch = { n: 0, sumAbs: 0, maxAbs: 0, sumDrift2: 0, sumLeader2: 0 };
  commitAll(scratch, { pendN: t.pendN, pendTs: t.pendTs, pendTokens: t.pendTokens, pendDrifts: t.pendDrifts, pendLeaders: t.pendLeaders, tw: copy });
  if (!(copy.since === copy.since)) return Number.NaN;
  if (end > copy.since) {
    copy.intD2 += copy.d2Now * (end - copy.since);
    copy.intL2 += copy.l2Now * (end - copy.since);
    copy.since = end;
  }
  if (!(copy.since > copy.first)) return Number.NaN;
  const intD2 = copy.intD2 > 0 ? copy.intD2 : 0;
  return copy.intL2 > 0 ? Math.sqrt(intD2 / copy.intL2) : intD2 > 0 ? Number.POSITIVE_INFINITY : 0;
}

type DriftSums = Pick<Track, "n" | "sumAbs" | "maxAbs" | "sumDrift2" | "sumLeader2">;

function sideReturn(b: PositionBook, priceOf: (p: Position) => number): SideReturn {
  const pnl = b.pnl(priceOf);
  const capital = b.capital();
  return { pnl, deployed: b.deployed(), capital, returnPct: capital > EPS ? pnl / capital : null };
}
