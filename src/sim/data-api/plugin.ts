// Data API routes: GET /trades, /activity, /positions over the sim ledger (same rows as the venue), mounted by
// the feeds plugin (ws/plugin.ts); a bad parameter answers 400 {"error": "<param>: <value> …"}.
import type { Route } from "../types.js";
import type { SimLedger } from "./ledger.js";
import { paramAnswer as answer } from "./params.js";
import { queryActivity, queryPositions, queryTrades } from "./query.js";

/** `prefix` is optional: the venue serves these at the root of data-api.polymarket.com. */
export function dataApiRoutes(ledger: SimLedger, prefix = ""): Route[] {
  const s = ledger.store;
  return [
    { method: "GET", path: `${prefix}/trades`, handler: (r) => answer(() => queryTrades(s, ledger, r.query)) },
    { method: "GET", path: `${prefix}/activity`, handler: (r) => answer(() => queryActivity(s, ledger, r.query)) },
    { method: "GET", path: `${prefix}/positions`, handler: (r) => answer(() => queryPositions(s, ledger, r.query)) },
  ];
}
