// recorded-bbo book view: the real polled BTC 15m BBO session (skipped outside CI when ../shared/data is absent), the
// paper engine filling against it, small inline sessions for bad fields and folders, and openBookView wiring.
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedData } from "../../helpers/shared-data.js";
import { loadRecordedBbo, parseRecordedBbo } from "../../../src/replay/books/recorded-bbo.js";
import { openBookView } from "../../../src/replay/books/index.js";
import { parseConfig, type LeaderTradeEvent } from "../../../src/core/index.js";
import { booksFromConfig, runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";
import { fills, intent, theDone } from "./fixtures.js";

const path = sharedData("book-series/btc-15m-bbo");
const UP = "33141614910571700158540571405899802854776589819160928373417227530205489590185";
const DOWN = "101469884142485262926399702378036431466384762375012222205890946384976623671954";
const END = Date.parse("2025-12-22T12:15:00.000Z");

describe.skipIf(path === undefined)("recorded-bbo on the real session", () => {
  const v = path === undefined ? undefined : loadRecordedBbo(path);

  it("loads every tick of the one market, both outcomes, with no issues", () => {
    expect(v!.name).toBe("recorded-bbo");
    expect(v!.rows).toBe(4424);
    expect(v!.issues).toEqual([]);
    expect(v!.markets()).toEqual([{ slug: "btc-updown-15m-1766404800", upTokenId: UP, downTokenId: DOWN, endTs: END }]);
    expect(v!.tokens().sort()).toEqual([DOWN, UP].sort());
    // ticks 319 and 320 share 1766404865574: one snapshot each token
    expect(v!.size(UP)).toBe(4423);
    expect(v!.size(DOWN)).toBe(4423);
    expect(v!.span(UP)).toEqual({ from: 1766404803118, to: 1766405700367 });
  });

  it("answers the book as it stood at a time, each touch with the assumed 200 shares", () => {
    expect(v!.at(UP, 1766404803117)).toBeUndefined(); // before the first tick
    // tick 0 at 1766404803118: up 0.48 / 0.49, down 0.51 / 0.52
    expect(v!.at(UP, 1766404803118)).toMatchObject({ bids: [{ price: 0.48, size: 200 }], asks: [{ price: 0.49, size: 200 }] });
    expect(v!.at(DOWN, 1766404803118)).toMatchObject({ bids: [{ price: 0.51, size: 200 }], asks: [{ price: 0.52, size: 200 }] });
    // tick 100 at 1766404820996: up 0.61 / 0.62; tick 101 comes at 1766404821025
    expect(v!.at(UP, 1766404821024)).toMatchObject({ ts: 1766404820996, bids: [{ price: 0.61 }], asks: [{ price: 0.62 }] });
    expect(v!.nextChange(UP, 1766404820996)).toBe(1766404821025);
    // ticks 319 and 320 at the same ms: the later (up 0.65 / 0.66) wins
    expect(v!.at(UP, 1766404865574)).toMatchObject({ bids: [{ price: 0.65 }], asks: [{ price: 0.66 }] });
    expect(v!.at(UP, 1766404865573)).toMatchObject({ ts: 1766404865571, bids: [{ price: 0.64 }], asks: [{ price: 0.66 }] });
  });

  it("reads a 0 price as an empty side (from tick 4001: up ask 0, down bid 0)", () => {
    expect(v!.at(UP, 1766405614248)).toMatchObject({ bids: [{ price: 0.97 }], asks: [{ price: 0.98 }] });
    expect(v!.at(UP, 1766405614461)).toMatchObject({ bids: [{ price: 0.99, size: 200 }], asks: [] });
    expect(v!.at(DOWN, 1766405614461)).toMatchObject({ bids: [], asks: [{ price: 0.01, size: 200 }] });
  });

  it("gives no book from the market's end on (latest still answers)", () => {
    expect(v!.at(UP, END - 1)?.ts).toBe(1766405699936);
    expect(v!.at(UP, END)).toBeUndefined();
    expect(v!.at(DOWN, 1766405700367)).toBeUndefined();
    expect(v!.nextChange(UP, 1766405699936)).toBeUndefined(); // the next poll, 1766405700166, is past the end
    expect(v!.latest(UP)?.ts).toBe(1766405700367);
    const open = loadRecordedBbo(path!, { closeAtMarketEnd: false });
    expect(open.at(UP, 1766405700367)?.ts).toBe(1766405700367);
  });

  it("infers the cent tick (every price of the session sits on 0.01) and assumes the venue's min size", () => {
    const seen = new Set<number>();
    for (const tok of [UP, DOWN]) {
      for (let t: number | undefined = v!.span(tok)!.from; t !== undefined; t = v!.nextChange(tok, t)) {
        const b = v!.at(tok, t)!;
        seen.add(b.tick);
        expect(b.minSize).toBe(5);
      }
    }
    expect([...seen]).toEqual([0.01]);
  });

  it("the paper engine fills a BUY at the recorded ask, up to the assumed touch size only", () => {
    const e = createPaperEngine({ books: v!, latency: constantLatency(0), slippage: 0.1 });
    // up book at 1766404820996: ask 0.62 × (assumed) 200
    const evs = e.submit(intent({ tokenId: UP, ts: 1766404820996, seenAt: 1766404820996, targetShares: 1000, limitPrice: 0.7 }));
    expect(fills(evs).map((f) => [f.price, f.size])).toEqual([[0.62, 200]]);
    expect(theDone(evs).terminal).toBe("PARTIAL");
  });
});

// Inline sessions ------------------------------------------------------------------------------------------------

const T0 = 1766404803000;
const market = { slug: "m", upTokenId: "U", downTokenId: "D", endDate: "2025-12-22T12:15:00.000Z" };
const prices = { upAsk: 0.42, upBid: 0.4, downAsk: 0.6, downBid: 0.58 };
const tick = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  tickNumber: 1, timestamp: new Date(T0).toISOString(), timestampMs: T0, market, spotPrice: 1, difference: 0, prices, timeRemaining: 1,
  ...over,
});
const session = (ticks: unknown[]): string => JSON.stringify({ sessionId: "s", marketSlug: "m", totalTicks: ticks.length, ticks });

