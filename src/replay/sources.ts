// Time-ordered replay sources of LeaderTradeEvents: DuckDB (streamed by chunk, integer-encoded), JSON files,
// synthetic history, in-memory arrays; merged by time. A source yields arrays (batches) ordered by ts.
import { resolve } from "node:path";
import { Observable } from "rxjs";
import type { LeaderTradeEvent } from "../core/index.js";
import type { Store } from "../store/db.js";
import { countLeaderEvents, readLeaderEvents, type EventFilter } from "../store/leader-events.js";
import { loadActivityEvents } from "./import-activity.js";
import type { InputIssue } from "../core/input-issue.js";
import { syntheticBatches, type SyntheticOptions } from "./synthetic.js";

export type EventBatches = AsyncIterable<readonly LeaderTradeEvent[]> | Iterable<readonly LeaderTradeEvent[]>;

export interface ReplaySource {
  /** Printed in reports and stored with runs (e.g. "duckdb:data/spy.duckdb", "json:dir"). */
  readonly name: string;
  /** Number of events (for progress bars), when cheap to know. */
  count?(): Promise<number>;
  /** A fresh pass over the events, ts-ordered, in batches. */
  batches(): EventBatches;
}

const BATCH = 2048;

/** The leaders to keep (lower-cased), or undefined for all. */
export function leaderSet(leaders?: readonly string[]): Set<string> | undefined {
  return leaders && leaders.length > 0 ? new Set(leaders.map((l) => l.toLowerCase())) : undefined;
}

function* chunked(events: readonly LeaderTradeEvent[], size = BATCH): Generator<readonly LeaderTradeEvent[]> {
  for (let i = 0; i < events.length; i += size) yield events.slice(i, i + size);
}

/**
 * Leader events stored in DuckDB (leader_events), ordered by (ts, import order). Named by the database's absolute
 * path: the name is part of a run's id, so `x.duckdb`, `./x.duckdb` and its full path must give the same runs.
 */
export function dbSource(store: Store, filter: EventFilter = {}): ReplaySource {
  return {
    name: `duckdb:${store.path === ":memory:" ? store.path : resolve(store.path)}`,
    count: () => countLeaderEvents(store, filter),
    batches: () => readLeaderEvents(store, filter),
  };
}

/** Events already in memory (sorted by ts here, stably). */
export function arraySource(events: readonly LeaderTradeEvent[], name = "memory", leaders?: readonly string[]): ReplaySource {
  const only = leaderSet(leaders);
  const sorted = (only ? events.filter((e) => only.has(e.leader)) : [...events]).sort((a, b) => a.ts - b.ts);
  return { name, count: async () => sorted.length, batches: () => chunked(sorted) };
}

/**
 * Data API /activity or /trades JSON files (a file or a folder) read directly, no database. Named by absolute path,
 * as dbSource is: the name is part of a run's id.
 */
export function jsonSource(path: string, leaders?: readonly string[]): ReplaySource & { errors: InputIssue[] } {
  const { events, errors } = loadActivityEvents(path);
  return { ...arraySource(events, `json:${resolve(path)}`, leaders), errors };
}

/** Seeded synthetic history (generated lazily, batch by batch). */
export function syntheticSource(opts: SyntheticOptions): ReplaySource {
  return {
    name: `synthetic(seed=${opts.seed ?? 1}, events=${opts.events})`,
    count: async () => opts.events,
    batches: () => syntheticBatches(opts, BATCH),
  };
}

type AnyIterator = AsyncIterator<readonly LeaderTradeEvent[]> | Iterator<readonly LeaderTradeEvent[]>;

function iteratorOf(b: EventBatches): AnyIterator {
  return Symbol.asyncIterator in b ? b[Symbol.asyncIterator]() : (b as Iterable<readonly LeaderTradeEvent[]>)[Symbol.iterator]();
}

/** Merge several ts-ordered sources into one; ties keep source order (then each source's own order). */
export function mergeSources(sources: readonly ReplaySource[]): ReplaySource {
  if (sources.length === 1) return sources[0]!;
  return {
    name: sources.map((s) => s.name).join("+"),
    count: async () => {
      let n = 0;
      for (const s of sources) n += s.count ? await s.count() : 0;
      return n;
    },
    batches: () => mergeBatches(sources.map((s) => s.batches())),
  };
}

async function* mergeBatches(inputs: EventBatches[]): AsyncGenerator<readonly LeaderTradeEvent[]> {
  const its = inputs.map(iteratorOf);
  const cur: (readonly LeaderTradeEvent[] | undefined)[] = [];
  const pos: number[] = [];
  const refill = async (k: number): Promise<void> => {
    for (;;) {
      const r = await its[k]!.next();
      if (r.done) {
        cur[k] = undefined;
        return;
      }
      if (r.value.length > 0) {
        cur[k] = r.value;
        pos[k] = 0;
        return;
      }
    }
  };
  for (let k = 0; k < its.length; k++) await refill(k);
  let out: LeaderTradeEvent[] = [];
  for (;;) {
    let best = -1;
    let bestTs = Infinity;
    for (let k = 0; k < its.length; k++) {
      const b = cur[k];
      if (b && b[pos[k]!]!.ts < bestTs) {
        bestTs = b[pos[k]!]!.ts;
        best = k;
      }
    }
    if (best < 0) break;
    out.push(cur[best]![pos[best]!]!);
    if (++pos[best]! >= cur[best]!.length) await refill(best);
    if (out.length >= BATCH) {
      yield out;
      out = [];
    }
  }
  if (out.length) yield out;
}

/** A source as an Observable of single events (ts order); completes at the end of the source. */
export function sourceObservable(source: ReplaySource): Observable<LeaderTradeEvent> {
  return new Observable<LeaderTradeEvent>((sub) => {
    let stopped = false;
    (async () => {
      for await (const batch of source.batches()) {
        for (const e of batch) {
          if (stopped) return;
          sub.next(e);
        }
      }
      sub.complete();
    })().catch((e: unknown) => sub.error(e));
    return () => {
      stopped = true;
    };
  });
}
