// Shared by every recorded book view (parquet-events, recorded-l1, recorded-bbo), so they report bad books by the
// same rules:
// - BookIssueLog holds the first `maxPerField` (20) issues of each field (a field's issues kept with a note, and its
//   crossed books, counted apart: 20 unreadable prices do not hide the crossed runs after them) and then one summary
//   issue per field and kind whose `count` is the number not listed, so the count of skipped pieces stays exact while
//   a file of millions of bad rows does not hold or print millions of warnings.
// - CrossedRuns walks one token's books in time order and reports each run of crossed or locked instants (best bid ≥
//   best ask: the venue would have matched them, so a level is stale) once, at the piece that crossed the book, with
//   when the run ended; the view gives no book while it lasts.
import type { InputIssue } from "../../core/input-issue.js";

/** Issues of one field listed before the rest are only counted (the views' default). */
export const MAX_ISSUES_PER_FIELD = 20;

export class BookIssueLog {
  /** The issues listed so far (live: a loader may still fill in their values). */
  readonly listed: InputIssue[] = [];
  private readonly counts = new Map<string, { field: string; kept: boolean; kind: string; n: number }>();

  constructor(
    /** Names the file (or folder) in summary issues. */
    readonly file: string,
    readonly maxPerField = MAX_ISSUES_PER_FIELD,
  ) {}

  /**
   * Record an issue: listed while its field (and kind: "" for a bad value, else e.g. "crossed-book runs") has had fewer
   * than `maxPerField`, else only counted.
   */
  note(i: InputIssue, kind = ""): void {
    const key = `${i.field}\u0000${kind}\u0000${i.kept === undefined ? "" : "kept"}`;
    let c = this.counts.get(key);
    if (c === undefined) this.counts.set(key, (c = { field: i.field, kept: i.kept !== undefined, kind, n: 0 }));
    if (++c.n <= this.maxPerField) this.listed.push(i);
  }

  /** The listed issues, then one summary per field that had more (its `count` the issues not listed). */
  issues(): InputIssue[] {
    const out = this.listed.slice();
    const fmt = (x: number) => x.toLocaleString("en-US");
    for (const c of this.counts.values()) {
      if (c.n <= this.maxPerField) continue;
      const more = c.n - this.maxPerField;
      out.push({
        file: this.file, field: c.field, count: more,
        message: `${fmt(more)} more ${c.kind === "" ? "" : `${c.kind} `}like the above not listed (${fmt(c.n)} in all; only the first ${this.maxPerField} of a field are)`,
        ...(c.kept ? { kept: "each as listed above" } : {}),
      });
    }
    return out;
  }
}

/** Where the piece that crossed a book is: file, row or line, field and value. */
export type BookPlace = Omit<InputIssue, "message" | "kept" | "count">;

/** One token's crossed or locked runs, fed its books' best prices in time order (one call per instant). */
export class CrossedRuns {
  private open: InputIssue | undefined;

  constructor(private readonly log: BookIssueLog) {}

  /**
   * The token's book at the end of instant `ts`: true when crossed or locked (the view then gives no book). The first
   * instant of a run is reported at `place()` (asked only then).
   */
  step(ts: number, bid: number | undefined, ask: number | undefined, place: () => BookPlace): boolean {
    if (bid !== undefined && ask !== undefined && bid >= ask) {
      if (this.open === undefined) {
        this.open = { ...place(), message: `book crossed: best bid ${bid} ≥ best ask ${ask} at ts ${ts}` };
        this.log.note(this.open, "crossed-book runs");
      }
      return true;
    }
    if (this.open !== undefined) {
      this.open.message += ` until ${ts}: a level is stale, no book then`;
      this.open = undefined;
    }
    return false;
  }

  /** The token's books are all read: a run still open lasts to the file's end. */
  end(): void {
    if (this.open !== undefined) this.open.message += " to the file's end: a level is stale, no book then";
    this.open = undefined;
  }
}
