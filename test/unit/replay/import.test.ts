// Importer: a folder of /activity JSON imports idempotently; a malformed row is reported with file, row index,
// field and value while the rest of the file still imports; non-array files are reported, not thrown.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatImportReport, importActivity, loadActivityEvents } from "../../../src/replay/import-activity.js";
import { openStore } from "../../../src/store/db.js";
import { readLeaderEvents } from "../../../src/store/leader-events.js";

const dir = mkdtempSync(join(tmpdir(), "spy-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = (i: number, extra: Record<string, unknown> = {}) => ({
  proxyWallet: "0xAbC0000000000000000000000000000000000001",
  timestamp: 1767236479 + i,
  conditionId: "0xc0",
  type: "TRADE",
  size: 10 + i,
  usdcSize: (10 + i) * 0.5,
  transactionHash: `0x${String(i).padStart(64, "0")}`,
  price: 0.5,
  asset: "123",
  side: "BUY",
  outcomeIndex: 0,
  slug: "m",
  outcome: "Up",
  ...extra,
});

describe("importActivity", () => {
  const good = join(dir, "a.json");
  writeFileSync(good, JSON.stringify([row(0), row(0), row(1), { ...row(2), type: "MERGE", asset: "", side: "", outcomeIndex: 999, price: 0 }]));
  const bad = join(dir, "b.json");
  writeFileSync(bad, JSON.stringify([row(3), { ...row(4), price: "0.5" }, row(5), { ...row(6), side: "HOLD" }]));

  it("imports good rows, reports each bad one with file, row, field and value", async () => {
    const store = await openStore(":memory:");
    const r = await importActivity(store, dir);
    expect(r).toMatchObject({ files: 2, read: 8, imported: 6, duplicates: 0, bad: 2 });
    expect(r.errors).toEqual([
      expect.objectContaining({ file: "b.json", row: 1, field: "price", value: "0.5" }),
      expect.objectContaining({ file: "b.json", row: 3, field: "side", value: "HOLD" }),
    ]);
    expect(formatImportReport(r)).toMatch(/b\.json row 1: price = "0\.5"/);
    const stored = await store.rows<{ file: string; row_index: number; field: string; value: string }>(
      "SELECT file, row_index, field, value FROM import_errors ORDER BY row_index",
    );
    expect(stored).toEqual([
      { file: "b.json", row_index: 1, field: "price", value: '"0.5"' },
      { file: "b.json", row_index: 3, field: "side", value: '"HOLD"' },
    ]);
    // identical rows (same tx, asset, side, size, price, ts) are two events
    const events = [];
    for await (const b of readLeaderEvents(store)) events.push(...b);
    expect(events).toHaveLength(6);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(6);
    expect(events.filter((e) => e.kind === "MERGE")).toHaveLength(1);
    // the database and the direct JSON path agree
    expect(events).toEqual(loadActivityEvents(dir).events);

    const again = await importActivity(store, dir);
    expect(again).toMatchObject({ imported: 0, duplicates: 6, bad: 2 });
    expect(Number(await store.scalar("SELECT count(*) FROM import_errors"))).toBe(2);
    store.close();
  });

  it("keeps two followed wallets filled alike in one transaction apart (the wallet is part of the event id)", async () => {
    const sub = mkdtempSync(join(dir, "two-"));
    const fill = (wallet: string) => ({ ...row(7), side: "SELL", proxyWallet: wallet });
    writeFileSync(join(sub, "a.json"), JSON.stringify([fill("0x" + "a".repeat(40))]));
    writeFileSync(join(sub, "b.json"), JSON.stringify([fill("0x" + "b".repeat(40))]));
    const store = await openStore(":memory:");
    expect(await importActivity(store, sub)).toMatchObject({ read: 2, imported: 2, duplicates: 0 });
    expect(await importActivity(store, sub)).toMatchObject({ read: 2, imported: 0, duplicates: 2 });
    store.close();
  });

  it("refuses to import into a database whose events have ids of an older scheme, naming it", async () => {
    const path = join(dir, "old.duckdb");
    const store = await openStore(path);
    await importActivity(store, good);
    await store.run("DELETE FROM store_meta WHERE key = 'leader_events.event_ids'"); // as a database of before v2 is
    await expect(importActivity(store, good)).rejects.toThrow(`${path}: its leader events have event ids of scheme v1, this version makes v2 ids`);
    const n = Number(await store.scalar("SELECT count(*) FROM leader_events"));
    await expect(importActivity(store, good)).rejects.toThrow(/import into a new database/);
    expect(Number(await store.scalar("SELECT count(*) FROM leader_events"))).toBe(n); // nothing added
    store.close();
  });

  it("reads a file saved with a byte-order mark, counts non-position rows by type alone, refuses millisecond timestamps", async () => {
    const sub = mkdtempSync(join(dir, "edge-"));
    const reward = { proxyWallet: row(0).proxyWallet, timestamp: 1767236479, type: "REWARD", conditionId: "", size: 1, usdcSize: 1, transactionHash: "", price: "", asset: "", side: "", outcomeIndex: "" };
    writeFileSync(join(sub, "a.json"), "\uFEFF" + JSON.stringify([row(8), reward, { ...row(9), timestamp: 1767236479000 }]));
    const store = await openStore(":memory:");
    const r = await importActivity(store, sub);
    expect(r).toMatchObject({ read: 3, imported: 1, ignored: 1, bad: 1 });
    expect(r.errors).toEqual([expect.objectContaining({ row: 2, field: "timestamp", value: 1767236479000, message: expect.stringContaining("milliseconds") })]);
    store.close();
  });

  it("imports every .json below a folder (one sub-folder per leader), a saved paged response, and names files by path", async () => {
    const root = mkdtempSync(join(dir, "tree-"));
    for (const [sub, w] of [["leader-a", "a"], ["leader-b", "b"]] as const) {
      mkdirSync(join(root, sub));
      writeFileSync(join(root, sub, "page1.json"), JSON.stringify({ data: [{ ...row(10), proxyWallet: "0x" + w.repeat(40) }], next_cursor: "LTE=" }));
      writeFileSync(join(root, sub, "page2.json"), JSON.stringify([{ ...row(11), proxyWallet: "0x" + w.repeat(40) }, { ...row(12), price: 2 }]));
    }
    const store = await openStore(":memory:");
    const r = await importActivity(store, root);
    expect(r).toMatchObject({ files: 4, read: 6, imported: 4, bad: 2 });
    expect(r.errors.map((e) => e.file).sort()).toEqual([join("leader-a", "page2.json"), join("leader-b", "page2.json")]);
    const empty = mkdtempSync(join(dir, "empty-"));
    await expect(importActivity(store, empty)).rejects.toThrow(`${empty}: no .json files in this folder or below it`);
    store.close();
  });

  it("reads a newest-first file (the API's default order) oldest first, so a BUY precedes the MERGE of the same second", async () => {
    const sub = mkdtempSync(join(dir, "desc-"));
    const merge = { ...row(20), type: "MERGE", asset: "", side: "", outcomeIndex: 999, price: 0, timestamp: row(20).timestamp };
    const buy = { ...row(20), transactionHash: "0x" + "e".repeat(64) };
    writeFileSync(join(sub, "page.json"), JSON.stringify([merge, buy, row(5), { ...row(1), price: 7 }]));
    const store = await openStore(":memory:");
    const r = await importActivity(store, sub);
    expect(r.errors.map((e) => e.row)).toEqual([3]); // rows are still named by their place in the file
    const events = [];
    for await (const b of readLeaderEvents(store)) events.push(...b);
    expect(events.map((e) => e.kind)).toEqual(["TRADE", "TRADE", "MERGE"]);
    store.close();
  });

  it("keeps a newest-first file's order when one of its timestamps is bad, and orders same-second rows across newest-first pages", async () => {
    const sub = mkdtempSync(join(dir, "pages-"));
    const at = (i: number, o: Record<string, unknown> = {}) => ({ ...row(i), transactionHash: `0x${String(i).padStart(62, "0")}ab`, ...o });
    const merge = (i: number) => at(i, { type: "MERGE", asset: "", side: "", outcomeIndex: 999, price: 0, transactionHash: "0x" + "f".repeat(64) });
    // API order (newest first) cut into two pages between a BUY and the MERGE of the same second: p0 holds the MERGE
    // (newer), p1 the BUY; the first page also has a row whose time is in ms (reported, and it must not turn p0 over)
    writeFileSync(join(sub, "p0.json"), JSON.stringify([at(9), at(8), { ...at(7), timestamp: (row(7).timestamp as number) * 1000 }, at(6), merge(5)]));
    writeFileSync(join(sub, "p1.json"), JSON.stringify([at(5), at(4), at(3)]));
    const order = (evs: { kind: string; ts: number }[]) => evs.map((e) => `${e.kind}@${e.ts - (row(0).timestamp as number) * 1000}`);
    const want = ["TRADE@3000", "TRADE@4000", "TRADE@5000", "MERGE@5000", "TRADE@6000", "TRADE@8000", "TRADE@9000"];
    const js = loadActivityEvents(sub);
    expect(js.errors.map((e) => [e.file, e.row, e.field])).toEqual([["p0.json", 2, "timestamp"]]);
    expect(order(js.events)).toEqual(want);
    const store = await openStore(":memory:");
    await importActivity(store, sub);
    const events = [];
    for await (const b of readLeaderEvents(store)) events.push(...b);
    expect(order(events)).toEqual(want);
    store.close();
  });

  it("--from-json keeps an event found in two files (overlapping pages) once, as the database does", () => {
    const sub = mkdtempSync(join(dir, "overlap-"));
    writeFileSync(join(sub, "a.json"), JSON.stringify([row(0), row(1), row(2)]));
    writeFileSync(join(sub, "b.json"), JSON.stringify([row(2), row(3)]));
    expect(loadActivityEvents(sub).events.map((e) => e.size)).toEqual([10, 11, 12, 13]);
  });

  it("reports an unreadable file (a broken link) and a row whose outcomeIndex the store cannot hold, and imports the rest", async () => {
    const d2 = mkdtempSync(join(tmpdir(), "spy-import-"));
    writeFileSync(join(d2, "a.json"), JSON.stringify([row(0), { ...row(1), outcomeIndex: 3_000_000_000 }, { ...row(2), outcomeIndex: -1 }, row(3)]));
    symlinkSync(join(d2, "gone.json"), join(d2, "zz-broken.json"));
    const store = await openStore(":memory:");
    const r = await importActivity(store, d2);
    expect(r).toMatchObject({ imported: 2, bad: 3 });
    expect(r.errors.map((e) => [e.file, e.row, e.field, e.value])).toEqual([
      ["a.json", 1, "outcomeIndex", 3_000_000_000],
      ["a.json", 2, "outcomeIndex", -1],
      ["zz-broken.json", undefined, "(file)", null],
    ]);
    expect(r.errors[2]!.message).toMatch(/^cannot read: ENOENT/);
    // the message says what is wrong once, without repeating the field and value
    expect(formatImportReport(r)).toMatch(/a\.json row 1: outcomeIndex = 3000000000: Too big/);
    store.close();
    rmSync(d2, { recursive: true, force: true });
  });

  it("reports a file that is not a JSON array", async () => {
    const d2 = mkdtempSync(join(tmpdir(), "spy-import-"));
    writeFileSync(join(d2, "x.json"), JSON.stringify({ not: "an array" }));
    writeFileSync(join(d2, "y.json"), "{oops");
    const store = await openStore(":memory:");
    const r = await importActivity(store, d2);
    expect(r.bad).toBe(2);
    expect(r.errors.map((e) => [e.file, e.row, e.field])).toEqual([
      ["x.json", undefined, "(file)"],
      ["y.json", undefined, "(file)"],
    ]);
    store.close();
    rmSync(d2, { recursive: true, force: true });
  });
});
