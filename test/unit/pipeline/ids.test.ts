// Deterministic ids: event ids separate identical fills by occurrence; intent keys are order-insensitive and stable.
import { describe, expect, it } from "vitest";
import { eventIdFor, hash64, intentIdFor } from "../../../src/pipeline/ids.js";

const f = { wallet: "0xWALLET", txHash: "0xAB", kind: "TRADE", conditionId: "0xC", tokenId: "1", side: "BUY", size: 1, price: 0.5, tsSec: 1 };

describe("ids", () => {
  it("event ids are stable, case-insensitive on hashes, and split identical rows by occurrence", () => {
    expect(eventIdFor(f)).toBe(eventIdFor({ ...f, txHash: "0xab" }));
    expect(eventIdFor(f, 0)).not.toBe(eventIdFor(f, 1));
    expect(eventIdFor(f)).not.toBe(eventIdFor({ ...f, size: 1.01 }));
  });
  it("event ids differ by leader wallet (two followed wallets filled alike in one transaction), not by its case", () => {
    expect(eventIdFor(f)).not.toBe(eventIdFor({ ...f, wallet: "0xother" }));
    expect(eventIdFor(f)).toBe(eventIdFor({ ...f, wallet: "0xwallet" }));
  });
  it("intent keys do not depend on the order of source ids, and differ by purpose and leader", () => {
    expect(intentIdFor("0xl", "copy", ["a", "b"])).toBe(intentIdFor("0xl", "copy", ["b", "a"]));
    expect(intentIdFor("0xl", "copy", ["a"])).not.toBe(intentIdFor("0xl", "correction", ["a"]));
    expect(intentIdFor("0xl", "copy", ["a"])).not.toBe(intentIdFor("0xm", "copy", ["a"]));
    expect(intentIdFor("0xl", "copy", ["a"])).toMatch(/^in_[0-9a-f]{16}$/);
  });
  it("hash64 has no collisions over 200,000 near-identical inputs", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(hash64("0xleader", "copy", `ev_${i.toString(16).padStart(24, "0")}`));
    expect(seen.size).toBe(200_000);
  });
});

describe("intentIdFor", () => {
  it("equals in_ + hash64(leader, purpose, ...sorted ids) (memoised prefix changes nothing)", () => {
    expect(intentIdFor("0xl", "copy", ["b", "a"])).toBe(`in_${hash64("0xl", "copy", "a", "b")}`);
    expect(intentIdFor("0xl", "copy", ["b", "a"])).toBe(intentIdFor("0xl", "copy", ["a", "b"]));
  });
});
