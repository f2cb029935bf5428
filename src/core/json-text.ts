// JSON as people save it: a UTF-8 byte-order mark (Windows editors, some exporters) is not part of the JSON, and an
// API page may be saved whole ({ data: [...] }). Pure: callers read the file and report errors with its name.

/** The rows of a parsed JSON response: an array itself, or a saved paged response `{ data: [...] }`; else undefined. */
export function pageRows(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (data !== null && typeof data === "object" && Array.isArray((data as { data?: unknown }).data)) return (data as { data: unknown[] }).data;
  return undefined;
}

/**
 * JSON.parse after dropping a leading byte-order mark (U+FEFF). A syntax error says what and where (line, column)
 * but never quotes the text: V8 puts an excerpt in its message, and a config or wallet file may hold a secret.
 */
export function parseJsonText(text: string): unknown {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(t);
  } catch (e) {
    throw new SyntaxError(jsonSyntaxProblem((e as Error).message, t));
  }
}

/** V8's JSON.parse message without the quoted excerpt of the text, with its position as line and column. */
function jsonSyntaxProblem(message: string, text: string): string {
  const what = message
    .replace(/,? *(\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON$/, "") // `…, "<excerpt>" is not valid JSON`
    .replace(/^(Unexpected token) '.*?'/, "$1") // the token is the text's own character
    .replace(/ in JSON at position (\d+).*$/, "");
  const at = /at position (\d+)/.exec(message);
  if (!at) return what;
  const pos = Number(at[1]);
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const column = pos - before.lastIndexOf("\n");
  return `${what} at line ${line} column ${column}`;
}
