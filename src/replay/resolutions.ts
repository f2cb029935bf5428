// Market resolutions for replays, read from Gamma or CLOB market objects (a JSON file or a folder of them): which
// outcome token won, so positions settle at 1/0 instead of being marked at the last trade price; and the taker fee
// a market charges (Gamma feeSchedule, CLOB /clob-markets fd), so paper fills there pay the venue's fee.
import { z } from "zod";
import { fieldIssue, pageRows, parseJsonText, parseUtcTime, type FeeRate } from "../core/index.js";
import type { InputIssue } from "../core/input-issue.js";
import { jsonFiles, nameUnder, readTextOrWhy } from "../core/json-files.js";

/** A resolved market: the winner pays 1 and the other tokens 0. `ts` is when it closed, when the source says. */
export interface MarketResolution {
  conditionId: string;
  winningTokenId: string;
  /** Every outcome token of the market (so resting orders in all of them can be cancelled). */
  tokenIds: string[];
  /** Close time (ms) from Gamma's closedTime; undefined (CLOB objects carry none): applies at the end of a replay. */
  ts: number | undefined;
  /** "gamma" or "clob": which object shape it came from. */
  source: "gamma" | "clob";
  /** Where it was read (loadResolutions), so a replay that cannot apply it names the object. */
  file?: string;
  row?: number;
  /** The field its outcome tokens came from ("clobTokenIds", "positionIds", "tokens"), with the object's path. */
  tokensField?: string;
}

/** A market the files describe that has no 1/0 outcome (still open, or closed at fractional / 0-0 prices). */
export interface UnresolvedMarket {
  conditionId: string;
  file: string;
  row: number;
  why: string;
}

/**
 * A market's taker fee (Gamma feeSchedule of a market with fees enabled), for every outcome token; `fee` null: the
 * market is known to charge none (feesEnabled false, or a schedule of rate 0), whatever fill.takerFee says.
 */
export interface MarketFee {
  conditionId: string;
  tokenIds: string[];
  fee: FeeRate | null;
}

export interface LoadedResolutions {
  files: number;
  /** Market objects read. */
  markets: number;
  resolutions: MarketResolution[];
  /** Fees of the markets whose objects say (resolved or not); a market listed twice keeps its first. */
  fees: MarketFee[];
  unresolved: UnresolvedMarket[];
  issues: InputIssue[];
}

/** Gamma encodes list fields as JSON strings ('["Yes", "No"]'); accept either form. */
const jsonList = z.union([z.array(z.union([z.string(), z.number()])), z.string()]).transform((v, ctx) => {
  if (Array.isArray(v)) return v.map(String);
  try {
    const x: unknown = JSON.parse(v);
    if (Array.isArray(x) && x.every((e) => typeof e === "string" || typeof e === "number")) return x.map(String);
  } catch {
    // reported below
  }
  ctx.addIssue({ code: "custom", message: "expected a JSON-encoded list of strings" });
  return z.NEVER;
});
const conditionId = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "expected 0x + 64 hex digits");

const GammaMarket = z.object({
  conditionId,
  closed: z.boolean(),
  /** Outcome token ids: clobTokenIds (a JSON-encoded list) or, on Protocol V2 ("v2") markets, positionIds. */
  clobTokenIds: jsonList.optional(),
  positionIds: jsonList.optional(),
  outcomePrices: jsonList,
  closedTime: z.string().nullish(),
  feesEnabled: z.boolean().nullish(),
  /** Checked on its own (FeeSchedule): a bad schedule is reported without losing the market's outcome. */
  feeSchedule: z.unknown().optional(),
}).transform((m, ctx) => {
  const tokenIds = m.clobTokenIds ?? m.positionIds;
  if (tokenIds === undefined) {
    ctx.addIssue({ code: "custom", path: ["clobTokenIds"], message: "expected clobTokenIds (or positionIds on a V2 market)", input: undefined });
    return z.NEVER;
  }
  return { ...m, tokenIds };
});

