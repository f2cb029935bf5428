// Config schema (zod, with defaults): global settings plus per-leader overrides, env overrides, validation
// errors that name every bad field and value. Reading files is the CLI's job; this file is pure.
import { z } from "zod";
import { fieldIssue, showValue } from "./field-issue.js";
import { isTickSize, TICK_SIZES } from "./money.js";
import { ORDER_TYPES } from "./venue.js";
import { WALLET_ADDRESS } from "./events.js";
import { EXEC_MODES, type ExecMode } from "./exec.js";
import { isSeed, SEED_EXPECTED } from "./rng.js";

export const SIZING_MODES = ["FIXED_RATE", "BUDGETED_DYNAMIC"] as const;
export const MODE_STATES = ["inherit", "on", "off"] as const;
export type ModeState = (typeof MODE_STATES)[number];

// Every object schema is strict: a misspelt key (killswitch, netting.enable) is refused by name, never ignored.
const NettingSchema = z.object({ enabled: z.boolean(), windowMs: integer().positive() }).strict();
const DriftCorrectionSchema = z
  .object({
    enabled: z.boolean(),
    /** Correct when |copy − r_u × leader| exceeds this fraction of r_u × leader (and minShares). */
    threshold: z.number().positive(),
    minShares: z.number().nonnegative(),
    orderType: z.enum(ORDER_TYPES),
  })
  .strict();

/**
 * Cross-field checks run even when another field has a wrong type or an unknown option: zod skips a refinement after
 * such an issue, so the error would name only some of the bad fields and the next attempt others. They run on an
 * object (fields may be unparsed there: each check looks at numbers and known options only).
 */
const EVEN_AFTER_TYPE_ERRORS = { when: (p: { value: unknown }) => isPlainObject(p.value) };
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * An integer field. zod's own .int() marks a fractional value as aborting the whole parse, which skips even the
 * EVEN_AFTER_TYPE_ERRORS checks (a fractional seed hid a leader keyed by name); this says the same and lets them run.
 */
function integer() {
  return z.number().refine(Number.isSafeInteger, { message: "Invalid input: expected int, received number" });
}

/** Fields a leader may override (no defaults here, so an override only sets what it names). */
const leaderFields = {
  /**
   * Overall copying switch for this leader: off = never copied; on = copied in every mode that is on for it;
   * inherit = as `defaults.state` says (so `defaults.state: off` makes leaders opt-in, each turned on by name).
   */
  state: z.enum(MODE_STATES),
  /** Per-mode switch for this leader: on/off override the global `modes`; inherit (or absent) = `defaults.modes`, then the global switch. */
  modes: z.partialRecord(z.enum(EXEC_MODES), z.enum(MODE_STATES)),
  sizing: z.enum(SIZING_MODES),
  /** r_u for FIXED_RATE. */
  ratio: z.number().positive().max(10),
  /** B_u, USD budget for BUDGETED_DYNAMIC (r_u = clamp(B_u / E_u, ratioMin, ratioMax)). */
  budget: z.number().positive(),
  ratioMin: z.number().nonnegative(),
  ratioMax: z.number().positive().max(10),
  orderType: z.enum(ORDER_TYPES),
  /**
   * Max adverse move: a copy BUY's limit is leader price × (1 + slippage) (decide), tightened by the paper executor to
   * the best ask seen when decided × (1 + slippage); a SELL's, leader price and best bid × (1 − slippage); on the tick.
   */
  slippage: z.number().min(0).max(1),
  /** Skip leader BUYs priced above this (little upside left). */
  priceCap: z.number().gt(0).max(1),
  minLeaderNotional: z.number().nonnegative(),
  maxLeaderNotional: z.number().positive().nullable(),
  minCopyNotional: z.number().nonnegative(),
  /** Above this the copy is clipped (not skipped). */
  maxCopyNotional: z.number().positive().nullable(),
  /** Max share of bankroll one BUY may spend at its limit price (a mirrored SPLIT: its sets at $1) (0.05 = 5 %); bigger copies are clipped to it. */
  maxBankrollPct: z.number().gt(0).max(1),
  netting: NettingSchema.partial(),
  driftCorrection: DriftCorrectionSchema.partial(),
};