describe("recorded-bbo with bad fields", () => {
  it("reports file, row, field and value, skips that tick or outcome and loads the rest", () => {
    const text = session([
      tick(),
      tick({ timestampMs: T0 + 1000, prices: { ...prices, upAsk: "abc" } }),
      tick({ timestampMs: -5 }),
      tick({ timestampMs: T0 + 3000, market: { ...market, downTokenId: undefined } }),
      tick({ timestampMs: T0 + 4000, prices: { ...prices, downBid: 1.5 } }),
      "oops",
      tick({ timestampMs: T0 + 6000, prices: { upAsk: 0.43, upBid: 0.41, downAsk: 0.59, downBid: 0.57 } }),
    ]);
    const v = parseRecordedBbo(text, "mem.json");
    expect(v.rows).toBe(7);
    expect(v.issues.map((i) => [i.file, i.row, i.field, i.value])).toEqual([
      ["mem.json", 1, "prices.upAsk", "abc"],
      ["mem.json", 2, "timestampMs", -5],
      ["mem.json", 3, "market.downTokenId", undefined],
      ["mem.json", 4, "prices.downBid", 1.5],
      ["mem.json", 5, "(tick)", "oops"],
    ]);
    expect(v.size("U")).toBe(4); // rows 0, 3, 4 and 6
    expect(v.size("D")).toBe(3); // rows 0, 1 and 6
    expect(v.at("U", T0 + 1500)?.ts).toBe(T0);
    expect(v.at("D", T0 + 1500)?.asks).toEqual([{ price: 0.6, size: 200 }]);
    expect(v.at("U", T0 + 6000)).toMatchObject({ bids: [{ price: 0.41 }], asks: [{ price: 0.43 }] });
  });

  it("refuses times in seconds or microseconds, and reads the ISO timestamp when timestampMs is absent", () => {
    const v = parseRecordedBbo(
      session([
        tick({ timestampMs: 1766404803 }),
        tick({ timestampMs: undefined, timestamp: "2025-12-22T12:00:05.250Z" }),
        tick({ timestampMs: undefined, timestamp: "soon" }),
        tick({ timestampMs: 1766404803118000 }),
      ]),
      "s.json",
    );
    expect(v.issues.map((i) => [i.row, i.field, i.value])).toEqual([
      [0, "timestampMs", 1766404803],
      [2, "timestamp", "soon"],
      [3, "timestampMs", 1766404803118000],
    ]);
    expect(v.issues[0]!.message).toMatch(/seconds/);
    expect(v.issues[2]!.message).toMatch(/microseconds/);
    expect(v.span("U")).toEqual({ from: Date.parse("2025-12-22T12:00:05.250Z"), to: Date.parse("2025-12-22T12:00:05.250Z") });
  });

  it("names fractional seconds as seconds, and falls back to the ISO timestamp when timestampMs is null", () => {
    const v = parseRecordedBbo(
      session([tick({ timestampMs: 1766404803.217 }), tick({ timestampMs: null, timestamp: "2025-12-22T12:00:07.000Z" }), tick({ timestampMs: T0 + 0.5 })]),
      "f.json",
    );
    expect(v.issues.map((i) => [i.row, i.field, i.value, i.message])).toEqual([
      [0, "timestampMs", 1766404803.217, "looks like seconds, expected milliseconds"],
      [2, "timestampMs", T0 + 0.5, "not a whole number of milliseconds"],
    ]);
    expect(v.span("U")).toEqual({ from: Date.parse("2025-12-22T12:00:07.000Z"), to: Date.parse("2025-12-22T12:00:07.000Z") });
  });

  it("reports a bad market end once and then keeps the books open", () => {
    const m = { ...market, endDate: "never" };
    const v = parseRecordedBbo(session([tick({ market: m }), tick({ timestampMs: T0 + 1000, market: m })]), "e.json");
    expect(v.issues.map((i) => [i.row, i.field, i.value])).toEqual([[0, "market.endDate", "never"]]);
    expect(v.markets()[0]?.endTs).toBeUndefined();
    expect(v.at("U", Date.parse("2030-01-01"))?.ts).toBe(T0 + 1000);
  });

  it("throws, naming the file, for text that is not JSON or not a session", () => {
    expect(() => parseRecordedBbo("[]", "a.json")).toThrow(/a\.json: not a recording session.*an array/);
    expect(() => parseRecordedBbo('{"sessionId":"s"}', "b.json")).toThrow(/b\.json: not a recording session.*without a ticks array/);
    expect(() => parseRecordedBbo("{ticks:", "c.json")).toThrow(/c\.json: not JSON/);
  });

  it("reads a byte-order mark, the venue's finer ticks, and uses the assumed touch size given", () => {
    const v = parseRecordedBbo(
      "\uFEFF" + session([tick({ prices: { upAsk: 0.515, upBid: 0.505, downAsk: 0.49, downBid: 0.483 } })]),
      "t.json",
      { touchSize: 35, minSize: 2 },
    );
    expect(v.issues).toEqual([]);
    expect(v.at("U", T0)).toMatchObject({ tick: 0.005, minSize: 2, asks: [{ price: 0.515, size: 35 }] });
    expect(v.at("D", T0)).toMatchObject({ tick: 0.001, bids: [{ price: 0.483, size: 35 }] });
    // a price on none of the venue's ticks is reported and its side left out (the venue shows no such level)
    const odd = parseRecordedBbo(session([tick({ prices: { ...prices, upBid: 0.12345 } })]), "o.json");
    expect(odd.issues.map((i) => [i.row, i.field, i.value])).toEqual([[0, "prices.upBid", 0.12345]]);
    expect(odd.at("U", T0)?.bids).toEqual([]);
  });
});