/**
 * CLOB `/clob-markets/{conditionId}` MarketDetails (short keys, reference §2): tokens and the fee `fd` the official
 * client reads (r, e default 0: no fee); no outcome, so it gives a fee and never a resolution.
 */
const ClobMarketDetails = z.object({
  c: conditionId,
  t: z.array(z.object({ t: z.string().min(1) })).min(1),
  fd: z.object({ r: z.number().min(0).max(1).default(0), e: z.number().min(0).default(0), to: z.boolean().optional() }).nullish(),
});

/** Gamma's feeSchedule: { rate, exponent, takerOnly, rebateRate } (reference §5); takers pay, so only rate/exponent. */
const FeeSchedule = z.object({ rate: z.number().min(0).max(1), exponent: z.number().positive(), takerOnly: z.boolean().optional() });

const ClobMarket = z.object({
  condition_id: conditionId,
  closed: z.boolean(),
  // token_id "" on archived pre-CLOB markets (real /markets pages): a market with no CLOB tokens, not a bad object
  tokens: z.array(z.object({ token_id: z.string(), winner: z.boolean(), price: z.number().optional() })).min(1),
});

/** Gamma's "2026-03-19 23:20:15+00" (and ISO forms) as ms; undefined when absent or unparseable. */
export function parseCloseTime(s: string | null | undefined): number | undefined {
  if (!s) return undefined;
  const t = parseUtcTime(s);
  return Number.isFinite(t) ? t : undefined;
}

/** One market object of a file: its 0-based row in the file's top-level list, and where it sits in that row. */
interface MarketObject {
  obj: unknown;
  row: number;
  /** Path inside the row's object ("markets[2]." in a Gamma event; "" when the row is the market), put before fields. */
  at: string;
}

/**
 * The market objects of a parsed file: an array, a CLOB page `{ data: [...] }`, or one object; Gamma events (objects
 * with a `markets` list) and search answers (`{ events: [...] }`) give their markets, each named by row and path.
 */
function objectsOf(data: unknown): MarketObject[] {
  const out: MarketObject[] = [];
  const visit = (x: unknown, row: number, at: string): void => {
    if (x !== null && typeof x === "object" && !Array.isArray(x)) {
      const o = x as Record<string, unknown>;
      if (Array.isArray(o.markets)) return o.markets.forEach((m, k) => visit(m, row, `${at}markets[${k}].`)); // a Gamma event
      if (Array.isArray(o.events) && !("conditionId" in o)) return o.events.forEach((e, k) => visit(e, row, `${at}events[${k}].`)); // a search answer
    }
    out.push({ obj: x, row, at });
  };
  (pageRows(data) ?? [data]).forEach((x, row) => visit(x, row, ""));
  return out;
}

type Verdict = { resolution: MarketResolution } | { unresolved: string; conditionId: string };

/** A decimal price as Gamma writes them ("1", "0.0005"); NaN for anything else ("", " ", "0x1", "Infinity"). */
const DECIMAL = /^\d+(\.\d+)?([eE][-+]?\d+)?$/;
const priceOf = (s: string): number => (DECIMAL.test(s) ? Number(s) : Number.NaN);

function gammaVerdict(m: z.infer<typeof GammaMarket>): Verdict | { field: InputIssue["field"]; message: string } {
  if (m.tokenIds.length !== m.outcomePrices.length) return { field: "outcomePrices", message: `${m.outcomePrices.length} prices for ${m.tokenIds.length} tokens` };
  // Number("") is 0: an empty or malformed price must not read as a losing outcome and settle the market at 1/0
  const bad = m.outcomePrices.find((p) => !Number.isFinite(priceOf(p)));
  if (bad !== undefined) return { field: "outcomePrices", message: `price ${JSON.stringify(bad)} is not a decimal number` };
  if (!m.closed) return { unresolved: "not closed", conditionId: m.conditionId };
  const prices = m.outcomePrices.map(priceOf);
  const winners = prices.filter((p) => p === 1).length;
  if (winners !== 1 || prices.some((p) => p !== 0 && p !== 1)) {
    return { unresolved: `closed without a 1/0 outcome (prices ${m.outcomePrices.join(", ")})`, conditionId: m.conditionId };
  }
  const w = prices.indexOf(1);
  return {
    resolution: { conditionId: m.conditionId.toLowerCase(), winningTokenId: m.tokenIds[w]!, tokenIds: m.tokenIds, ts: parseCloseTime(m.closedTime), source: "gamma" },
  };
}

