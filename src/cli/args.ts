// Numeric option values of the `spy` subcommands, checked once here: a bad value throws an error naming the flag
// and the value as typed (main prints it as one line and exits 1).

/** `raw` as an integer (safe range); `positive` also refuses 0 and negatives. */
export function integerOption(flag: string, raw: string, positive = false): number {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isSafeInteger(n) || (positive && n <= 0)) {
    throw new Error(`${flag}: expected ${positive ? "a positive integer" : "an integer"} (got ${JSON.stringify(raw)})`);
  }
  return n;
}
