// Query-string parsing for the Data API emulation: every bad parameter becomes a 400 naming it and its value.
// Limits follow the venue's documented caps (see docs/sim-feeds.md).
import type { SimResponse } from "../types.js";

export class ParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParamError";
  }
}

/** Serve a read: 200 with its value, 400 {"error"} on a ParamError; anything else propagates (500). */
export function paramAnswer(run: () => unknown): SimResponse {
  try {
    return { status: 200, body: run() };
  } catch (e) {
    if (e instanceof ParamError) return { status: 400, body: { error: e.message } };
    throw e;
  }
}

function show(v: string): string {
  return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
}

/** The one value of `name`, or undefined; repeated keys are refused (the venue takes comma lists). */
export function one(q: URLSearchParams, name: string): string | undefined {
  const all = q.getAll(name);
  if (all.length > 1) throw new ParamError(`${name}: given ${all.length} times; pass one value (comma-separated where lists are allowed)`);
  return all[0];
}

export function int(q: URLSearchParams, name: string, def: number, min: number, max: number): number {
  const raw = one(q, name);
  if (raw === undefined || raw === "") return def;
  if (!/^-?\d+$/.test(raw)) throw new ParamError(`${name}: ${show(raw)} is not an integer`);
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ParamError(`${name}: ${show(raw)} is out of range [${min}, ${max}]`);
  return n;
}

export function optInt(q: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = one(q, name);
  if (raw === undefined || raw === "") return undefined;
  return int(q, name, 0, min, max);
}

export function num(q: URLSearchParams, name: string, def: number | undefined, min: number): number | undefined {
  const raw = one(q, name);
  if (raw === undefined || raw === "") return def;
  const n = Number(raw);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw) || !Number.isFinite(n) || n < min)
    throw new ParamError(`${name}: ${show(raw)} is not a number ≥ ${min}`);
  return n;
}

export function bool(q: URLSearchParams, name: string, def: boolean): boolean {
  const raw = one(q, name);
  if (raw === undefined || raw === "") return def;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw new ParamError(`${name}: ${show(raw)} is not true or false`);
}

export function optBool(q: URLSearchParams, name: string): boolean | undefined {
  const raw = one(q, name);
  if (raw === undefined || raw === "") return undefined;
  return bool(q, name, false);
}

export function enumOf<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[], def: T): T;
export function enumOf<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[], def: undefined): T | undefined;
export function enumOf<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[], def: T | undefined): T | undefined {
  const raw = one(q, name);
  if (raw === undefined || raw === "") return def;
  const up = raw.toUpperCase();
  if (!(allowed as readonly string[]).includes(up)) throw new ParamError(`${name}: ${show(raw)} is not one of ${allowed.join(", ")}`);
  return up as T;
}

/** Comma list of enum values (e.g. type=TRADE,MERGE). */
export function enumList<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[]): T[] | undefined {
  const raw = one(q, name);
  if (raw === undefined || raw === "") return undefined;
  return raw.split(",").map((s) => {
    const up = s.trim().toUpperCase();
    if (!(allowed as readonly string[]).includes(up)) throw new ParamError(`${name}: ${show(s)} is not one of ${allowed.join(", ")}`);
    return up as T;
  });
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HASH = /^0x[0-9a-fA-F]{64}$/;

/** A wallet address (returned lower-cased, as the venue compares them). */
export function address(q: URLSearchParams, name: string, required: boolean): string | undefined {
  const raw = one(q, name);
  if (raw === undefined || raw === "") {
    if (required) throw new ParamError(`${name}: required`);
    return undefined;
  }
  if (!ADDRESS.test(raw)) throw new ParamError(`${name}: ${show(raw)} is not a 0x-prefixed 40-hex-digit address`);
  return raw.toLowerCase();
}

/** Comma list of condition ids (0x + 64 hex). */
/** A comma-separated list of integer ids (e.g. Gamma event ids), as strings; undefined when absent. */
export function intList(q: URLSearchParams, name: string): string[] | undefined {
  const raw = one(q, name);
  if (raw === undefined || raw === "") return undefined;
  return raw.split(",").map((s) => {
    const t = s.trim();
    if (!/^\d{1,20}$/.test(t)) throw new ParamError(`${name}: ${show(t)} is not an id (digits)`);
    return t;
  });
}

export function conditionIds(q: URLSearchParams, name: string): string[] | undefined {
  const raw = one(q, name);
  if (raw === undefined || raw === "") return undefined;
  return raw.split(",").map((s) => {
    const t = s.trim();
    if (!HASH.test(t)) throw new ParamError(`${name}: ${show(t)} is not a condition id (0x + 64 hex digits)`);
    return t.toLowerCase();
  });
}
