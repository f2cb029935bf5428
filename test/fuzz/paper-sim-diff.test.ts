// Differential test: the paper engine against the sim's matching engine on the same book and orders (seeded, every
// tick): the venue's refusals (amount precision, $1 marketable BUY, min size), kills, fills, cash and taker fees.
// FAK/FOK BUYs are compared on refusals and FAK kills only (the venue's market BUY spends cash; paper buys shares).
import { describe, expect, it } from "vitest";
import { Engine, type OrderInput } from "../../src/sim/engine/engine.js";
import { ERR, VenueError } from "../../src/sim/errors.js";
import { createPaperEngine } from "../../src/exec/paper/engine.js";
import { constantLatency } from "../../src/exec/paper/latency.js";
import { marketOrderAmounts, TICK_SIZES, type TickSize } from "../../src/core/money.js";
import { EXEC_REJECT } from "../../src/core/exec-reasons.js";
import type { Book, BookView } from "../../src/core/book.js";
import type { CopyIntent } from "../../src/core/intent.js";
import type { ExecEvent, FillEvent } from "../../src/core/exec.js";
import { rng } from "../../src/core/rng.js";

const MAKER = "0x" + "a".repeat(40);
const TAKER = "0x" + "b".repeat(40);
type Side = "BUY" | "SELL";
type Type = "FAK" | "FOK" | "GTC";

/**
 * What one order came to, in terms both engines can say: refused (and why), killed, or filled: shares, and the pUSD it
 * moved net of the taker fee (a BUY pays cash + fee, a SELL receives cash − fee).
 */
type Outcome = { k: "refused"; why: string } | { k: "killed" } | { k: "filled"; shares: number; net: number };

/** A venue refusal as the paper engine names it. */
function simWhy(msg: string): string {
  if (msg === ERR.MARKET_BUY_PRECISION || msg === ERR.SELL_PRECISION) return EXEC_REJECT.AMOUNT_PRECISION;
  if (msg.startsWith("invalid amount for a marketable BUY")) return EXEC_REJECT.BELOW_MARKETABLE_MIN;
  if (msg.includes("lower than the minimum")) return EXEC_REJECT.BELOW_MIN_SIZE;
  return msg;
}

