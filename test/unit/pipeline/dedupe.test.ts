// RecentIds: duplicates within the window are caught; memory is bounded by rotating generations.
import { describe, expect, it } from "vitest";
import { RecentIds } from "../../../src/pipeline/dedupe.js";

describe("RecentIds", () => {
  it("recognises an id seen within the window, including across one rotation", () => {
    const r = new RecentIds(1000);
    expect(r.seen("a", 0)).toBe(false);
    expect(r.seen("a", 500)).toBe(true);
    expect(r.seen("b", 1500)).toBe(false); // rotation: "a" moves to the previous generation
    expect(r.seen("a", 1600)).toBe(true);
  });
  it("forgets ids older than two windows", () => {
    const r = new RecentIds(1000);
    r.seen("a", 0);
    r.seen("x", 1200);
    r.seen("y", 2300);
    expect(r.seen("a", 2400)).toBe(false);
  });
});
