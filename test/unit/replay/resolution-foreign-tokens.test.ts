// A market file whose outcome tokens are not the tokens the leader traded in that market (same conditionId): the
// resolution is named and not applied (positions stay marked), instead of settling every traded share at 0.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { replayCommand } from "../../../src/cli/commands/replay.js";
import { activityRow } from "../../helpers/activity-row.js";

const dir = mkdtempSync(join(tmpdir(), "spy-res-foreign-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cond = "0x" + "c1".repeat(32);

describe("--resolutions with another market's token ids", () => {
  it("warns naming file, row, field and tokens, counts it, and leaves the copy marked at the last price", async () => {
    const data = join(dir, "acts");
    mkdirSync(data, { recursive: true });
    // the leader buys 10 of token 123 at 0.5, twice (the activity helper's market 0xc1…)
    writeFileSync(join(data, "a.json"), JSON.stringify([activityRow(0), activityRow(1)]));
    const markets = join(dir, "markets.json");
    // the same conditionId, but token ids of another encoding: "999" won, "888" lost; 123 is not listed
    writeFileSync(markets, JSON.stringify([{ conditionId: cond, closed: true, clobTokenIds: '["999", "888"]', outcomePrices: '["1", "0"]' }]));
    const cfg = join(dir, "c.json");
    writeFileSync(cfg, JSON.stringify({ bankroll: 1000, defaults: { ratio: 1 } }));
    const lines: string[] = [];
    const warnings: [string, boolean][] = [];
    const [run] = await replayCommand({ fromJson: data, config: [cfg], resolutions: markets, save: false }, (s) => lines.push(s), (s, skipped) => warnings.push([s, skipped]));
    // the copy's 20 shares of 123 are not paid 0: they stay marked at the leader's last price
    expect(run!.summary.ledger.marking).toBe("last-price");
    expect(run!.result.ledger.positions.map((p) => [p.tokenId, p.shares, p.mark, p.marking])).toEqual([["123", 20, 0.5, "last-price"]]);
    expect(warnings).toEqual([[expect.stringContaining("markets.json row 0: clobTokenIds = "), true]]);
    expect(warnings[0]![0]).toContain("traded token(s) 123 are not among its outcome tokens");
  });
});
