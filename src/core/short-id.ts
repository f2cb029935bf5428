// Long ids (wallets, condition and token ids) shortened for people: reports, skip details and chart labels.
// One rule everywhere, so an id reads the same in the report, the journal's details and the plots.

/** `0x1234ab…cdef`: the first 8 and last 4 characters of an id longer than 14; a short id as it is. */
export function shortId(id: string): string {
  return id.length > 14 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
