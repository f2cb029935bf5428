// Market resolutions: Gamma and CLOB market objects (real captures and hand-made edge cases) → 1/0 outcomes; a replay
// given them settles held shares at 1/0 and cancels resting orders at the close time; bad objects are named.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig, type LeaderTradeEvent } from "../../../src/core/index.js";
import { formatInputIssue } from "../../../src/core/input-issue.js";
import { loadResolutions, parseCloseTime, type MarketResolution } from "../../../src/replay/resolutions.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { openStore } from "../../../src/store/db.js";
import { sharedData } from "../../helpers/shared-data.js";

const gamma = sharedData("captures/gamma");
const COND = "0x" + "ab".repeat(32);
const YES = "111";
const NO = "222";

describe("loadResolutions", () => {
  it.runIf(gamma !== undefined)("reads the real Gamma and CLOB captures: 1/0 outcomes resolve, fractional and 0/0 do not", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-res-"));
    for (const f of [
      "gamma_market_closed_binary_accepting_false.json",
      "clob_market_closed_binary_accepting_false.json",
      "gamma_market_closed_nonbinary_legacy.json",
      "gamma_market_closed_zero_zero_legacy.json",
    ])
      copyFileSync(join(gamma!, f), join(dir, f));
    const r = loadResolutions(dir);
    expect(r.issues).toEqual([]);
    expect(r.markets).toBe(4);
    // the CLOB and Gamma objects of the same market agree on the winner: one resolution, Gamma's close time kept
    expect(r.resolutions).toEqual([
      {
        conditionId: "0x8ccc3f4951ff02c1d34b87988752b4444ad17228732780a6cf22afefe8478bb6",
        winningTokenId: "89711174926330519158043401581181146613785179104141808554061413232025882707365",
        tokenIds: [
          "108872296183993054938831082799825620165440189659433018108548854929333464287226",
          "89711174926330519158043401581181146613785179104141808554061413232025882707365",
        ],
        ts: Date.UTC(2026, 2, 19, 23, 20, 15),
        source: "clob",
        // where it was read: a replay that cannot apply it names the object
        file: "clob_market_closed_binary_accepting_false.json",
        row: 0,
        tokensField: "tokens",
      },
    ]);
    expect(r.unresolved.map((u) => u.why)).toEqual([
      expect.stringContaining("closed without a 1/0 outcome (prices 0.5843"),
      "closed without a 1/0 outcome (prices 0, 0)",
    ]);
  });

  it.runIf(gamma !== undefined)("reads the markets inside real Gamma events and search answers", () => {
    for (const f of ["gamma_event.json", "search_response.json"]) {
      type Event = { markets: { conditionId: string }[] };
      const raw = JSON.parse(readFileSync(join(gamma!, f), "utf8")) as Event[] | { events: Event[] };
      const nested = (Array.isArray(raw) ? raw : raw.events).flatMap((e) => e.markets).map((m) => m.conditionId.toLowerCase());
      const r = loadResolutions(join(gamma!, f));
      expect(r.issues).toEqual([]);
      expect(r.markets).toBe(nested.length);
      expect(nested.length).toBeGreaterThan(0);
      expect([...r.resolutions.map((x) => x.conditionId), ...r.unresolved.map((u) => u.conditionId)].sort()).toEqual([...nested].sort());
    }
  });

  it("names a bad market inside a Gamma event or search answer by the file's row and its path in that row", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-res-"));
    const m = (n: number) => ({ conditionId: "0x" + String(n).repeat(64), closed: true, clobTokenIds: JSON.stringify([`${n}1`, `${n}2`]), outcomePrices: '["1", "0"]' });
    const events = [
      { id: "e0", markets: [m(1), m(2)] },
      { id: "e1", markets: [m(3), { ...m(4), outcomePrices: '["1"]' }] },
    ];
    writeFileSync(join(dir, "events.json"), JSON.stringify(events));
    writeFileSync(join(dir, "search.json"), JSON.stringify({ events: [events[1]], pagination: { hasMore: false } }));
    const r = loadResolutions(dir);
    expect(r.issues.map((i) => [i.file, i.row, i.field])).toEqual([
      ["events.json", 1, "markets[1].outcomePrices"],
      ["search.json", 0, "events[0].markets[1].outcomePrices"],
    ]);
    expect(r.resolutions).toHaveLength(3);
  });

  it("takes a V2 market's positionIds for its outcome tokens, and names a market with neither list", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-res-"));
    const v2 = { conditionId: COND, closed: true, positionIds: [YES, NO], outcomePrices: '["0", "1"]', version: "v2" };
    writeFileSync(join(dir, "v2.json"), JSON.stringify([v2, { conditionId: "0x" + "cd".repeat(32), closed: true, outcomePrices: '["0", "1"]' }]));
    const r = loadResolutions(dir);
    expect(r.resolutions).toEqual([{ conditionId: COND, winningTokenId: NO, tokenIds: [YES, NO], ts: undefined, source: "gamma", file: "v2.json", row: 0, tokensField: "positionIds" }]);
    expect(r.issues.map((i) => [i.row, i.field, i.message])).toEqual([[1, "clobTokenIds", "expected clobTokenIds (or positionIds on a V2 market)"]]);
  });

  it("reads the fee of CLOB /clob-markets details (fd), which carry no outcome", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-res-"));
    const details = (n: number, fd?: unknown) => ({ c: "0x" + String(n).repeat(64), t: [{ t: `${n}1`, o: "Yes" }, { t: `${n}2`, o: "No" }], mts: 0.01, ...(fd === undefined ? {} : { fd }) });
    writeFileSync(
      join(dir, "d.json"),
      JSON.stringify([details(1, { r: 0.02, e: 2, to: true }), details(2), details(3, { r: 0.01, e: 1, to: false }), details(4, { r: -1 }), { ...details(5), c: "0x12" }]),
    );
    const r = loadResolutions(dir);
    expect(r.resolutions).toEqual([]);
    expect(r.fees.map((f) => [f.tokenIds, f.fee])).toEqual([
      [["11", "12"], { r: 0.02, e: 2 }],
      [["21", "22"], null], // no fd: the official client charges nothing there
      [["31", "32"], { r: 0.01, e: 1 }],
    ]);
    expect(r.issues.map((i) => [i.row, i.field, i.value])).toEqual([
      [2, "fd.to", false],
      [3, "fd.r", -1],
      [4, "c", "0x12"],
    ]);
    expect(r.issues[0]!.kept).toContain("modelled without a fee");
  });

  it("names the file, row, field and value of every bad object and keeps the rest", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-res-"));
    const good = { conditionId: COND, closed: true, clobTokenIds: JSON.stringify([YES, NO]), outcomePrices: '["1", "0"]', closedTime: "2026-01-01 10:00:00+00" };
    writeFileSync(
      join(dir, "a.json"),
      JSON.stringify([
        good,
        { ...good, conditionId: "0x12" },
        { ...good, outcomePrices: '["1"]' },
        { ...good, clobTokenIds: "not json" },
        { ...good, closed: false, conditionId: "0x" + "cd".repeat(32) },
      ]),
    );
    writeFileSync(join(dir, "b.json"), JSON.stringify({ data: [{ condition_id: COND, closed: true, tokens: [{ token_id: YES, winner: false }, { token_id: NO, winner: true }] }] }));
    writeFileSync(join(dir, "c.json"), "{ nope");
    const r = loadResolutions(dir);
    expect(r.resolutions).toEqual([{ conditionId: COND, winningTokenId: YES, tokenIds: [YES, NO], ts: Date.UTC(2026, 0, 1, 10), source: "gamma", file: "a.json", row: 0, tokensField: "clobTokenIds" }]);
    expect(r.unresolved).toEqual([{ conditionId: "0x" + "cd".repeat(32), file: "a.json", row: 4, why: "not closed" }]);
    const lines = r.issues.map(formatInputIssue);
    expect(lines).toEqual([
      'a.json row 1: conditionId = "0x12": expected 0x + 64 hex digits',
      'a.json row 2: outcomePrices = ["1"]: 1 prices for 2 tokens',
      'a.json row 3: clobTokenIds = "not json": expected a JSON-encoded list of strings',
      `b.json row 0: tokens = "${NO}": market ${COND} resolved to another winner earlier (${YES}); kept the first`,
      expect.stringMatching(/^c\.json: \(file\): not JSON/),
    ]);
  });

  it("resolves a closed CLOB market that flags no winner from its final 1/0 prices (older markets)", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-res-"));
    const tok = (id: string, price: number, winner = false) => ({ token_id: id, outcome: id, price, winner });
    writeFileSync(join(dir, "clob.json"), JSON.stringify({ data: [
      { condition_id: COND, closed: true, tokens: [tok(YES, 0), tok(NO, 1)] },
      { condition_id: "0x" + "cd".repeat(32), closed: true, tokens: [tok("7", 0.4), tok("8", 0.6)] },
    ] }));
    const r = loadResolutions(dir);
    expect(r.resolutions.map((x) => [x.conditionId, x.winningTokenId])).toEqual([[COND, NO]]);
    expect(r.unresolved.map((u) => u.why)).toEqual(["closed with 0 winning tokens"]);
  });

  it("parses Gamma's close-time forms", () => {
    expect(parseCloseTime("2026-03-19 23:20:15+00")).toBe(Date.UTC(2026, 2, 19, 23, 20, 15));
    expect(parseCloseTime("2026-03-19T23:20:15Z")).toBe(Date.UTC(2026, 2, 19, 23, 20, 15));
    expect(parseCloseTime("soon")).toBeUndefined();
    expect(parseCloseTime(null)).toBeUndefined();
  });
});

