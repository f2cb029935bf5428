// each per-leader setting, set globally or for one leader, changes exactly that leader's decisions.
import { describe, expect, it } from "vitest";
import { parseConfig, type ConfigInput, type Decision, type Holdings, type LeaderTradeEvent } from "../../../src/core/index.js";
import { Decider } from "../../../src/pipeline/decide.js";

const A = "0x" + "aa".repeat(20);
const B = "0x" + "bb".repeat(20);
const MixedA = "0x" + "aA".repeat(20);

let n = 0;
function tr(leader: string, side: "BUY" | "SELL", size: number, price: number, ts: number): LeaderTradeEvent {
  n++;
  const tok = leader.toLowerCase() === A ? "tokA" : "tokB";
  return { eventId: `e${n}-${leader.slice(2, 4)}`, leader, kind: "TRADE", conditionId: `m-${tok}`, tokenId: tok, outcomeIndex: 0, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" };
}
// the same script for both leaders, interleaved
function script(leaderCase = (l: string) => l): LeaderTradeEvent[] {
  const evs: LeaderTradeEvent[] = [];
  const steps: ["BUY" | "SELL", number, number, number][] = [
    ["BUY", 100, 0.5, 1_000],
    ["BUY", 100, 0.5, 1_500],
    ["BUY", 20, 0.9, 2_000],
    ["BUY", 4, 0.5, 30_000],
    ["SELL", 50, 0.6, 60_000],
    ["BUY", 1000, 0.3, 90_000],
  ];
  for (const [side, size, price, ts] of steps) for (const l of [A, B]) evs.push(tr(leaderCase(l), side, size, price, ts));
  return evs;
}
const staticHoldings: Holdings = { cash: () => 1e9, shares: () => 0 };
function strip(d: Decision): unknown {
  if (d.kind === "intent") {
    const { intentId, sourceEventIds, ...rest } = d.intent;
    return { kind: "intent", ...rest, n: sourceEventIds.length };
  }
  if (d.kind === "skip") {
    const { sourceEventIds, detail, ...rest } = d;
    return { ...rest, n: sourceEventIds.length };
  }
  return d;
}
function run(cfg: ConfigInput, holdings?: Holdings, evs = script()) {
  const d = new Decider(parseConfig(cfg), holdings ? { holdings } : {});
  const out = [...evs.flatMap((e) => d.step(e)), ...d.flush()];
  const of = (l: string) => out.filter((x) => ("intent" in x ? x.intent.leader : x.leader).toLowerCase() === l).map(strip);
  return { a: of(A), b: of(B) };
}

const base = { bankroll: 1e9, defaults: { ratio: 1, maxBankrollPct: 1 } };
type Case = [name: string, override: Record<string, unknown>, baseDefaults?: Record<string, unknown>, holdings?: Holdings];
const cases: Case[] = [
  ["ratio", { ratio: 0.5 }],
  ["sizing+budget", { sizing: "BUDGETED_DYNAMIC", budget: 10 }],
  ["budget (dynamic base)", { budget: 5 }, { sizing: "BUDGETED_DYNAMIC", ratioMax: 1, ratioMin: 0 }],
  ["ratioMin (dynamic base)", { ratioMin: 0.5 }, { sizing: "BUDGETED_DYNAMIC", budget: 1, ratioMax: 1, ratioMin: 0 }],
  ["ratioMax (dynamic base)", { ratioMax: 0.01 }, { sizing: "BUDGETED_DYNAMIC", budget: 1000, ratioMax: 1, ratioMin: 0 }],
  ["orderType", { orderType: "GTC" }],
  ["slippage", { slippage: 0.1 }],
  ["priceCap", { priceCap: 0.8 }],
  ["minLeaderNotional", { minLeaderNotional: 10 }],
  ["maxLeaderNotional", { maxLeaderNotional: 100 }],
  ["minCopyNotional", { minCopyNotional: 10 }],
  ["maxCopyNotional", { maxCopyNotional: 10 }],
  ["maxBankrollPct", { maxBankrollPct: 1e-8 }],
  ["state off", { state: "off" }],
  ["modes.paper off", { modes: { paper: "off" } }],
  ["netting.enabled", { netting: { enabled: true } }],
  ["netting.windowMs (netting base)", { netting: { windowMs: 100 } }, { netting: { enabled: true, windowMs: 5000 } }],
  ["driftCorrection.enabled", { driftCorrection: { enabled: true } }, {}, staticHoldings],
  ["driftCorrection.threshold", { driftCorrection: { threshold: 10 } }, { driftCorrection: { enabled: true, minShares: 0 } }, staticHoldings],
  ["driftCorrection.minShares", { driftCorrection: { minShares: 1000 } }, { driftCorrection: { enabled: true } }, staticHoldings],
  ["driftCorrection.orderType", { driftCorrection: { orderType: "FAK" } }, { driftCorrection: { enabled: true } }, staticHoldings],
];

describe("each per-leader setting changes exactly its leader's decisions", () => {
  for (const [name, ov, bd = {}, h] of cases) {
    it(name, () => {
      const b0 = { ...base, defaults: { ...base.defaults, ...bd } };
      const r0 = run(b0, h);
      // (b) one leader only, keyed in mixed case
      const r1 = run({ ...b0, leaders: { [MixedA]: ov } }, h);
      expect(r1.a, "leader A changed").not.toEqual(r0.a);
      expect(r1.b, "leader B unchanged").toEqual(r0.b);
      // (a) globally: both change like A did
      const nested = (k: string) => (typeof ov[k] === "object" && ov[k] !== null ? { ...(bd as Record<string, object>)[k], ...(ov[k] as object) } : ov[k]);
      const g = { ...b0, defaults: { ...b0.defaults, ...Object.fromEntries(Object.keys(ov).map((k) => [k, nested(k)])) } };
      const r2 = run(g, h);
      expect(r2.a).toEqual(r1.a);
      expect(r2.b).not.toEqual(r0.b);
      // (c) the global value with B overriding back to the base: B as at base
      const eff = parseConfig(b0).defaults as unknown as Record<string, unknown>;
      const back = Object.fromEntries(Object.keys(ov).map((k) => [k, k === "state" ? "on" : k === "modes" ? { paper: "on" } : eff[k]]));
      const r3 = run({ ...g, leaders: { [B]: back } }, h);
      expect(r3.b).toEqual(r0.b);
      expect(r3.a).toEqual(r1.a);
    });
  }
});
import { DEFAULT_LEADER_SETTINGS as DEF } from "../../../src/core/config.js";
