import { describe, expect, it } from "vitest";
import { genPerfect, perfectConfig, perfectProblems, runObserved, type PGen } from "./perfect-e2e-harness.js";

const SEEDS = Number(process.env.PE_SEEDS ?? 100);

async function sweep(g: PGen): Promise<string[]> {
  const bad: string[] = [];
  for (let s = 1; s <= SEEDS; s++) {
    const c = genPerfect(s, g);
    try {
      const o = await runObserved(c, perfectConfig(c.r));
      const p = perfectProblems(o, c.r);
      if (p.length) bad.push(`seed ${s} r ${c.r} n ${c.evs.length}: ${p.slice(0, 4).join(" | ")}`);
    } catch (e) {
      bad.push(`seed ${s}: CRASH ${(e as Error).stack}`);
    }
  }
  return bad;
}

describe("perfect copy e2e", () => {
  it.each([
    ["one leader per market, same-ms redeems, no resolutions", { shared: false, sameMsRedeem: true, resolutions: false }],
    ["one leader per market, same-ms redeems, resolutions", { shared: false, sameMsRedeem: true }],
    ["shared, same-ms redeems", { sameMsRedeem: true }],
    ["shared, redeems at own times", {}],
  ] as const)("%s", async (_n, g) => {
    const bad = await sweep(g);
    expect(bad).toEqual([]);
  }, 300_000);
});
