// Property test: 10,000 seeded random and malformed requests against the sim's CLOB (in-process dispatch,
// same routing/auth/fault code as the socket path). Each gets its venue error, nothing crashes, and a
// rejected request leaves the engine state byte-identical.
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { Chain, ClobClient, OrderType, Side, orderToJsonV2, type ApiKeyCreds, type SignedOrder } from "@polymarket/clob-client-v2";
import { createWalletClient, http as viemHttp } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { polygon } from "viem/chains";
import { startExchange, type Exchange } from "../../src/sim/exchange.js";
import { hmacSignature } from "../../src/sim/clob/auth.js";
import { ERR } from "../../src/sim/errors.js";
import type { SimResponse } from "../../src/sim/types.js";

const PK = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
const RUNS = 10_000;
const SEED = 20260428;

let ex: Exchange;
let creds: ApiKeyCreds;
let address: string;
let yes: string;
let no: string;
let conditionId: string;
const pool: { body: Record<string, unknown>; type: OrderType }[] = [];

const ORDER_ERRORS = new Set<string>([
  ERR.NOT_ENOUGH_BALANCE,
  ERR.FOK_NOT_FILLED,
  ERR.FAK_NO_MATCH,
  ERR.POST_ONLY_CROSSES,
  ERR.POST_ONLY_TYPE,
  ERR.MARKET_BUY_PRECISION,
  ERR.SELL_PRECISION,
]);
const isVenueOrderError = (e: string): boolean =>
  ORDER_ERRORS.has(e) ||
  /^order 0x[0-9a-f]{64} is invalid\. (Duplicated\.|Size \(.+\) lower than the minimum: 5|Price \(.+\) breaks minimum tick size rule: 0\.01)$/.test(e) ||
  /^invalid amount for a marketable BUY order \(\$[\d.]+\), min size: \$1$/.test(e);

beforeAll(async () => {
  ex = await startExchange({ seed: 3, pageSize: 7, clock: { now: () => 1_800_000_000_000 } });
  const m = ex.engine.createMarket({ tick: "0.01" });
  yes = m.tokens[0].tokenId;
  no = m.tokens[1].tokenId;
  conditionId = m.conditionId;
  const account = privateKeyToAccount(PK);
  address = account.address;
  const wallet = createWalletClient({ account, chain: polygon, transport: viemHttp("http://127.0.0.1:9") });
  creds = await new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: wallet }).createOrDeriveApiKey();
  const client = new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer: wallet, creds });
  // modest funds so some orders fail on balance; a counterparty keeps both sides of the book busy
  ex.engine.credit(address, 300);
  ex.engine.split(address, conditionId, 100);
  const mmAddr = "0x9999999999999999999999999999999999999999";
  ex.engine.credit(mmAddr, 10_000);
  ex.engine.split(mmAddr, conditionId, 5_000);
  for (let i = 0; i < 10; i++) {
    ex.engine.placeInternal({ address: mmAddr, tokenId: yes, side: "BUY", price: 0.3 + i * 0.01, size: 20 });
    ex.engine.placeInternal({ address: mmAddr, tokenId: yes, side: "SELL", price: 0.6 + i * 0.01, size: 20 });
  }
  // pre-signed orders (signing is the slow part), serialised exactly as the client posts them
  const sides = [Side.BUY, Side.SELL];
  for (let i = 0; i < 240; i++) {
    const side = sides[i % 2]!;
    const tokenID = i % 5 === 0 ? no : yes;
    const kind = i % 6;
    let order: SignedOrder;
    let type: OrderType;
    if (kind < 3) {
      const price = Math.round((0.2 + ((i * 37) % 60) / 100) * 100) / 100;
      order = (await client.createOrder({ tokenID, price, size: 3 + (i % 9) * 2, side })) as SignedOrder;
      type = kind === 2 ? OrderType.GTD : OrderType.GTC;
      if (type === OrderType.GTD) (order as unknown as { expiration: string }).expiration = String(1_800_000_000 + 3600);
    } else {
      const price = side === Side.BUY ? 0.65 : 0.35;
      order = (await client.createMarketOrder({ tokenID, amount: 0.5 + (i % 7) * 3, side, price })) as SignedOrder;
      type = kind === 3 ? OrderType.FOK : OrderType.FAK;
    }
    pool.push({ body: orderToJsonV2(order as never, creds.key, type, kind === 1 && i % 4 === 1, false) as unknown as Record<string, unknown>, type });
  }
});

