// Taker fees of a replay: a market's own schedule (from the market files given with the resolutions) or the config's
// fill.takerFee, as one lookup for the paper engine, decide and the ledger, and a line saying which for the report.
import type { Config, FeeRate } from "../core/index.js";
import type { MarketFee } from "./resolutions.js";

export interface ReplayFees {
  /** Fee rate of a token's market; undefined when no fee at all is modelled (so callers skip the lookup). */
  rateOf: ((tokenId: string) => FeeRate | undefined) | undefined;
  /** For reports: "none", or where the rates come from. */
  name: string;
}

export function replayFees(config: Config, markets: readonly MarketFee[] = []): ReplayFees {
  const t = config.fill.takerFee;
  const dflt: FeeRate | undefined = t.rate > 0 ? { r: t.rate, e: t.exponent } : undefined;
  // a market known to charge nothing maps to undefined, ahead of the config's rate
  const byToken = new Map<string, FeeRate | undefined>();
  for (const m of markets) for (const tok of m.tokenIds) byToken.set(tok, m.fee ?? undefined);
  const others = dflt ? `rate ${dflt.r}, exponent ${dflt.e} (config fill.takerFee)` : "none";
  const charging = markets.filter((m) => m.fee !== null).length;
  if (byToken.size === 0 || (charging === 0 && dflt === undefined)) return { rateOf: dflt ? () => dflt : undefined, name: others };
  return {
    rateOf: (tokenId) => (byToken.has(tokenId) ? byToken.get(tokenId) : dflt),
    name: `from the market files for ${markets.length} market(s) (${charging} charging); other markets ${others}`,
  };
}
