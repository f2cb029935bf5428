// BUDGETED_DYNAMIC: once a market's outcome is known (--resolutions), E_u values the leader's shares there at 1/0
// (as tracking already values them), not at their last trade price (hand-computed).
import { describe, expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { DYNAMIC, history, exactConfig } from "../../helpers/leader-history.js";

const h = history("r");
const buy = (tok: string, cond: string, size: number, price: number, ts: number) => h.trade("BUY", tok, size, price, ts, cond);
const config = exactConfig(DYNAMIC);

/** The copy's Z shares: its copy of the leader's BUY Z 100 @0.5 at 3000, after market c1 resolved at 2000. */
async function copyZ(winner: string): Promise<number> {
  const evs = [buy("Y", "0xc1", 100, 0.5, 1000), buy("Z", "0xc2", 100, 0.5, 3000)];
  const resolutions = [{ conditionId: "0xc1", winningTokenId: winner, tokenIds: ["Y", "N"], ts: 2000, source: "gamma" as const }];
  const r = await runReplay({ source: arraySource(evs), config, resolutions });
  return r.result.ledger.positions.find((p) => p.tokenId === "Z")?.shares ?? 0;
}

describe("BUDGETED_DYNAMIC: E_u after a market resolved", () => {
  it("the leader's lost shares count 0 in E_u", async () => {
    // BUY Y 100 @0.5 → E_u 50, r_u 2. c1 resolves, N wins: Y is worth 0. BUY Z 100 @0.5 → E_u 0 + 50 = 50, r_u 2 →
    // the copy buys 200 Z (the last price would keep Y at $50: E_u 100, r_u 1, 100 Z).
    expect(await copyZ("N")).toBeCloseTo(200, 9);
  });

  it("the leader's winning shares count 1 each in E_u", async () => {
    // Y wins: Y is worth $100. BUY Z 100 @0.5 → E_u 100 + 50 = 150, r_u 2/3 → 66.66 Z (the 0.01 grid floors it).
    expect(await copyZ("Y")).toBeCloseTo(66.66, 9);
  });
});
