// Scenario clock: virtual time for "as fast as possible" runs, or wall time scaled ×N from a start
// instant. The exchange reads it through the plain Clock interface; only the runner moves it.
import type { Clock } from "../types.js";

export type Speed = "max" | number; // number = ×N of real time (1 = real time)

/** A positive decimal number (digits, one optional point). */
const DECIMAL = /^(\d+\.?\d*|\.\d+)$/;

/** Parse a CLI speed: "max" | "fast" | "asap" | "1" | "10" | "x10" | "10x". */
export function parseSpeed(s: string | number): Speed {
  if (typeof s === "number") {
    if (!(s > 0) || !Number.isFinite(s)) throw new Error(`speed: ${s} must be a positive number or "max"`);
    return s;
  }
  const t = s.trim().toLowerCase();
  if (t === "max" || t === "fast" || t === "asap") return "max";
  const m = t.replace(/^x/, "").replace(/x$/, "");
  // a decimal multiplier as a person types it: Number() alone also reads "0x10" as 16 and "1e3" as 1000
  const n = DECIMAL.test(m) ? Number(m) : Number.NaN;
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`speed: ${JSON.stringify(s)} is not "max" or a positive multiplier like 1, 10, x60`);
  return n;
}

export class ScenarioClock implements Clock {
  private virtual: number;
  private realBase = 0;
  private simBase: number;
  private speed: Speed = "max";

  constructor(startMs: number) {
    this.virtual = startMs;
    this.simBase = startMs;
  }

  /** Switch pacing; time continues from the current instant. */
  pace(speed: Speed, wallNow: number): void {
    const cur = this.now();
    this.speed = speed;
    this.virtual = cur;
    this.simBase = cur;
    this.realBase = wallNow;
  }

  get paced(): Speed {
    return this.speed;
  }

  now(): number {
    if (this.speed === "max") return this.virtual;
    return Math.floor(this.simBase + (performanceNow() - this.realBase) * this.speed);
  }

  /** Jump to `t` (also backwards): only before a scenario starts, e.g. to a recording's first instant. */
  reset(t: number): void {
    this.virtual = t;
    this.simBase = t;
    this.realBase = performanceNow();
  }

  /** Move virtual time forward (never back); with real pacing, re-bases so now() ≥ t. */
  advanceTo(t: number): void {
    if (this.speed === "max") {
      if (t > this.virtual) this.virtual = t;
      return;
    }
    if (t > this.now()) {
      this.simBase = t;
      this.realBase = performanceNow();
    }
  }
}

/** Monotonic wall time in ms (the only wall-clock read of the sim's scenario code). */
export function performanceNow(): number {
  return performance.now();
}

export function isScenarioClock(c: Clock): c is ScenarioClock {
  return c instanceof ScenarioClock;
}
