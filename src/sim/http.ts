// Tiny router over node:http for the sim: captures the raw body bytes before parsing (HMAC is over them;
// DELETEs carry bodies), answers JSON, never crashes on bad input, and applies switchable HTTP faults.
import http from "node:http";
import type { Logger } from "pino";
import { ERR, HTTP, VenueError } from "./errors.js";
import type { Handler, HttpMethod, Route, SimRequest, SimResponse } from "./types.js";

/** HTTP faults, switchable per test through `exchange.faults.set({...})`. */
export interface FaultConfig {
  /** Answer 429 + Retry-After to the next `count` requests (every request when absent) whose path starts with one of `paths` (all when absent). */
  rateLimit?: { retryAfterS: number; count?: number; paths?: string[] };
  /** The next `count` POST /order or /orders are accepted by the engine, then answered 500 "order timed out". */
  timeoutAfterAccept?: { count: number };
  /** While true, order entry and cancels answer 425 (matching engine restarting). */
  restarting?: boolean;
  /**
   * Insert status for accepted orders: "delayed" holds marketable orders (status DELAYED) until
   * `exchange.releaseDelayed()` or `delayMs`; "unmatched" only relabels the response status.
   */
  insertStatus?: "delayed" | "unmatched";
  /** With insertStatus "delayed": release held orders after this many ms (real timer). */
  delayMs?: number;
  /** Extra latency before every answer, ms (real timer). */
  latencyMs?: number;
}

export interface Faults {
  set(f: Partial<FaultConfig>): void;
  clear(): void;
  get(): Readonly<FaultConfig>;
  /** Consume one 429 for this path if a rate-limit fault applies; returns Retry-After seconds. */
  takeRateLimit(path: string): number | undefined;
  /** Consume one "timed out after accept" if armed. */
  takeTimeout(): boolean;
}

export function createFaults(): Faults {
  let cfg: FaultConfig = {};
  return {
    set(f) {
      cfg = { ...cfg, ...f };
    },
    clear() {
      cfg = {};
    },
    get: () => cfg,
    takeRateLimit(path) {
      const rl = cfg.rateLimit;
      if (!rl) return undefined;
      if (rl.paths && !rl.paths.some((p) => path.startsWith(p))) return undefined;
      if (rl.count !== undefined) {
        if (rl.count <= 0) return undefined;
        cfg = { ...cfg, rateLimit: { ...rl, count: rl.count - 1 } };
      }
      return rl.retryAfterS;
    },
    takeTimeout() {
      const t = cfg.timeoutAfterAccept;
      if (!t || t.count <= 0) return false;
      cfg = { ...cfg, timeoutAfterAccept: { count: t.count - 1 } };
      return true;
    },
  };
}

const METHODS: ReadonlySet<string> = new Set(["GET", "POST", "DELETE", "PUT", "PATCH"]);
const MAX_BODY = 1 << 20;

interface Compiled {
  method: HttpMethod;
  segs: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Compiled[] = [];

  add(...routes: Route[]): this {
    for (const r of routes) this.routes.push({ method: r.method, segs: split(r.path), handler: r.handler });
    return this;
  }

  /** First registered match wins. `405` when the path exists under another method. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | 405 | undefined {
    const segs = split(path);
    let other = false;
    for (const r of this.routes) {
      if (r.segs.length !== segs.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segs.length; i++) {
        const p = r.segs[i]!;
        const s = segs[i]!;
        if (p.startsWith(":")) {
          if (s === "") {
            ok = false;
            break;
          }
          params[p.slice(1)] = s;
        } else if (p !== s) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (r.method !== method) {
        other = true;
        continue;
      }
      return { handler: r.handler, params };
    }
    return other ? 405 : undefined;
  }
}

function split(path: string): string[] {
  const p = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  return p.split("/").slice(1);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function errorBody(message: string): { error: string } {
  return { error: message };
}

/**
 * Build the request listener: body capture, routing, fault hooks, JSON replies, error containment. With `log`, each
 * request is logged at debug (method, path, status, ms, headers: the logger redacts the auth secrets) and a handler's
 * crash at error.
 */
export function createListener(router: Router, faults: Faults, log?: Logger): http.RequestListener {
  return (req, res) => {
    const t0 = log ? performance.now() : 0;
    // logged as the reply is written, so the line exists before the client can see the reply
    const reply = (r: SimResponse): void => {
      if (log?.isLevelEnabled("debug")) log.debug({ method: req.method, url: req.url, status: r.status, ms: Math.round(performance.now() - t0), headers: req.headers }, "request");
      send(res, r);
    };
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        aborted = true;
        reply({ status: 413, body: errorBody("payload too large") });
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("error", () => {
      aborted = true;
    });
    req.on("end", () => {
      if (aborted) return;
      void dispatch(router, faults, { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, rawBody: Buffer.concat(chunks).toString("utf8") }, log)
        .then((r) => delay(faults.get().latencyMs).then(() => reply(r)))
        .catch((e: unknown) => {
          log?.error({ err: e, method: req.method, url: req.url }, "reply failed");
          reply({ status: HTTP.SERVER_ERROR, body: errorBody("internal error") });
        });
    });
  };
}

function delay(ms: number | undefined): Promise<void> {
  return ms && ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

/** A request as it came off the wire (also used in-process by tests and benches, no socket). */
export interface RawRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

/** Route one raw request to its handler; every failure becomes a JSON error reply (a crash is also logged to `log`). */
export async function dispatch(router: Router, faults: Faults, req: RawRequest, log?: Logger): Promise<SimResponse> {
  const method = req.method.toUpperCase();
  const rawBody = req.rawBody;
  let url: URL;
  try {
    url = new URL(req.url, "http://127.0.0.1");
  } catch {
    return { status: HTTP.BAD_REQUEST, body: errorBody("bad request") };
  }
  const path = url.pathname;
  const retry = faults.takeRateLimit(path);
  if (retry !== undefined)
    return { status: HTTP.TOO_MANY, body: errorBody(ERR.TOO_MANY_REQUESTS), headers: { "Retry-After": String(retry) } };
  if (!METHODS.has(method)) return { status: HTTP.METHOD_NOT_ALLOWED, body: errorBody("method not allowed") };
  const m = router.match(method, path);
  if (m === undefined) return { status: HTTP.NOT_FOUND, body: errorBody(ERR.NOT_FOUND) };
  if (m === 405) return { status: HTTP.METHOD_NOT_ALLOWED, body: errorBody("method not allowed") };
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.params)) params[k] = safeDecode(v);
  const sreq: SimRequest = { method: method as HttpMethod, path, query: url.searchParams, headers: req.headers, rawBody, params };
  try {
    return await m.handler(sreq);
  } catch (e) {
    if (e instanceof VenueError) return { status: e.status, body: errorBody(e.message) };
    // the client gets no detail; the operator's log gets the error (never the request body or auth headers)
    log?.error({ err: e, method, path }, "handler crashed");
    return { status: HTTP.SERVER_ERROR, body: errorBody("internal error") };
  }
}

function send(res: http.ServerResponse, r: SimResponse): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  let payload: string;
  if (r.raw !== undefined) {
    payload = r.raw;
    headers["Content-Type"] ??= "text/plain; charset=utf-8";
  } else {
    payload = JSON.stringify(r.body ?? null);
    headers["Content-Type"] ??= "application/json";
  }
  headers["Content-Length"] = String(Buffer.byteLength(payload));
  res.writeHead(r.status, headers);
  res.end(payload);
}

/** JSON 200 helper. */
export const ok = (body: unknown): SimResponse => ({ status: HTTP.OK, body });
