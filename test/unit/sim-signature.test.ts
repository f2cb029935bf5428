// Server-side crypto checks against the reference vectors (CLOB V2 §9, V1 §8): V2 order hash and signer
// recovery on both exchanges, L1 ClobAuth signatures, L2 HMAC, deterministic API-key derivation.
import { describe, expect, it } from "vitest";
import { Wallet, verifyTypedData, TypedDataEncoder } from "ethers";
import { orderHashV2, orderHashV2Reference, recoverSigner, domainV2, ZERO_BYTES32, type OrderStructV2 } from "../../src/sim/clob/signature.js";
import { ClobState } from "../../src/sim/clob/state.js";
import { Engine } from "../../src/sim/engine/engine.js";
import { createFaults } from "../../src/sim/http.js";
import { systemClock } from "../../src/sim/types.js";
import { ApiKeys, CLOB_AUTH_MESSAGE, CLOB_AUTH_TYPES, hmacSignature } from "../../src/sim/clob/auth.js";

const PK = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const ADDR = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

const order: OrderStructV2 = {
  salt: 479249096354n,
  maker: ADDR,
  signer: ADDR,
  tokenId: 1234n,
  makerAmount: 100000000n,
  takerAmount: 50000000n,
  side: 0,
  signatureType: 0,
  timestamp: 1710000000000n,
  metadata: ZERO_BYTES32,
  builder: ZERO_BYTES32,
};

describe("V2 order signatures (reference §9)", () => {
  it("standard exchange: domain separator, hash, signature recovers the wallet", () => {
    expect(TypedDataEncoder.hashDomain(domainV2(137, false))).toBe("0x3264e159346253e26a64e00b69032db0e7d32f94628de3e6eecb50304d7af3d2");
    const h = orderHashV2(order, 137, false);
    expect(h).toBe("0x10124949f84e9f7438c88d02bfd546ceb27ed6eb1fdb0175137af535b6e2513d");
    const sig =
      "0x42c7b4857d51e344045fcfde17b37cf1290d784471ffe618c22aa56ea5ddcf0009015b87ffb299813f5597e86d4ad56f40d634558d915edb719e6fc71dbc0d891c";
    expect(recoverSigner(h, sig)).toBe(ADDR);
  });

  it("neg-risk exchange", () => {
    expect(TypedDataEncoder.hashDomain(domainV2(137, true))).toBe("0x9b858f53327b0bd13af8ec14cfb35234fb9eb7b0504d1a4e61f433840d30e81a");
    const h = orderHashV2(order, 137, true);
    expect(h).toBe("0x9c2976657c4b229cc8e467a32ce9e3281ef40a70aee31cdc4619ebf51e4a7274");
    const sig =
      "0x79d82a92bd020329c6b9afad40b742c8cfaebdd992219b57e4282b6cfd53a66f2c97471d3297fa001f3eac2ead5f709c6e266893f19cef37633511420542a63b1b";
    expect(recoverSigner(h, sig)).toBe(ADDR);
  });

  it("SELL order hash, Amoy POLY_1271 hash, and malformed signatures", () => {
    const sell = { ...order, side: 1 as const, makerAmount: 50000000n, takerAmount: 100000000n };
    expect(orderHashV2(sell, 137, false)).toBe("0xd2b6cc440f40f76b0353c238f0b53018bf1db394217214bc7ec35a893066e307");
    const w1271 = "0x1111111111111111111111111111111111111111";
    expect(TypedDataEncoder.hashDomain(domainV2(80002, false))).toBe("0xa440cbd865bc0c6243d7a8df9a8bf48a8827b0a4abbb61c30e96d305423af148");
    expect(orderHashV2({ ...order, maker: w1271, signer: w1271, signatureType: 3 }, 80002, false)).toBe(
      "0x2afca94626db91b2d556c351584a4cd93e13da32e377dc48c7983e43afa5ab47",
    );
    expect(recoverSigner(orderHashV2(order, 137, false), "0x1234")).toBeUndefined();
  });

  it("fast struct hash equals ethers' generic TypedDataEncoder on varied orders", () => {
    for (let i = 0; i < 50; i++) {
      const o: OrderStructV2 = {
        ...order,
        salt: BigInt(i) * 7919n ** 5n,
        tokenId: 2n ** 255n + BigInt(i),
        makerAmount: BigInt(i * 1_000_003),
        takerAmount: 0n,
        side: (i % 2) as 0 | 1,
        signatureType: i % 4,
        timestamp: 1_700_000_000_000n + BigInt(i),
        metadata: "0x" + (i + 1).toString(16).padStart(64, "0"),
        builder: "0x" + "ab".repeat(32),
      };
      for (const chain of [137, 80002]) for (const nr of [false, true]) expect(orderHashV2(o, chain, nr)).toBe(orderHashV2Reference(o, chain, nr));
    }
  });
});

