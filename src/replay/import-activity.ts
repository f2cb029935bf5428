// Importer of Data API /activity and /trades JSON arrays (a file or a folder of them) into leader_events.
// Idempotent (dedupe by deterministic event id); malformed rows are reported with file, row, field and value.
import { basename } from "node:path";
import { INTEGER, VARCHAR } from "@duckdb/node-api";
import { showValue, type LeaderTradeEvent } from "../core/index.js";
import { EVENT_ID_SCHEME } from "../pipeline/ids.js";
import { normalizeRows, type RowSource } from "../pipeline/normalize.js";
import { inTransaction, type Store } from "../store/db.js";
import { insertLeaderEvents, type StoredEvent } from "../store/leader-events.js";
import { formatInputIssue, type InputIssue } from "../core/input-issue.js";
import { jsonFiles, jsonRowsOrIssue, nameUnder } from "../core/json-files.js";


export interface ImportReport {
  files: number;
  read: number;
  imported: number;
  duplicates: number;
  /** Rows of non-position types (REWARD, rebates, …): valid, not imported. */
  ignored: number;
  bad: number;
  errors: InputIssue[];
  /**
   * Imported rows sharing a leader and timestamp with rows an earlier import stored: the order of the two imports, not
   * the files, orders them inside that second (import a leader's pages as one folder).
   */
  sameSecondAsEarlier: number;
}


export interface ParsedFile {
  file: string;
  rows: number;
  /** −1: the file lists its rows newest first (the API's default order; read from its end); +1 oldest first; 0: no order shown (all in one second). */
  direction: number;
  events: StoredEvent[];
  ignored: number;
  errors: InputIssue[];
}

/**
 * Parse one file into events with their row indices (pipeline/normalize.ts normalizeRows: identical rows get
 * occurrence 0, 1, … in time order), so ids are stable across imports.
 */
export function parseActivityFile(file: string, given?: string, name = basename(file)): ParsedFile {
  const out: ParsedFile = { file: name, rows: 0, direction: 0, events: [], ignored: 0, errors: [] };
  const got = jsonRowsOrIssue(file, name, given);
  if ("issue" in got) {
    out.errors.push(got.issue);
    return out;
  }
  const page = got.rows;
  out.rows = page.length;
  const source: RowSource = page.some((r) => r && typeof r === "object" && "type" in r) ? "activity" : "trades";
  // The API lists newest first by default: such a file is read from its end, so rows of one second (a BUY and the
  // MERGE after it) keep the order they happened in. Row numbers in reports stay those of the file.
  const dir = direction(page);
  const reversed = dir < 0;
  out.direction = dir;
  const rows = reversed ? [...page].reverse() : page;
  const fileRow = (i: number) => (reversed ? page.length - 1 - i : i);
  const batch = normalizeRows(rows, source);
  for (let i = 0; i < batch.events.length; i++) out.events.push({ event: batch.events[i]!, file: name, rowIndex: fileRow(batch.rowIndex[i]!) });
  for (const e of batch.errors) out.errors.push({ file: name, row: fileRow(e.index), field: e.field, value: e.value, message: e.message });
  out.ignored = batch.ignored;
  return out;
}

/**
 * −1 when the rows' timestamps run from newest to oldest (more steps down than up between consecutive numeric
 * timestamps), +1 the other way, 0 when they show no order. A vote, not the first row against the last: one bad
 * timestamp (a time in ms) must not turn a file over.
 */
function direction(rows: readonly unknown[]): number {
  let down = 0;
  let up = 0;
  let prev: number | undefined;
  for (const r of rows) {
    const t = r !== null && typeof r === "object" ? (r as { timestamp?: unknown }).timestamp : undefined;
    if (typeof t !== "number" || !Number.isFinite(t)) continue;
    if (prev !== undefined) {
      if (t < prev) down++;
      else if (t > prev) up++;
    }
    prev = t;
  }
  return Math.sign(up - down);
}

/**
 * Every JSON file a path names, parsed; files are named by their path below it. Rows of one second in two files keep
 * the order of the files; when every file lists newest first (pages saved as the API gives them: the first page the
 * newest), the files are taken last to first, so such rows stay in the order they happened.
 */
function parseActivityPath(path: string): ParsedFile[] {
  const files = jsonFiles(path).map((f) => parseActivityFile(f, undefined, nameUnder(path, f)));
  const ordered = files.filter((p) => p.direction !== 0);
  // A file whose rows show no order (all in one second: a small page, or a BUY and the MERGE after it) takes the
  // order of its siblings when they all show one. When no file shows one, the files' times (file to file) order the
  // files only: names need not follow time (one file per market, named by slug, each saved oldest first), so they say
  // nothing about the rows inside a file, which are kept as saved.
  if (ordered.length > 0) {
    if (!ordered.every((p) => p.direction < 0)) return files;
    for (const p of files) if (p.direction === 0) p.events.reverse();
    return files.reverse();
  }
  const byTime = direction(files.filter((p) => p.events.length > 0).map((p) => ({ timestamp: p.events[0]!.event.ts })));
  return byTime < 0 ? files.reverse() : files;
}

