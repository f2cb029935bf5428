// decide: every guardrail, both sizing modes, netting, inventory constraints, mirrors, drift correction.
// Builds events by hand so each test states the one behaviour it checks.
import { describe, expect, it } from "vitest";
import { from, lastValueFrom, toArray } from "rxjs";
import { CopyIntentSchema, parseConfig, takerFeeBound, type ConfigInput, type Decision, type Holdings, type LeaderTradeEvent, type Skip } from "../../../src/core/index.js";
import { Decider, decide, decideFlow } from "../../../src/pipeline/decide.js";

const L = "0x" + "1ead".repeat(10); // a wallet: config keys leaders by address
const YES = "111";
const NO = "222";
const MKT = "0xmarket";
let n = 0;
function trade(side: "BUY" | "SELL", size: number, price: number, o: Partial<LeaderTradeEvent> = {}): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader: L, kind: "TRADE", conditionId: MKT, tokenId: YES, outcomeIndex: 0, side, size, price, usdcSize: size * price, ts: 1_000 * n, seenAt: 1_000 * n, txHash: `0x${n}`, source: "synthetic", ...o };
}
function market(kind: "MERGE" | "REDEEM" | "SPLIT" | "CONVERSION", size: number): LeaderTradeEvent {
  n++;
  return { eventId: `ev${n}`, leader: L, kind, conditionId: MKT, tokenId: "", outcomeIndex: null, side: null, size, price: 0, usdcSize: size, ts: 1_000 * n, seenAt: 1_000 * n, txHash: `0x${n}`, source: "synthetic" };
}
function run(cfg: ConfigInput, evs: LeaderTradeEvent[], holdings?: Holdings): Decision[] {
  const d = new Decider(parseConfig(cfg), { holdings });
  return [...evs.flatMap((e) => d.step(e)), ...d.flush()];
}
const intents = (ds: Decision[]) => ds.flatMap((d) => (d.kind === "intent" ? [d.intent] : []));
const skips = (ds: Decision[]) => ds.filter((d): d is Skip => d.kind === "skip");
const big = { defaults: { ratio: 1, maxBankrollPct: 1 }, bankroll: 1_000_000 };

