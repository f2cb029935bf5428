// Test fixture for the sim feeds: an exchange on loopback with the feeds bundle, one binary market and
// helpers to make API-key users and cross orders through the engine (no signing needed).
import { startFeedsExchange, type FeedsExchange } from "../../src/sim/scenarios/exchange.js";
import type { Market } from "../../src/sim/engine/market.js";
import type { ApiKey } from "../../src/sim/clob/auth.js";
import { WsClient } from "./ws-client.js";

export interface SimUser {
  address: string;
  key: ApiKey;
}

export interface Fixture extends FeedsExchange {
  market: Market;
  yes: string;
  no: string;
  user(tag: number): SimUser;
  /** `maker` rests SELL size@price on `token`, `taker` crosses with a FAK BUY. */
  cross(maker: SimUser, taker: SimUser, price: number, size: number, token?: string): void;
  market$(assets: string[], extra?: Record<string, unknown>): Promise<WsClient>;
  user$(u: SimUser): Promise<WsClient>;
  rtds$(): Promise<WsClient>;
}

export async function feedsFixture(seed = 5): Promise<Fixture> {
  const fx = await startFeedsExchange({ seed, sweepMs: 0 });
  const engine = fx.exchange.engine;
  const market = engine.createMarket({ question: "Will the sim test pass?", slug: "will-the-sim-test-pass", meta: { title: "Will the sim test pass?" } });
  const [yes, no] = [market.tokens[0].tokenId, market.tokens[1].tokenId];
  const user = (tag: number): SimUser => {
    const address = `0x${tag.toString(16).padStart(40, "0")}`;
    const key = fx.exchange.clob.keys.derive(address, "0");
    fx.exchange.clob.keys.register(key);
    engine.credit(address, 100_000);
    engine.creditShares(address, yes, 1_000);
    engine.creditShares(address, no, 1_000);
    return { address, key };
  };
  return {
    ...fx,
    market,
    yes,
    no,
    user,
    cross(maker, taker, price, size, token = yes) {
      engine.placeInternal({ address: maker.address, owner: maker.key.key, tokenId: token, side: "SELL", price, size, type: "GTC" });
      engine.placeInternal({ address: taker.address, owner: taker.key.key, tokenId: token, side: "BUY", price, size, type: "FAK" });
    },
    async market$(assets, extra = {}) {
      const c = await WsClient.open(`${fx.wsUrl}/ws/market`);
      c.send({ assets_ids: assets, type: "market", initial_dump: true, custom_feature_enabled: true, ...extra });
      return c;
    },
    async user$(u) {
      const c = await WsClient.open(`${fx.wsUrl}/ws/user`);
      c.send({ auth: { apiKey: u.key.key, secret: u.key.secret, passphrase: u.key.passphrase }, markets: [], assets_ids: [], type: "user" });
      // the channel has no ack: a PONG proves the auth frame was processed before anything we do next
      c.send("PING");
      await c.next((f) => f.text === "PONG", 5_000, "PONG after auth");
      return c;
    },
    async rtds$() {
      const c = await WsClient.open(`${fx.wsUrl}/rtds`);
      c.send({ action: "subscribe", subscriptions: [{ topic: "activity", type: "trades" }] });
      c.send("ping");
      await c.next((f) => f.text === "pong", 5_000, "pong after subscribe");
      return c;
    },
  };
}
