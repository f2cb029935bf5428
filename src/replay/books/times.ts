// Book times of recorded book files (unix ms, compared with the leader events' ms): the one check every book loader
// applies, so a file written in seconds, microseconds or nanoseconds is reported by name instead of meeting no book.
import { SECONDS_BELOW } from "../../core/events.js";

/** Unix ms at or above this are not ms but µs or ns: 1e14 ms is the year 5138, while 1e14 µs is only 1973. */
export const MS_BELOW = 1e14;

/** Why `ms` is not a book time in ms (an integer in [SECONDS_BELOW, MS_BELOW)), or undefined when it is one. */
export function bookTimeProblem(ms: unknown): string | undefined {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms <= 0) return "not a positive time (ms)";
  // the unit first: fractional seconds (1775028136.217, as recorders write them) are seconds, not a bad ms
  if (ms < SECONDS_BELOW) return "looks like seconds, expected milliseconds";
  if (ms >= MS_BELOW) return "looks like microseconds or nanoseconds, expected milliseconds";
  if (!Number.isInteger(ms)) return "not a whole number of milliseconds";
  return undefined;
}