afterAll(async () => {
  await ex?.close();
});

function l2(method: string, path: string, body: string, opts: { badSig?: boolean; badKey?: boolean } = {}): Record<string, string> {
  const ts = "1800000000";
  const sig = hmacSignature(creds.secret, ts, method, path, body === "" ? undefined : body);
  return {
    poly_address: address,
    poly_signature: opts.badSig ? sig.replace(/^./, (c) => (c === "A" ? "B" : "A")) : sig,
    poly_timestamp: ts,
    poly_api_key: opts.badKey ? "00000000-0000-4000-a000-000000000000" : creds.key,
    poly_passphrase: creds.passphrase,
  };
}

type Check = (r: SimResponse) => void;
interface Case {
  method: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  check: Check;
}

const err = (status: number, message?: string | RegExp): Check => (r) => {
  expect(r.status).toBe(status);
  const e = (r.body as { error?: unknown }).error;
  expect(typeof e).toBe("string");
  if (typeof message === "string") expect(e).toBe(message);
  else if (message) expect(e).toMatch(message);
};
const okOr = (...alts: [number, string | RegExp][]): Check => (r) => {
  if (r.status === 200) return;
  const hit = alts.find(([s]) => s === r.status);
  expect(hit, `unexpected ${r.status} ${JSON.stringify(r.body)}`).toBeDefined();
  err(hit![0], hit![1])(r);
};

const hex = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789abcdef".split("")), minLength, maxLength });

const tokenArb = fc.oneof(
  fc.constant({ v: () => yes, kind: "valid" as const }),
  fc.constant({ v: () => no, kind: "valid" as const }),
  fc.bigInt({ min: 1n, max: 10n ** 70n }).map((b) => ({ v: () => b.toString(), kind: "unknown" as const })),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/^\d+$/.test(s) && s.trim() !== "" && s !== "." && s !== "..").map((s) => ({ v: () => s, kind: "garbage" as const })),
);

const publicCase: fc.Arbitrary<() => Case> = fc
  .tuple(fc.constantFrom("/tick-size", "/neg-risk", "/fee-rate", "/book", "/price", "/midpoint", "/spread", "/last-trade-price"), tokenArb, fc.constantFrom("BUY", "SELL", "buy", "x"))
  .map(([path, tok, side]) => () => {
    const t = tok.v();
    const q = new URLSearchParams({ token_id: t });
    if (path === "/price") q.set("side", side);
    const check: Check =
      tok.kind === "garbage" ? err(400, ERR.INVALID_TOKEN)
      : tok.kind === "unknown" ? err(404, ERR.NO_ORDERBOOK)
      : path === "/price" && side === "x" ? err(400, ERR.INVALID_SIDE)
      : okOr([404, ERR.NO_ORDERBOOK]);
    return { method: "GET", url: `${path}?${q}`, body: "", headers: {}, check };
  });

const marketInfoCase: fc.Arbitrary<() => Case> = fc.tuple(fc.constantFrom("/markets-by-token/", "/clob-markets/", "/markets/"), tokenArb).map(([p, tok]) => () => {
  const id = p === "/markets-by-token/" ? tok.v() : tok.kind === "valid" ? conditionId : tok.v();
  return { method: "GET", url: p + encodeURIComponent(id), body: "", headers: {}, check: tok.kind === "valid" ? okOr() : err(404, /^(market )?not found$/) };
});

const L2_ROUTES: [string, string][] = [
  ["GET", "/data/orders"],
  ["GET", "/data/trades"],
  ["GET", "/data/order/0xabc"],
  ["GET", "/balance-allowance"],
  ["POST", "/order"],
  ["POST", "/orders"],
  ["DELETE", "/order"],
  ["DELETE", "/orders"],
  ["DELETE", "/cancel-all"],
  ["DELETE", "/cancel-market-orders"],
  ["POST", "/v1/heartbeats"],
  ["GET", "/auth/api-keys"],
];

const unauthCase: fc.Arbitrary<() => Case> = fc
  .tuple(fc.constantFrom(...L2_ROUTES), fc.constantFrom("none", "badSig", "badKey", "wrongBody"), fc.json({ maxDepth: 2 }))
  .map(([[method, path], how, body]) => () => {
    const headers = how === "none" ? {} : l2(method, path, how === "wrongBody" ? body + " " : body, { badSig: how === "badSig", badKey: how === "badKey" });
    return { method, url: path, body, headers, check: err(401, ERR.UNAUTHORIZED) };
  });

