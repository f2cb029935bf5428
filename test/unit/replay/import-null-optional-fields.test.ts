// A Data API row whose descriptive fields (slug, eventSlug, outcome, title) or usdcSize are null is imported as the
// same row without them: those fields are optional, and null is how the API writes "none"; the row was refused whole.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeRows } from "../../../src/pipeline/normalize.js";
import { sharedData } from "../../helpers/shared-data.js";

const FILE = sharedData("leader-activity/gabagool22/ethereum-up-or-down-december-31-10pm-et.json");
const rows = FILE === undefined ? [] : (JSON.parse(readFileSync(FILE, "utf8")) as Record<string, unknown>[]);
const trade = rows.find((r) => r.type === "TRADE")!;
const merge = rows.find((r) => r.type === "MERGE")!;

describe.skipIf(FILE === undefined)("rows with null optional fields", () => {
  for (const field of ["slug", "eventSlug", "outcome", "title"] as const) {
    for (const [name, raw] of [["TRADE", trade], ["MERGE", merge]] as const) {
      it(`a ${name} with ${field} null is the event of the row without it`, () => {
        const { [field]: _dropped, ...without } = raw;
        const b = normalizeRows([{ ...raw, [field]: null }], "activity");
        expect(b.errors).toEqual([]);
        expect(b.events).toEqual(normalizeRows([without], "activity").events);
      });
    }
  }

  it("a TRADE with usdcSize null is valued at size × price, as one without usdcSize", () => {
    const b = normalizeRows([{ ...trade, usdcSize: null }], "activity");
    expect(b.errors).toEqual([]);
    expect(b.events[0]!.usdcSize).toBeCloseTo((trade.size as number) * (trade.price as number), 9);
  });

  it("a row with every descriptive field null still imports, the rest of the file with it", () => {
    const nulls = { slug: null, eventSlug: null, outcome: null, title: null, icon: null, name: null, pseudonym: null, bio: null, profileImage: null, profileImageOptimized: null };
    const b = normalizeRows([{ ...trade, ...nulls }, merge], "activity");
    expect(b.errors).toEqual([]);
    expect(b.events.map((e) => e.kind)).toEqual(["TRADE", "MERGE"]);
    expect(b.events[0]!.slug).toBeUndefined();
    expect(b.events[0]!.outcome).toBeUndefined();
  });
});
