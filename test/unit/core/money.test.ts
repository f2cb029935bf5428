// toFixedFast: the same string as Number.prototype.toFixed for every number and digit count, ties and edges included;
// checked against toFixed on random doubles, prices × sizes as decide forms them and edges. takerFee: the V2 formula.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { floorShares, takerFee, toFixedFast } from "../../../src/core/money.js";

const DIGITS = [0, 1, 2, 4, 6, 8];

describe("toFixedFast", () => {
  it("equals toFixed on edges: zeros, ties, near-ties, negatives, large and non-finite values", () => {
    const xs = [0, -0, 0.5, 1.5, 2.5, 1.005, 0.125, 0.00005, 0.00015, 1e-7, 123.456, 0.1 + 0.2, 2 ** 31 / 1e4, 1e9, 3e9, 1e21, -1.5, -0.00001, NaN, Infinity, -Infinity];
    for (const x of xs) for (const d of DIGITS) expect(toFixedFast(x, d), `${x} ${d}`).toBe(x.toFixed(d));
  });
  it("equals toFixed on random doubles and on price × shares products", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.constantFrom(...DIGITS), (x, d) => toFixedFast(x, d) === x.toFixed(d)),
      { seed: 11, numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 99 }), fc.constantFrom(...DIGITS), (cents, p, d) => {
        const x = (cents / 100) * (p / 100);
        return toFixedFast(x, d) === x.toFixed(d);
      }),
      { seed: 12, numRuns: 50_000 },
    );
  });
});

describe("takerFee", () => {
  it("follows C · r · (p(1−p))^e floored to 5 dp, charges at least 0.00001 on a charged fill, 0 without a rate", () => {
    expect(takerFee(10, 0.5, 0.072, 1)).toBeCloseTo(0.18, 12);
    expect(takerFee(0.01, 0.99, 0.072, 1)).toBe(0.00001); // 0.0000071 would floor to 0
    expect(takerFee(10, 0.5, 0, 1)).toBe(0);
    expect(takerFee(0, 0.5, 0.072, 1)).toBe(0);
  });

  it("floors an exact 5-dp fee to itself however large the fill (the fee and the 5 % cap alike)", () => {
    expect(takerFee(9750.49, 0.8, 0.05, 1)).toBe(78.00392); // 9750.49 · 0.05 · 0.16 exactly; was 78.00391
    expect(takerFee(55981.92, 0.15, 0.072, 1)).toBe(419.8644); // capped: 0.05 · 55981.92 · 0.15 exactly
    // exact in integers: sizes k/100, prices q/100, rate m/1000, e = 1; fee in 1e-5 units = ⌊k·m·q·(100 − q) / 10⁴⌋,
    // at least 1, at most the cap ⌊k·q / 2⌋
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e8 }), fc.integer({ min: 1, max: 99 }), fc.constantFrom(20, 30, 50, 72), (k, q, m) => {
        const K = BigInt(k), Q = BigInt(q), M = BigInt(m);
        let units = (K * M * Q * (100n - Q)) / 10_000n;
        if (units < 1n) units = 1n;
        const cap = (K * Q) / 2n;
        const want = Number(units < cap ? units : cap) / 1e5;
        expect(takerFee(k / 100, q / 100, m / 1000, 1)).toBe(want);
      }),
      { seed: 11, numRuns: 50_000 },
    );
  });
});

describe("floorShares", () => {
  it("keeps every whole number of hundredths whole, however large (262144.04 stayed 262144.03 before)", () => {
    expect(floorShares(262144.04)).toBe(262144.04);
    expect(floorShares(4934117.52)).toBe(4934117.52);
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e10 }), (k) => floorShares(k / 100) === k / 100), { seed: 1, numRuns: 20_000 });
  });

  it("rounds anything between two hundredths down", () => {
    expect(floorShares(10.999999)).toBe(10.99);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), (k, f) => floorShares((k + f) / 100) === k / 100),
      { seed: 2, numRuns: 20_000 },
    );
  });
});