export const DEFAULT_LEADER_SETTINGS = {
  state: "inherit",
  modes: {},
  sizing: "FIXED_RATE",
  ratio: 0.01,
  budget: 1000,
  ratioMin: 0.001,
  ratioMax: 0.1,
  orderType: "FAK",
  slippage: 0.02,
  priceCap: 0.97,
  minLeaderNotional: 0,
  maxLeaderNotional: null,
  minCopyNotional: 0,
  maxCopyNotional: null,
  maxBankrollPct: 0.05,
  netting: { enabled: false, windowMs: 5_000 },
  driftCorrection: { enabled: false, threshold: 0.25, minShares: 5, orderType: "FOK" },
} as const;

/** A leader's override: any subset of the fields, validated, nothing filled in. */
export const LeaderOverrideSchema = z.object(leaderFields).partial().strict();

/** Global defaults: every field, with defaults. */
export const LeaderSettingsSchema = z
  .object(leaderFields)
  .partial()
  .strict()
  .superRefine((o, ctx) => {
    // the defaults' fields as they will be (built-in defaults under what the file and env set)
    for (const i of contradictions({ ...DEFAULT_LEADER_SETTINGS, ...o }, o, true)) ctx.addIssue({ code: "custom", path: [i.field], message: i.message });
  }, EVEN_AFTER_TYPE_ERRORS)
  .transform((o) => ({
    ...DEFAULT_LEADER_SETTINGS,
    ...o,
    modes: { ...(o.modes ?? {}) },
    netting: { ...DEFAULT_LEADER_SETTINGS.netting, ...(o.netting ?? {}) },
    driftCorrection: { ...DEFAULT_LEADER_SETTINGS.driftCorrection, ...(o.driftCorrection ?? {}) },
  }));
export type LeaderSettings = z.output<typeof LeaderSettingsSchema>;

/** fill.book values that read recorded books at fill.path. */
const RECORDED_BOOKS = ["recorded-l1", "recorded-bbo", "parquet-events"] as const;

export const FillModelConfigSchema = z.object({
  /** Book source for replays: the leader-anchored model, or recorded books at fill.path (a token they lack gets NO_BOOK). */
  book: z.enum(["leader-anchored", ...RECORDED_BOOKS]).default("leader-anchored"),
  /** Leader-anchored model: half spread added around the leader's fill price. */
  halfSpread: z.number().min(0).max(0.5).default(0.005),
  /** Leader-anchored model: shares at each of its levels; recorded-bbo: assumed shares at each touch. */
  depthShares: z.number().positive().default(200),
  /** Leader-anchored model: price step between its levels (in ticks), and how many levels each side has. */
  levelTicks: integer().positive().default(1),
  levels: integer().positive().default(5),
  /** Tick to assume when the market's tick is unknown. */
  tick: z
    .number()
    .refine((t) => isTickSize(String(t)), { message: `not one of the venue's ticks ${TICK_SIZES.join(", ")}` })
    .default(0.01),
  minOrderSize: z.number().nonnegative().default(5),
  /**
   * Taker fee of every market without a schedule of its own (market files given to a replay carry Gamma's
   * feeSchedule): fee = shares · rate · (p(1−p))^exponent. Rate 0 (default): no fees.
   */
  takerFee: z
    .object({ rate: z.number().min(0).max(1).default(0), exponent: z.number().positive().default(1) })
    .strict()
    .default({ rate: 0, exponent: 1 }),
  /**
   * Path of the recorded books: csv for recorded-l1, a session JSON file or a folder of them for recorded-bbo,
   * parquet for parquet-events.
   */
  path: z.string().optional(),
}).strict();

/** Largest latency.ms and latency.jitterMs (one day): larger ones overflow the draws (a delay of NaN or ∞ ms). */
export const MAX_LATENCY_MS = 86_400_000;