describe("decide guardrails", () => {
  it("copies a BUY at r_u with a slippage guardrail snapped down to the tick", () => {
    const [i] = intents(run({ defaults: { ratio: 0.5, slippage: 0.03 } }, [trade("BUY", 100, 0.5)]));
    expect(i!.targetShares).toBe(50);
    expect(i!.limitPrice).toBe(0.51); // 0.515 floored to 0.01
    expect(i!.idealShares).toBe(50);
    expect(i!.orderType).toBe("FAK");
  });
  it("keeps a SELL's guardrail in the venue band: a leader exit above 1 - tick asks the band's top", () => {
    const cfg = { ...big, defaults: { ...big.defaults, slippage: 0, priceCap: 1 } };
    const ds = run(cfg, [trade("BUY", 10, 0.9), trade("SELL", 10, 0.995), trade("SELL", 5, 0.001)], { cash: () => 1e6, shares: () => 10 });
    const [, sell, low] = intents(ds);
    expect(sell!.limitPrice).toBe(0.99); // 0.995 snapped up to 1.00 is no price; 0.99 is the highest ask the venue takes
    expect(low!.limitPrice).toBe(0.01);
    for (const i of intents(ds)) expect(CopyIntentSchema.safeParse(i).success, `${i.side} @ ${i.limitPrice}`).toBe(true);
  });
  it("skips BUYs above the price cap (default 0.97) but not at it", () => {
    const ds = run(big, [trade("BUY", 10, 0.98), trade("BUY", 10, 0.97)]);
    expect(skips(ds).map((s) => s.reason)).toEqual(["PRICE_CAP"]);
    expect(intents(ds)).toHaveLength(1);
  });
  it("skips leader notional below min and above max", () => {
    const ds = run({ ...big, defaults: { ...big.defaults, minLeaderNotional: 5, maxLeaderNotional: 100 } }, [trade("BUY", 9, 0.5), trade("BUY", 300, 0.5), trade("BUY", 20, 0.5)]);
    expect(skips(ds).map((s) => s.reason)).toEqual(["LEADER_NOTIONAL_BELOW_MIN", "LEADER_NOTIONAL_ABOVE_MAX"]);
    expect(intents(ds)).toHaveLength(1);
  });
  it("clips above max copy notional and skips below min copy notional", () => {
    const ds = run({ ...big, defaults: { ...big.defaults, maxCopyNotional: 10, minCopyNotional: 2 } }, [trade("BUY", 100, 0.5), trade("BUY", 2, 0.5)]);
    expect(intents(ds)[0]!.targetShares).toBe(20);
    expect(skips(ds)[0]!.reason).toBe("COPY_NOTIONAL_BELOW_MIN");
  });
  it("clips to the max % of bankroll per trade, measured at the order's limit (the most it may pay)", () => {
    const [i] = intents(run({ bankroll: 100, defaults: { ratio: 1, maxBankrollPct: 0.1 } }, [trade("BUY", 100, 0.5)]));
    expect(i!.limitPrice).toBe(0.51); // the leader's 0.5 plus the 2 % slippage
    // at most $10 even if it fills at its limit, and no 0.01 share less than that allows
    expect(i!.targetShares * i!.limitPrice).toBeLessThanOrEqual(10);
    expect((i!.targetShares + 0.01) * i!.limitPrice).toBeGreaterThan(10);
  });
  it("never spends cash it does not have", () => {
    const holdings: Holdings = { cash: () => 3, shares: () => 0 };
    const [i] = intents(run(big, [trade("BUY", 100, 0.5)], holdings));
    expect(i!.targetShares * i!.limitPrice).toBeLessThanOrEqual(3);
    const ds = run(big, [trade("BUY", 100, 0.5)], { cash: () => 0, shares: () => 0 });
    expect(skips(ds)[0]!.reason).toBe("INSUFFICIENT_CASH");
    const low = run(big, [trade("BUY", 100, 0.5)], { cash: () => 0.5, shares: () => 0 });
    expect(skips(low)[0]!.reason).toBe("INSUFFICIENT_CASH"); // the clip to $0.50 leaves no valid order
  });
  it("never sells more than the copy holds, and skips when it holds nothing", () => {
    const holdings: Holdings = { cash: () => 1000, shares: () => 4 };
    const d = new Decider(parseConfig(big), { holdings });
    d.step(trade("BUY", 10, 0.5));
    const [s] = d.step(trade("SELL", 10, 0.6));
    expect(s!.kind === "intent" && s!.intent.targetShares).toBe(4);
    const ds = run(big, [trade("SELL", 10, 0.5)], { cash: () => 1000, shares: () => 0 });
    expect(skips(ds)[0]!.reason).toBe("NOTHING_TO_SELL");
  });
  it("sizes a leader's SELL, MERGE and drift correction on that leader's part of the position only", () => {
    // the copy holds 50 YES and 50 NO for leader A, 10 YES and 10 NO for leader B (60/60 in all)
    const part: Record<string, number> = { [`${L}|${YES}`]: 50, [`${L}|${NO}`]: 50, [`0xb|${YES}`]: 10, [`0xb|${NO}`]: 10 };
    const holdings: Holdings = { cash: () => 1e6, shares: () => 60, leaderShares: (l, t) => part[`${l}|${t}`] ?? 0 };
    const cfg = { ...big, defaults: { ...big.defaults, driftCorrection: { enabled: true, threshold: 0.1, minShares: 1 } } };
    const d = new Decider(parseConfig(cfg), { holdings });
    const B = { leader: "0xb" };
    d.step(trade("BUY", 10, 0.5, B));
    d.step(trade("BUY", 10, 0.5, { ...B, tokenId: NO, outcomeIndex: 1 }));
    // B sells all it has: the copy sells B's 10, not 60 (nor a fraction of A's 50); no correction (B's part is on target)
    expect(intents(d.step(trade("SELL", 10, 0.6, B))).map((i) => [i.purpose, i.targetShares])).toEqual([["copy", 10]]);
    // B merges 5 of its 10 sets: the copy merges half of B's sets (5), not half of 60
    d.step(trade("BUY", 10, 0.5, B)); // (the stub's parts do not move; B's book is 10/10 again)
    const [m] = d.step({ ...market("MERGE", 5), ...B });
    expect(m).toMatchObject({ kind: "mirror", action: "MERGE", shares: 5 });
    // A trades for the first time: its part (50) is far from r_u × 0 → a correction sells A's 50, not 60; the copy's
    // BUY of 4 is offset against it (no BUY of shares sold at the same ms): the correction sells 46
    const ds = d.step(trade("BUY", 4, 0.5));
    expect(intents(ds).map((i) => [i.purpose, i.side, i.targetShares])).toEqual([["correction", "SELL", 46]]);
    expect(skips(ds).map((x) => x.reason)).toEqual(["NETTED"]);
  });
  it("copies a SELL as the same fraction of the copy's position when positions diverged", () => {
    const holdings: Holdings = { cash: () => 1000, shares: () => 30 }; // r_u × leader would be 100
    const d = new Decider(parseConfig(big), { holdings });
    d.step(trade("BUY", 100, 0.5));
    const [s] = d.step(trade("SELL", 25, 0.6)); // leader sells 25 %
    expect(s!.kind === "intent" && s!.intent.targetShares).toBe(7.5);
  });
  it("skips resting orders below the venue min size and marketable BUYs below $1", () => {
    const gtc = run({ ...big, defaults: { ...big.defaults, ratio: 0.1, orderType: "GTC" } }, [trade("BUY", 40, 0.5)]);
    expect(skips(gtc)[0]!.reason).toBe("BELOW_VENUE_MIN_SIZE");
    const fak = run({ ...big, defaults: { ...big.defaults, ratio: 0.1 } }, [trade("BUY", 15, 0.5)]);
    expect(skips(fak)[0]!.reason).toBe("BELOW_MARKETABLE_MIN");
  });
  it("skips sizes that round to zero at 0.01 shares", () => {
    const ds = run({ ...big, defaults: { ...big.defaults, ratio: 0.0001 } }, [trade("BUY", 10, 0.5)]);
    expect(skips(ds)[0]!.reason).toBe("ROUNDS_TO_ZERO");
  });
  it("honours leader off, kill switch and duplicates", () => {
    expect(skips(run({ ...big, leaders: { [L]: { state: "off" } } }, [trade("BUY", 10, 0.5)]))[0]!.reason).toBe("LEADER_OFF");
    expect(skips(run({ ...big, killSwitch: true }, [trade("BUY", 10, 0.5)]))[0]!.reason).toBe("KILL_SWITCH");
    const e = trade("BUY", 10, 0.5);
    const ds = run(big, [e, { ...e }]);
    expect(intents(ds)).toHaveLength(1);
    expect(skips(ds)[0]!.reason).toBe("DUPLICATE");
  });
  it("a per-leader override applies to that leader only", () => {
    const cfg = { ...big, leaders: { ["0x" + "AB".repeat(20)]: { ratio: 0.5 } } };
    const [a] = intents(run(cfg, [trade("BUY", 10, 0.5)]));
    const [b] = intents(run(cfg, [trade("BUY", 10, 0.5, { leader: "0x" + "ab".repeat(20) })]));
    expect(a!.targetShares).toBe(10);
    expect(b!.targetShares).toBe(5);
  });
});