/**
 * Events of a file or folder, time-ordered (stable: file order, then row order), without a database; an event in
 * two files (overlapping pages) is kept once, as an import into the database keeps it.
 */
export function loadActivityEvents(path: string): { events: LeaderTradeEvent[]; errors: InputIssue[] } {
  const events: LeaderTradeEvent[] = [];
  const errors: InputIssue[] = [];
  const seen = new Set<string>();
  for (const p of parseActivityPath(path)) {
    for (const s of p.events) {
      if (seen.has(s.event.eventId)) continue;
      seen.add(s.event.eventId);
      events.push(s.event);
    }
    errors.push(...p.errors);
  }
  events.sort((a, b) => a.ts - b.ts); // Array.prototype.sort is stable
  return { events, errors };
}

const SCHEME_KEY = "leader_events.event_ids";

/**
 * Refuse to import into a store whose Data API events got ids of another scheme (the same rows would get other ids
 * and import a second time); record the scheme in a store that has none of them yet.
 */
export async function checkEventIdScheme(store: Store): Promise<void> {
  const have = await store.scalar(`SELECT value FROM store_meta WHERE key = '${SCHEME_KEY}'`);
  if (have === EVENT_ID_SCHEME) return;
  const sourced = Number(await store.scalar("SELECT count(*) FROM leader_events_v WHERE source <> 'synthetic'"));
  if (have !== undefined || sourced > 0) {
    throw new Error(
      `${store.path}: its leader events have event ids of scheme ${have ?? "v1"}, this version makes ${EVENT_ID_SCHEME} ids ` +
        `(the leader's wallet is now part of the id), so importing the same rows again would add them twice: import into a new database (--db <new file>)`,
    );
  }
  await store.run(`INSERT OR REPLACE INTO store_meta VALUES ('${SCHEME_KEY}', '${EVENT_ID_SCHEME}')`);
}

const ERRORS_STAGE = "stage_import_errors";

/**
 * Replace the import_errors rows of the files just read by their issues: staged through the appender and moved in one
 * transaction. One INSERT per bad row, each its own commit, took 100 s for a folder of 10,178 rows in ms (2 s to
 * import them good), and a crash part-way left a file's issues half written.
 */
async function recordImportErrors(store: Store, parsed: readonly ParsedFile[]): Promise<void> {
  await store.run(`CREATE OR REPLACE TEMP TABLE ${ERRORS_STAGE} (file VARCHAR, row_index INTEGER, field VARCHAR, value VARCHAR, message VARCHAR)`);
  const w = await store.writer(ERRORS_STAGE, [VARCHAR, INTEGER, VARCHAR, VARCHAR, VARCHAR]);
  // row -1: the file itself
  for (const p of parsed) for (const e of p.errors) w.push([e.file, e.row ?? -1, e.field, showValue(e.value), e.message]);
  w.close();
  await inTransaction(store, async () => {
    for (const p of parsed) await store.run("DELETE FROM import_errors WHERE file = ?", [p.file]);
    await store.run(`INSERT INTO import_errors SELECT * FROM ${ERRORS_STAGE} ON CONFLICT DO NOTHING`);
  });
  await store.run(`DROP TABLE IF EXISTS ${ERRORS_STAGE}`);
}

/** Import a file or folder into the store. Good rows import even when others are bad. */
export async function importActivity(store: Store, path: string): Promise<ImportReport> {
  await checkEventIdScheme(store);
  const parsed = parseActivityPath(path);
  const errors = parsed.flatMap((p) => p.errors);
  const staged = parsed.flatMap((p) => p.events);
  const ins = await insertLeaderEvents(store, staged);
  await recordImportErrors(store, parsed);
  return {
    files: parsed.length,
    read: parsed.reduce((s, p) => s + p.rows, 0),
    imported: ins.imported,
    sameSecondAsEarlier: ins.sameTsAsStored,
    duplicates: ins.duplicates,
    ignored: parsed.reduce((s, p) => s + p.ignored, 0),
    bad: errors.length,
    errors,
  };
}

/** One-line summary plus one line per bad row. */
export function formatImportReport(r: ImportReport): string {
  const lines = [
    `files ${r.files} · read ${r.read} · imported ${r.imported} · duplicates ${r.duplicates} · ignored ${r.ignored} · bad ${r.bad}`,
  ];
  for (const e of r.errors) lines.push(`  ${formatInputIssue(e)}`);
  if (r.sameSecondAsEarlier > 0) {
    lines.push(
      `warning: ${r.sameSecondAsEarlier} imported row(s) share a leader and second with rows of an earlier import; inside that second they are replayed in import order, not necessarily the order they happened in (import a leader's pages as one folder; docs/replay.md)`,
    );
  }
  return lines.join("\n");
}
