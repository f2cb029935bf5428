// Structured logger (pino) with secret redaction: keys, secrets, passphrases and auth headers never reach a log.
// Logs go to stderr so command output on stdout stays clean.
import { pino } from "pino";

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

export function createLogger(name: string, level = process.env.SPY_LOG_LEVEL ?? "info") {
  return pino({ name, level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, pino.destination(2));
}