describe("sizing modes", () => {
  it("FIXED_RATE uses the constant r_u", () => {
    const is = intents(run({ bankroll: 1e6, defaults: { ratio: 0.2, maxBankrollPct: 1 } }, [trade("BUY", 100, 0.5), trade("BUY", 1000, 0.5)]));
    expect(is.map((i) => i.ratio)).toEqual([0.2, 0.2]);
  });
  it("BUDGETED_DYNAMIC sets r_u = clamp(B_u / E_u, r_min, r_max) from the leader's exposure", () => {
    const cfg = { bankroll: 1e6, defaults: { sizing: "BUDGETED_DYNAMIC" as const, budget: 100, ratioMin: 0.01, ratioMax: 0.5, maxBankrollPct: 1 } };
    const is = intents(run(cfg, [trade("BUY", 100, 0.5), trade("BUY", 1000, 0.5), trade("BUY", 100_000, 0.5)]));
    expect(is[0]!.ratio).toBe(0.5); // E_u = 50 → 2, clamped to r_max
    expect(is[1]!.ratio).toBeCloseTo(100 / 550, 9);
    expect(is[2]!.ratio).toBe(0.01); // E_u huge → clamped to r_min
  });
});

describe("netting", () => {
  it("is off by default", () => {
    expect(intents(run(big, [trade("BUY", 10, 0.5), trade("SELL", 4, 0.5)], { cash: () => 1e6, shares: () => 1e6 }))).toHaveLength(2);
  });
  it("nets one leader's same-token deltas in a window into one intent carrying all source ids", () => {
    const cfg = { ...big, defaults: { ...big.defaults, netting: { enabled: true, windowMs: 10_000 } } };
    const a = trade("BUY", 10, 0.5);
    const b = trade("BUY", 6, 0.6);
    const c = trade("SELL", 4, 0.55);
    const late = trade("BUY", 3, 0.5, { ts: a.ts + 60_000 });
    const ds = run(cfg, [a, b, c, late], { cash: () => 1e6, shares: () => 100 });
    const is = intents(ds);
    expect(is).toHaveLength(2);
    expect(is[0]!.sourceEventIds).toEqual([a.eventId, b.eventId, c.eventId]);
    expect(is[0]!.side).toBe("BUY");
    expect(is[0]!.targetShares).toBe(12);
    expect(is[0]!.leaderPrice).toBeCloseTo((10 * 0.5 + 6 * 0.6) / 16, 9);
    expect(is[1]!.sourceEventIds).toEqual([late.eventId]);
  });
  it("a window that nets to zero becomes one NETTED skip", () => {
    const cfg = { ...big, defaults: { ...big.defaults, netting: { enabled: true, windowMs: 10_000 } } };
    const ds = run(cfg, [trade("BUY", 5, 0.5), trade("SELL", 5, 0.5)], { cash: () => 1e6, shares: () => 100 });
    expect(intents(ds)).toHaveLength(0);
    expect(skips(ds).map((s) => [s.reason, s.sourceEventIds.length])).toEqual([["NETTED", 2]]);
  });
});

