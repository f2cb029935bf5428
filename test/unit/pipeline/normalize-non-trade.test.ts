// Non-trade /activity rows may carry price, asset, side and outcomeIndex empty (reference: "may be empty on non-trades"):
// a MERGE, SPLIT or REDEEM with "", null or nothing there is an event (as the same row written with ""), not a bad row.
import { describe, expect, it } from "vitest";
import { normalizeRows } from "../../../src/pipeline/normalize.js";

const base = {
  proxyWallet: "0x" + "ab".repeat(20),
  timestamp: 1_767_281_745,
  conditionId: "0x" + "c1".repeat(32),
  size: 12.5,
  usdcSize: 12.5,
  transactionHash: "0x" + "01".repeat(32),
  asset: "",
  side: "",
};

describe("non-trade rows with empty price / outcomeIndex", () => {
  for (const [name, extra] of [
    ["price \"\"", { price: "", outcomeIndex: 999 }],
    ["price null", { price: null, outcomeIndex: 999 }],
    ["outcomeIndex \"\"", { price: 0, outcomeIndex: "" }],
    ["outcomeIndex null", { price: 0, outcomeIndex: null }],
  ] as const) {
    it(`a REDEEM with ${name} is an event`, () => {
      const b = normalizeRows([{ ...base, type: "REDEEM", ...extra }], "activity");
      expect(b.errors).toEqual([]);
      expect(b.events).toHaveLength(1);
      expect(b.events[0]).toMatchObject({ kind: "REDEEM", price: 0, outcomeIndex: null, size: 12.5 });
    });
  }
});

describe("non-trade rows with empty asset / side", () => {
  for (const [name, extra] of [
    ["side null", { side: null }],
    ["asset null", { asset: null }],
    ["side absent", { side: undefined }],
    ["asset absent", { asset: undefined }],
  ] as const) {
    it(`a MERGE with ${name} is an event with the id of the same row written with ""`, () => {
      const b = normalizeRows([{ ...base, price: 0, outcomeIndex: 999, type: "MERGE", ...extra }], "activity");
      expect(b.errors).toEqual([]);
      expect(b.events).toHaveLength(1);
      const ref = normalizeRows([{ ...base, price: 0, outcomeIndex: 999, type: "MERGE" }], "activity").events[0]!;
      expect(b.events[0]).toEqual(ref);
    });
  }

  it("a TRADE with side null is still refused, naming the field", () => {
    const b = normalizeRows([{ ...base, type: "TRADE", price: 0.5, outcomeIndex: 0, asset: "123", side: null }], "activity");
    expect(b.events).toHaveLength(0);
    expect(b.errors[0]).toMatchObject({ field: "side", value: null });
  });
});
