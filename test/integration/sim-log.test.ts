// The exchange's log over real HTTP on loopback: with the official client's L1 and L2 authenticated requests, every
// request is logged (method, url, status) and no API key, secret, passphrase or signature reaches the log; a crashing
// handler answers 500 without detail and is logged with its error.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Chain, ClobClient, type ApiKeyCreds } from "@polymarket/clob-client-v2";
import { Wallet } from "ethers";
import { createLogger } from "../../src/cli/log.js";
import { startExchange, type Exchange } from "../../src/sim/exchange.js";
import { ethersSigner } from "../helpers/ethers-signer.js";

const PK = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/** Every JSON line the logger wrote. */
const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString("utf8").split("\n").filter((l) => l.length > 0));
    done();
  },
});
const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

let ex: Exchange;
let creds: ApiKeyCreds;
let client: ClobClient;

beforeAll(async () => {
  ex = await startExchange({
    seed: 3,
    log: createLogger("exchange-test", "debug", sink),
    plugins: [() => ({ routes: [{ method: "GET", path: "/boom", handler: () => { throw new Error("handler bug"); } }] })],
  });
  const signer = ethersSigner(PK);
  creds = await new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer }).createOrDeriveApiKey();
  client = new ClobClient({ host: ex.url, chain: Chain.POLYGON, signer, creds });
  await client.getOpenOrders(); // L2: POLY_API_KEY, POLY_PASSPHRASE, POLY_SIGNATURE
});

afterAll(async () => {
  await ex?.close();
});

describe("exchange log", () => {
  it("logs each authenticated request with its status and redacts every auth secret", () => {
    const reqs = records().filter((r) => r.msg === "request");
    const l2 = reqs.find((r) => String(r.url).startsWith("/data/orders"));
    expect(l2, JSON.stringify(reqs.map((r) => r.url))).toBeDefined();
    expect(l2!.status).toBe(200);
    const h = l2!.headers as Record<string, string>;
    expect(h.poly_api_key).toBe("[redacted]");
    expect(h.poly_passphrase).toBe("[redacted]");
    expect(h.poly_signature).toBe("[redacted]");
    expect(h.poly_address?.toLowerCase()).toBe(new Wallet(PK).address.toLowerCase()); // not a secret: kept
    // L1 (key creation) signs with the wallet: that signature is redacted too
    const l1 = reqs.filter((r) => String(r.url).includes("api-key"));
    expect(l1.length).toBeGreaterThan(0);
    for (const r of l1) expect((r.headers as Record<string, string>).poly_signature).toBe("[redacted]");
    const all = lines.join("\n");
    for (const secret of [creds.key, creds.secret, creds.passphrase]) expect(all).not.toContain(secret);
  });

  it("answers a crashing handler with a bare 500 and logs the error", async () => {
    const res = await fetch(`${ex.url}/boom`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: "internal error" });
    const crash = records().find((r) => r.msg === "handler crashed");
    expect(crash).toMatchObject({ level: 50, method: "GET", path: "/boom" });
    expect((crash!.err as { message: string }).message).toBe("handler bug");
  });

  it("refuses an unknown log level naming it", () => {
    expect(() => createLogger("x", "loud", sink)).toThrow(/"loud" is not one of fatal, error/);
  });
});