describe("resolved markets", () => {
  const settled = { kind: "resolved" as const, resolution: { conditionId: MKT, winningTokenId: YES, ts: 0 } };
  it("skips trades in a market once its resolution passed through the stream, and only there", async () => {
    const before = trade("BUY", 10, 0.5);
    const after = trade("BUY", 10, 0.9);
    const elsewhere = trade("BUY", 10, 0.5, { conditionId: "0xother", tokenId: "333" });
    const d = new Decider(parseConfig(big));
    const items = await lastValueFrom(from([before, settled, after, elsewhere]).pipe(decideFlow(d), toArray()));
    const ds = items.filter((x): x is Extract<Decision, { kind: "intent" | "skip" }> => x.kind === "intent" || x.kind === "skip");
    expect(ds.map((x) => (x.kind === "skip" ? x.reason : x.intent.sourceEventIds[0]))).toEqual([before.eventId, "MARKET_RESOLVED", elsewhere.eventId]);
    const skip = skips(ds)[0]!;
    expect(skip).toMatchObject({ sourceEventIds: [after.eventId], idealShares: 10, leaderPrice: 0.9 });
    expect(skip.detail).toContain("resolved (winner 111)");
    expect(items).toContainEqual(settled); // the item goes on downstream (accounting settles the copy)
    expect(d.leaderBook(L)!.shares(YES)).toBe(20); // the leader's own trade still counts in its book
  });
  it("skips a netting window that ended before its market resolved but was still undecided, saying so", () => {
    const d = new Decider(parseConfig({ ...big, defaults: { ...big.defaults, netting: { enabled: true, windowMs: 10_000 } } }));
    const a = trade("BUY", 10, 0.5);
    d.step(a);
    d.marketResolved({ ...settled.resolution, ts: a.ts + 30_000 }); // after the window's end (a.ts + 10 s)
    const ds = d.step(trade("BUY", 10, 0.5, { conditionId: "0xother", tokenId: "333", ts: a.ts + 40_000 }));
    expect(skips(ds).map((x) => [x.reason, x.sourceEventIds])).toEqual([["MARKET_RESOLVED", [a.eventId]]]);
    expect(skips(ds)[0]!.detail).toContain("after the netting window ended");
  });
  it("skips a SPLIT in a resolved market (sets bought after the payout)", () => {
    const d = new Decider(parseConfig(big));
    d.step(trade("BUY", 10, 0.5));
    d.step(trade("BUY", 10, 0.4, { tokenId: NO, outcomeIndex: 1 }));
    d.marketResolved(settled.resolution);
    expect(d.step(market("SPLIT", 10))[0]).toMatchObject({ kind: "skip", reason: "MARKET_RESOLVED" });
  });
  it("skips a netting window still open when its market resolved", () => {
    const d = new Decider(parseConfig({ ...big, defaults: { ...big.defaults, netting: { enabled: true, windowMs: 10_000 } } }));
    const a = trade("BUY", 10, 0.5);
    expect(d.step(a)).toEqual([]);
    d.marketResolved(settled.resolution);
    const ds = [...d.step(trade("BUY", 10, 0.5, { conditionId: "0xother", tokenId: "333", ts: a.ts + 20_000 })), ...d.flush()];
    expect(skips(ds).map((x) => [x.reason, x.sourceEventIds])).toEqual([["MARKET_RESOLVED", [a.eventId]]]);
    expect(intents(ds).map((i) => i.tokenId)).toEqual(["333"]);
  });
});

