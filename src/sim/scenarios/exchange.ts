// Starts the CLOB exchange with the feeds bundle mounted and bound to its API keys: the one call tests,
// the CLI and benches use to get REST + WS + Data API + Gamma + RTDS on one loopback port.
import { startExchange, type Exchange, type ExchangeOptions } from "../exchange.js";
import { createFeeds, type Feeds, type FeedsOptions } from "../ws/plugin.js";

export interface FeedsExchange {
  exchange: Exchange;
  feeds: Feeds;
  /** ws://host:port base (paths: /ws/market, /ws/user, /rtds). */
  wsUrl: string;
  close(): Promise<void>;
}

export async function startFeedsExchange(opts: ExchangeOptions & { feeds?: FeedsOptions } = {}): Promise<FeedsExchange> {
  const feeds = createFeeds(opts.feeds ?? {});
  const exchange = await startExchange({ ...opts, plugins: [...(opts.plugins ?? []), feeds.plugin] });
  feeds.bindKeys(exchange.clob.keys);
  return { exchange, feeds, wsUrl: exchange.url.replace(/^http/, "ws"), close: () => exchange.close() };
}