const LEADER = "0x" + "11".repeat(20);
const T0 = Date.UTC(2026, 0, 1, 9);
let seq = 0;
function trade(tokenId: string, side: "BUY" | "SELL", size: number, price: number, ts: number): LeaderTradeEvent {
  seq++;
  return {
    eventId: `ev_${seq}`, leader: LEADER, kind: "TRADE", conditionId: COND, tokenId, outcomeIndex: tokenId === YES ? 0 : 1, side, size, price,
    usdcSize: size * price, ts, seenAt: ts, txHash: `0x${seq}`, source: "activity",
  };
}

describe("runReplay with resolutions", () => {
  const config = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 1 } });
  const events = [trade(YES, "BUY", 100, 0.6, T0), trade(NO, "BUY", 50, 0.4, T0 + 1000), trade(YES, "BUY", 20, 0.62, T0 + 60_000)];
  const win: MarketResolution = { conditionId: COND, winningTokenId: YES, tokenIds: [YES, NO], ts: undefined, source: "gamma" };

  it("settles held shares at 1/0 instead of the last price, and says so in the report", async () => {
    const plain = await runReplay({ source: arraySource(events), config });
    const settled = await runReplay({ source: arraySource(events), config, resolutions: [win] });
    expect(plain.summary.ledger.marking).toBe("last-price");
    expect(settled.summary.ledger.marking).not.toBe("last-price");
    expect(settled.summary.leaders[0]!.marking).toBe("settled");
    expect(settled.runId).not.toBe(plain.runId);
    // the copy bought both outcomes: after settlement its cash is what it paid back plus 1 per YES share held
    const yesHeld = plain.result.ledger.positions.find((p) => p.tokenId === YES)?.shares ?? 0;
    expect(yesHeld).toBeGreaterThan(0);
    expect(settled.summary.ledger.cash).toBeCloseTo(plain.summary.ledger.cash + yesHeld, 6);
    expect(settled.summary.ledger.positionsValue).toBeCloseTo(0, 9);
  });

  it("cancels resting orders of the market at its close time and ignores resolutions of other markets", async () => {
    const gtc = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 1, orderType: "GTC", slippage: 0 }, fill: { halfSpread: 0.05 } });
    const closeTs = T0 + 30_000;
    const other: MarketResolution = { conditionId: "0x" + "ef".repeat(32), winningTokenId: "999", tokenIds: ["999", "998"], ts: T0 + 1, source: "clob" };
    const store = await openStore(":memory:");
    const r = await runReplay({ source: arraySource(events), config: gtc, resolutions: [other, { ...win, ts: closeTs }], db: store });
    const c = r.summary.counts;
    expect(c.done).toBe(c.intents); // every intent ended
    const ends = await store.rows<{ ts: number; detail: string; n: number }>(
      "SELECT ts::DOUBLE AS ts, detail, count(*)::INTEGER AS n FROM run_exec_events WHERE run_id = ? AND type = 'done' GROUP BY ALL ORDER BY ts",
      [r.runId],
    );
    store.close();
    // the two orders resting before the close are cancelled at the close time; the leader's trade after it (this
    // made-up history keeps trading the closed market) is not copied
    expect(ends).toEqual([{ ts: closeTs, detail: "CANCELLED", n: 2 }]);
    expect(c.intents).toBe(2);
    expect(c.skipsByReason).toEqual({ MARKET_RESOLVED: 1 });
    expect(r.summary.leaders[0]!.marking).toBe("settled");
  });
});
