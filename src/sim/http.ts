// Tiny router over node:http for the sim (stub while the implementation lands): raw body capture, faults.
export interface FaultConfig {
  rateLimit?: { retryAfterS: number; count?: number; paths?: string[] };
}
export interface Faults {
  set(f: Partial<FaultConfig>): void;
  clear(): void;
  get(): FaultConfig;
}