describe("drift correction with netting", () => {
  const cfg = { ...big, defaults: { ...big.defaults, netting: { enabled: true, windowMs: 5_000 }, driftCorrection: { enabled: true, threshold: 0.1, minShares: 1 } } };
  // nothing fills during a step: the copy holds what the stub says (0), decide must count its own pending intents
  const nothingYet: Holdings = { cash: () => 1e6, shares: () => 0, leaderShares: () => 0 };
  it("does not buy again what the leader's open window holds back", () => {
    const d = new Decider(parseConfig(cfg), { holdings: nothingYet });
    const a = trade("BUY", 100, 0.5, { ts: 1_000 });
    expect(d.step(a)).toEqual([]);
    expect(d.step(trade("BUY", 50, 0.5, { ts: 2_000 }))).toEqual([]); // inside the window: no correction
    expect(intents(d.flush()).map((i) => [i.purpose, i.targetShares])).toEqual([["copy", 150]]);
  });
  it("counts a batch closed earlier in the same step as bought", () => {
    const d = new Decider(parseConfig(cfg), { holdings: nothingYet });
    d.step(trade("BUY", 100, 0.5, { ts: 1_000 }));
    const ds = d.step(trade("BUY", 50, 0.5, { ts: 10_000 })); // closes the first window, opens another
    expect(intents(ds).map((i) => [i.purpose, i.targetShares])).toEqual([["copy", 100]]);
  });
});

