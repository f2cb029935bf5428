// JSON as people save it: a UTF-8 byte-order mark (Windows editors, some exporters) is not part of the JSON, and an
// API page may be saved whole ({ data: [...] }). Pure: callers read the file and report errors with its name.

/** The rows of a parsed JSON response: an array itself, or a saved paged response `{ data: [...] }`; else undefined. */
export function pageRows(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (data !== null && typeof data === "object" && Array.isArray((data as { data?: unknown }).data)) return (data as { data: unknown[] }).data;
  return undefined;
}

/** JSON.parse after dropping a leading byte-order mark (U+FEFF). */
export function parseJsonText(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