export const LatencyConfigSchema = z.object({
  model: z.enum(["constant", "uniform", "lognormal"]).default("constant"),
  ms: z.number().nonnegative().max(MAX_LATENCY_MS, `at most ${MAX_LATENCY_MS} (one day)`).default(500),
  /** Spread of uniform (±) and lognormal (sd); refused with constant, which would ignore it. */
  jitterMs: z.number().nonnegative().max(MAX_LATENCY_MS, `at most ${MAX_LATENCY_MS} (one day)`).default(0),
}).strict();

export const ConfigSchema = z.object({
  seed: z.number().refine(isSeed, { message: SEED_EXPECTED }).default(1),
  /** Starting cash of the copier (USD). */
  bankroll: z.number().positive().default(1000),
  /** Global mode switches; a leader's per-mode state can override with on/off. */
  modes: z
    .object({ paper: z.boolean().default(true), shadow: z.boolean().default(false), live: z.boolean().default(false) })
    .strict()
    .default({ paper: true, shadow: false, live: false }),
  killSwitch: z.boolean().default(false),
  defaults: LeaderSettingsSchema.default(LeaderSettingsSchema.parse({})),
  /** Per-leader overrides keyed by lower-case wallet. */
  leaders: z
    .record(z.string(), LeaderOverrideSchema)
    .default({})
    .superRefine((o, ctx) => {
      // wallets are case-insensitive: two spellings of one wallet would otherwise silently keep only the last
      const seen = new Map<string, string>();
      for (const k of Object.keys(o)) {
        // a name (a profile's username) would be accepted and never match a leader: its override would never apply
        if (!WALLET_ADDRESS.test(k)) ctx.addIssue({ code: "custom", path: [k], message: "not a wallet: leaders are keyed by their 0x address (40 hex digits), not by name" });
        const first = seen.get(k.toLowerCase());
        if (first === undefined) seen.set(k.toLowerCase(), k);
        else ctx.addIssue({ code: "custom", path: [k], message: `names the same wallet as "${first}" (wallets are case-insensitive)` });
      }
    }, EVEN_AFTER_TYPE_ERRORS)
    .transform((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]))),
  fill: FillModelConfigSchema.default(FillModelConfigSchema.parse({})),
  latency: LatencyConfigSchema.default(LatencyConfigSchema.parse({})),
}).strict().superRefine((c, ctx) => {
  // fields valid alone that contradict each other, as the leader's effective settings have them (the defaults' own
  // are checked by LeaderSettingsSchema); only a leader that sets one of the pair is blamed. The record's keys are
  // as written when another leader failed (its transform did not run): no leaderSettings lookup by lower case here.
  // (after a type error elsewhere, a part may be as written: defaults without the built-in ones, a leader not an object)
  const defaults = isPlainObject(c.defaults) ? { ...DEFAULT_LEADER_SETTINGS, ...c.defaults } : DEFAULT_LEADER_SETTINGS;
  if (isPlainObject(c.leaders)) {
    for (const [w, o] of Object.entries(c.leaders)) {
      if (!isPlainObject(o)) continue;
      for (const i of contradictions({ ...defaults, ...o }, o, false)) ctx.addIssue({ code: "custom", path: ["leaders", w, i.field], message: i.message });
    }
  }
  const latency: Partial<Record<string, unknown>> = isPlainObject(c.latency) ? c.latency : {};
  const jitter = typeof latency.jitterMs === "number" && latency.jitterMs > 0;
  if (latency.model === "constant" && jitter) {
    ctx.addIssue({ code: "custom", path: ["latency", "jitterMs"], message: `ignored by latency.model "constant" (use "uniform" or "lognormal" for jitter)` });
  }
  if (latency.model === "lognormal" && jitter && latency.ms === 0) {
    ctx.addIssue({ code: "custom", path: ["latency", "ms"], message: `a lognormal delay of mean 0 is always 0: latency.jitterMs would be ignored (give a mean > 0)` });
  }
  const fill: Partial<Record<string, unknown>> = isPlainObject(c.fill) ? c.fill : {};
  if (RECORDED_BOOKS.includes(fill.book as never) && !fill.path) {
    ctx.addIssue({ code: "custom", path: ["fill", "path"], message: `required with fill.book "${String(fill.book)}" (the recorded books' file or folder)` });
  }
}, EVEN_AFTER_TYPE_ERRORS);
export type Config = z.infer<typeof ConfigSchema>;

