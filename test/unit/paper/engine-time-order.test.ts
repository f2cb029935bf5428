// The exec events of one engine advance come in time order (executor.ts promises it): across tokens stepped one
// group at a time, and an expiry met at a later snapshot than its time.
import { describe, expect, it } from "vitest";
import { createPaperEngine } from "../../../src/exec/paper/engine.js";
import { constantLatency } from "../../../src/exec/paper/latency.js";
import { createSeriesBooks } from "../../../src/replay/books/series.js";
import type { ExecEvent } from "../../../src/core/exec.js";
import { book, intent } from "./fixtures.js";

const tsOrder = (evs: ExecEvent[]) => evs.map((e) => `${e.intentId}:${e.type}@${e.ts}`);
const sorted = (evs: ExecEvent[]) => [...evs].sort((a, b) => a.ts - b.ts);

describe("exec events of one advance come in time order", () => {
  it("resting orders of two tokens: the earlier snapshot's fill comes first", () => {
    const books = createSeriesBooks("s", [
      book(0, [], [[0.6, 100]], 0.01, 5, "A"),
      book(0, [], [[0.6, 100]], 0.01, 5, "B"),
      book(100, [], [[0.5, 100]], 0.01, 5, "B"), // B crosses first
      book(200, [], [[0.5, 100]], 0.01, 5, "A"),
    ]);
    const e = createPaperEngine({ books, latency: constantLatency(0) });
    const out: ExecEvent[] = [];
    out.push(...e.submitAt(intent({ intentId: "a", tokenId: "A", orderType: "GTC", limitPrice: 0.5, ts: 10, seenAt: 10 }), 10));
    out.push(...e.submitAt(intent({ intentId: "b", tokenId: "B", orderType: "GTC", limitPrice: 0.5, ts: 20, seenAt: 20 }), 20));
    out.push(...e.advance(300));
    expect(tsOrder(out)).toEqual(tsOrder(sorted(out)));
  });

  it("one token: an order expiring before a snapshot is reported before that snapshot's fills", () => {
    const books = createSeriesBooks("s", [book(0, [], [[0.6, 100]]), book(200, [], [[0.55, 100]])]);
    const e = createPaperEngine({ books, latency: constantLatency(0), gtcTtlMs: 150 });
    const out: ExecEvent[] = [];
    out.push(...e.advance(10), ...e.submitAt(intent({ intentId: "o1", orderType: "GTC", limitPrice: 0.5, ts: 10, seenAt: 10 }), 10));
    out.push(...e.advance(100), ...e.submitAt(intent({ intentId: "o2", orderType: "GTC", limitPrice: 0.55, ts: 100, seenAt: 100 }), 100));
    out.push(...e.advance(300));
    expect(tsOrder(out)).toEqual(tsOrder(sorted(out)));
  });
});