describe("recorded-bbo from a folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "spy-bbo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads every session below it in name order, later files winning equal times, markets listed once", () => {
    mkdirSync(join(dir, "b"));
    const other = { slug: "n", upTokenId: "U2", downTokenId: "D2", endDate: "2025-12-22T12:30:00.000Z" };
    writeFileSync(join(dir, "a.json"), session([tick(), tick({ timestampMs: T0 + 1000 })]));
    writeFileSync(join(dir, "b", "c.json"), session([tick({ timestampMs: T0 + 1000, prices: { ...prices, upAsk: 0.45 } }), tick({ market: other })]));
    writeFileSync(join(dir, "notes.txt"), "not a session");
    const v = loadRecordedBbo(dir);
    expect(v.file).toBe(dir);
    expect(v.rows).toBe(4);
    expect(v.issues).toEqual([]);
    expect(v.markets().map((m) => m.slug)).toEqual(["m", "n"]);
    expect(v.size("U")).toBe(2);
    expect(v.at("U", T0 + 1000)?.asks[0]?.price).toBe(0.45);
    expect(v.at("U2", T0)).toBeDefined();
  });

  it("throws naming a file that is not a session", () => {
    const bad = join(dir, "zz-bad.json");
    writeFileSync(bad, '{"hello":1}');
    expect(() => loadRecordedBbo(dir)).toThrow(new RegExp(`zz-bad\\.json: not a recording session`));
    rmSync(bad);
  });
});