describe("L1 / L2 auth (reference V1 §8)", () => {
  const l1 = (chainId: number, timestamp: string, nonce: number, sig: string) =>
    verifyTypedData({ name: "ClobAuthDomain", version: "1", chainId }, CLOB_AUTH_TYPES, { address: ADDR, timestamp, nonce, message: CLOB_AUTH_MESSAGE }, sig);

  it("ClobAuth vectors recover the wallet", () => {
    expect(
      l1(80002, "10000000", 23, "0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b"),
    ).toBe(ADDR);
    expect(
      l1(137, "100000", 0, "0xfdfb5abf512e439ea61c8595c18e527e718bf16010acf57cef51d09e15893098275d3c6f73038f36ec0cd0ce55436fca14dc64b11611f4dce896e354207508cc1b"),
    ).toBe(ADDR);
  });

  it("HMAC vector, base64 and base64url secrets alike", () => {
    const want = "ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=";
    expect(hmacSignature("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 1000000, "test-sign", "/orders", '{"hash": "0x123"}')).toBe(want);
    expect(hmacSignature("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 1000000, "test-sign", "/orders", '{"hash": "0x123"}')).toBe(want);
  });

  it("server verifies L1 headers and derives the same key per (address, nonce)", async () => {
    const keys = new ApiKeys("seed", () => 0);
    const w = new Wallet(PK);
    const sig = await w.signTypedData({ name: "ClobAuthDomain", version: "1", chainId: 137 }, CLOB_AUTH_TYPES, {
      address: ADDR,
      timestamp: "100000",
      nonce: 0,
      message: CLOB_AUTH_MESSAGE,
    });
    const req = (s: string) => ({
      method: "GET" as const,
      path: "/auth/derive-api-key",
      query: new URLSearchParams(),
      rawBody: "",
      params: {},
      headers: { poly_address: ADDR, poly_signature: s, poly_timestamp: "100000", poly_nonce: "0" },
    });
    expect(keys.verifyL1(req(sig))).toEqual({ address: ADDR.toLowerCase(), nonce: "0" });
    expect(() => keys.verifyL1(req(sig.slice(0, -2) + "1c"))).toThrow("Invalid L1 Request headers");
    expect(keys.derive(ADDR, "0")).toEqual(keys.derive(ADDR.toLowerCase(), "0"));
    expect(keys.derive(ADDR, "0").key).not.toBe(keys.derive(ADDR, "1").key);
    expect(keys.derive(ADDR, "0").secret).toHaveLength(44);
  });

  it("an exchange's keys are not computable from its public seed unless a key seed is given", () => {
    const state = (keySeed?: string) => new ClobState(new Engine(), systemClock, createFaults(), { seed: 42, ...(keySeed ? { keySeed } : {}) });
    expect(state().keys.derive(ADDR, "0").secret).not.toBe(state().keys.derive(ADDR, "0").secret);
    expect(state("fixed").keys.derive(ADDR, "0")).toEqual(state("fixed").keys.derive(ADDR, "0"));
  });
});
