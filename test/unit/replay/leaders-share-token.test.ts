// Two leaders trading one token: each leader's SELL sells only the part of the copy bought for that leader, through
// the real runner (decide sizes against RunAccounting: tracking's per-leader copy positions, the ledger's cash).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { from } from "rxjs";
import { parseConfig, rng, type LeaderTradeEvent } from "../../../src/core/index.js";
import { constantLatency, createLeaderAnchoredBooks, createPaperEngine } from "../../../src/exec/paper/index.js";
import { RunAccounting } from "../../../src/pipeline/accounting.js";
import { Decider, decideFlow } from "../../../src/pipeline/decide.js";
import { drain } from "../../../src/replay/event-stream.js";
import { isExecBatch, paperClock, paperFill, ReplayPaperVenue, type ClockItem, type FlowItem } from "../../../src/replay/flow.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";

const A = "0x" + "a".repeat(40);
const B = "0x" + "b".repeat(40);
const YES = "4242";
let n = 0;
function redeem(leader: string, payout: number, ts: number): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader, kind: "REDEEM", conditionId: "0xc", tokenId: "", outcomeIndex: null, side: null, size: payout, price: 0, usdcSize: payout, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}
function trade(leader: string, side: "BUY" | "SELL", size: number, price: number, ts: number): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader, kind: "TRADE", conditionId: "0xc", tokenId: YES, outcomeIndex: 0, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}