const l1Case: fc.Arbitrary<() => Case> = fc
  .tuple(fc.constantFrom("POST", "GET"), hex(0, 140), fc.constantFrom("0", "1", "-1", "x"))
  .map(([method, sig, nonce]) => () => ({
    method,
    url: method === "POST" ? "/auth/api-key" : "/auth/derive-api-key",
    body: "",
    headers: { poly_address: address, poly_signature: "0x" + sig, poly_timestamp: "1800000000", poly_nonce: nonce },
    check: err(401, ERR.INVALID_L1),
  }));

const garbageOrderCase: fc.Arbitrary<() => Case> = fc
  .oneof(fc.json({ maxDepth: 3 }), fc.string({ maxLength: 40 }), fc.constant(""), fc.constant("{"), fc.constant('{"order":{}}'))
  .map((body) => () => ({
    method: "POST",
    url: "/order",
    body,
    headers: l2("POST", "/order", body),
    check: err(400, new RegExp(`^(${ERR.INVALID_PAYLOAD}|${ERR.VERSION_MISMATCH}|${ERR.OWNER_MISMATCH})$`)),
  }));

type Mut = (o: Record<string, unknown>, p: Record<string, unknown>) => string | RegExp;
const MUTATIONS: Mut[] = [
  (o) => ((o.makerAmount = String(Number(o.makerAmount) + 10000)), ERR.INVALID_SIGNATURE),
  (o) => ((o.salt = Number(o.salt) + 1), ERR.INVALID_SIGNATURE),
  (o) => ((o.timestamp = String(Number(o.timestamp) + 1)), ERR.INVALID_SIGNATURE),
  (o) => ((o.side = o.side === "BUY" ? "SELL" : "BUY"), ERR.INVALID_SIGNATURE),
  (o) => ((o.signature = "0x" + "11".repeat(65)), ERR.INVALID_SIGNATURE),
  (o) => ((o.tokenId = "123456789"), ERR.INVALID_TOKEN),
  (o) => ((o.signer = "0x1111111111111111111111111111111111111111"), ERR.SIGNER_MISMATCH),
  (o) => (delete o.maker, ERR.INVALID_PAYLOAD),
  (o) => ((o.makerAmount = "-5"), ERR.INVALID_PAYLOAD),
  (o) => ((o.makerAmount = "1e6"), ERR.INVALID_PAYLOAD),
  (o) => ((o.signatureType = 7), ERR.INVALID_PAYLOAD),
  (o) => ((o.nonce = "0"), ERR.VERSION_MISMATCH),
  (_o, p) => ((p.owner = "someone-else"), ERR.OWNER_MISMATCH),
  (_o, p) => ((p.orderType = "IOC"), ERR.INVALID_PAYLOAD),
  (_o, p) => ((p.postOnly = "yes"), ERR.INVALID_PAYLOAD),
];

const mutatedOrderCase: fc.Arbitrary<() => Case> = fc.tuple(fc.nat(), fc.nat({ max: MUTATIONS.length - 1 })).map(([i, k]) => () => {
  const src = pool[i % pool.length]!.body;
  const p = structuredClone(src);
  const expected = MUTATIONS[k]!(p.order as Record<string, unknown>, p);
  const body = JSON.stringify(p);
  return { method: "POST", url: "/order", body, headers: l2("POST", "/order", body), check: err(400, expected) };
});

const validOrderCase: fc.Arbitrary<() => Case> = fc.nat().map((i) => () => {
  const body = JSON.stringify(pool[i % pool.length]!.body);
  return {
    method: "POST",
    url: "/order",
    body,
    headers: l2("POST", "/order", body),
    check: (r) => {
      if (r.status === 200) {
        expect(r.body).toMatchObject({ success: true });
        return;
      }
      expect(r.status).toBe(400);
      const e = (r.body as { error: string }).error;
      expect(isVenueOrderError(e), e).toBe(true);
    },
  };
});