describe("mirrors and drift correction", () => {
  it("mirrors MERGE in proportion and REDEEM with the inferred winner", () => {
    const d = new Decider(parseConfig(big));
    d.step(trade("BUY", 10, 0.5));
    d.step(trade("BUY", 10, 0.4, { tokenId: NO, outcomeIndex: 1 }));
    const [m] = d.step(market("MERGE", 5));
    expect(m).toMatchObject({ kind: "mirror", action: "MERGE", shares: 5, tokenIds: [YES, NO] });
    d.step(trade("BUY", 7, 0.9));
    const [r] = d.step(market("REDEEM", 12)); // leader holds YES 12, NO 5: payout 12 → YES won
    expect(r).toMatchObject({ kind: "mirror", action: "REDEEM", winningTokenId: YES });
  });
  it("a MERGE whose copy share rounds to 0 says the copy's complete sets are the cause, not r_u", () => {
    // the copy holds 0.015 complete sets; the leader merges 1 of its 100: the copy's part, 0.00015 sets, is below 0.01
    const holdings: Holdings = { cash: () => 1e6, shares: () => 0.015 };
    const ds = run({ ...big, defaults: { ratio: 0.5, maxBankrollPct: 1 } }, [trade("BUY", 100, 0.5), trade("BUY", 100, 0.4, { tokenId: NO, outcomeIndex: 1 }), market("MERGE", 1)], holdings);
    const merge = skips(ds).find((x) => x.sourceEventIds.length === 1 && x.side === null)!;
    expect([merge.reason, merge.detail]).toEqual(["ROUNDS_TO_ZERO", "the copy's part of this MERGE of 1 sets (it holds 0.0150 complete sets) rounds to 0 at 0.01"]);
  });
  it("skips a SPLIT in a market where the leader's copy has seen only one outcome token", () => {
    const d = new Decider(parseConfig(big));
    d.step(trade("BUY", 10, 0.5));
    const [s] = d.step(market("SPLIT", 10));
    expect(s).toMatchObject({ kind: "skip", reason: "UNKNOWN_MARKET" });
    d.step(trade("BUY", 10, 0.4, { tokenId: NO, outcomeIndex: 1 }));
    expect(d.step(market("SPLIT", 10))[0]).toMatchObject({ kind: "mirror", action: "SPLIT", shares: 10, tokenIds: [YES, NO] });
  });
  it("skips MERGE in a market never traded and CONVERSION", () => {
    const ds = run(big, [market("MERGE", 5), market("CONVERSION", 1)]);
    expect(skips(ds).map((s) => s.reason)).toEqual(["UNKNOWN_MARKET", "UNSUPPORTED_ACTIVITY"]);
  });
  it("emits a FOK correction when the copy drifted beyond the threshold (off by default)", () => {
    const holdings: Holdings = { cash: () => 1e6, shares: () => 0 }; // the copy got nothing so far
    const cfg = { ...big, defaults: { ...big.defaults, driftCorrection: { enabled: true, threshold: 0.1, minShares: 1 } } };
    const d = new Decider(parseConfig(cfg), { holdings });
    d.step(trade("BUY", 10, 0.5));
    const ds = d.step(trade("BUY", 10, 0.5));
    const is = intents(ds);
    expect(is.map((i) => [i.purpose, i.orderType, i.targetShares])).toEqual([
      ["correction", "FOK", 10],
      ["copy", "FAK", 10],
    ]);
    expect(intents(run(big, [trade("BUY", 10, 0.5), trade("BUY", 10, 0.5)], holdings)).every((i) => i.purpose === "copy")).toBe(true);
  });
  it("a correction is bounded like a copy: none below the min copy notional, none at an event the leader filters drop", () => {
    const holdings: Holdings = { cash: () => 1e6, shares: () => 0 };
    const dc = { enabled: true, threshold: 0.1, minShares: 1 };
    const small = new Decider(parseConfig({ ...big, defaults: { ...big.defaults, minCopyNotional: 5, driftCorrection: dc } }), { holdings });
    small.step(trade("BUY", 6, 0.5)); // $3 < $5: skipped, drift 6
    expect(intents(small.step(trade("BUY", 6, 0.5)))).toEqual([]); // a $3 correction is no more allowed than the copy
    const filtered = new Decider(parseConfig({ ...big, defaults: { ...big.defaults, minLeaderNotional: 50, driftCorrection: dc } }), { holdings });
    filtered.step(trade("BUY", 20, 0.5)); // leader $10 < $50: skipped
    expect(intents(filtered.step(trade("BUY", 20, 0.5)))).toEqual([]);
  });
  it("a resting (GTC) correction below the market's minimum size is not sent: the venue would refuse it", () => {
    const holdings: Holdings = { cash: () => 1e6, shares: () => 0 };
    const dc = { enabled: true, threshold: 0.1, minShares: 1, orderType: "GTC" as const };
    const d = new Decider(parseConfig({ ...big, defaults: { ...big.defaults, driftCorrection: dc } }), { holdings });
    d.step(trade("BUY", 3, 0.5)); // the copy holds 0 of the leader's 3: drift 3 shares, under the minimum of 5
    expect(intents(d.step(trade("BUY", 3, 0.5))).map((i) => i.purpose)).toEqual(["copy"]);
    const big6 = new Decider(parseConfig({ ...big, defaults: { ...big.defaults, driftCorrection: dc } }), { holdings });
    big6.step(trade("BUY", 6, 0.5)); // drift 6 ≥ 5: the GTC correction goes
    expect(intents(big6.step(trade("BUY", 6, 0.5))).map((i) => [i.purpose, i.orderType, i.targetShares])).toEqual([
      ["correction", "GTC", 6],
      ["copy", "FAK", 6],
    ]);
  });
  it("a correction is bounded like a copy: never above the price cap, clipped to the max copy notional", () => {
    const holdings: Holdings = { cash: () => 1e6, shares: () => 0 };
    const dc = { enabled: true, threshold: 0.1, minShares: 1 };
    const capped = new Decider(parseConfig({ ...big, defaults: { ...big.defaults, driftCorrection: dc } }), { holdings });
    capped.step(trade("BUY", 100, 0.98)); // skipped above the 0.97 cap: the copy holds nothing
    expect(intents(capped.step(trade("BUY", 1, 0.99)))).toEqual([]); // no correction through the cap
    const clipped = new Decider(parseConfig({ ...big, defaults: { ...big.defaults, maxCopyNotional: 10, driftCorrection: dc } }), { holdings });
    clipped.step(trade("BUY", 100, 0.5));
    const is = intents(clipped.step(trade("BUY", 10, 0.5)));
    expect(is.map((i) => [i.purpose, i.targetShares])).toEqual([
      ["correction", 20], // $10 / 0.5, not the 100 shares drifted
      ["copy", 10],
    ]);
  });
});

