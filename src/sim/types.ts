// Seams of the local exchange: the HTTP request/route shapes and the plugin contract that lets other
// parts (WS, Data API, Gamma, RTDS, scenarios) mount on the same server without editing the CLOB code.
import type http from "node:http";
import type { Rng } from "../core/rng.js";
import type { Engine } from "./engine/engine.js";
import type { Faults } from "./http.js";

/** Injectable time source; every timestamp in the sim is ms from this. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export type HttpMethod = "GET" | "POST" | "DELETE" | "PUT" | "PATCH";

/** A parsed request as handlers see it. `rawBody` is the exact bytes (utf8) sent; HMAC is over it. */
export interface SimRequest {
  method: HttpMethod;
  /** Path only, no query (what the L2 HMAC signs). */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** `:name` captures from the route pattern. */
  params: Record<string, string>;
}

export interface SimResponse {
  status: number;
  /** JSON-serialised unless `raw` is set. */
  body?: unknown;
  /** Send this text verbatim instead of JSON (content-type text/plain unless headers say otherwise). */
  raw?: string;
  headers?: Record<string, string>;
}

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

/** `path` is a pattern: literal segments and `:name` captures, e.g. `/data/order/:id`. */
export interface Route {
  method: HttpMethod;
  path: string;
  handler: Handler;
}

/** What a plugin gets: the shared engine, clock, seeded randomness, faults and the server URL. */
export interface SimContext {
  engine: Engine;
  clock: Clock;
  rng: Rng;
  seed: number;
  faults: Faults;
  /** Base URL once listening (e.g. http://127.0.0.1:43123); throws before listen. */
  url(): string;
}

export interface SimPluginInstance {
  /** Mounted after the CLOB routes; the first matching route wins. */
  routes?: Route[];
  /** Called once the http.Server exists (before listen), e.g. to handle `upgrade` for WebSockets. */
  attach?(server: http.Server): void;
  close?(): Promise<void>;
}

export type SimPlugin = (ctx: SimContext) => SimPluginInstance;
