// ExecEvent: what an executor reports about an intent: accepted, rejected, fill, done (exactly one done each).
// Executor is the one interface paper, shadow and live implement.
import { z } from "zod";
import type { Observable } from "rxjs";
import { SIDES } from "./venue.js";
import type { CopyIntent } from "./intent.js";

export const EXEC_MODES = ["paper", "shadow", "live"] as const;
export type ExecMode = (typeof EXEC_MODES)[number];

/** Terminal outcome of an intent; every intent ends in exactly one. */
export const TERMINAL = {
  FILLED: "FILLED", // fully filled
  PARTIAL: "PARTIAL", // some filled, the rest cancelled/killed
  UNFILLED: "UNFILLED", // nothing filled (FOK killed, FAK no match, GTC expired/cancelled)
  REJECTED: "REJECTED", // refused before reaching the book (venue rule or our pre-check)
  SHADOWED: "SHADOWED", // shadow mode: priced and signed, never posted
} as const;
export type Terminal = (typeof TERMINAL)[keyof typeof TERMINAL];

const base = { intentId: z.string(), mode: z.enum(EXEC_MODES), ts: z.number().int() };

export const ExecEventSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("accepted"), orderId: z.string(), price: z.number(), size: z.number() }),
  z.object({ ...base, type: z.literal("rejected"), reason: z.string(), detail: z.string() }),
  z.object({
    ...base,
    type: z.literal("fill"),
    orderId: z.string(),
    tokenId: z.string(),
    side: z.enum(SIDES),
    price: z.number(),
    size: z.number().positive(),
    fee: z.number().nonnegative(),
    tradeId: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal("done"),
    terminal: z.enum(Object.values(TERMINAL) as [Terminal, ...Terminal[]]),
    filledShares: z.number().nonnegative(),
    avgPrice: z.number().nonnegative(), // 0 when nothing filled
    detail: z.string(),
  }),
]);
export type ExecEvent = z.infer<typeof ExecEventSchema>;
export type FillEvent = Extract<ExecEvent, { type: "fill" }>;
export type DoneEvent = Extract<ExecEvent, { type: "done" }>;

export interface ExecContext {
  mode: ExecMode;
}

export type Executor = (intents: Observable<CopyIntent>, ctx: ExecContext) => Observable<ExecEvent>;