const cancelCase: fc.Arbitrary<() => Case> = fc
  .oneof(
    hex(64, 64).map((h) => ({ path: "/order", body: JSON.stringify({ orderID: "0x" + h }), ok: true })),
    fc.json({ maxDepth: 2 }).filter((j) => !/orderID/.test(j)).map((j) => ({ path: "/order", body: j, ok: false })),
    fc.array(hex(1, 8), { maxLength: 4 }).map((a) => ({ path: "/orders", body: JSON.stringify(a.map((x) => "0x" + x)), ok: true })),
    fc.oneof(fc.constant("{}"), fc.constant("[1]"), fc.constant("nope")).map((b) => ({ path: "/orders", body: b, ok: false })),
  )
  .map((c) => () => ({
    method: "DELETE",
    url: c.path,
    body: c.body,
    headers: l2("DELETE", c.path, c.body),
    check: c.ok
      ? (r: SimResponse) => {
          expect(r.status).toBe(200);
          expect((r.body as { canceled: string[] }).canceled).toEqual([]);
        }
      : err(400, ERR.INVALID_ORDER_ID),
  }));

const queryCase: fc.Arbitrary<() => Case> = fc
  .tuple(fc.constantFrom("/data/orders", "/data/trades", "/balance-allowance"), fc.string({ maxLength: 10 }), fc.constantFrom("MA==", "LTE=", "Nw==", "", "zz", "%%%"))
  .map(([path, junk, cursor]) => () => {
    const q = new URLSearchParams();
    if (path === "/balance-allowance") {
      q.set("asset_type", junk.length % 3 === 0 ? "COLLATERAL" : junk);
      q.set("signature_type", "0");
    } else {
      q.set("next_cursor", cursor);
      if (path === "/data/trades" && junk) q.set("before", junk);
    }
    return {
      method: "GET",
      url: `${path}?${q}`,
      body: "",
      headers: l2("GET", path, ""),
      check: okOr([400, /^(invalid next_cursor|invalid before|invalid asset_type)$/]),
    };
  });

const routingCase: fc.Arbitrary<() => Case> = fc
  .oneof(
    fc.webPath().filter((p) => !["/", "/ok", "/version", "/time", "/markets"].includes(p)).map((p) => ({ method: "GET", url: "/zz" + p, status: 404 })),
    fc.constantFrom(["PUT", "/order"], ["GET", "/order"], ["POST", "/book"], ["PATCH", "/ok"]).map(([m, u]) => ({ method: m, url: u, status: 405 })),
  )
  .map((c) => () => ({ method: c.method, url: c.url, body: "", headers: {}, check: (r: SimResponse) => expect(r.status).toBe(c.status) }));

const anyCase = fc.oneof(
  { arbitrary: publicCase, weight: 2 },
  { arbitrary: marketInfoCase, weight: 1 },
  { arbitrary: unauthCase, weight: 2 },
  { arbitrary: l1Case, weight: 1 },
  { arbitrary: garbageOrderCase, weight: 2 },
  { arbitrary: mutatedOrderCase, weight: 3 },
  { arbitrary: validOrderCase, weight: 2 },
  { arbitrary: cancelCase, weight: 1 },
  { arbitrary: queryCase, weight: 1 },
  { arbitrary: routingCase, weight: 1 },
);

describe("sim CLOB under random and malformed requests", () => {
  it(`answers ${RUNS} seeded requests with the venue's errors; rejections change no state`, async () => {
    let accepted = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(anyCase, async (mk) => {
        const c = mk();
        const before = ex.engine.snapshot();
        const keys = ex.clob.keys.forAddress(address).length;
        const r = await ex.dispatch({ method: c.method, url: c.url, headers: c.headers, rawBody: c.body });
        try {
          expect(r.status).toBeGreaterThanOrEqual(200);
          expect(r.status).toBeLessThan(500);
          c.check(r);
        } catch (e) {
          throw new Error(`${c.method} ${c.url} ${c.body.slice(0, 300)} → ${r.status} ${JSON.stringify(r.body)}: ${String(e)}`);
        }
        if (r.status === 200) accepted++;
        else {
          rejected++;
          expect(ex.engine.snapshot()).toBe(before);
          expect(ex.clob.keys.forAddress(address).length).toBe(keys);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(1000);
    // and the sim still trades afterwards
    expect((await ex.dispatch({ method: "GET", url: "/ok", headers: {}, rawBody: "" })).body).toBe("OK");
  }, 300_000);
});