describe("determinism", () => {
  it("the operator gives identical decisions and idempotency keys on two runs", async () => {
    const evs = Array.from({ length: 200 }, (_, k) => trade(k % 3 === 0 ? "SELL" : "BUY", 1 + (k % 17), 0.1 + (k % 80) / 100));
    const once = () => lastValueFrom(from(evs).pipe(decide(parseConfig(big)), toArray()));
    expect(await once()).toEqual(await once());
  });
});

describe("the limit that clipped a BUY is the reason when what is left is no valid order", () => {
  it("the bankroll % cap: BANKROLL_CAP, not the size check that fails", () => {
    const ds = run({ bankroll: 10, defaults: { ratio: 1, maxBankrollPct: 0.05 } }, [trade("BUY", 100, 0.5)]);
    expect(skips(ds).map((x) => [x.reason, x.detail])).toEqual([["BANKROLL_CAP", "clipped to the bankroll % cap, $0.50: marketable BUY $0.4998 < $1"]]);
  });

  it("cash: a BUY clipped to the cash left is checked against the min copy notional again (INSUFFICIENT_CASH)", () => {
    const ds = run({ bankroll: 1000, defaults: { ratio: 1, maxBankrollPct: 1, minCopyNotional: 5 } }, [trade("BUY", 1956, 0.5), trade("BUY", 100, 0.5)]);
    expect(intents(ds)).toHaveLength(1); // the first spends all but ~$2.44
    expect(skips(ds).map((x) => x.reason)).toEqual(["INSUFFICIENT_CASH"]);
    expect(skips(ds)[0]!.detail).toMatch(/^clipped to the cash, \$2\.44: copy notional \$[\d.]+ < min \$5$/);
  });
});

