// The issues parseConfig refuses an input with ([] when it is accepted), for tests of config validation.
import { ConfigError, parseConfig } from "../../src/core/index.js";

export function configIssues(input: unknown): string[] {
  try {
    parseConfig(input);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
  return [];
}
