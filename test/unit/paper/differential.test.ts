// Differential test of the paper engine against a naive reference (reference-engine.ts), over every book view:
// per-intent exec events, time order, attribution parts, random latencies.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { constantLatency, uniformLatency, lognormalLatency, type LatencyModel } from "../../../src/exec/paper/latency.js";
import { createSeriesBooks } from "../../../src/replay/books/series.js";
import { createLeaderAnchoredBooks, anchoredBook } from "../../../src/exec/paper/leader-anchored.js";
import { parseRecordedL1 } from "../../../src/replay/books/recorded-l1.js";
import { parseRecordedBbo } from "../../../src/replay/books/recorded-bbo.js";
import { loadParquetBookEvents, writeBookEventsParquet, type BookEventRow } from "../../../src/replay/books/parquet-events.js";
import { inferTick } from "../../../src/replay/books/top-of-book.js";
import { rng, type Rng } from "../../../src/core/rng.js";
import { roundTo } from "../../../src/core/money.js";
import type { Book, BookView } from "../../../src/core/book.js";
import type { CopyIntent } from "../../../src/core/intent.js";
import type { ExecEvent } from "../../../src/core/exec.js";
import { decidedAt } from "../../../src/core/intent.js";
import { intent } from "./fixtures.js";
import { reference, type REv, type RSnap } from "./reference-engine.js";

