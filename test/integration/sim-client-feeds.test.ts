// End to end with the official client: keys made over REST authenticate the user channel; orders posted
// with clob-client-v2 appear on the user and market sockets; the "delayed" insert fault keeps the user
// channel silent until the exchange releases the order; "unmatched" relabels only the REST status.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Chain, ClobClient, OrderType, Side, type ApiKeyCreds } from "@polymarket/clob-client-v2";
import { createWalletClient, http as viemHttp } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { polygon } from "viem/chains";
import { startFeedsExchange, type FeedsExchange } from "../../src/sim/scenarios/exchange.js";
import { WsClient } from "../helpers/ws-client.js";

const PK = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
let fx: FeedsExchange;
let client: ClobClient;
let creds: ApiKeyCreds;
let yes: string;
const MM = "0x7777777777777777777777777777777777777777";

beforeAll(async () => {
  fx = await startFeedsExchange({ seed: 17, sweepMs: 0 });
  const m = fx.exchange.engine.createMarket({ question: "Client feeds?", slug: "client-feeds" });
  yes = m.tokens[0].tokenId;
  const account = privateKeyToAccount(PK);
  // the transport is never used: the client only signs locally and talks to `host`
  const wallet = createWalletClient({ account, chain: polygon, transport: viemHttp("http://127.0.0.1:9") });
  creds = await new ClobClient({ host: fx.exchange.url, chain: Chain.POLYGON, signer: wallet }).createOrDeriveApiKey();
  client = new ClobClient({ host: fx.exchange.url, chain: Chain.POLYGON, signer: wallet, creds });
  fx.exchange.engine.credit(account.address, 1_000);
  fx.exchange.engine.credit(MM, 10_000);
  fx.exchange.engine.split(MM, m.conditionId, 1_000);
  fx.exchange.engine.placeInternal({ address: MM, tokenId: yes, side: "SELL", price: 0.6, size: 100, type: "GTC" });
});
afterAll(async () => {
  fx.exchange.faults.clear();
  await fx.close();
});

async function userSocket(): Promise<WsClient> {
  const c = await WsClient.open(`${fx.wsUrl}/ws/user`);
  c.send({ auth: { apiKey: creds.key, secret: creds.secret, passphrase: creds.passphrase }, markets: [], assets_ids: [], type: "user" });
  c.send("PING");
  await c.next((f) => f.text === "PONG");
  return c;
}

describe("official client ↔ feeds", () => {
  it("a REST-created key authenticates the user channel and sees its fills", async () => {
    const u = await userSocket();
    const mk = await WsClient.open(`${fx.wsUrl}/ws/market`);
    mk.send({ assets_ids: [yes], type: "market", initial_dump: true });
    await mk.next((f) => Array.isArray(f.json));
    const r = (await client.createAndPostOrder({ tokenID: yes, price: 0.6, size: 10, side: Side.BUY }, {}, OrderType.GTC)) as { status: string; orderID: string };
    expect(r.status).toBe("matched");
    const t = await u.seen("trade");
    expect(t).toMatchObject({ taker_order_id: r.orderID, trader_side: "TAKER", size: "10", price: "0.6", owner: creds.key });
    expect(await mk.seen("last_trade_price")).toMatchObject({ price: "0.6", size: "10", side: "BUY" });
    u.close();
    mk.close();
  });

  it("delayed insert status: nothing on the user channel until released, then the match", async () => {
    const u = await userSocket();
    fx.exchange.faults.set({ insertStatus: "delayed" });
    const r = (await client.createAndPostOrder({ tokenID: yes, price: 0.6, size: 5, side: Side.BUY }, {}, OrderType.GTC)) as { status: string; orderID: string };
    expect(r.status).toBe("delayed");
    u.send("PING");
    await u.next((f) => f.text === "PONG");
    expect(u.frames.some((f) => f.text.includes(r.orderID))).toBe(false);
    fx.exchange.releaseDelayed();
    expect(await u.seen("trade", (t) => t.taker_order_id === r.orderID)).toMatchObject({ status: "MATCHED" });
    fx.exchange.faults.clear();
    u.close();
  });

  it("unmatched insert status relabels the REST answer; the user channel still reports the fill", async () => {
    const u = await userSocket();
    fx.exchange.faults.set({ insertStatus: "unmatched" });
    const r = (await client.createAndPostOrder({ tokenID: yes, price: 0.6, size: 5, side: Side.BUY }, {}, OrderType.GTC)) as { status: string; orderID: string };
    expect(r.status).toBe("unmatched");
    expect(await u.seen("trade", (t) => t.taker_order_id === r.orderID)).toMatchObject({ status: "MATCHED" });
    fx.exchange.faults.clear();
    u.close();
  });
});
