// Latency models: how long after the leader's trade (intent.ts) our order meets the book, in ms.
// Seeded: an intent's delay is a function of the seed and its intentId alone (a hash of both, keyed by the seeded core
// rng), so it is the same whatever other intents were drawn before it: another leader's trades, a --leader filter,
// or a config that skips more or fewer copies leave a leader's delays as they were. Default: constant.
//
// Cannot model: latency that depends on load or on the venue's own delays (`delayed` matching), clock skew,
// correlation between delay and market activity (or between the delays of consecutive orders), or retries.
// uniform/lognormal draw independently per intent. Delays are whole ms: the engine rounds each to the nearest ms.
import type { z } from "zod";
import type { CopyIntent } from "../../core/intent.js";
import type { LatencyConfigSchema } from "../../core/config.js";
import { rng as makeRng } from "../../core/rng.js";

export type LatencyConfig = z.infer<typeof LatencyConfigSchema>;

export interface LatencyModel {
  /** Printed in reports, e.g. "constant(500ms)", "uniform(500±100ms, seed 1)" (a random model names its seed). */
  readonly name: string;
  /** Delay (ms, ≥ 0) between the intent's decision (intent.ts, or seenAt when later) and the order meeting the book. */
  delayMs(intent: CopyIntent): number;
  /** A copy giving the same delays (the models keep no state: the model itself). */
  fork?(): LatencyModel;
}

/** Refuses a parameter that could not give a finite delay ≥ 0 (NaN, ∞, negative). */
function finite(field: string, v: number): void {
  if (!(v >= 0 && v < Number.POSITIVE_INFINITY)) throw new Error(`latency: ${field} must be a finite number ≥ 0 (got ${v})`);
}

/** Always `ms`. */
export function constantLatency(ms: number): LatencyModel {
  finite("ms", ms);
  const m: LatencyModel = { name: `constant(${ms}ms)`, delayMs: () => ms, fork: () => m };
  return m;
}

/**
 * Uniform in [0, 1) drawn for one intent: a 53-bit hash (cyrb53) of its id under a key the seeded rng gives. The same
 * seed, stream and id always give the same number; another id, an unrelated one.
 */
export function keyedUniform(seed: number, stream: number): (id: string) => number {
  const r = makeRng(seed);
  for (let i = 0; i < stream; i++) r.next(), r.next();
  const a = Math.floor(r.next() * 2 ** 32);
  const b = Math.floor(r.next() * 2 ** 32);
  return (id) => {
    let h1 = a ^ 0xdeadbeef;
    let h2 = b ^ 0x41c6ce57;
    for (let i = 0; i < id.length; i++) {
      const ch = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)) / 2 ** 53;
  };
}

/**
 * Uniform on [ms − jitterMs, ms + jitterMs], clamped at 0: with jitterMs > ms the draws below 0 are all 0 (a point
 * mass there), so the mean is then above ms; it cannot model a spread wider than its mean symmetrically.
 */
export function uniformLatency(ms: number, jitterMs: number, seed: number): LatencyModel {
  finite("ms", ms);
  finite("jitterMs", jitterMs);
  const u = keyedUniform(seed, 0);
  const lo = ms - jitterMs;
  const width = 2 * jitterMs;
  const m: LatencyModel = {
    name: jitterMs > 0 ? `uniform(${ms}±${jitterMs}ms, seed ${seed})` : `uniform(${ms}±0ms)`,
    delayMs: (intent) => Math.max(0, lo + width * u(intent.intentId)),
    fork: () => m,
  };
  return m;
}

/**
 * Lognormal with mean `ms` and standard deviation `jitterMs` (σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2):
 * a long right tail, never negative. jitterMs = 0 gives the constant `ms`.
 */
export function lognormalLatency(ms: number, jitterMs: number, seed: number): LatencyModel {
  finite("ms", ms);
  finite("jitterMs", jitterMs);
  if (ms <= 0 || jitterMs <= 0) {
    const c = Math.max(0, ms);
    const m: LatencyModel = { name: `lognormal(${ms}ms,sd=${jitterMs})`, delayMs: () => c, fork: () => m };
    return m;
  }
  const u1 = keyedUniform(seed, 0);
  const u2 = keyedUniform(seed, 1);
  // σ² = ln(1 + q²), q = sd / mean, from ln q: q² overflows (or ms² underflows) for a tiny mean under a large sd
  const lq = Math.log(jitterMs) - Math.log(ms);
  const s2 = lq > 0 ? 2 * lq + Math.log1p(Math.exp(-2 * lq)) : Math.log1p(Math.exp(2 * lq));
  const sigma = Math.sqrt(s2);
  const mu = Math.log(ms) - s2 / 2;
  const m: LatencyModel = {
    name: `lognormal(${ms}ms,sd=${jitterMs}, seed ${seed})`,
    // Box–Muller from the intent's two uniforms (as core rng's normal())
    delayMs: (intent) => {
      const a = Math.max(u1(intent.intentId), 1e-12);
      const z = Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u2(intent.intentId));
      return Math.exp(mu + sigma * z);
    },
    fork: () => m,
  };
  return m;
}

/** Build the model a config names (LatencyConfigSchema), seeded. */
export function latencyFromConfig(cfg: Partial<LatencyConfig> | undefined, seed: number): LatencyModel {
  const model = cfg?.model ?? "constant";
  const ms = cfg?.ms ?? 500;
  const jitter = cfg?.jitterMs ?? 0;
  switch (model) {
    case "constant":
      return constantLatency(ms);
    case "uniform":
      return uniformLatency(ms, jitter, seed);
    case "lognormal":
      return lognormalLatency(ms, jitter, seed);
    default: {
      const never: never = model;
      throw new Error(`latency: unknown model ${String(never)}`);
    }
  }
}
