// A leader's drift series for charts: points (ts, token, leader shares, copy shares, r_u) in growable typed columns,
// token ids dictionary-encoded (no object per point), thinned to every other ms each time it fills (bounded memory).

/** Below this many leader shares a relative drift is not defined. */
const EPS = 1e-9;

/**
 * One drift observation. drift = copyShares / ratio − leaderShares (in leader shares: 0 is perfect tracking, > 0 the
 * copy holds too much); relDrift = drift / leaderShares (null when the leader holds none). NaN when r_u is unknown.
 */
export interface DriftPoint {
  ts: number;
  tokenId: string;
  leaderShares: number;
  copyShares: number;
  ratio: number;
  drift: number;
  relDrift: number | null;
}

/**
 * Most points a leader's drift series keeps (36 bytes each; a chart needs far fewer): past it, the series is thinned
 * to every other ms (its points after all of that ms, as the stats count them), again each time it fills. The stats
 * use every observation.
 */
export const SERIES_MAX_POINTS = 1 << 16;

/** Drift points in growable typed columns, token ids dictionary-encoded: no object per point. */
export class DriftSeries {
  n = 0;
  constructor(private maxPoints = SERIES_MAX_POINTS) {}
  ts = new Float64Array(256);
  leader = new Float64Array(256);
  copy = new Float64Array(256);
  ratio = new Float64Array(256);
  token = new Int32Array(256);
  readonly tokens: string[] = [];
  private readonly tokenIx = new Map<string, number>();

  private lastToken = "";
  private lastIx = -1;
  /** ms of the last point (the caller's: it tells slot whether a point opens a new ms). */
  lastTs = Number.NaN;
  /** ms seen so far (−1 before the first) and the stride kept: the ms whose number is a multiple of it. */
  private seq = -1;
  private stride = 1;
  /** Start of the newest ms's points when that ms is off the stride (kept while it is the newest), else −1. */
  private tail = -1;

  /**
   * A new point of `tokenId`: its index, whose ts/leader/copy/ratio the caller writes (doubles passed to a call that
   * is not inlined are boxed, an allocation each; an index is not).
   */
  slot(tokenId: string, fresh: boolean): number {
    if (fresh) {
      // a new ms: the previous one, if not on the stride, was kept only while it was the newest
      if (this.tail >= 0) this.n = this.tail;
      this.tail = -1;
      this.seq++;
      if (this.n >= this.maxPoints) this.thin(false);
      if (this.seq % this.stride !== 0) this.tail = this.n;
    } else if (this.n >= this.maxPoints) this.thin(true);
    if (this.n === this.ts.length) this.grow();
    let ix = this.lastIx;
    if (tokenId !== this.lastToken) {
      const known = this.tokenIx.get(tokenId);
      if (known === undefined) {
        ix = this.tokens.length;
        this.tokens.push(tokenId);
        this.tokenIx.set(tokenId, ix);
      } else ix = known;
      this.lastToken = tokenId;
      this.lastIx = ix;
    }
    const k = this.n++;
    this.token[k] = ix;
    return k;
  }

  /**
   * For each point, whether it is its token's last within its ms: the state after everything at that ms (a leader
   * event and the copy's fill or mirror of the same ms are one observation, not a spike to the state between them).
   */
  lastOfMs(): Uint8Array {
    const keep = new Uint8Array(this.n);
    for (let i = 0; i < this.n; ) {
      let j = i + 1;
      while (j < this.n && this.ts[j] === this.ts[i]) j++;
      // a run of one ms is short: a later point of the same token in it supersedes the earlier
      for (let k = i; k < j; k++) {
        let later = false;
        for (let m = k + 1; m < j && !later; m++) later = this.token[m] === this.token[k];
        keep[k] = later ? 0 : 1;
      }
      i = j;
    }
    return keep;
  }

  /**
   * Full at maxPoints: the stride doubles and the points of the ms off it are dropped (in place), so the series keeps
   * the same density over the whole run; the newest ms stays whole (a point of it may still come).
   */
  private thin(midMs: boolean): void {
    const keep = this.lastOfMs();
    // at a new ms (midMs false) every stored ms is complete: none is the newest
    const last = midMs ? this.ts[this.n - 1] : Number.NaN;
    let w = 0;
    let ms = -1;
    let tail = -1;
    for (let k = 0; k < this.n; k++) {
      if (k === 0 || this.ts[k] !== this.ts[k - 1]) ms++;
      if (!keep[k]) continue;
      const newest = this.ts[k] === last;
      // the kept ms before the newest are those with numbers 0, stride, 2·stride, …: the i-th of them has ms i
      const onStride = !(this.tail >= 0 && newest) && ms % 2 === 0;
      if (!onStride && !newest) continue;
      if (newest && !onStride && tail < 0) tail = w;
      this.ts[w] = this.ts[k]!;
      this.leader[w] = this.leader[k]!;
      this.copy[w] = this.copy[k]!;
      this.ratio[w] = this.ratio[k]!;
      this.token[w] = this.token[k]!;
      w++;
    }
    this.n = w;
    this.tail = tail;
    this.stride *= 2;
    // nothing left to thin (all of one ms): the cap moves up rather than a point of that ms being dropped
    if (this.n >= this.maxPoints) this.maxPoints *= 2;
  }

  private grow(): void {
    const m = this.ts.length * 2;
    const f = (a: Float64Array) => {
      const b = new Float64Array(m);
      b.set(a);
      return b;
    };
    this.ts = f(this.ts);
    this.leader = f(this.leader);
    this.copy = f(this.copy);
    this.ratio = f(this.ratio);
    const t = new Int32Array(m);
    t.set(this.token);
    this.token = t;
  }
  /** The kept points, one per token and ms (the last of each ms, as the stats count them). */
  points(): DriftPoint[] {
    const keep = this.lastOfMs();
    const out: DriftPoint[] = [];
    for (let k = 0; k < this.n; k++) {
      if (!keep[k]) continue;
      const L = this.leader[k]!;
      const c = this.copy[k]!;
      const r = this.ratio[k]!;
      const drift = c / r - L;
      out.push({ ts: this.ts[k]!, tokenId: this.tokens[this.token[k]!]!, leaderShares: L, copyShares: c, ratio: r, drift, relDrift: L > EPS ? drift / L : null });
    }
    return out;
  }
}
