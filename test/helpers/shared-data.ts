// Locates ../shared/data for tests: in CI a missing folder fails loudly; elsewhere tests skip with a message.
import { existsSync } from "node:fs";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const SHARED_DATA = resolve(here, "../../../shared/data");

/** Path to a file or folder under ../shared/data, or undefined (with a console note) when absent outside CI. */
export function sharedData(rel: string): string | undefined {
  const p = resolve(SHARED_DATA, rel);
  if (existsSync(p)) return p;
  if (process.env.CI) throw new Error(`CI requires ../shared/data/${rel} beside the checkout (looked at ${p})`);
  console.warn(`[skip] ../shared/data/${rel} not found at ${p}: tests that need recorded Polymarket data are skipped`);
  return undefined;
}
