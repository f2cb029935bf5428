// Structured logger (pino) with secret redaction: keys, secrets, passphrases and auth headers never reach a log.
// Logs go to stderr so command output on stdout stays clean.
import { pino, type DestinationStream, type Logger } from "pino";

export const REDACT_PATHS = [
  "*.secret",
  "*.passphrase",
  "*.privateKey",
  "*.apiKey",
  "*.key",
  "*.token",
  "*.authorization",
  "*.POLY_SIGNATURE",
  "*.POLY_PASSPHRASE",
  "*.POLY_API_KEY",
  "secret",
  "passphrase",
  "privateKey",
  "apiKey",
  "token",
  "headers.authorization",
  "headers.poly_signature",
  "headers.poly_passphrase",
  "headers.poly_api_key",
];

/** Log levels a user may pick (pino's), "silent" for none. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * A JSON-lines logger named `name` at `level` (default $SPY_LOG_LEVEL, else info) into `dest` (default stderr), with
 * every REDACT_PATHS value censored.
 */
export function createLogger(name: string, level = process.env.SPY_LOG_LEVEL ?? "info", dest: DestinationStream = pino.destination(2)): Logger {
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new Error(`log level: ${JSON.stringify(level)} is not one of ${LOG_LEVELS.join(", ")} (SPY_LOG_LEVEL or --log-level)`);
  return pino({ name, level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, dest);
}
