// Loads a config file (JSON) plus SPY__* env overrides and validates it; errors name the file, field and value.
// The only place config touches the filesystem.
import { readFileSync } from "node:fs";
import { applyEnvOverrides, parseConfig, parseJsonText, shownConfigValue, shownLeaderKey, ConfigError, type Config } from "../core/index.js";

export function loadConfig(path?: string, env: Record<string, string | undefined> = process.env): Config {
  let raw: Record<string, unknown> = {};
  if (path) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      throw new ConfigError([`${path}: cannot read config file (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
    }
    try {
      raw = parseJsonText(text) as Record<string, unknown>;
    } catch (e) {
      throw new ConfigError([`${path}: not valid JSON (${(e as Error).message})`]);
    }
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      // what the file holds instead, by kind: a file given by mistake (credentials, a key) is never echoed
      const got = typeof raw === "string" ? "a string (not shown)" : shownConfigValue(raw);
      throw new ConfigError([`${path}: (root): expected an object (got ${got})`]);
    }
  }
  const setBy = new Map<string, string>();
  try {
    return parseConfig(applyEnvOverrides(raw, env, setBy));
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // each issue names where its value came from: the SPY__ variable that set the field (or a parent of it), else the file
    const source = (issue: string): string | undefined => sourceOf(issue.slice(0, issue.indexOf(":")), setBy) ?? path;
    throw new ConfigError(e.issues.map((i) => {
      const from = source(i);
      return from ? `${from}: ${i}` : i;
    }));
  }
}

/**
 * The SPY__ variable that set `field` (dotted, as issues name it): the field itself, one inside what it set, or one the
 * variable set a child of (SPY__bankroll__x makes bankroll an object); undefined when no variable did.
 */
function sourceOf(field: string, setBy: ReadonlyMap<string, string>): string | undefined {
  for (const [setPath, name] of setBy) {
    // a leader key issues name by its length only (a secret pasted as a wallet) is named so in the variable too
    const at = setPath.split(".");
    const p = at[0] === "leaders" && at[1] !== undefined ? ["leaders", shownLeaderKey(at[1]), ...at.slice(2)].join(".") : setPath;
    const variable = p === setPath ? name : `SPY__${p.split(".").join("__")}`;
    if (field === p || field.startsWith(`${p}.`) || p.startsWith(`${field}.`) || field.split(", ").includes(p)) return variable;
  }
  return undefined;
}

/** Where a loaded config's `field` came from, for an error about its value: the SPY__ variable that set it, else the file (else "config"). */
export function fieldSource(field: string, path?: string, env: Record<string, string | undefined> = process.env): string {
  const setBy = new Map<string, string>();
  applyEnvOverrides({}, env, setBy);
  return sourceOf(field, setBy) ?? path ?? "config";
}
