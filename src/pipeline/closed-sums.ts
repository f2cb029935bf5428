// ClosedSums: what a PositionBook keeps of the positions of closed (redeemed) markets once it drops them — their
// realised, fees and deployed — so that its sums over all positions stay exactly the same floating-point sums.

/** A PositionBook's sums run over positions in creation order (`seq`); folded ones must keep their place. */
export interface SeqPosition {
  readonly seq: number;
  realised: number;
  fees: number;
  deployed: number;
}

export type ClosedField = "realised" | "fees" | "deployed" | "pnl";

/**
 * Folded positions as records sorted by seq. Records older than every live position are summed into prefixes
 * (exactly the left-to-right partial sums the full loop would have reached), the rest wait as records until then.
 */
export class ClosedSums {
  private seq: number[] = [];
  private rec: number[] = []; // realised, fees, deployed per record
  private head = 0;
  /** Prefix sums (left to right, from 0) of the records folded in, per field. */
  private readonly pre = { realised: 0, fees: 0, deployed: 0, pnl: 0 };
  /** Positions folded so far. */
  count = 0;

  /** Record a closed position (shares and cost 0). */
  add(p: SeqPosition): void {
    let i = this.seq.length;
    while (i > this.head && this.seq[i - 1]! > p.seq) i--;
    if (i === this.seq.length) {
      // the usual case: push (splice allocates its result array)
      this.seq.push(p.seq);
      this.rec.push(p.realised, p.fees, p.deployed);
    } else {
      this.seq.splice(i, 0, p.seq);
      this.rec.splice(i * 3, 0, p.realised, p.fees, p.deployed);
    }
    this.count++;
  }

  /** Fold into the prefixes every record older than the oldest live position (`minLiveSeq`). */
  advance(minLiveSeq: number): void {
    const pre = this.pre;
    while (this.head < this.seq.length && this.seq[this.head]! < minLiveSeq) {
      const k = this.head * 3;
      const r = this.rec[k]!;
      const f = this.rec[k + 1]!;
      pre.realised += r;
      pre.fees += f;
      pre.deployed += this.rec[k + 2]!;
      pre.pnl += r - f; // the full loop adds realised − fees + 0 × (price − avg cost): prices must be finite
      this.head++;
    }
    if (this.head > 256 && this.head * 2 > this.seq.length) {
      this.seq = this.seq.slice(this.head);
      this.rec = this.rec.slice(this.head * 3);
      this.head = 0;
    }
  }

  /**
   * Σ over live positions (in seq order, `value(p)`) and folded ones (`field`), in seq order: the same sum as the
   * loop over every position would give.
   */
  sum<P extends SeqPosition>(live: Iterable<P>, value: (p: P) => number, field: ClosedField): number {
    let v = this.pre[field];
    let k = this.head;
    const n = this.seq.length;
    for (const p of live) {
      while (k < n && this.seq[k]! < p.seq) v += this.value(k++, field);
      v += value(p);
    }
    while (k < n) v += this.value(k++, field);
    return v;
  }

  private value(k: number, field: ClosedField): number {
    const r = this.rec[k * 3]!;
    const f = this.rec[k * 3 + 1]!;
    if (field === "realised") return r;
    if (field === "fees") return f;
    if (field === "deployed") return this.rec[k * 3 + 2]!;
    return r - f;
  }
}