type Pairs = Pick<LeaderSettings, "ratioMin" | "ratioMax" | "minLeaderNotional" | "maxLeaderNotional" | "minCopyNotional" | "maxCopyNotional">;
/**
 * Min/max pairs of `s` (effective settings) that contradict each other, each named by the field `set` (what the
 * file or env gave) sets: its min when it sets both or (defaults) neither. `all`: report even when `set` sets neither.
 */
function contradictions(s: Pairs, set: Partial<Pairs>, all: boolean): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const pair = (min: keyof Pairs, max: keyof Pairs, lo: number, hi: number | null, why: string) => {
    // after a type error elsewhere a field may be as written (a string): only numbers are compared
    if (typeof lo !== "number" || typeof hi !== "number" || !(lo > hi)) return;
    if (!all && set[min] === undefined && set[max] === undefined) return;
    const field = set[min] === undefined && set[max] !== undefined ? max : min;
    out.push({ field, message: `${min} ${lo} > ${max} ${hi}: ${why}` });
  };
  pair("ratioMin", "ratioMax", s.ratioMin, s.ratioMax, "BUDGETED_DYNAMIC could only ever use one of them");
  pair("minLeaderNotional", "maxLeaderNotional", s.minLeaderNotional, s.maxLeaderNotional, "no leader trade could ever be copied");
  pair("minCopyNotional", "maxCopyNotional", s.minCopyNotional, s.maxCopyNotional, "every copy would be clipped to the max and then skipped below the min");
  return out;
}

