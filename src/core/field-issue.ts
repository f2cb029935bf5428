// The field a zod validation issue names and the value found there, so every "bad input" message (config, Data API
// rows, market files) names the field and the offending value the same way.

/** Value at `path` inside `obj` (undefined when the path leaves the object). */
export function valueAt(obj: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

export interface FieldIssue {
  /** Dotted path of the field ("defaults.ratio"), or `root` when the input itself is wrong. */
  field: string;
  value: unknown;
  message: string;
}

/** A zod issue about `input` as field, value and message. */
export function fieldIssue(input: unknown, issue: { path: readonly PropertyKey[]; message: string }, root = "(root)"): FieldIssue {
  return { field: issue.path.map(String).join(".") || root, value: valueAt(input, issue.path), message: issue.message };
}
