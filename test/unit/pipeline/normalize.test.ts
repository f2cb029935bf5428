// normalize: Data API rows → LeaderTradeEvents with deterministic ids, field-named errors, real gabagool22 rows.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { normalizeRows } from "../../../src/pipeline/normalize.js";
import { sharedData } from "../../helpers/shared-data.js";

const row = {
  proxyWallet: "0xABC0000000000000000000000000000000000001",
  timestamp: 1767236479,
  conditionId: "0xC0",
  type: "TRADE",
  size: 10,
  usdcSize: 4.8,
  transactionHash: "0xt",
  price: 0.48,
  asset: "987",
  side: "BUY",
  outcomeIndex: 0,
};

describe("normalizeRows", () => {
  it("converts seconds to ms, lower-cases wallet and market, keeps identical fills apart deterministically", () => {
    const a = normalizeRows([row, row, { ...row, size: 11 }], "activity");
    expect(a.errors).toEqual([]);
    expect(a.events.map((e) => e.ts)).toEqual([1767236479000, 1767236479000, 1767236479000]);
    expect(a.events[0]!.leader).toBe("0xabc0000000000000000000000000000000000001");
    expect(new Set(a.events.map((e) => e.eventId)).size).toBe(3);
    expect(normalizeRows([row, row, { ...row, size: 11 }], "trades").events.map((e) => e.eventId)).toEqual(a.events.map((e) => e.eventId));
  });
  it("names the row, field and value of a malformed row and keeps the rest", () => {
    const r = normalizeRows([row, { ...row, price: "0.5" }, { ...row, side: "HOLD" }, { ...row, type: "BOGUS" }, { ...row, proxyWallet: "gabagool22" }], "activity");
    expect(r.events).toHaveLength(1);
    expect(r.errors.map((e) => [e.index, e.field, e.value])).toEqual([
      [1, "price", "0.5"],
      [2, "side", "HOLD"],
      [3, "type", "BOGUS"],
      [4, "proxyWallet", "gabagool22"], // a leader is its 0x wallet: a name could never be selected or configured
    ]);
  });
  it("refuses values no venue trade can have: a price off the finest tick's range, amounts beyond any supply", () => {
    const r = normalizeRows([{ ...row, price: 1e-300 }, { ...row, price: 0.99999 }, { ...row, size: 1e300 }, { ...row, usdcSize: 1e300 }, { ...row, price: 0.0001 }, { ...row, price: 0.9999 }], "activity");
    expect(r.errors.map((e) => [e.index, e.field, e.value])).toEqual([
      [0, "price", 1e-300],
      [1, "price", 0.99999],
      [2, "size", 1e300],
      [3, "usdcSize", 1e300],
    ]);
    expect(r.events.map((e) => e.price)).toEqual([0.0001, 0.9999]);
  });
  it("maps MERGE/REDEEM rows (asset '', side '', outcomeIndex 999) to whole-market events; ignores REWARD", () => {
    const merge = { ...row, type: "MERGE", asset: "", side: "", outcomeIndex: 999, price: 0 };
    const r = normalizeRows([merge, { ...row, type: "REWARD" }], "activity");
    expect(r.events[0]).toMatchObject({ kind: "MERGE", tokenId: "", side: null, outcomeIndex: null, price: 0 });
    expect(r.ignored).toBe(1);
  });
  it("normalises all 10,178 real gabagool22 rows with unique ids", () => {
    const dir = sharedData("leader-activity/gabagool22");
    if (!dir) return;
    const events = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .flatMap((f) => {
        const r = normalizeRows(JSON.parse(readFileSync(join(dir, f), "utf8")) as unknown[], "activity");
        expect(r.errors).toEqual([]);
        return r.events;
      });
    expect(events).toHaveLength(10_178);
    const kinds = events.reduce<Record<string, number>>((m, e) => ((m[e.kind] = (m[e.kind] ?? 0) + 1), m), {});
    expect(kinds).toEqual({ TRADE: 10_101, MERGE: 51, REDEEM: 26 });
    expect(new Set(events.map((e) => e.eventId)).size).toBe(10_178);
  });
});