function clobVerdict(m: z.infer<typeof ClobMarket>): Verdict {
  let winners = m.tokens.filter((t) => t.winner);
  if (m.tokens.some((t) => t.token_id === "")) return { unresolved: "no CLOB token ids (not an order-book market)", conditionId: m.condition_id };
  if (!m.closed) return { unresolved: "not closed", conditionId: m.condition_id };
  // Older closed markets (2022) flag no winner but carry final prices: exactly one 1 and the rest 0 decides, as on Gamma.
  if (winners.length === 0 && m.tokens.every((t) => t.price === 0 || t.price === 1)) winners = m.tokens.filter((t) => t.price === 1);
  if (winners.length !== 1) return { unresolved: `closed with ${winners.length} winning tokens`, conditionId: m.condition_id };
  return {
    resolution: { conditionId: m.condition_id.toLowerCase(), winningTokenId: winners[0]!.token_id, tokenIds: m.tokens.map((t) => t.token_id), ts: undefined, source: "clob" },
  };
}

/**
 * Resolutions in a file or folder of Gamma (`/markets`) or CLOB (`/markets/{id}`, `/markets` pages) market JSON.
 * A bad object is reported (file, row, field, value) and skipped; the same market twice must agree on the winner.
 */
export function loadResolutions(path: string): LoadedResolutions {
  const out: LoadedResolutions = { files: 0, markets: 0, resolutions: [], fees: [], unresolved: [], issues: [] };
  const byCondition = new Map<string, MarketResolution>();
  const feeSeen = new Set<string>();
  for (const f of jsonFiles(path)) {
    out.files++;
    const file = nameUnder(path, f); // two book.json in different folders stay apart
    const read = readTextOrWhy(f);
    if ("why" in read) {
      out.issues.push({ file, field: "(file)", message: read.why });
      continue;
    }
    let data: unknown;
    try {
      data = parseJsonText(read.text);
    } catch (e) {
      out.issues.push({ file, field: "(file)", message: `not JSON: ${(e as Error).message}` });
      continue;
    }
    for (const { obj, row, at } of objectsOf(data)) {
      out.markets++;
      const issue = (i: Omit<InputIssue, "file" | "row">): void => void out.issues.push({ file, row, ...i, field: at + i.field });
      const keys = obj !== null && typeof obj === "object" ? obj : {};
      const shape = "condition_id" in keys ? "clob" : "c" in keys && "t" in keys ? "details" : "gamma";
      const addFee = (cond: string, tokenIds: string[], fee: FeeRate | null) => {
        const c = cond.toLowerCase();
        if (feeSeen.has(c)) return;
        feeSeen.add(c);
        out.fees.push({ conditionId: c, tokenIds, fee });
      };
      if (shape === "details") {
        // /clob-markets: a fee, no outcome
        const d = ClobMarketDetails.safeParse(obj);
        if (!d.success) {
          issue(fieldIssue(obj, d.error.issues[0]!, "(object)"));
          continue;
        }
        const fd = d.data.fd;
        if (fd?.to === false && fd.r > 0) issue({ field: "fd.to", value: false, message: MAKERS_PAY, kept: MAKERS_KEPT });
        addFee(d.data.c, d.data.t.map((t) => t.t), fd && fd.r > 0 ? { r: fd.r, e: fd.e } : null);
        continue;
      }
      const parsed = (shape === "clob" ? ClobMarket : GammaMarket).safeParse(obj);
      if (!parsed.success) {
        issue(fieldIssue(obj, parsed.error.issues[0]!, "(object)"));
        continue;
      }
      if (shape === "gamma") {
        const m = parsed.data as z.infer<typeof GammaMarket>;
        const fee = feeOf(m);
        if (typeof fee === "string") {
          const noSchedule = fee === FEES_ON_NO_SCHEDULE;
          issue({ field: noSchedule ? "feesEnabled" : "feeSchedule", value: noSchedule ? m.feesEnabled : m.feeSchedule, message: fee, kept: "its outcome is kept; fill.takerFee applies to its fills" });
        } else if (fee !== undefined) {
          if (fee !== null && (m.feeSchedule as { takerOnly?: unknown }).takerOnly === false) {
            issue({ field: "feeSchedule.takerOnly", value: false, message: MAKERS_PAY, kept: MAKERS_KEPT });
          }
          addFee(m.conditionId, m.tokenIds, fee);
        }
      }
      const v = shape === "clob" ? clobVerdict(parsed.data as z.infer<typeof ClobMarket>) : gammaVerdict(parsed.data as z.infer<typeof GammaMarket>);
      if ("field" in v) {
        issue({ field: v.field, value: (parsed.data as z.infer<typeof GammaMarket>).outcomePrices, message: v.message });
        continue;
      }
      if ("resolution" in v && v.resolution.ts === undefined && shape === "gamma") {
        const closedTime = (parsed.data as z.infer<typeof GammaMarket>).closedTime;
        if (closedTime) issue({ field: "closedTime", value: closedTime, message: "not a date and time", kept: "its outcome is kept and applies at the end of the replay" });
      }
      if ("unresolved" in v) {
        out.unresolved.push({ conditionId: v.conditionId.toLowerCase(), file, row, why: v.unresolved });
        continue;
      }
      const r = v.resolution;
      const gm = parsed.data as z.infer<typeof GammaMarket>;
      Object.assign(r, { file, row, tokensField: at + (shape === "clob" ? "tokens" : gm.clobTokenIds !== undefined ? "clobTokenIds" : "positionIds") });
      const seen = byCondition.get(r.conditionId);
      if (seen === undefined) {
        byCondition.set(r.conditionId, r);
        out.resolutions.push(r);
      } else if (seen.winningTokenId !== r.winningTokenId) {
        issue({ field: shape === "clob" ? "tokens" : "outcomePrices", value: r.winningTokenId, message: `market ${r.conditionId} resolved to another winner earlier (${seen.winningTokenId}); kept the first` });
      } else if (seen.ts === undefined && r.ts !== undefined) seen.ts = r.ts;
    }
  }
  return out;
}

