// Test fixtures for the paper executor: intents with defaults, books from [price, size] pairs, event helpers.
// Not a test file itself (no .test.ts), shared by test/unit/paper/*.test.ts.
import type { Book } from "../../../src/core/book.js";
import type { CopyIntent } from "../../../src/core/intent.js";
import type { ExecEvent, DoneEvent, FillEvent } from "../../../src/core/exec.js";

export const TOKEN = "tok-1";

export function book(
  ts: number,
  bids: [number, number][],
  asks: [number, number][],
  tick = 0.01,
  minSize = 5,
  tokenId = TOKEN,
): Book {
  return {
    tokenId,
    ts,
    bids: bids.map(([price, size]) => ({ price, size })),
    asks: asks.map(([price, size]) => ({ price, size })),
    tick,
    minSize,
  };
}

let n = 0;
export function intent(over: Partial<CopyIntent> = {}): CopyIntent {
  n++;
  return {
    intentId: `i-${n}`,
    leader: "0xleader",
    tokenId: TOKEN,
    conditionId: "0xcond",
    side: "BUY",
    targetShares: 10,
    targetNotional: 5,
    limitPrice: 0.6,
    orderType: "FAK",
    leaderPrice: 0.5,
    idealShares: 10,
    ratio: 0.1,
    purpose: "copy",
    sourceEventIds: ["e-1"],
    ts: 1000,
    seenAt: 1000,
    ...over,
  };
}

export const fills = (evs: ExecEvent[]): FillEvent[] => evs.filter((e): e is FillEvent => e.type === "fill");
export const dones = (evs: ExecEvent[]): DoneEvent[] => evs.filter((e): e is DoneEvent => e.type === "done");
export const filled = (evs: ExecEvent[]): number =>
  Math.round(fills(evs).reduce((s, f) => s + f.size, 0) * 100) / 100;
export function theDone(evs: ExecEvent[]): DoneEvent {
  const d = dones(evs);
  if (d.length !== 1) throw new Error(`expected one done, got ${d.length}`);
  return d[0]!;
}
