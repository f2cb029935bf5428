// Seeded randomness for models, generators and scenarios (pure-rand xoroshiro128+): same seed, same stream.
// Never use Math.random in the project's own logic.
import prand from "pure-rand";

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Pick one element. */
  pick<T>(xs: readonly T[]): T;
}

/**
 * The seeds a user may give (config `seed`, `--seed`): the generator is seeded with 32 bits, so a seed outside this
 * range would silently repeat the draws of the one 2^32 away while reports named another seed.
 */
export const SEED_RANGE = { min: -(2 ** 31), max: 2 ** 31 - 1 } as const;

/** Whether `seed` is one a user may give (SEED_RANGE). */
export function isSeed(seed: number): boolean {
  return Number.isSafeInteger(seed) && seed >= SEED_RANGE.min && seed <= SEED_RANGE.max;
}

/** What a seed must be, for errors about one that is not (isSeed). */
export const SEED_EXPECTED = `expected an integer from ${SEED_RANGE.min} to ${SEED_RANGE.max} (the generator is seeded with 32 bits: a seed outside would repeat another's draws)`;

export function rng(seed: number): Rng {
  const g = prand.xoroshiro128plus((seed ^ 0x5bd1e995) | 0);
  prand.unsafeSkipN(g, 32); // early outputs of small seeds are poorly mixed
  const next = (): number => {
    const hi = prand.unsafeUniformIntDistribution(0, (1 << 26) - 1, g);
    const lo = prand.unsafeUniformIntDistribution(0, (1 << 27) - 1, g);
    return (hi * 2 ** 27 + lo) / 2 ** 53;
  };
  return {
    next,
    int: (min, max) => prand.unsafeUniformIntDistribution(min, max, g),
    normal: () => {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    pick: (xs) => xs[prand.unsafeUniformIntDistribution(0, xs.length - 1, g)]!,
  };
}