const FEES_ON_NO_SCHEDULE = "fees enabled but no feeSchedule";
/** A schedule that charges makers too (takerOnly false): paper resting orders fill as makers, modelled fee-free. */
const MAKERS_PAY = "the market charges makers too (takerOnly false)";
const MAKERS_KEPT = "its taker fee applies; fills of resting (maker) orders are modelled without a fee";

/**
 * The fee a Gamma market charges takers: null when it charges none (fees off, or rate 0), undefined when the object
 * does not say; a message when its schedule is bad or it has fees on without one (fill.takerFee applies then).
 */
function feeOf(m: z.infer<typeof GammaMarket>): FeeRate | null | undefined | string {
  if (m.feesEnabled === false) return null;
  const hasSchedule = m.feeSchedule !== undefined && m.feeSchedule !== null;
  if (!hasSchedule) return m.feesEnabled === true ? FEES_ON_NO_SCHEDULE : undefined;
  const f = FeeSchedule.safeParse(m.feeSchedule);
  if (!f.success) return `expected { rate: 0..1, exponent > 0 } (${f.error.issues[0]!.path.join(".")}: ${f.error.issues[0]!.message})`;
  return f.data.rate > 0 ? { r: f.data.rate, e: f.data.exponent } : null;
}

/** Resolutions ordered for a replay: by close time, those without one last (applied at the end), stable. */
export function resolutionTimeline(rs: readonly MarketResolution[]): MarketResolution[] {
  const key = (r: MarketResolution) => r.ts ?? Number.POSITIVE_INFINITY;
  return [...rs].sort((a, b) => key(a) - key(b));
}
