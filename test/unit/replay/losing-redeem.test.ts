// A leader holding ONE outcome of each market (as neg-risk "Yes" buyers do) redeems the losers for $0: the copy's
// shares of them pay 0 as the leader's did, not held on at the last trade price (copy PnL, drift and the gap were off).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { replayCommand } from "../../../src/cli/commands/replay.js";

const dir = mkdtempSync(join(tmpdir(), "spy-losing-redeem-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const wallet = "0x" + "33".repeat(20);
const cond = (k: number) => "0x" + `a${k}`.repeat(32);
const tx = (k: number) => "0x" + String(k).padStart(64, "0");
const T = 1_767_279_663;
const rows = [
  ...[1, 2, 3].map((k) => ({ type: "TRADE", conditionId: cond(k), asset: String(k).repeat(77), side: "BUY", outcomeIndex: 0, size: 100, price: 0.3, usdcSize: 30, timestamp: T + k })),
  // market 1 won ($100 for its 100 shares), markets 2 and 3 lost ($0)
  ...[1, 2, 3].map((k) => ({ type: "REDEEM", conditionId: cond(k), asset: "", side: "", outcomeIndex: 999, size: k === 1 ? 100 : 0, price: 0, usdcSize: k === 1 ? 100 : 0, timestamp: T + 100 + k })),
].map((r, i) => ({ proxyWallet: wallet, transactionHash: tx(i + 1), title: "t", slug: "s", ...r }));
writeFileSync(join(dir, "activity.json"), JSON.stringify(rows));
writeFileSync(join(dir, "config.json"), JSON.stringify({ bankroll: 10000, defaults: { ratio: 0.5, slippage: 0.1 } }));

describe("leader REDEEM paying $0 where only the held outcome is known", () => {
  it("settles the copy's losing shares at 0, as the leader's", async () => {
    const [run] = await replayCommand({ fromJson: join(dir, "activity.json"), config: [join(dir, "config.json")], save: false }, () => {}, () => {});
    const s = run!.summary;
    const leader = s.leaders[0]!;
    expect(leader.leaderPnl).toBeCloseTo(10, 6); // +70 in market 1, −30 in each of 2 and 3
    expect(s.ledger.openPositions).toBe(0);
    expect(leader.marking).toBe("none"); // nothing left held to mark (it was "last-price": 2 positions open)
    // the copy (r = 0.5, paid a little above the leader's 0.3) lost markets 2 and 3 as the leader did
    expect(leader.copyPnl).toBeLessThan(5);
    expect(Math.abs(leader.copyReturn! - leader.leaderReturn!)).toBeLessThan(0.05);
  });
});
