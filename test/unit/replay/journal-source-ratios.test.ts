// The run journal keeps a netted intent's and skip's per-trade r_u (sourceRatios, what attribution reads).
import { describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/db.js";
import { RunWriter } from "../../../src/store/runs.js";

describe("journal of sourceRatios", () => {
  it("keeps an intent's and a skip's per-trade r_u", async () => {
    const store = await openStore(":memory:");
    const w = await RunWriter.open(store, "run_r");
    w.decision({ kind: "intent", intent: { intentId: "in_1", leader: "0xa", tokenId: "t", conditionId: "0xc", side: "BUY", targetShares: 10, targetNotional: 5, limitPrice: 0.51, orderType: "FAK", slippage: 0.02, leaderPrice: 0.5, idealShares: 10, ratio: 0.4, sourceRatios: [0.5, 0.25], purpose: "copy", sourceEventIds: ["e1", "e2"], ts: 1, seenAt: 1 } });
    w.decision({ kind: "skip", reason: "NETTED", detail: "n", leader: "0xa", tokenId: "t", side: null, leaderPrice: 0.5, idealShares: 0, sourceEventIds: ["e3", "e4"], ts: 2, ratio: 0.3, sourceRatios: [0.5, 0.125] });
    await w.finish({ runId: "run_r", label: "t", config: {}, bookSource: "b", fillModel: "f", latencyModel: "l", source: "s", events: 4 }, {});
    const cells = async (table: string) => (await store.rows<Record<string, unknown>>(`SELECT * FROM ${table} WHERE run_id = 'run_r'`)).flatMap((r) => Object.values(r).map(String));
    expect(await cells("run_intents")).toContain("0.5,0.25"); // no column holds them
    expect(await cells("run_skips")).toContain("0.5,0.125");
    store.close();
  });
});
