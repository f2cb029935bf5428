// The feeds bundle as one SimPlugin: /ws/market, /ws/user, /rtds sockets, Data API and Gamma routes,
// plus a handle tests use to reach the ledger, the mirror and the socket/trade faults.
import type http from "node:http";
import type { Route, SimContext, SimPlugin, SimPluginInstance } from "../types.js";
import { SocketFaults } from "../faults-sockets.js";
import { TradeFaults } from "../faults-sockets-trades.js";
import { dataApiRoutes } from "../data-api/plugin.js";
import { ledgerOf, type SimLedger } from "../data-api/ledger.js";
import { DEFAULT_GAMMA_PREFIX, gammaRoutes } from "../gamma/plugin.js";
import { RtdsServer } from "../rtds/server.js";
import { hubOf } from "./hub.js";
import { MarketChannel } from "./market-channel.js";
import { mirrorOf, type EngineMirror } from "./mirror.js";
import { UserChannel, type KeyCheck } from "./user-channel.js";
import { LateKeyCheck, keyCheckFrom, type KeyStoreLike } from "./engine-port.js";

/** Socket paths, as on the venue (RTDS lives on its own host there; here it shares the port). */
export const WS_PATHS = { market: "/ws/market", user: "/ws/user", rtds: "/rtds" } as const;

export interface FeedsOptions {
  /** How user-channel credentials are checked; defaults to the exchange's API-key store. */
  checkKey?: KeyCheck;
  dataApiPrefix?: string;
  gammaPrefix?: string;
}

export interface Feeds {
  plugin: SimPlugin;
  /** Socket faults (drop/stall per channel). */
  readonly faults: SocketFaults;
  /** Trade-status faults (hold/release, fail next). Available once the exchange has started. */
  trades(): TradeFaults;
  ledger(): SimLedger;
  mirror(): EngineMirror;
  ctx(): SimContext;
  /** Point the user channel at the exchange's API keys (done by startFeedsExchange). */
  bindKeys(store: KeyStoreLike): void;
}

export function createFeeds(opts: FeedsOptions = {}): Feeds {
  const faults = new SocketFaults();
  const keys = new LateKeyCheck(opts.checkKey);
  let state: { ctx: SimContext; ledger: SimLedger; mirror: EngineMirror; trades: TradeFaults } | undefined;
  const need = () => {
    if (!state) throw new Error("feeds: the exchange has not started this plugin yet");
    return state;
  };
  const plugin: SimPlugin = (ctx): SimPluginInstance => {
    const mirror = mirrorOf(ctx.engine);
    for (const m of ctx.engine.markets()) {
      if (mirror.markets.has(m.conditionId)) continue;
      mirror.addMarket(m);
      for (const t of m.tokens) {
        const b = ctx.engine.book(t.tokenId);
        if (b) mirror.seedBook(t.tokenId, b.bids, b.asks);
      }
    }
    const ledger = ledgerOf(mirror);
    const trades = new TradeFaults(ctx.engine);
    state = { ctx, ledger, mirror, trades };
    const market = new MarketChannel(mirror, ctx.clock);
    const user = new UserChannel(mirror, ctx.clock, keys.run);
    const rtds = new RtdsServer(ledger, ctx.clock);
    let hub: ReturnType<typeof hubOf> | undefined;
    const routes: Route[] = [...dataApiRoutes(ledger, opts.dataApiPrefix ?? ""), ...gammaRoutes(mirror, opts.gammaPrefix ?? DEFAULT_GAMMA_PREFIX)];
    return {
      routes,
      attach(server: http.Server) {
        hub = hubOf(server, faults);
        hub.route(WS_PATHS.market, "market", (c) => market.accept(c));
        hub.route(WS_PATHS.user, "user", (c) => user.accept(c));
        hub.route(WS_PATHS.rtds, "rtds", (c) => rtds.accept(c));
      },
      async close() {
        market.close();
        user.close();
        rtds.close();
        trades.close();
        ledger.close();
        await hub?.close();
      },
    };
  };
  return {
    plugin,
    faults,
    trades: () => need().trades,
    ledger: () => need().ledger,
    mirror: () => need().mirror,
    ctx: () => need().ctx,
    bindKeys: (store) => {
      if (!opts.checkKey) keys.bind(keyCheckFrom(store));
    },
  };
}
