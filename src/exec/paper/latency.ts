// Latency models: how long after the leader's trade (intent.ts) our order meets the book, in ms.
// Seeded (core rng): same seed and the same sequence of calls give the same delays. Default: constant.
//
// Cannot model: latency that depends on load or on the venue's own delays (`delayed` matching), clock skew,
// correlation between delay and market activity, or retries. uniform/lognormal draw independently per call.
import type { z } from "zod";
import type { CopyIntent } from "../../core/intent.js";
import type { LatencyConfigSchema } from "../../core/config.js";
import { rng as makeRng } from "../../core/rng.js";

export type LatencyConfig = z.infer<typeof LatencyConfigSchema>;

export interface LatencyModel {
  /** Printed in reports, e.g. "constant(500ms)". */
  readonly name: string;
  /** Delay (ms, ≥ 0) between the intent's decision (intent.ts, or seenAt when later) and the order meeting the book. */
  delayMs(intent: CopyIntent): number;
  /** A fresh copy from the same seed (its stream restarts): each run of an executor gets the same delays. */
  fork?(): LatencyModel;
}

/** Always `ms`. */
export function constantLatency(ms: number): LatencyModel {
  if (!(ms >= 0)) throw new Error(`latency: ms must be ≥ 0 (got ${ms})`);
  const m: LatencyModel = { name: `constant(${ms}ms)`, delayMs: () => ms, fork: () => m };
  return m;
}

/** Uniform on [ms − jitterMs, ms + jitterMs], clamped at 0. */
export function uniformLatency(ms: number, jitterMs: number, seed: number): LatencyModel {
  const r = makeRng(seed);
  const lo = ms - jitterMs;
  const width = 2 * jitterMs;
  return {
    name: `uniform(${ms}±${jitterMs}ms)`,
    delayMs: () => Math.max(0, lo + width * r.next()),
    fork: () => uniformLatency(ms, jitterMs, seed),
  };
}

/**
 * Lognormal with mean `ms` and standard deviation `jitterMs` (σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2):
 * a long right tail, never negative. jitterMs = 0 gives the constant `ms`.
 */
export function lognormalLatency(ms: number, jitterMs: number, seed: number): LatencyModel {
  if (ms <= 0 || jitterMs <= 0) {
    const c = Math.max(0, ms);
    const m: LatencyModel = { name: `lognormal(${ms}ms,sd=${jitterMs})`, delayMs: () => c, fork: () => m };
    return m;
  }
  const r = makeRng(seed);
  const s2 = Math.log(1 + (jitterMs * jitterMs) / (ms * ms));
  const sigma = Math.sqrt(s2);
  const mu = Math.log(ms) - s2 / 2;
  return {
    name: `lognormal(${ms}ms,sd=${jitterMs})`,
    delayMs: () => Math.exp(mu + sigma * r.normal()),
    fork: () => lognormalLatency(ms, jitterMs, seed),
  };
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
