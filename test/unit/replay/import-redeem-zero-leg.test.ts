// A redemption the Data API lists as several REDEEM rows of one transaction (the paying leg and $0 legs of the empty
// outcome sides) pays the leader and the copy what it paid, whichever leg the file lists first (a $0 leg first read as a loss).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { replayCommand } from "../../../src/cli/commands/replay.js";
import { normalizeRows } from "../../../src/pipeline/normalize.js";
import { sharedData } from "../../helpers/shared-data.js";

const dir = mkdtempSync(join(tmpdir(), "spy-redeem-legs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// real rows of gabagool22 as templates: its first BUY of the Up outcome and its REDEEM of that market
const FILE = sharedData("leader-activity/gabagool22/ethereum-up-or-down-december-31-10pm-et.json");
const real = FILE === undefined ? [] : (JSON.parse(readFileSync(FILE, "utf8")) as Record<string, unknown>[]);
const up = real.find((r) => r.type === "TRADE" && r.outcomeIndex === 0) ?? {};
const redeem = real.find((r) => r.type === "REDEEM") ?? {};
const T = up.timestamp as number;
const buy = { ...up, size: 100, price: 0.5, usdcSize: 50, timestamp: T };
const paid = { ...redeem, size: 100, usdcSize: 100, timestamp: T + 4000 };
const zero = { ...paid, size: 0, usdcSize: 0 }; // the $0 leg of the empty "Down" side, same transaction
writeFileSync(join(dir, "config.json"), JSON.stringify({ bankroll: 10000, defaults: { ratio: 0.5, slippage: 0.1 } }));

async function replay(name: string, rows: unknown[]) {
  writeFileSync(join(dir, name), JSON.stringify(rows));
  const [run] = await replayCommand({ fromJson: join(dir, name), config: [join(dir, "config.json")], save: false }, () => {}, () => {});
  return run!.summary.leaders[0]!;
}

describe.skipIf(FILE === undefined)("REDEEM legs of one transaction", () => {
  it("the $0 leg listed before the paying one: the leader and the copy are paid for the winning shares", async () => {
    const first = await replay("zero-first.json", [buy, zero, paid]);
    const last = await replay("zero-last.json", [buy, paid, zero]);
    expect(first.leaderPnl).toBeCloseTo(50, 6); // paid $50 for 100 shares that paid $100 (was −$50: written off)
    expect(first.copyPnl).toBeGreaterThan(20); // 50 shares at ~0.51 paid $1 each (was −$25.50)
    expect(first.copyPnl).toBeCloseTo(last.copyPnl!, 9);
    expect(first.marking).toBe("none");
  });

  it("a lone $0 REDEEM is still one (the leader's losing position redeemed for nothing)", () => {
    const b = normalizeRows([buy, zero], "activity");
    expect(b.events.map((e) => e.kind)).toEqual(["TRADE", "REDEEM"]);
  });

  it("the $0 leg of a paying REDEEM is counted as ignored, not as an event", () => {
    const b = normalizeRows([buy, zero, paid], "activity");
    expect(b.events.map((e) => [e.kind, e.usdcSize])).toEqual([["TRADE", 50], ["REDEEM", 100]]);
    expect(b.ignored).toBe(1);
    expect(b.errors).toEqual([]);
  });
});
