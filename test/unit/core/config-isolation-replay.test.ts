// per-leader settings through runReplay: one leader's override leaves the other leader's results alone.
import { describe, expect, it } from "vitest";
import { parseConfig, type ConfigInput, type LeaderTradeEvent } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";

const A = "0x" + "aa".repeat(20);
const B = "0x" + "bb".repeat(20);
const MixedA = "0x" + "aA".repeat(20);
function events(): LeaderTradeEvent[] {
  const evs: LeaderTradeEvent[] = [];
  let n = 0;
  const steps: ["BUY" | "SELL", number, number, number][] = [
    ["BUY", 100, 0.5, 1_000], ["BUY", 100, 0.52, 1_500], ["BUY", 20, 0.9, 2_000], ["BUY", 40, 0.5, 30_000],
    ["SELL", 50, 0.6, 60_000], ["BUY", 1000, 0.3, 90_000], ["SELL", 300, 0.35, 120_000], ["BUY", 10, 0.31, 120_300],
  ];
  for (const [side, size, price, ts] of steps)
    for (const l of [A, B]) {
      n++;
      const tok = l === A ? "1001" : "2002";
      evs.push({ eventId: `e${n}`, leader: l, kind: "TRADE", conditionId: `0xm${tok}`, tokenId: tok, outcomeIndex: 0, side, size, price, usdcSize: size * price, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic" });
    }
  return evs;
}
async function run(cfg: ConfigInput) {
  const r = await runReplay({ source: arraySource(events()), config: parseConfig(cfg) });
  const per = (l: string) => ({ attr: r.result.attributionByLeader[l], track: r.result.tracking.find((t) => t.leader === l) });
  return { a: per(A), b: per(B), r };
}
const base = { bankroll: 1e9, defaults: { ratio: 1, maxBankrollPct: 1 } };
const cases: [string, Record<string, unknown>, Record<string, unknown>?][] = [
  ["ratio", { ratio: 0.5 }],
  ["slippage", { slippage: 0 }],
  ["orderType", { orderType: "FOK" }, {}],
  ["priceCap", { priceCap: 0.8 }],
  ["maxCopyNotional", { maxCopyNotional: 10 }],
  ["netting.windowMs", { netting: { windowMs: 1000 } }, { netting: { enabled: true, windowMs: 60_000 } }],
  ["netting.enabled", { netting: { enabled: true } }],
  ["driftCorrection", { driftCorrection: { enabled: true, minShares: 0, threshold: 0.01 } }, { maxCopyNotional: 20 }],
  ["sizing", { sizing: "BUDGETED_DYNAMIC", budget: 5 }],
];
describe("runReplay: a per-leader override changes only its leader", () => {
  for (const [name, ov, bd = {}] of cases)
    it(name, async () => {
      const b0 = { ...base, fill: { depthShares: 30 }, defaults: { ...base.defaults, ...bd } };
      const r0 = await run(b0);
      const r1 = await run({ ...b0, leaders: { [MixedA]: ov } });
      expect(r1.a).not.toEqual(r0.a);
      expect(r1.b).toEqual(r0.b);
    });
});
