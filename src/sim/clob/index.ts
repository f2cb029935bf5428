// The CLOB REST surface of the sim as a route list: public market data plus authenticated trading.
// `clobRoutes` is mounted first by startExchange; plugins come after.
import type { Route } from "../types.js";
import { marketDataRoutes } from "./market-data.js";
import type { ClobState } from "./state.js";
import { tradingRoutes } from "./trading.js";

export { ClobState, type ClobOptions } from "./state.js";
export { hmacSignature } from "./auth.js";

export function clobRoutes(st: ClobState): Route[] {
  return [...marketDataRoutes(st.engine, () => st.clock.now()), ...tradingRoutes(st)];
}
