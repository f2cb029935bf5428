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

/**
 * A zod issue about `input` as field, value and message. An unknown key is named with its path and its value is
 * withheld: it may be a secret put in the wrong place (zod reports such keys on their parent, whose every value
 * would otherwise be shown).
 */
export function fieldIssue(input: unknown, issue: { path: readonly PropertyKey[]; message: string; code?: string; keys?: readonly string[] }, root = "(root)"): FieldIssue {
  const at = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys" && issue.keys && issue.keys.length > 0) {
    const field = issue.keys.map((k) => (at ? `${at}.${k}` : k)).join(", ");
    return { field, value: VALUE_WITHHELD, message: `unknown key${issue.keys.length > 1 ? "s" : ""} (value not shown)` };
  }
  return { field: at || root, value: valueAt(input, issue.path), message: issue.message };
}

/** The value of a FieldIssue that is not shown (showValue prints nothing for it). */
export const VALUE_WITHHELD: unique symbol = Symbol("value withheld");

/**
 * A bad value as messages show it: JSON, except what JSON cannot say (Infinity and NaN would print as null,
 * undefined as nothing); "" for a withheld value.
 */
export function showValue(v: unknown): string {
  if (v === VALUE_WITHHELD) return "";
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  if (typeof v === "bigint") return `${v}`;
  return JSON.stringify(v) ?? String(v);
}
