// Dates and times as the venue's files write them ("2026-03-19 23:20:15+00", ISO with Z, or no zone at all), read
// as UTC: a time without a zone must not move with the machine's timezone (Date.parse reads those as local time).

/** Unix ms of a date-time string, a missing zone taken as UTC; NaN when it is not one. */
export function parseUtcTime(s: string): number {
  // "…23:20:15+00" (Gamma) → "…+00:00"; only after a time of day (a bare date ends in "-19", not in an offset)
  let iso = s.trim().replace(" ", "T").replace(/(T\d\d:\d\d(?::\d\d(?:\.\d+)?)?[+-]\d\d)$/, "$1:00");
  // a time of day with no zone designator after it: UTC (a bare date is UTC in Date.parse already)
  if (/T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(iso)) iso += "Z";
  return Date.parse(iso);
}
