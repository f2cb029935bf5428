// JSON text as people save it: a UTF-8 byte-order mark (Windows editors, some exporters) is not part of the JSON.
// Pure: callers read the file and report errors with its name.

/** JSON.parse after dropping a leading byte-order mark (U+FEFF). */
export function parseJsonText(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
