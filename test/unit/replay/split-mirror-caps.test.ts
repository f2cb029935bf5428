// A leader SPLIT mirrored on the copy is cash out like a BUY of complete sets at $1 each: it is bounded by the same
// per-trade caps (max copy notional, bankroll %, min copy notional, cash) with the BUY path's skip reasons (hand-computed).
import { describe, expect, it } from "vitest";
import { parseConfig, type Decision, type Holdings, type LeaderTradeEvent, type Skip } from "../../../src/core/index.js";
import { Decider } from "../../../src/pipeline/decide.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { history, exactConfig } from "../../helpers/leader-history.js";

const C = "0xc1";
const h = history("sp");
const tr = (side: "BUY" | "SELL", tok: string, size: number, price: number, ts: number) => h.trade(side, tok, size, price, ts, C, { outcomeIndex: tok === "Y" ? 0 : 1 });
const split = (sets: number, ts: number) => h.market("SPLIT", sets, ts, C);
/** Both outcome tokens seen (small trades: at r_u 0.5, copies of 2 shares, $1 each), then the SPLIT. */
const withSplit = (sets: number): LeaderTradeEvent[] => [tr("BUY", "Y", 4, 0.5, 1000), tr("BUY", "N", 4, 0.5, 2000), split(sets, 3000)];

/** The SPLIT's decision, decided against `holdings` (planned holdings when none). */
function splitDecision(cfg: object, sets: number, holdings?: Holdings): Decision {
  const d = new Decider(parseConfig({ seed: 1, ...cfg }), holdings ? { holdings } : {});
  const ds = withSplit(sets).flatMap((e) => d.step(e));
  return ds[ds.length - 1]!;
}

describe("SPLIT mirror: per-trade caps bound its outlay", () => {
  it("a $1M leader SPLIT at r_u 0.5 with a $1M bankroll and maxBankrollPct 0.05 spends at most $50k", async () => {
    const config = parseConfig({ seed: 1, bankroll: 1_000_000, defaults: { ratio: 0.5, slippage: 0.5, maxBankrollPct: 0.05 }, fill: { halfSpread: 0, depthShares: 10_000 }, latency: { model: "constant", ms: 0 } });
    const r = await runReplay({ source: arraySource(withSplit(1_000_000)), config });
    const spent = 1_000_000 - r.result.ledger.cash;
    // the two copies ($1 each) and the split, clipped to 5 % of the bankroll (it spent $500,000 before)
    expect(spent).toBeCloseTo(2 + 50_000, 6);
    expect(r.result.ledger.positions.find((p) => p.tokenId === "N")!.shares).toBeCloseTo(2 + 50_000, 9);
  });

  it("clips a SPLIT to the max copy notional (sets cost $1 each)", () => {
    const m = splitDecision({ bankroll: 10_000, defaults: { ratio: 0.5, maxBankrollPct: 1, maxCopyNotional: 30 } }, 100);
    expect(m).toMatchObject({ kind: "mirror", action: "SPLIT", shares: 30 });
  });

  it("skips a SPLIT whose copy is below the min copy notional, naming the values", () => {
    const m = splitDecision({ bankroll: 10_000, defaults: { ratio: 0.5, maxBankrollPct: 1, minCopyNotional: 10 } }, 10) as Skip;
    expect([m.kind, m.reason]).toEqual(["skip", "COPY_NOTIONAL_BELOW_MIN"]);
    expect(m.detail).toBe("SPLIT of 10 sets at r_u 0.5: copy notional $5.0000 < min $10");
  });

  it("skips a SPLIT with no cash left as INSUFFICIENT_CASH (not ROUNDS_TO_ZERO), naming cash and cost", () => {
    const broke: Holdings = { cash: () => 0, shares: () => 0 };
    const m = splitDecision({ bankroll: 10_000, defaults: { ratio: 0.5, maxBankrollPct: 1 } }, 100, broke) as Skip;
    expect([m.kind, m.reason]).toEqual(["skip", "INSUFFICIENT_CASH"]);
    expect(m.detail).toBe("SPLIT of 100 sets at r_u 0.5: cash $0.00 cannot pay $50.00");
  });

  it("a SPLIT clipped by the bankroll cap below the min copy notional is skipped as BANKROLL_CAP, saying so", () => {
    const m = splitDecision({ bankroll: 100, defaults: { ratio: 0.5, maxBankrollPct: 0.05, minCopyNotional: 10 } }, 100) as Skip;
    expect([m.kind, m.reason]).toEqual(["skip", "BANKROLL_CAP"]);
    expect(m.detail).toBe("SPLIT of 100 sets at r_u 0.5: clipped to the bankroll % cap, $5.00: copy notional $5.0000 < min $10");
  });

  it("a SPLIT clipped to the cash is a mirror of what the cash pays", () => {
    const some: Holdings = { cash: () => 12.345, shares: () => 0 };
    expect(splitDecision({ bankroll: 10_000, defaults: { ratio: 0.5, maxBankrollPct: 1 } }, 100, some)).toMatchObject({ kind: "mirror", action: "SPLIT", shares: 12.34 });
  });

  it("after a clipped SPLIT a leader SELL sells the same fraction of the copy's part, and causes still sum to the gap", async () => {
    // bankroll 10,000 at 5 %: the SPLIT of 10,000 sets (ideal 5,000) is clipped to $500. The leader sells half its Y
    // (5,002 of 10,004): the copy's part (502) diverged from r_u × leader (5,002), so it sells the same half, 251.
    const evs = [...withSplit(10_000), tr("SELL", "Y", 5_002, 0.5, 4000)];
    const r = await runReplay({ source: arraySource(evs), config: exactConfig() });
    expect(r.result.ledger.positions.find((p) => p.tokenId === "N")!.shares).toBeCloseTo(502, 9);
    expect(r.result.ledger.positions.find((p) => p.tokenId === "Y")!.shares).toBeCloseTo(251, 9);
    const t = r.result.attribution;
    const sum = Object.values(t.byCause).reduce((a, b) => a + (b ?? 0), 0);
    expect(sum).toBeCloseTo(t.gap, 9);
    // the SELL's ideal 2,501 shares, 251 sold: the rest is `caps` at the leader's 0.5
    expect(t.byCause.caps).toBeCloseTo((2_501 - 251) * 0.5, 9);
  });
});
