// Local Polymarket exchange: one node:http server on loopback with the CLOB REST surface over the
// matching engine, plus whatever plugins (WS, Data API, Gamma, RTDS) mount on it.
import http from "node:http";
import { isIPv6, type AddressInfo } from "node:net";
import type { Logger } from "pino";
import { rng } from "../core/rng.js";
import { ClobState, clobRoutes, type ClobOptions } from "./clob/index.js";
import { Engine } from "./engine/engine.js";
import { Router, createFaults, createListener, dispatch, type Faults, type RawRequest } from "./http.js";
import { systemClock, type Clock, type SimContext, type SimResponse, type SimPlugin, type SimPluginInstance } from "./types.js";

export interface ExchangeOptions extends ClobOptions {
  /** 0 (default) = a free port chosen by the OS. */
  port?: number;
  /** Loopback by default. */
  host?: string;
  clock?: Clock;
  seed?: number;
  plugins?: SimPlugin[];
  /** Trade settlement: "sync" (default) or "manual" (engine.advanceTrades()). */
  settlement?: "sync" | "manual";
  /** Real-time sweep of GTD expiry and heartbeats, ms (default 1000; 0 disables). */
  sweepMs?: number;
  /** Request log (debug) and handler crashes (error); none by default. Use cli/log.ts createLogger (it redacts secrets). */
  log?: Logger;
}

export interface Exchange {
  url: string;
  port: number;
  engine: Engine;
  faults: Faults;
  clob: ClobState;
  /** Answer one request in-process (same routing, auth and faults as the socket path). */
  dispatch(req: RawRequest): Promise<SimResponse>;
  /** Match orders held by the "delayed" insert fault now. */
  releaseDelayed(): void;
  close(): Promise<void>;
}

export async function startExchange(opts: ExchangeOptions = {}): Promise<Exchange> {
  const clock = opts.clock ?? systemClock;
  const seed = opts.seed ?? 1;
  const engine = new Engine({ clock, seed, settlement: opts.settlement ?? "sync" });
  const faults = createFaults();
  const clob = new ClobState(engine, clock, faults, { ...opts, seed });
  const router = new Router().add(...clobRoutes(clob));
  const server = http.createServer(createListener(router, faults, opts.log));
  server.keepAliveTimeout = 5_000;
  let url: string | undefined;
  const ctx: SimContext = {
    engine,
    clock,
    rng: rng(seed ^ 0x51),
    seed,
    faults,
    url: () => {
      if (!url) throw new Error("exchange not listening yet");
      return url;
    },
  };
  const plugins: SimPluginInstance[] = (opts.plugins ?? []).map((p) => p(ctx));
  for (const p of plugins) if (p.routes) router.add(...p.routes);
  for (const p of plugins) p.attach?.(server);

  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${isIPv6(host) ? `[${host}]` : host}:${port}`; // an IPv6 literal goes in brackets in a URL

  const sweepMs = opts.sweepMs ?? 1000;
  const timer =
    sweepMs > 0
      ? setInterval(() => {
          engine.sweep();
          clob.sweepHeartbeats();
        }, sweepMs)
      : undefined;
  timer?.unref();

  return {
    url,
    port,
    engine,
    faults,
    clob,
    dispatch: (req) => dispatch(router, faults, req, opts.log),
    releaseDelayed: () => clob.releaseDelayed(),
    async close() {
      if (timer) clearInterval(timer);
      for (const p of plugins) await p.close?.();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