export type ConfigInput = z.input<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid config:\n  ${issues.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

/** Validate a config object; throws ConfigError naming every bad field and its value. */
export function parseConfig(input: unknown): Config {
  const r = ConfigSchema.safeParse(input ?? {});
  if (r.success) return r.data;
  const leadersIn = input !== null && typeof input === "object" ? (input as { leaders?: unknown }).leaders : undefined;
  const issues = r.error.issues.map((i) => {
    // an issue found after the wallets were lower-cased names the wallet as the input wrote it (its value, its SPY__ variable)
    if (i.path[0] === "leaders" && typeof i.path[1] === "string" && leadersIn !== null && typeof leadersIn === "object" && !(i.path[1] in leadersIn)) {
      const asWritten = Object.keys(leadersIn).find((w) => w.toLowerCase() === (i.path[1] as string).toLowerCase());
      if (asWritten !== undefined) i = { ...i, path: ["leaders", asWritten, ...i.path.slice(2)] };
    }
    const f = fieldIssue(input, i);
    // the value is found under the key as written; the field names a key long enough to be a secret by its length
    const k = i.path[1];
    const field = i.path[0] === "leaders" && typeof k === "string" && shownLeaderKey(k) !== k ? fieldIssue(input, { ...i, path: ["leaders", shownLeaderKey(k), ...i.path.slice(2)] }).field : f.field;
    const got = shownConfigValue(f.value);
    return `${field}: ${f.message}${got ? ` (got ${got})` : ""}`;
  });
  throw new ConfigError(issues);
}

/**
 * Strings (and leader keys that are no wallet) this long are withheld from errors: no config value is a long string (a
 * refused string is a misspelt word), while an API key is 36 characters, its secret 44, a passphrase or private key 64-66.
 */
const SECRET_LENGTH = 32;

/**
 * A leader key as errors name it: a key that is no wallet is shown (a profile name helps), unless it is long enough to
 * be a key pasted in a wallet's place (0x + 64 hex digits is a private key), which is named by its length only.
 */
export function shownLeaderKey(k: string): string {
  return k.length >= SECRET_LENGTH && !WALLET_ADDRESS.test(k) ? `<a key of ${k.length} characters, not shown>` : k;
}

/**
 * A bad config value as an error shows it: a scalar as written (a string of SECRET_LENGTH characters or more by its
 * length only); an object or array by its kind only. Its contents are
 * withheld as unknown keys' values are: a credentials file given as a config, or a key put under the wrong field, would
 * otherwise be printed whole (`bankroll: … (got {"privateKey":"0x…"})`).
 */
export function shownConfigValue(v: unknown): string {
  if (Array.isArray(v)) return `an array of ${v.length} (contents not shown)`;
  // a refused string this long is no misspelt word: a private key, API secret or passphrase put in the wrong place
  if (typeof v === "string" && v.length >= SECRET_LENGTH) return `a string of ${v.length} characters (not shown)`;
  if (v !== null && typeof v === "object") return "an object (contents not shown)";
  return showValue(v);
}

/**
 * Env overrides: SPY__a__b=v sets a.b (JSON-parsed when it parses, else the raw string).
 * Example: SPY__defaults__ratio=0.02, SPY__killSwitch=true, SPY__leaders__0xabc__state=off.
 */
export function applyEnvOverrides(
  input: Record<string, unknown>,
  env: Record<string, string | undefined>,
  /** Filled with each dotted path set → the variable that set it (so an error can blame the variable, not the file). */
  setBy?: Map<string, string>,
): Record<string, unknown> {
  const out = structuredClone(input);
  for (const [k, raw] of Object.entries(env)) {
    if (!k.startsWith("SPY__") || raw === undefined) continue;
    const path = k.slice(5).split("__");
    // SPY__ alone, or an empty segment (SPY__defaults____ratio): no field to set, and a silent skip would hide a typo
    if (path.some((p) => p === "")) throw new ConfigError([`${k}: names no config field (SPY__<field>__<subfield>=value, e.g. SPY__defaults__ratio=0.02)`]);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      /* keep the raw string */
    }
    // a leader's wallet may be spelt in another case than in the file: override that entry, do not add another
    if (path[0] === "leaders" && path.length > 2 && out.leaders !== null && typeof out.leaders === "object") {
      const same = Object.keys(out.leaders).find((w) => w.toLowerCase() === path[1]!.toLowerCase());
      if (same !== undefined) path[1] = same;
    }
    let cur: Record<string, unknown> = out;
    for (const p of path.slice(0, -1)) {
      if (cur[p] === null || typeof cur[p] !== "object") cur[p] = {};
      cur = cur[p] as Record<string, unknown>;
    }
    cur[path[path.length - 1]!] = value;
    setBy?.set(path.join("."), k);
  }
  return out;
}

/** A leader's per-mode switches that say on or off (an "inherit" one leaves the default's in place). */
function setModes(modes: Partial<Record<ExecMode, ModeState>> | undefined): Partial<Record<ExecMode, ModeState>> {
  const out: Partial<Record<ExecMode, ModeState>> = {};
  for (const m of EXEC_MODES) if (modes?.[m] !== undefined && modes[m] !== "inherit") out[m] = modes[m];
  return out;
}

/** Effective settings of one leader: defaults with the leader's overrides on top ("inherit" keeps the default's). */
export function leaderSettings(config: Config, leader: string): LeaderSettings {
  const o = config.leaders[leader.toLowerCase()] ?? {};
  return {
    ...config.defaults,
    ...o,
    state: o.state === undefined || o.state === "inherit" ? config.defaults.state : o.state,
    modes: { ...config.defaults.modes, ...setModes(o.modes) },
    netting: { ...config.defaults.netting, ...(o.netting ?? {}) },
    driftCorrection: { ...config.defaults.driftCorrection, ...(o.driftCorrection ?? {}) },
  };
}

/** Is `mode` on for `leader`? Leader off / mode off win; inherit follows the global switch. */
export function modeEnabled(config: Config, leader: string, mode: ExecMode): boolean {
  const s = leaderSettings(config, leader);
  if (s.state === "off") return false;
  const m: ModeState = s.modes[mode] ?? "inherit";
  if (m === "off") return false;
  if (m === "on") return true;
  return config.modes[mode];
}
