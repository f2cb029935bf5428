// A Gamma market whose outcomePrices hold something that is not a decimal ('', ' ', '0x1') is reported (file, row,
// field, value) and skipped, not settled at 1/0 on a price nobody gave.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadResolutions } from "../../../src/replay/resolutions.js";

const market = (n: number, outcomePrices: string) => ({
  conditionId: "0x" + String(n).repeat(64),
  closed: true,
  clobTokenIds: JSON.stringify([`${n}1`, `${n}2`]),
  outcomePrices,
});

describe("loadResolutions: outcome prices that are not decimals", () => {
  it("reports them by file, row, field and value and resolves nothing from them; real decimals still resolve", () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-res-prices-"));
    writeFileSync(
      join(dir, "m.json"),
      JSON.stringify([
        market(1, '["1", ""]'),
        market(2, '["0x1", "0"]'),
        market(3, '[" ", "1"]'),
        market(4, '["Infinity", "0"]'),
        market(5, '["0", "1"]'),
        market(6, '["1.0", "0.0"]'),
      ]),
    );
    const r = loadResolutions(dir);
    expect(r.resolutions.map((x) => [x.conditionId.slice(2, 3), x.winningTokenId])).toEqual([
      ["5", "52"],
      ["6", "61"],
    ]);
    expect(r.issues.map((i) => [i.file, i.row, i.field, i.kept])).toEqual([
      ["m.json", 0, "outcomePrices", undefined],
      ["m.json", 1, "outcomePrices", undefined],
      ["m.json", 2, "outcomePrices", undefined],
      ["m.json", 3, "outcomePrices", undefined],
    ]);
    expect(r.issues[0]!.message).toBe('price "" is not a decimal number');
    expect(r.issues[0]!.value).toEqual(["1", ""]);
  });
});
