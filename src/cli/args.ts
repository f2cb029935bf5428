// Numeric option values of the `spy` subcommands, checked once here: a bad value throws an error naming the flag
// and the value as typed (main prints it as one line and exits 1).
import { statSync } from "node:fs";
import { isSeed, SEED_EXPECTED } from "../core/rng.js";

/** Decimal integers and numbers as a person types them: Number() alone also takes " " (0), "0x50" (80) and "1e3". */
const DECIMAL_INTEGER = /^[+-]?\d+$/;
const DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** `raw` as an integer (safe range); `positive` also refuses 0 and negatives. */
export function integerOption(flag: string, raw: string, positive = false): number {
  const n = Number(raw);
  if (!DECIMAL_INTEGER.test(raw) || !Number.isSafeInteger(n) || (positive && n <= 0)) {
    throw new Error(`${flag}: expected ${positive ? "a positive integer" : "an integer"} (got ${JSON.stringify(raw)})`);
  }
  return n;
}

/** `raw` as a seed (core SEED_RANGE: the generator's 32 bits). */
export function seedOption(flag: string, raw: string): number {
  const n = integerOption(flag, raw);
  if (!isSeed(n)) throw new Error(`${flag}: ${SEED_EXPECTED} (got ${JSON.stringify(raw)})`);
  return n;
}

/** `raw` as an integer in [min, max] (a port: 0–65535). */
export function integerInRange(flag: string, raw: string, min: number, max: number): number {
  const n = integerOption(flag, raw);
  if (n < min || n > max) throw new Error(`${flag}: expected an integer from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  return n;
}

/** `raw` as a positive decimal number (seconds, amounts). */
export function positiveNumberOption(flag: string, raw: string): number {
  const n = Number(raw);
  if (!DECIMAL_NUMBER.test(raw) || !Number.isFinite(n) || n <= 0) throw new Error(`${flag}: expected a positive number (got ${JSON.stringify(raw)})`);
  return n;
}

/** `path` as a file to write: a folder there is refused before any work, not after a run has been computed. */
export function outputFileOption(flag: string, path: string): string {
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${flag}: ${JSON.stringify(path)} is a folder; give the file to write (e.g. ${flag} runs.html)`);
  return path;
}
