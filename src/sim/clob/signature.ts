// V2 signed-order verification on the server side: EIP-712 domain by neg-risk, order hash (= order id)
// with ethers TypedDataEncoder, signer recovery. Contract addresses as the CLOB V2 reference lists them.
import { TypedDataEncoder, recoverAddress } from "ethers";

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

/** EIP-712 hash of a V2 order: the venue's order id. */
export function orderHashV2(o: OrderStructV2, chainId: number, negRisk: boolean): string {
  return TypedDataEncoder.hash(domainV2(chainId, negRisk), ORDER_TYPES_V2, o);
}

/** Recover the address that signed `hash`; undefined when the signature is malformed. */
export function recoverSigner(hash: string, signature: string): string | undefined {
  try {
    return recoverAddress(hash, signature);
  } catch {
    return undefined;
  }
}
