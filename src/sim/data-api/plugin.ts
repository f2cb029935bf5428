// Data API plugin: GET /trades, /activity, /positions over the sim ledger (same rows as the venue);
// a bad parameter answers 400 {"error": "<param>: <value> …"}.
import type { Route, SimPlugin, SimResponse } from "../types.js";
import { mirrorOf } from "../ws/mirror.js";
import { ledgerOf, type SimLedger } from "./ledger.js";
import { ParamError } from "./params.js";
import { queryActivity, queryPositions, queryTrades } from "./query.js";

/** Optional mount prefix: the venue serves these at the root of data-api.polymarket.com. */
export interface DataApiOptions {
  prefix?: string;
}

function answer(run: () => unknown): SimResponse {
  try {
    return { status: 200, body: run() };
  } catch (e) {
    if (e instanceof ParamError) return { status: 400, body: { error: e.message } };
    throw e;
  }
}

export function dataApiRoutes(ledger: SimLedger, prefix = ""): Route[] {
  const s = ledger.store;
  return [
    { method: "GET", path: `${prefix}/trades`, handler: (r) => answer(() => queryTrades(s, ledger, r.query)) },
    { method: "GET", path: `${prefix}/activity`, handler: (r) => answer(() => queryActivity(s, ledger, r.query)) },
    { method: "GET", path: `${prefix}/positions`, handler: (r) => answer(() => queryPositions(s, ledger, r.query)) },
  ];
}

export function dataApiPlugin(opts: DataApiOptions = {}): SimPlugin {
  return (ctx) => {
    const ledger = ledgerOf(mirrorOf(ctx.engine));
    return { routes: dataApiRoutes(ledger, opts.prefix ?? "") };
  };
}
