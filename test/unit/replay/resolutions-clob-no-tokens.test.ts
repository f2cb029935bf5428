// A real CLOB /markets page holds archived pre-CLOB markets whose tokens have token_id "": a market that is not
// resolved (no CLOB tokens), not bad input that makes `spy replay --resolutions` exit 1.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadResolutions } from "../../../src/replay/resolutions.js";

describe("CLOB market without token ids", () => {
  it("is a market that is not resolved, not a skipped bad object", () => {
    const dir = mkdtempSync(join(tmpdir(), "rev-clob-"));
    const f = join(dir, "markets.json");
    // row 15 of captures/clob-http/markets.json, trimmed to the fields that matter
    writeFileSync(f, JSON.stringify({ data: [{
      enable_order_book: false, active: false, closed: false, archived: true,
      condition_id: "0x5374183ab5a2925fda4e7ac2db4848499458224ce2d73c16d3f248951c80746e",
      tokens: [{ token_id: "", outcome: "", price: 0, winner: false }, { token_id: "", outcome: "", price: 0, winner: false }],
    }], next_cursor: "MTAw", limit: 100, count: 1 }));
    const r = loadResolutions(f);
    expect(r.issues.filter((i) => i.kept === undefined)).toEqual([]);
    expect(r.unresolved).toHaveLength(1);
  });
});
