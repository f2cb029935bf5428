// Benchmark of the local exchange: orders/s accepted and matched by the engine on one core, then signed
// V2 orders posted over loopback HTTP (server-side HMAC + EIP-712 recovery). Prints figures; asserts nothing.
import { performance } from "node:perf_hooks";
import { Chain, ClobClient, OrderType, Side, orderToJsonV2, type SignedOrder } from "@polymarket/clob-client-v2";
import { createWalletClient, http as viemHttp } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { polygon } from "viem/chains";
import { rng } from "../src/core/rng.js";
import { Engine } from "../src/sim/engine/engine.js";
import { startExchange } from "../src/sim/exchange.js";
import { hmacSignature } from "../src/sim/clob/auth.js";

const N_ENGINE = Number(process.env.N_ENGINE ?? 200_000);
const N_HTTP = Number(process.env.N_HTTP ?? 2_000);

function engineBench(listen: boolean): void {
  const r = rng(1);
  let t = 1_800_000_000_000;
  const e = new Engine({ clock: { now: () => t }, seed: 1 });
  const m = e.createMarket({ tick: "0.01", fee: { r: 0.04, e: 1 } });
  const tok = m.tokens[0].tokenId;
  const addrs = Array.from({ length: 50 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}`);
  for (const a of addrs) {
    e.credit(a, 1e9);
    e.creditShares(a, tok, 1e9);
  }
  let events = 0;
  if (listen) e.onAny(() => events++);
  let accepted = 0;
  let rejected = 0;
  let cancels = 0;
  const live: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N_ENGINE; i++) {
    t += 1;
    const side = r.next() < 0.5 ? "BUY" : "SELL";
    // prices around 0.5, a third of orders cross
    const off = r.int(-6, 10);
    const price = side === "BUY" ? 0.5 - off / 100 : 0.5 + off / 100;
    const kind = r.next();
    try {
      const res = e.placeInternal({
        address: addrs[r.int(0, addrs.length - 1)]!,
        tokenId: tok,
        side,
        price: Math.min(0.99, Math.max(0.01, price)),
        size: r.int(5, 60),
        type: kind < 0.1 ? "FAK" : "GTC",
        amount: side === "BUY" ? r.int(2, 20) : undefined,
      });
      accepted++;
      if (res.status === "live") live.push(res.orderId);
    } catch {
      rejected++;
    }
    if (live.length > 5_000 || (i % 7 === 0 && live.length > 0)) {
      const k = r.int(0, live.length - 1);
      const id = live[k]!;
      live[k] = live[live.length - 1]!; // swap-remove: keep the bench's own bookkeeping O(1)
      live.pop();
      cancels += e.cancel([id]).canceled.length;
    }
  }
  const ms = performance.now() - t0;
  const trades = e.trades().length;
  const fills = e.trades().reduce((n, x) => n + x.makers.length, 0);
  const perS = (n: number) => Math.round((n / ms) * 1000).toLocaleString("en-US");
  console.log(
    `engine${listen ? " +events" : "        "}: ${N_ENGINE.toLocaleString("en-US")} orders in ${ms.toFixed(0)} ms → ` +
      `${perS(N_ENGINE)} orders/s submitted, ${perS(accepted)}/s accepted, ${perS(trades)} taker matches/s (${perS(fills)} maker fills/s), ` +
      `${perS(cancels)} cancels/s; rejected ${rejected}${listen ? `, ${events.toLocaleString("en-US")} events` : ""}`,
  );
}

async function httpBench(): Promise<void> {
  const ex = await startExchange({ seed: 2 });
  try {
    const m = ex.engine.createMarket({ tick: "0.01" });
    const tok = m.tokens[0].tokenId;
    const account = privateKeyToAccount("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
    const wallet = createWalletClient({ account, chain: polygon, transport: viemHttp("http://127.0.0.1:9") });
    const creds = await new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: wallet }).createOrDeriveApiKey();
    const client = new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: wallet, creds });
    ex.engine.credit(account.address, 1e9);
    ex.engine.split(account.address, m.conditionId, 1e7);
    const r = rng(3);
    const ts0 = performance.now();
    const bodies: string[] = [];
    for (let i = 0; i < N_HTTP; i++) {
      const side = i % 2 === 0 ? Side.BUY : Side.SELL;
      const off = r.int(-3, 8);
      const price = side === Side.BUY ? 0.5 - off / 100 : 0.5 + off / 100;
      const o = (await client.createOrder({ tokenID: tok, price, size: r.int(5, 40), side })) as SignedOrder;
      bodies.push(JSON.stringify(orderToJsonV2(o as never, creds.key, OrderType.GTC, false, false)));
    }
    const signMs = performance.now() - ts0;
    const post = async (body: string) => {
      const ts = String(Math.floor(Date.now() / 1000));
      const res = await fetch(`${ex.url}/order`, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          poly_address: account.address,
          poly_api_key: creds.key,
          poly_passphrase: creds.passphrase,
          poly_timestamp: ts,
          poly_signature: hmacSignature(creds.secret, ts, "POST", "/order", body),
        },
      });
      const j = (await res.json()) as { success?: boolean; status?: string };
      return j;
    };
    const t0 = performance.now();
    let okN = 0;
    let matched = 0;
    const CONC = 8;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONC }, async () => {
        while (next < bodies.length) {
          const j = await post(bodies[next++]!);
          if (j.success) okN++;
          if (j.status === "matched") matched++;
        }
      }),
    );
    const ms = performance.now() - t0;
    console.log(
      `http      : ${N_HTTP.toLocaleString("en-US")} signed orders over loopback (8 in flight) in ${ms.toFixed(0)} ms → ` +
        `${Math.round((N_HTTP / ms) * 1000).toLocaleString("en-US")} orders/s posted, ${okN} accepted, ${matched} fully matched on entry; ` +
        `client-side signing (not timed above): ${Math.round((N_HTTP / signMs) * 1000).toLocaleString("en-US")} orders/s`,
    );
  } finally {
    await ex.close();
  }
}

console.log(`node ${process.version}, one process (server and client share the core in the HTTP figure)`);
engineBench(false);
engineBench(true);
if (N_HTTP > 0) await httpBench();