describe("decide on its own holdings (no ledger)", () => {
  it("with taker fees, never plans to spend more than the bankroll, fees included", () => {
    const fee = { r: 0.25, e: 1 };
    const d = new Decider(parseConfig({ bankroll: 100, defaults: { ratio: 1, maxBankrollPct: 1 } }), { feeRateOf: () => fee });
    const ds = [trade("BUY", 500, 0.5), trade("BUY", 500, 0.5), trade("BUY", 20, 0.5)].flatMap((e) => d.step(e));
    const spent = intents(ds).reduce((s, i) => s + i.targetShares * i.limitPrice + takerFeeBound(i.targetShares, i.limitPrice, fee), 0);
    expect(intents(ds).length).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(100 + 1e-9);
  });
});

describe("SPLIT after a REDEEM", () => {
  it("is skipped MARKET_RESOLVED once the copy redeemed the market, mirrored when the REDEEM named no winner", () => {
    const mk = (payout: number) => {
      const d = new Decider(parseConfig({ ...big, defaults: { ...big.defaults, ratio: 0.1 } }));
      const ev = [trade("BUY", 100, 0.5), trade("BUY", 60, 0.5, { tokenId: NO }), { ...market("REDEEM", payout), usdcSize: payout }, market("SPLIT", 50)];
      return ev.flatMap((e) => d.step(e)).slice(2);
    };
    // the leader holds 100 YES and 60 NO: a payout of 100 says YES won (the leader book infers it); 37 names none
    expect(mk(100).map((x) => (x.kind === "skip" ? x.reason : x.kind))).toEqual(["mirror", "MARKET_RESOLVED"]);
    expect(mk(37).map((x) => (x.kind === "skip" ? x.reason : x.kind))).toEqual(["mirror", "mirror"]);
  });
});

describe("netting closed by a clock", () => {
  it("sizes a SELL batch on the leader's position before its trades, though a trade at the window's end came first", () => {
    const out: Record<string, number[]> = {};
    for (const clock of [false, true]) {
      const d = new Decider(parseConfig({ bankroll: 1e6, defaults: { ratio: 0.1, maxBankrollPct: 1, netting: { enabled: true, windowMs: 5000 } } }));
      if (clock) d.useClock();
      const ds = [...d.step(trade("BUY", 100, 0.5, { ts: 0, seenAt: 0 })), ...(clock ? d.closeDue(5000) : [])];
      ds.push(...d.step(trade("SELL", 50, 0.5, { ts: 10_000, seenAt: 10_000 }))); // window ends 15000
      ds.push(...d.step(trade("BUY", 1000, 0.5, { ts: 15_000, seenAt: 15_000 }))); // at exactly its end
      ds.push(...(clock ? d.closeDue(15_000) : []), ...d.flush());
      out[String(clock)] = intents(ds).filter((i) => i.side === "SELL").map((i) => i.targetShares);
    }
    expect(out.false).toEqual([5]); // half of the copy's 10 (the leader sold half of its 100)
    expect(out.true).toEqual(out.false);
  });
});

describe("live switches", () => {
  it("a kill switch or leader-off engaged while a netting window is open stops the window's copy when it closes", () => {
    const cfg = parseConfig({ ...big, defaults: { ...big.defaults, netting: { enabled: true, windowMs: 5_000 } } });
    for (const [sw, reason] of [[{ killSwitch: true }, "KILL_SWITCH"], [{ leaders: { [L]: { state: "off" } } }, "LEADER_OFF"]] as const) {
      let live: Record<string, unknown> = {};
      const d = new Decider(cfg, { switches: () => ({ killSwitch: cfg.killSwitch, modes: cfg.modes, leaders: cfg.leaders, ...live }) as never });
      const a = trade("BUY", 10, 0.5);
      const b = trade("BUY", 10, 0.5, { ts: a.ts + 1, seenAt: a.ts + 1 });
      expect([...d.step(a), ...d.step(b)]).toEqual([]); // both held in the window
      live = sw as Record<string, unknown>;
      const out = [...d.step(trade("BUY", 1, 0.5, { ts: a.ts + 60_000, seenAt: a.ts + 60_000 })), ...d.flush()];
      expect(intents(out)).toEqual([]);
      expect(skips(out).map((s) => [s.reason, s.sourceEventIds.length])).toEqual([
        [reason, 2],
        [reason, 1],
      ]);
    }
  });
});