describe("leaders sharing a token", () => {
  // no spread and deep books: every copy fills at the leader's price, so what is held is exactly what decide asked
  const config = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, slippage: 0.05 }, fill: { halfSpread: 0, depthShares: 10_000 }, latency: { model: "constant", ms: 0 } });

  it("a leader selling out sells its own part of the copy, not the other leader's", async () => {
    const evs = [trade(A, "BUY", 100, 0.5, 1000), trade(B, "BUY", 40, 0.5, 2000), trade(B, "SELL", 40, 0.5, 3000)];
    const r = await runReplay({ source: arraySource(evs), config });
    const held = r.result.ledger.positions.find((p) => p.tokenId === YES)?.shares;
    expect(held).toBeCloseTo(50, 9); // A's 0.5 × 100 stays; B's 20 were sold
    expect(r.summary.counts.fills).toBe(3);
    expect(r.summary.attribution.byCause.find((c) => c.cause === "caps")).toBeUndefined(); // every copy was its ideal
    const byLeader = Object.fromEntries(r.result.tracking.map((t) => [t.leader, t]));
    expect(byLeader[A]!.drift.finalAbsDrift).toBeCloseTo(0, 9); // each leader's copy ends at r_u × its position
    expect(byLeader[B]!.drift.finalAbsDrift).toBeCloseTo(0, 9);
  });

  it("a leader selling part sells that fraction of its own part when its part drifted", async () => {
    // B's first copy is capped to $5 (10 shares instead of 20): B's part diverged from 0.5 × B
    const capped = parseConfig({ ...config, leaders: { [B]: { maxCopyNotional: 5 } } });
    const evs = [trade(A, "BUY", 100, 0.5, 1000), trade(B, "BUY", 40, 0.5, 2000), trade(B, "SELL", 10, 0.5, 3000)];
    const r = await runReplay({ source: arraySource(evs), config: capped });
    // B sold a quarter of its 40: the copy sells a quarter of B's 10, and A's 50 are untouched
    expect(r.result.ledger.positions.find((p) => p.tokenId === YES)?.shares).toBeCloseTo(50 + 7.5, 9);
  });

  it("one leader's REDEEM pays out the whole wallet position, and the other leader's part ends with it", async () => {
    const NO = "4343";
    const evs = [
      trade(A, "BUY", 100, 0.5, 1000),
      trade(B, "BUY", 40, 0.5, 2000),
      { ...trade(B, "BUY", 10, 0.5, 2500), tokenId: NO, outcomeIndex: 1 },
      redeem(A, 100, 5000), // A held YES 100 and is paid 100: YES won
      trade(B, "SELL", 40, 0.99, 6000), // B still holds its YES in the data: the market is closed (and the copy has none left)
    ];
    const r = await runReplay({ source: arraySource(evs), config });
    expect(r.summary.counts.mirrorsByAction).toEqual({ REDEEM: 1 });
    expect(r.summary.counts.skipsByReason).toEqual({ MARKET_RESOLVED: 1 });
    // cash: 10,000 − (50 + 20 + 5) × 0.5 paid, + 70 YES shares × 1
    expect(r.result.ledger.cash).toBeCloseTo(10_000 - 37.5 + 70, 9);
    const b = r.result.tracking.find((t) => t.leader === B)!;
    // B's part: paid 20 × 0.5 for YES and 5 × 0.5 for NO, redeemed 20 × 1 → +7.5; it holds nothing any more, like the
    // wallet (B's own position is still open in the data)
    expect(b.copy.pnl).toBeCloseTo(20 - 12.5, 9);
    expect(b.tokens.map((t) => [t.tokenId, t.copyShares, t.leaderShares])).toEqual([[YES, 0, 0], [NO, 0, 10]]);
    const a = r.result.tracking.find((t) => t.leader === A)!;
    expect(a.copy.pnl + b.copy.pnl).toBeCloseTo(r.result.ledger.cash - 10_000, 9); // the parts add up to the wallet
  });

  it("a drift correction and the copy of the same trade together sell no more than the leader's part", async () => {
    // B's SELL of 10 is not copied (below the $3 minimum), so B's part drifts; at B's next SELL the correction and the
    // copy are decided together, before either fills: the second must count what the first will sell
    const cfg = parseConfig({ ...config, defaults: { ...config.defaults, minCopyNotional: 3, driftCorrection: { enabled: true, threshold: 0.1, minShares: 1 } } });
    // (the second SELL at 0.9, so the 5-share correction, $4.50, clears the $3 minimum a correction obeys too)
    const evs = [trade(A, "BUY", 100, 0.5, 1000), trade(B, "BUY", 40, 0.5, 2000), trade(B, "SELL", 10, 0.5, 3000), trade(B, "SELL", 30, 0.9, 4000)];
    const r = await runReplay({ source: arraySource(evs), config: cfg });
    expect(r.result.ledger.positions.find((p) => p.tokenId === YES)?.shares).toBeCloseTo(50, 9); // A's part untouched
    expect(r.summary.counts.intentsByPurpose.correction).toBeGreaterThan(0);
  });

  it("a leader that traded one outcome only has no complete set to merge, whatever the other leaders hold", async () => {
    const NO = "4343";
    const merge = { ...redeem(B, 10, 3000), kind: "MERGE" as const };
    const evs = [trade(A, "BUY", 100, 0.5, 1000), { ...trade(B, "BUY", 40, 0.5, 2000), tokenId: NO, outcomeIndex: 1 }, merge];
    const r = await runReplay({ source: arraySource(evs), config });
    expect(r.summary.counts.skipsByReason).toEqual({ NOTHING_TO_SELL: 1 });
    const held = Object.fromEntries(r.result.ledger.positions.map((p) => [p.tokenId, p.shares]));
    expect(held).toEqual({ [YES]: 50, [NO]: 20 });
  });

  it("keeps every position split into per-leader parts that add up to it, through any mix of trades, merges, splits and redeems (seeded random)", async () => {
    const leaders = ["0xa", "0xb", "0xc"];
    const markets = [["m0", "m0y", "m0n"], ["m1", "m1y", "m1n"]] as const;
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 30 }), async (seed) => {
        const r = rng(seed);
        const cfg = parseConfig({
          seed: 1, bankroll: 10_000,
          defaults: {
            ratio: 0.5, slippage: r.pick([0.02, 0.1]), orderType: r.pick(["GTC", "FAK"] as const),
            netting: { enabled: r.next() < 0.3, windowMs: 500 },
            driftCorrection: { enabled: r.next() < 0.5, threshold: 0.1, minShares: 1, orderType: r.pick(["FOK", "GTC"] as const) },
          },
          fill: { halfSpread: r.pick([0, 0.005]), depthShares: r.pick([5, 50, 10_000]) },
        });
        const evs: LeaderTradeEvent[] = [];
        for (let k = 0, ts = 1000; k < 120; k++) {
          ts += r.int(0, 300);
          const [c, ...toks] = r.pick(markets);
          const oi = r.int(0, 1);
          const base = { eventId: `e${k}`, leader: r.pick(leaders), conditionId: c, ts, seenAt: ts, txHash: `0x${k}`, source: "synthetic" as const };
          const w = r.next();
          if (w < 0.85) {
            const size = r.int(1, 60);
            const price = r.int(20, 80) / 100;
            evs.push({ ...base, kind: "TRADE", tokenId: toks[oi]!, outcomeIndex: oi, side: r.next() < 0.55 ? "BUY" : "SELL", size, price, usdcSize: size * price });
          } else {
            const size = r.int(1, 25);
            evs.push({ ...base, kind: w < 0.91 ? "MERGE" : w < 0.96 ? "SPLIT" : "REDEEM", tokenId: "", outcomeIndex: null, side: null, size, price: 0, usdcSize: size });
          }
        }
        let decider: Decider | undefined;
        const acc = new RunAccounting({ cash: cfg.bankroll, recordSeries: false, netting: cfg.defaults.netting.enabled, leaderBooks: (l) => decider?.leaderBook(l) });
        decider = new Decider(cfg, { holdings: acc });
        const books = createLeaderAnchoredBooks(cfg.fill);
        const engine = createPaperEngine({ books, latency: constantLatency(r.pick([0, 200])), slippage: cfg.defaults.slippage, ...(r.next() < 0.5 ? { gtcTtlMs: 1000 } : {}) });
        const venue = new ReplayPaperVenue(engine, books);
        const check = (where: string) => {
          for (const p of acc.ledger.book.positions()) {
            let parts = 0;
            let reserved = 0;
            for (const l of leaders) {
              const part = acc.tracker.copyShares(l, p.tokenId);
              if (part < -1e-6) problems.push(`seed ${seed} ${where}: ${l}'s part of ${p.tokenId} is ${part}`);
              parts += part;
              reserved += acc.ledger.reservedFor(l, p.tokenId);
            }
            if (Math.abs(parts - p.shares) > 1e-6) problems.push(`seed ${seed} ${where}: parts ${parts} ≠ held ${p.shares} of ${p.tokenId}`);
            if (Math.abs(reserved - acc.ledger.reservedShares(p.tokenId)) > 1e-6) problems.push(`seed ${seed} ${where}: leaders reserve ${reserved} of ${p.tokenId}, the token ${acc.ledger.reservedShares(p.tokenId)}`);
          }
        };
        const sink = (x: FlowItem): void => {
          if (isExecBatch(x)) {
            for (const e of x) acc.onExec(e);
            return check("after exec events");
          }
          if (x.kind === "leader") return acc.onLeaderEvent(x.event, x.duplicate);
          if (x.kind === "resolved") return acc.resolve(x.resolution);
          if (x.kind === "closed") return acc.closeMarket(x.leader, x.conditionId);
          acc.onDecision(x);
          check(`after a ${x.kind}`);
        };
        await drain(from(evs).pipe(paperClock(venue, "random"), decideFlow<ClockItem>(decider), paperFill(venue)), sink);
        if (acc.ledger.openOrders() !== 0) problems.push(`seed ${seed}: ${acc.ledger.openOrders()} orders open at the end`);
      }),
      { seed: 23, numRuns: 150 },
    );
    expect(problems.slice(0, 5)).toEqual([]);
  });
});
