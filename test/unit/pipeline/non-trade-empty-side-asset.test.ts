// Non-trade /activity rows may carry asset and side empty as well as price and outcomeIndex (reference §6.1: "price/
// asset/side/outcomeIndex may be empty on non-trades"): null or absent there must read as "" like price's null reads 0.
import { describe, expect, it } from "vitest";
import { normalizeRows } from "../../../src/pipeline/normalize.js";

const base = {
  proxyWallet: "0x" + "ab".repeat(20),
  timestamp: 1_767_281_745,
  conditionId: "0x" + "c1".repeat(32),
  size: 12.5,
  usdcSize: 12.5,
  transactionHash: "0x" + "01".repeat(32),
  price: 0,
  outcomeIndex: 999,
  asset: "",
  side: "",
};

describe("non-trade rows with empty asset / side", () => {
  for (const [name, extra] of [
    ["side null", { side: null }],
    ["asset null", { asset: null }],
    ["side absent", { side: undefined }],
    ["asset absent", { asset: undefined }],
  ] as const) {
    it(`a MERGE with ${name} is an event with the id of the same row written with ""`, () => {
      const b = normalizeRows([{ ...base, type: "MERGE", ...extra }], "activity");
      expect(b.errors).toEqual([]);
      expect(b.events).toHaveLength(1);
      const ref = normalizeRows([{ ...base, type: "MERGE" }], "activity").events[0]!;
      expect(b.events[0]).toEqual(ref);
    });
  }

  it("a TRADE with side null is still refused, naming the field", () => {
    const b = normalizeRows([{ ...base, type: "TRADE", price: 0.5, outcomeIndex: 0, asset: "123", side: null }], "activity");
    expect(b.events).toHaveLength(0);
    expect(b.errors[0]).toMatchObject({ field: "side", value: null });
  });
});