describe.skipIf(path === undefined)("a replay over the recorded-bbo books", () => {
  it("fills a copy at the recorded ask of its arrival and says in its report that sizes are assumed", async () => {
    const config = parseConfig({ bankroll: 1000, defaults: { ratio: 1, slippage: 0.05 }, fill: { book: "recorded-bbo", path: path! }, latency: { model: "constant", ms: 500 } });
    const leader = "0x" + "c".repeat(40);
    // a leader BUY of the up token at tick 100's ask (0.62); the copy arrives 500 ms later, at 1766404821496
    const ev: LeaderTradeEvent = {
      eventId: "ev1", leader, kind: "TRADE", conditionId: "0xbtc", tokenId: UP, outcomeIndex: 0, side: "BUY", size: 10, price: 0.62,
      usdcSize: 6.2, ts: 1766404820996, seenAt: 1766404820996, txHash: "0x1", source: "synthetic",
    };
    const books = await booksFromConfig(config);
    const arrivalAsk = books.at(UP, 1766404821496)!.asks[0]!.price;
    const r = await runReplay({ source: arraySource([ev]), config, books });
    expect(r.meta.fillModel).toContain("ASSUMED 200 shares at each touch");
    expect(r.summary.counts.fills).toBe(1);
    expect(r.result.ledger.positions[0]).toMatchObject({ tokenId: UP, shares: 10, avgCost: arrivalAsk });
  });
});

describe("openBookView with fill.book = recorded-bbo", () => {
  it.skipIf(path === undefined)("opens the session folder, with fill.depthShares as the assumed touch size", async () => {
    const v = await openBookView({ ...parseConfig({}).fill, book: "recorded-bbo", path: path! });
    expect(v.name).toBe("recorded-bbo");
    expect(v.issues).toEqual([]);
    expect(v.at(UP, 1766404803118)?.asks).toEqual([{ price: 0.49, size: 200 }]);
    const w = await openBookView({ ...parseConfig({ fill: { depthShares: 75, minOrderSize: 1 } }).fill, book: "recorded-bbo", path: path! });
    expect(w.at(UP, 1766404803118)).toMatchObject({ minSize: 1, asks: [{ price: 0.49, size: 75 }] });
  });

  it("needs fill.path", async () => {
    await expect(openBookView({ ...parseConfig({}).fill, book: "recorded-bbo" })).rejects.toThrow(/fill\.path.*recorded-bbo/);
  });

  it("is a book the config accepts", () => {
    expect(parseConfig({ fill: { book: "recorded-bbo", path: "x" } }).fill.book).toBe("recorded-bbo");
  });
});
