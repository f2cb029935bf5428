// Fast tick-grid snapping for the paper hot path: the same results as core floorToTick/ceilToTick (same EPS in
// tick units, grid value rounded to the nearest double of its decimal) without the string work of decimalsOf.
const EPS = 1e-9;
const SCALE = 1e8; // every venue tick has ≤ 4 decimals, so k·tick rounded to 8 dp is the exact grid decimal

/** Largest grid price ≤ price. */
export function floorGrid(price: number, tick: number): number {
  return Math.round(Math.floor(price / tick + EPS) * tick * SCALE) / SCALE;
}

/** Smallest grid price ≥ price. */
export function ceilGrid(price: number, tick: number): number {
  return Math.round(Math.ceil(price / tick - EPS) * tick * SCALE) / SCALE;
}

/** k ticks as a price. */
export function gridPrice(k: number, tick: number): number {
  return Math.round(k * tick * SCALE) / SCALE;
}
