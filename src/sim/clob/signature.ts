// V2 signed-order verification on the server side: EIP-712 domain by neg-risk, order hash (= order id)
// with ethers TypedDataEncoder, signer recovery. Contract addresses as the CLOB V2 reference lists them.
import { TypedDataEncoder, getBytes, keccak256, recoverAddress, toUtf8Bytes } from "ethers";

export const EXCHANGE_V2 = "0xE111180000d2663C0091e4f400237545B87B996B";
export const NEG_RISK_EXCHANGE_V2 = "0xe2222d279d744050d28e00520010520000310F59";
export const NEG_RISK_ADAPTER = "0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296";
export const ZERO_BYTES32 = "0x0000000000000000000000000000000000000000000000000000000000000000";

export const ORDER_TYPES_V2 = {
  Order: [
    { name: "salt", type: "uint256" },
    { name: "maker", type: "address" },
    { name: "signer", type: "address" },
    { name: "tokenId", type: "uint256" },
    { name: "makerAmount", type: "uint256" },
    { name: "takerAmount", type: "uint256" },
    { name: "side", type: "uint8" },
    { name: "signatureType", type: "uint8" },
    { name: "timestamp", type: "uint256" },
    { name: "metadata", type: "bytes32" },
    { name: "builder", type: "bytes32" },
  ],
};

export interface OrderStructV2 {
  salt: bigint;
  maker: string;
  signer: string;
  tokenId: bigint;
  makerAmount: bigint;
  takerAmount: bigint;
  side: 0 | 1;
  signatureType: number;
  timestamp: bigint;
  metadata: string;
  builder: string;
}

export function domainV2(chainId: number, negRisk: boolean) {
  return {
    name: "Polymarket CTF Exchange",
    version: "2",
    chainId,
    verifyingContract: negRisk ? NEG_RISK_EXCHANGE_V2 : EXCHANGE_V2,
  };
}

/** EIP-712 hash of a V2 order via ethers' generic encoder (reference implementation, slow). */
export function orderHashV2Reference(o: OrderStructV2, chainId: number, negRisk: boolean): string {
  return TypedDataEncoder.hash(domainV2(chainId, negRisk), ORDER_TYPES_V2, o);
}

const ORDER_TYPEHASH = getBytes(
  keccak256(
    toUtf8Bytes(
      "Order(uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,bytes32 metadata,bytes32 builder)",
    ),
  ),
);
const domainSeps = new Map<string, Uint8Array>();
function domainSep(chainId: number, negRisk: boolean): Uint8Array {
  const k = `${chainId}:${negRisk}`;
  let d = domainSeps.get(k);
  if (!d) domainSeps.set(k, (d = getBytes(TypedDataEncoder.hashDomain(domainV2(chainId, negRisk)))));
  return d;
}

function putUint(buf: Uint8Array, off: number, v: bigint): void {
  for (let i = 31; i >= 0 && v > 0n; i--) {
    buf[off + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}
function putHex(buf: Uint8Array, off: number, hex: string, bytes: number): void {
  const b = getBytes(hex);
  if (b.length !== bytes) throw new Error("bad length");
  buf.set(b, off + 32 - bytes);
}

/**
 * EIP-712 hash of a V2 order: the venue's order id. Every Order field is a static 32-byte word, so the
 * struct hash is keccak(typehash ‖ words); equal to `orderHashV2Reference` (unit-tested on the vectors).
 */
export function orderHashV2(o: OrderStructV2, chainId: number, negRisk: boolean): string {
  const s = new Uint8Array(32 * 12);
  s.set(ORDER_TYPEHASH, 0);
  putUint(s, 32, o.salt);
  putHex(s, 64, o.maker, 20);
  putHex(s, 96, o.signer, 20);
  putUint(s, 128, o.tokenId);
  putUint(s, 160, o.makerAmount);
  putUint(s, 192, o.takerAmount);
  putUint(s, 224, BigInt(o.side));
  putUint(s, 256, BigInt(o.signatureType));
  putUint(s, 288, o.timestamp);
  putHex(s, 320, o.metadata, 32);
  putHex(s, 352, o.builder, 32);
  const structHash = getBytes(keccak256(s));
  const d = new Uint8Array(66);
  d[0] = 0x19;
  d[1] = 0x01;
  d.set(domainSep(chainId, negRisk), 2);
  d.set(structHash, 34);
  return keccak256(d);
}

/** Recover the address that signed `hash`; undefined when the signature is malformed. */
export function recoverSigner(hash: string, signature: string): string | undefined {
  try {
    return recoverAddress(hash, signature);
  } catch {
    return undefined;
  }
}
