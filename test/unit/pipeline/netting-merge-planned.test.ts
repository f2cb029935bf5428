// decide with its own planned holdings (no ledger given): a leader MERGE that closes an open netting window on one
// outcome is mirrored on the copy's sets without that window's BUY, as the leader's sets it is measured against are.
import { describe, expect, it } from "vitest";
import { parseConfig, type Decision, type LeaderTradeEvent } from "../../../src/core/index.js";
import { Decider } from "../../../src/pipeline/decide.js";

const L = "0x" + "1ead".repeat(10);
const MKT = "0xmarket";
let n = 0;
const buy = (tokenId: string, size: number, ts: number): LeaderTradeEvent => ({
  eventId: `ev${++n}`, leader: L, kind: "TRADE", conditionId: MKT, tokenId, outcomeIndex: tokenId === "A" ? 0 : 1, side: "BUY", size, price: 0.5, usdcSize: size * 0.5, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic",
});
const merge = (size: number, ts: number): LeaderTradeEvent => ({
  eventId: `ev${++n}`, leader: L, kind: "MERGE", conditionId: MKT, tokenId: "", outcomeIndex: null, side: null, size, price: 0, usdcSize: size, ts, seenAt: ts, txHash: `0x${n}`, source: "synthetic",
});

/** The bare decide (planned holdings) over: A 200, B 100, then B 50 in an open window, then MERGE `sets`. */
function run(netting: boolean, sets: number) {
  n = 0;
  const d = new Decider(parseConfig({ bankroll: 1e6, defaults: { ratio: 1, maxBankrollPct: 1, netting: { enabled: netting, windowMs: 5000 } } }));
  const ds: Decision[] = [];
  for (const e of [buy("A", 200, 0), buy("B", 100, 0), buy("B", 50, 10_000), merge(sets, 11_000)]) ds.push(...d.step(e));
  ds.push(...d.flush());
  let a = 0;
  let b = 0;
  for (const x of ds) {
    if (x.kind === "intent") (x.intent.tokenId === "A" ? (a += x.intent.targetShares) : (b += x.intent.targetShares));
    else if (x.kind === "mirror" && x.action === "MERGE") (a -= x.shares), (b -= x.shares);
  }
  const merged = ds.find((x) => x.kind === "mirror" && x.action === "MERGE");
  return { a, b, merged: merged?.kind === "mirror" ? merged.shares : 0 };
}

describe("netting × MERGE with planned holdings", () => {
  it("the MERGE takes the same sets as without netting (80 of 80), not the window's BUY too", () => {
    // leader: A 200, B 100 + 50 (window) → MERGE 80 → A 120, B 70. r = 1.
    expect(run(false, 80)).toEqual({ a: 120, b: 70, merged: 80 });
    // with netting the window (B +50) closes at the MERGE; the MERGE is 80 of the leader's 100 sets before the window:
    // the copy's 100 sets before it merge 80 (it merged 80 % of 150 = 120, ending A 80, B 30: 40 shares of each lost)
    expect(run(true, 80)).toEqual({ a: 120, b: 70, merged: 80 });
  });
});