const T0 = 1_767_225_600_000;
const dir = mkdtempSync(join(tmpdir(), "rev-diff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TOKS = ["U", "D"];

function randLevels(r: Rng, tick: number, from: number, dir: number, max: number): [number, number][] {
  const n = Math.round(1 / tick);
  const out: [number, number][] = [];
  let k = from;
  for (let i = 0; i < r.int(0, max); i++) {
    if (k < 1 || k > n - 1) break;
    out.push([roundTo(k * tick, 6), r.int(1, 2000) / 100]);
    k += dir * r.int(1, 2);
  }
  return out;
}

function randomSnaps(r: Rng, depth: number, tickChoices: number[]): Map<string, RSnap[]> {
  const m = new Map<string, RSnap[]>();
  for (const tok of TOKS) {
    const arr: RSnap[] = [];
    let ts = T0;
    let tick = r.pick(tickChoices);
    for (let k = 0; k < 25; k++) {
      ts += r.int(1, 300);
      if (r.next() < 0.1) tick = r.pick(tickChoices);
      const n = Math.round(1 / tick);
      const mid = r.int(2, n - 2);
      arr.push({ ts, bids: randLevels(r, tick, mid - r.int(0, 2), -1, depth), asks: randLevels(r, tick, mid + 1, 1, depth), tick, minSize: r.pick([0, 5]) });
    }
    m.set(tok, arr);
  }
  return m;
}

const toBook = (tok: string, s: RSnap): Book => ({ tokenId: tok, ts: s.ts, tick: s.tick, minSize: s.minSize, bids: s.bids.map(([price, size]) => ({ price, size })), asks: s.asks.map(([price, size]) => ({ price, size })) });

type Kind = "series" | "anchored" | "l1" | "bbo" | "parquet";

async function makeView(r: Rng, kind: Kind, seed: number): Promise<{ view: BookView; snaps: Map<string, RSnap[]> }> {
  if (kind === "series") {
    const snaps = randomSnaps(r, 4, [0.1, 0.01, 0.001, 0.0001]);
    return { view: createSeriesBooks("s", [...snaps].flatMap(([t, s]) => s.map((b) => toBook(t, b)))), snaps };
  }
  if (kind === "anchored") {
    const depth = r.int(1, 30);
    const levels = r.int(1, 3);
    const halfSpread = r.pick([0, 0.005, 0.02]);
    const tick = r.pick([0.01, 0.001]);
    const v = createLeaderAnchoredBooks({ depthShares: depth, levels, halfSpread, tick });
    const snaps = new Map<string, RSnap[]>(TOKS.map((t) => [t, []]));
    let ts = T0;
    for (let k = 0; k < 50; k++) {
      ts += r.int(1, 200);
      const tok = r.pick(TOKS);
      const price = r.int(1, 99) / 100;
      v.observe({ eventId: `e${k}`, leader: "l", kind: "TRADE", conditionId: "c", tokenId: tok, outcomeIndex: 0, side: "BUY", size: 1, price, usdcSize: 1, ts, seenAt: ts, txHash: "", source: "synthetic" });
      const b = anchoredBook(tok, ts, price, { halfSpread, depthShares: depth, levelTicks: 1, levels, tick, minSize: 5 });
      snaps.get(tok)!.push({ ts, tick, minSize: 5, bids: b.bids.map((l) => [l.price, l.size]), asks: b.asks.map((l) => [l.price, l.size]) });
    }
    return { view: v, snaps };
  }
  if (kind === "l1" || kind === "bbo") {
    // one-level quotes of both outcomes per row; some rows repeat a ts
    const rows: { ts: number; q: Record<string, [number, number, number, number]> }[] = [];
    let ts = T0;
    const touch = 37;
    for (let k = 0; k < 40; k++) {
      if (r.next() < 0.85) ts += r.int(1, 300);
      const q: Record<string, [number, number, number, number]> = {};
      for (const tok of TOKS) {
        const tick = r.pick([0.01, 0.001]);
        const n = Math.round(1 / tick);
        const m = r.int(1, n - 2);
        const bid = r.next() < 0.1 ? 0 : roundTo(m * tick, 4);
        const ask = r.next() < 0.1 ? (kind === "l1" ? 1 : 0) : roundTo((m + r.int(1, 3)) * tick, 4);
        q[tok] = [bid, kind === "bbo" ? touch : r.int(0, 3000) / 100, Math.min(ask, kind === "l1" ? 1 : 0.999), kind === "bbo" ? touch : r.int(0, 3000) / 100];
      }
      rows.push({ ts, q });
    }
    const snaps = new Map<string, RSnap[]>(TOKS.map((t) => [t, []]));
    for (const row of rows) {
      for (const tok of TOKS) {
        const [bid, bs, ask, as] = row.q[tok]!;
        const hasBid = bid > 0 && bid < 1 && bs > 0;
        const hasAsk = ask > 0 && ask < 1 && as > 0;
        const s: RSnap = { ts: row.ts, bids: hasBid ? [[bid, bs]] : [], asks: hasAsk ? [[ask, as]] : [], tick: inferTick([...(hasBid ? [bid] : []), ...(hasAsk ? [ask] : [])]), minSize: 5 };
        const arr = snaps.get(tok)!;
        if (arr.length > 0 && arr[arr.length - 1]!.ts === row.ts) arr[arr.length - 1] = s;
        else arr.push(s);
      }
    }
    if (kind === "l1") {
      const head = "market_slug,up_token_id,up_book_ts,up_bid,up_bid_size,up_ask,up_ask_size,down_token_id,down_book_ts,down_bid,down_bid_size,down_ask,down_ask_size";
      const lines = rows.map((row) => {
        const [ub, ubs, ua, uas] = row.q.U!;
        const [db, dbs, da, das] = row.q.D!;
        return `m,U,${row.ts},${ub},${ubs},${ua},${uas},D,${row.ts},${db},${dbs},${da},${das}`;
      });
      const v = parseRecordedL1([head, ...lines].join("\n"));
      expect(v.issues).toEqual([]);
      return { view: v, snaps };
    }
    const session = {
      sessionId: "x", startTime: "", endTime: "", marketSlug: "m", totalTicks: rows.length,
      ticks: rows.map((row) => ({ timestampMs: row.ts, market: { slug: "m", upTokenId: "U", downTokenId: "D" }, prices: { upBid: row.q.U![0], upAsk: row.q.U![2], downBid: row.q.D![0], downAsk: row.q.D![2] } })),
    };
    const v = parseRecordedBbo(JSON.stringify(session), "<s>", { touchSize: touch });
    expect(v.issues).toEqual([]);
    return { view: v, snaps };
  }
  // parquet: snapshot + deltas, tick changes
  const ev: BookEventRow[] = [];
  const snaps = new Map<string, RSnap[]>();
  for (const tok of TOKS) {
    const arr: RSnap[] = [];
    let ts = T0;
    let tick = 0.01;
    let bids = new Map<number, number>();
    let asks = new Map<number, number>();
    for (let k = 0; k < 25; k++) {
      ts += r.int(1, 300);
      let newTick: number | null = null;
      if (r.next() < 0.15) newTick = tick = r.pick([0.01, 0.001]);
      const n = Math.round(1 / tick);
      if (k === 0 || r.next() < 0.2) {
        bids = new Map();
        asks = new Map();
        const mid = r.int(3, n - 3);
        for (const [p, s] of randLevels(r, tick, mid, -1, 3)) bids.set(p, s);
        for (const [p, s] of randLevels(r, tick, mid + 1, 1, 3)) asks.set(p, s);
        const rowsNow: BookEventRow[] = [...[...bids].map(([p, s]) => ({ side: "BUY" as const, p, s })), ...[...asks].map(([p, s]) => ({ side: "SELL" as const, p, s }))].map((x) => ({ ts, tokenId: tok, side: x.side, price: x.p, size: x.s, kind: "snapshot" as const }));
        if (rowsNow.length === 0) rowsNow.push({ ts, tokenId: tok, side: "BUY", price: 0.5, size: 0, kind: "snapshot" });
        rowsNow[0]!.tick = newTick;
        ev.push(...rowsNow);
      } else {
        for (let j = 0; j < r.int(1, 3); j++) {
          const isBid = r.next() < 0.5;
          const bb = Math.max(0, ...bids.keys());
          const ba = Math.min(1, ...asks.keys());
          // keep uncrossed
          const kk = isBid ? r.int(1, Math.max(1, Math.round(ba / tick) - 1)) : r.int(Math.min(n - 1, Math.round(bb / tick) + 1), n - 1);
          const p = roundTo(kk * tick, 6);
          if (isBid ? p >= ba : p <= bb) continue;
          const s = r.next() < 0.3 ? 0 : r.int(1, 2000) / 100;
          const m = isBid ? bids : asks;
          if (s > 0) m.set(p, s);
          else m.delete(p);
          ev.push({ ts, tokenId: tok, side: isBid ? "BUY" : "SELL", price: p, size: s, kind: "delta", tick: j === 0 ? newTick : null });
        }
        if (ev[ev.length - 1]!.ts !== ts) ev.push({ ts, tokenId: tok, side: "BUY", price: 0.001, size: 0, kind: "delta", tick: newTick });
      }
      arr.push({ ts, tick, minSize: 5, bids: [...bids].sort((a, b) => b[0] - a[0]), asks: [...asks].sort((a, b) => a[0] - b[0]) });
    }
    snaps.set(tok, arr);
  }
  const f = join(dir, `p${seed}.parquet`);
  await writeBookEventsParquet(f, ev);
  const v = await loadParquetBookEvents(f);
  expect(v.issues).toEqual([]);
  return { view: v, snaps };
}

function randomIntents(r: Rng): CopyIntent[] {
  let ts = T0;
  return Array.from({ length: 30 }, (_, i) => {
    ts += r.int(0, 250);
    return intent({
      intentId: `r-${i}`,
      tokenId: r.pick(TOKS),
      side: r.next() < 0.5 ? "BUY" : "SELL",
      orderType: r.pick(["FAK", "FOK", "GTC", "GTD"] as const),
      targetShares: r.int(0, 3000) / 100 + (r.next() < 0.05 ? 0.004 : 0),
      limitPrice: r.int(1, 999) / 1000,
      slippage: r.next() < 0.5 ? undefined : r.int(0, 200) / 1000,
      ts,
      seenAt: ts + (r.next() < 0.3 ? r.int(0, 400) : 0),
    });
  });
}

const norm = (e: ExecEvent): REv => {
  const b: REv = { id: e.intentId, type: e.type, ts: e.ts };
  if (e.type === "accepted") return { ...b, price: e.price, size: e.size };
  if (e.type === "fill") return { ...b, price: e.price, size: e.size, fee: e.fee };
  if (e.type === "rejected") return { ...b, detail: e.reason };
  if (e.type === "done") return { ...b, terminal: e.terminal, filled: e.filledShares, detail: e.terminal === "REJECTED" ? e.detail : undefined };
  return b;
};

function latencyOf(r: Rng, seed: number): LatencyModel {
  const k = r.int(0, 2);
  if (k === 0) return constantLatency(r.pick([0, 1, 250]));
  if (k === 1) return uniformLatency(200, 200, seed);
  return lognormalLatency(300, 400, seed);
}

async function runOne(seed: number, kind: Kind) {
  const r = rng(seed);
  const { view, snaps } = await makeView(r, kind, seed);
  const intents = randomIntents(r);
  const ttl = r.pick([undefined, 100, 700]);
  const fee = r.pick([undefined, { r: 0.02, e: 1 }]);
  const e = createPaperEngine({ books: view, latency: latencyOf(r, seed), slippage: 0.05, ...(ttl !== undefined ? { gtcTtlMs: ttl } : {}), feeRate: () => fee });
  const arrivals = intents.map((i, n) => ({ intent: i, arrival: e.arrivalOf(i), n }));
  for (const a of arrivals) expect(a.arrival).toBeGreaterThanOrEqual(decidedAt(a.intent));
  arrivals.sort((a, b) => a.arrival - b.arrival || a.n - b.n);
  const end = Math.max(...arrivals.map((a) => a.arrival)) + r.pick([0, 500, 5000]);
  const got: ExecEvent[] = [];
  for (const a of arrivals) {
    got.push(...e.advance(a.arrival));
    got.push(...e.submitAt(a.intent, a.arrival));
  }
  got.push(...e.advance(end), ...e.cancelAll(end));
  const want = reference(snaps, arrivals, { slippage: 0.05, ttl, end, fee });
  return { got, want, intents };
}

function compare(got: ExecEvent[], want: REv[], intents: CopyIntent[]) {
  for (const i of intents) {
    const g = got.filter((x) => x.intentId === i.intentId).map(norm);
    const w = want.filter((x) => x.id === i.intentId).map((x) => ({ ...x, detail: x.type === "rejected" || x.terminal === "REJECTED" ? x.detail : undefined }));
    const clean = (a: REv[]) => a.map((x) => JSON.parse(JSON.stringify({ ...x, price: x.price === undefined ? undefined : roundTo(x.price, 8), fee: x.fee === undefined ? undefined : roundTo(x.fee, 8) })));
    expect(clean(g), `intent ${i.intentId} ${JSON.stringify(i)}`).toEqual(clean(w));
  }
}

describe.each(["series", "anchored", "l1", "bbo", "parquet"] as const)("engine vs naive reference over %s", (kind) => {
  it("per-intent events agree (seeded)", async () => {
    const stats = { rest: 0, exp: 0, fok: 0, rej: 0, all: 0 };
    for (let seed = 1; seed <= (kind === "parquet" ? 40 : 300); seed++) {
      const { got, want, intents } = await runOne(seed, kind);
      const acc = new Map(got.filter((x) => x.type === "accepted").map((x) => [x.intentId, x.ts]));
      stats.rest += got.filter((x) => x.type === "fill" && x.ts > acc.get(x.intentId)!).length;
      stats.exp += got.filter((x) => x.type === "done" && x.detail === "EXPIRED").length;
      stats.fok += got.filter((x) => x.type === "done" && x.detail === "FOK_KILLED").length;
      stats.rej += got.filter((x) => x.type === "rejected").length;
      stats.all += got.length;
      try {
        compare(got, want, intents);
      } catch (err) {
        throw new Error(`seed ${seed}: ${(err as Error).message}`);
      }
    }
    console.log(kind, JSON.stringify(stats));
  }, 120_000);
  it("exec events come in non-decreasing ts (seeded)", async () => {
    for (let seed = 1; seed <= (kind === "parquet" ? 40 : 300); seed++) {
      const { got } = await runOne(seed, kind);
      for (let k = 1; k < got.length; k++) if (got[k]!.ts < got[k - 1]!.ts) throw new Error(`seed ${seed}: event ${k} ${JSON.stringify(got[k])} after ${JSON.stringify(got[k - 1])}`);
    }
  }, 120_000);
});

import { Attribution } from "../../../src/pipeline/attribution.js";
import { touchOf } from "../../../src/core/book.js";

describe.each(["series", "anchored", "l1", "bbo"] as const)("attribution of resting copies over %s", (kind) => {
  it("parts sum to the gap; latency = σ·(touch at arrival − touch at leader time)·F, plus resting fills from there", async () => {
    let restingFilled = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const { view } = await makeView(r, kind, seed);
      const intents = randomIntents(r).map((i, k) => ({ ...i, orderType: r.pick(["GTC", "GTD", "FAK"] as const), sourceEventIds: [`s${k}`], idealShares: i.targetShares + r.int(0, 300) / 100, leaderPrice: r.int(1, 99) / 100 }));
      const att = new Attribution({ keepEvents: true });
      const e = createPaperEngine({ books: view, latency: latencyOf(r, seed), slippage: 0.05, gtcTtlMs: 800, onReference: (id, ref) => att.onReference(id, ref) });
      const arr = intents.map((i, n) => ({ intent: i, arrival: e.arrivalOf(i), n })).sort((a, b) => a.arrival - b.arrival || a.n - b.n);
      for (const i of intents) att.onDecision({ kind: "intent", intent: i } as never);
      const evs: ExecEvent[] = [];
      for (const a of arr) {
        evs.push(...e.advance(a.arrival));
        evs.push(...e.submitAt(a.intent, a.arrival));
      }
      const end = arr[arr.length - 1]!.arrival + 2000;
      evs.push(...e.advance(end), ...e.cancelAll(end));
      for (const x of evs) att.onExec(x);
      att.flush();
      for (const ev of att.events()) {
        const sum = Object.values(ev.parts).reduce((s, v) => s + (v ?? 0), 0);
        expect(sum, `seed ${seed} ${ev.eventId}`).toBeCloseTo(ev.gap, 9);
        const k = Number(ev.eventId.slice(1));
        const i = intents[k]!;
        const a = arr.find((x) => x.intent === i)!.arrival;
        if (ev.filledShares === 0) continue;
        const isBuy = i.side === "BUY";
        const R0 = view.at(i.tokenId, i.ts) ? touchOf(view.at(i.tokenId, i.ts)!, isBuy) : undefined;
        const R1 = touchOf(view.at(i.tokenId, a)!, isBuy);
        if (R0 === undefined || R1 === undefined) continue;
        const sigma = isBuy ? 1 : -1;
        // fills after arrival are the resting order's maker fills: their move from R1 is latency (the wait), not slippage
        const fills = evs.filter((x): x is Extract<ExecEvent, { type: "fill" }> => x.intentId === i.intentId && x.type === "fill");
        const rest = fills.filter((f) => f.ts > a).reduce((s, f) => s + f.size * (f.price - R1), 0);
        // an order priced out at arrival (touch beyond its limit): its unfilled shares are latency, or spread when the
        // touch at leader time was beyond the limit too
        const limit = (evs.find((x) => x.intentId === i.intentId && x.type === "accepted") as { price: number }).price;
        const unfilled = (i.targetShares - ev.filledShares) * i.leaderPrice;
        const out = sigma * (R1 - limit) > 1e-9;
        const outAtLeader = out && sigma * (R0 - limit) > 1e-9;
        expect(ev.parts.latency ?? 0, `seed ${seed} ${ev.eventId}`).toBeCloseTo(sigma * ((R1 - R0) * ev.filledShares + rest) + (out && !outAtLeader ? unfilled : 0), 9);
        expect(ev.parts.spread ?? 0).toBeCloseTo(sigma * (R0 - i.leaderPrice) * ev.filledShares + (outAtLeader ? unfilled : 0), 9);
        expect(ev.parts.slippage ?? 0).toBeCloseTo(sigma * (ev.filledNotional - R1 * ev.filledShares - rest), 9);
        if (fills.some((f) => f.ts > a)) restingFilled++;
      }
    }
    expect(restingFilled).toBeGreaterThan(50);
  }, 120_000);
});

import { paperExecutor } from "../../../src/exec/paper/executor.js";
import { from, lastValueFrom, toArray } from "rxjs";

describe.each(["series", "l1"] as const)("paperExecutor vs the direct engine over %s", (kind) => {
  it("same per-intent events, all intents end once (random latencies: out-of-order and same-ms arrivals)", async () => {
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      const { view, snaps } = await makeView(r, kind, seed);
      const intents = randomIntents(r).map((i) => ({ ...i, seenAt: i.ts }));
      const lat = latencyOf(r, seed);
      const H = r.pick([0, 700]);
      const ex = paperExecutor({ books: view, latency: lat, slippage: 0.05, gtcTtlMs: 900, endHorizonMs: H });
      const got = await lastValueFrom(ex(from(intents), { mode: "paper" }).pipe(toArray()));
      const e = createPaperEngine({ books: view, latency: lat.fork!(), slippage: 0.05, gtcTtlMs: 900 });
      const arr = intents.map((i, n) => ({ intent: i, arrival: e.arrivalOf(i), n })).sort((a, b) => a.arrival - b.arrival || a.n - b.n);
      const end = arr[arr.length - 1]!.arrival + H;
      const want = reference(snaps, arr, { slippage: 0.05, ttl: 900, end });
      try {
        compare(got, want, intents);
      } catch (err) {
        throw new Error(`seed ${seed}: ${(err as Error).message}`);
      }
      for (let k = 1; k < got.length; k++) expect(got[k]!.ts, `seed ${seed}`).toBeGreaterThanOrEqual(got[k - 1]!.ts);
    }
  }, 120_000);
});