/** The order the official client signs for it: a market order (BUY spends size × limit) or a limit order. */
function venueOrder(side: Side, type: Type, size: number, limit: number, tick: TickSize, tokenId: string): OrderInput {
  if (type === "GTC") {
    const shares = Math.round(size * 1e6);
    const cash = Math.round(size * limit * 1e6);
    return { maker: TAKER, tokenId, side, type, makerAmount: side === "BUY" ? cash : shares, takerAmount: side === "BUY" ? shares : cash };
  }
  const a = marketOrderAmounts(side, side === "BUY" ? Number((size * limit).toFixed(6)) : size, limit, tick);
  return { maker: TAKER, tokenId, side, type, makerAmount: a.maker, takerAmount: a.taker };
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

function paperOutcome(evs: ExecEvent[]): Outcome {
  const rej = evs.find((e) => e.type === "rejected");
  if (rej !== undefined && rej.type === "rejected") return { k: "refused", why: rej.reason };
  const fs = evs.filter((e): e is FillEvent => e.type === "fill");
  if (fs.length === 0 && evs.some((e) => e.type === "done")) return { k: "killed" };
  const sign = fs[0]?.side === "SELL" ? -1 : 1;
  return { k: "filled", shares: round6(fs.reduce((s, f) => s + f.size, 0)), net: round6(fs.reduce((s, f) => s + f.size * f.price + sign * f.fee, 0)) };
}

function oneCase(seed: number): { label: string; paper: Outcome[]; sim: Outcome[] } {
  const r = rng(seed);
  const tick = r.pick(TICK_SIZES);
  const t = Number(tick);
  const steps = Math.round(1 / t);
  const fee = r.next() < 0.5 ? undefined : { r: r.pick([0.072, 0.03, 0.05]), e: r.pick([1, 2]) };
  const e = new Engine({ clock: { now: () => 1_800_000_000_000 }, seed: 1 });
  const m = e.createMarket({ tick, minOrderSize: 5, ...(fee ? { fee: { r: fee.r, e: fee.e } } : {}) });
  const tok = m.tokens[0].tokenId;
  for (const a of [MAKER, TAKER]) {
    e.credit(a, 1e7);
    e.split(a, m.conditionId, 1e6);
  }
  // one resting maker order per level, two ticks apart on each side of a random centre
  const centre = r.int(3, steps - 3);
  const bids: { price: number; size: number }[] = [];
  const asks: { price: number; size: number }[] = [];
  for (let i = 0, n = r.int(1, 3); i < n; i++) {
    for (const side of ["SELL", "BUY"] as const) {
      const k = side === "SELL" ? centre + 1 + 2 * i : centre - 1 - 2 * i;
      if (k < 1 || k > steps - 1) continue;
      const price = Number((k * t).toFixed(4));
      const size = r.int(500, 3500) / 100;
      e.placeInternal({ address: MAKER, tokenId: tok, side, price, size, type: "GTC" });
      (side === "SELL" ? asks : bids).push({ price, size });
    }
  }
  const book: Book = { tokenId: tok, ts: 0, bids, asks, tick: t, minSize: 5 };
  const view: BookView = { name: "static", at: () => book };
  const paper = createPaperEngine({ books: view, latency: constantLatency(0), feeRate: () => fee, slippage: 1 });
  // one side per case; BUYs are resting-capable (GTC) when there are several (a FAK/FOK BUY walks the book apart)
  const side: Side = r.next() < 0.5 ? "BUY" : "SELL";
  const nOrders = r.int(1, 3);
  const out = { label: `seed ${seed} tick ${tick} fee ${JSON.stringify(fee)} asks ${JSON.stringify(asks)} bids ${JSON.stringify(bids)}`, paper: [] as Outcome[], sim: [] as Outcome[] };
  for (let j = 0; j < nOrders; j++) {
    const type: Type = side === "BUY" && nOrders > 1 ? "GTC" : r.pick(["FAK", "FOK", "GTC"] as const);
    const size = r.int(1, 5000) / 100;
    const touch = side === "BUY" ? (asks[0]?.price ?? centre * t) : (bids[0]?.price ?? centre * t);
    const k = Math.round(touch / t) + (side === "BUY" ? 1 : -1) * r.int(-1, 3);
    if (k < 1 || k > steps - 1) continue;
    const limit = Number((k * t).toFixed(4));
    out.label += ` | ${side} ${type} ${size} @ ${limit}`;
    const intent: CopyIntent = {
      intentId: `i${j}`, leader: "0xl", tokenId: tok, conditionId: m.conditionId, side, targetShares: size, targetNotional: size * limit, limitPrice: limit,
      orderType: type, slippage: 1, leaderPrice: limit, idealShares: size, ratio: 1, purpose: "copy", sourceEventIds: [`e${j}`], ts: 0, seenAt: 0,
    };
    out.paper.push(paperOutcome(paper.submit(intent)));
    const before = e.balance(TAKER);
    try {
      const res = e.place(venueOrder(side, type, size, limit, tick, tok));
      const shares = Number(res.order.size_matched);
      const moved = round6(Math.abs(e.balance(TAKER) - before) / 1e6);
      out.sim.push(shares === 0 && type !== "GTC" ? { k: "killed" } : { k: "filled", shares, net: moved });
    } catch (err) {
      if (!(err instanceof VenueError)) throw err;
      const why = simWhy(err.message);
      out.sim.push(why === ERR.FOK_NOT_FILLED || why === ERR.FAK_NO_MATCH ? { k: "killed" } : { k: "refused", why });
    }
    // A FAK/FOK BUY is a market order spending size × limit pUSD: cash-denominated at the venue and in the sim, so it
    // takes more shares than paper's `size` below the limit, and a FOK needs that much cash's worth of asks (paper:
    // `size` shares). Only the venue's refusals, and FAK kills, are compared for it.
    const i = out.paper.length - 1;
    if (side === "BUY" && type !== "GTC") {
      for (const o of [out.paper, out.sim]) {
        const x = o[i]!;
        if (x.k === "filled" || (type === "FOK" && x.k === "killed")) o[i] = { k: "filled", shares: NaN, net: NaN };
      }
    }
    // Both refuse an order that breaks the amount precision and the $1 minimum; the sim checks precision first.
    const [p, q] = [out.paper[i]!, out.sim[i]!];
    if (p.k === "refused" && q.k === "refused" && p.why === EXEC_REJECT.BELOW_MARKETABLE_MIN && q.why === EXEC_REJECT.AMOUNT_PRECISION) out.sim[i] = p;
  }
  return out;
}

describe("paper engine vs the sim's matching engine", () => {
  it("same book, same orders: the same refusals, kills, fills, cash and fees (seeded, every tick)", () => {
    const runs = Number(process.env.PAPER_SIM_RUNS ?? 1500);
    let compared = 0;
    for (let s = 1; s <= runs; s++) {
      const c = oneCase(s);
      for (let i = 0; i < c.paper.length; i++) {
        expect(c.paper[i], c.label + ` (order ${i})`).toEqual(c.sim[i]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(runs);
  });
});
