// Authenticated CLOB routes: API keys (L1), order entry with V2 signature checks, cancels, open orders,
// trades, balance-allowance and heartbeats (L2 HMAC over the raw body). Applies the HTTP fault hooks.
import { COLLATERAL, type OrderInput } from "../engine/engine.js";
import type { CancelResult } from "../engine/api.js";
import { orderWire, tradeWire } from "../engine/order.js";
import { ERR, HTTP, VenueError, duplicated, tooManyOrders } from "../errors.js";
import { ok } from "../http.js";
import type { Route, SimRequest, SimResponse } from "../types.js";
import { CHAIN_IDS, type ApiKey } from "./auth.js";
import { parseJson, parseOrderPayload } from "./parse.js";
import { EXCHANGE_V2, NEG_RISK_ADAPTER, NEG_RISK_EXCHANGE_V2, orderHashV2, recoverSigner } from "./signature.js";
import { MAX_BATCH_ORDERS, MAX_CANCEL_IDS, page, type ClobState, type HeldOrder } from "./state.js";

const MAX_ALLOWANCE = "115792089237316195423570985008687907853269984665640564039457584007913129639935";

export interface OrderResponse {
  success: boolean;
  errorMsg: string;
  orderID: string;
  transactionsHashes: string[];
  status: string;
  takingAmount: string;
  makingAmount: string;
  tradeIDs?: string[];
}

/**
 * A rejected leg of a batch as the venue answers it: `success: true` with an empty orderID and the reason in errorMsg
 * (recorded by nautilus; a 2026 rs-clob-client report shows the same), so a bot that reads only `success` is caught.
 */
function failed(msg: string): OrderResponse {
  return { success: true, errorMsg: msg, orderID: "", transactionsHashes: [], status: "", takingAmount: "", makingAmount: "" };
}

function toSafe(x: bigint): number {
  if (x > BigInt(Number.MAX_SAFE_INTEGER)) throw new VenueError(ERR.INVALID_PAYLOAD);
  return Number(x);
}

/** Verify one signed order payload and hand it to the engine. Throws VenueError; changes nothing on rejection. */
function placeSigned(st: ClobState, key: ApiKey, payload: unknown): OrderResponse {
  const p = parseOrderPayload(payload);
  if (p.owner !== key.key) throw new VenueError(ERR.OWNER_MISMATCH);
  const tokenId = p.struct.tokenId.toString();
  const m = st.engine.marketByToken(tokenId);
  if (!m) throw new VenueError(ERR.INVALID_TOKEN);
  if (p.struct.signer.toLowerCase() !== key.address) throw new VenueError(ERR.SIGNER_MISMATCH);
  let id: string | undefined;
  for (const chainId of CHAIN_IDS) {
    const h = orderHashV2(p.struct, chainId, m.negRisk);
    if (recoverSigner(h, p.signature)?.toLowerCase() === key.address) {
      id = h;
      break;
    }
  }
  if (!id) throw new VenueError(ERR.INVALID_SIGNATURE);
  // EOA orders: the maker is the signer (the exchange contract reverts otherwise)
  if (p.struct.signatureType === 0 && p.struct.maker.toLowerCase() !== key.address) throw new VenueError(ERR.INVALID_SIGNATURE);
  const input: OrderInput = {
    id,
    owner: key.key,
    maker: p.struct.maker,
    signer: p.struct.signer,
    tokenId,
    side: p.side,
    type: p.orderType,
    postOnly: p.postOnly,
    expiration: p.expiration,
    makerAmount: toSafe(p.struct.makerAmount),
    takerAmount: toSafe(p.struct.takerAmount),
  };
  /** Proxy/Safe makers are linked to the signer once the order is accepted (held or placed). */
  const linkFunder = (): void => {
    if (p.struct.signatureType === 1 || p.struct.signatureType === 2) st.linkFunder(key.address, p.struct.signatureType, p.struct.maker);
  };
  // a hash the venue is holding (delayed) or held and dropped is known to it, whatever the faults say now
  if (st.held.some((h) => h.input.id === id) || st.ended.has(id)) throw new VenueError(duplicated(id));
  const f = st.faults.get();
  if (f.insertStatus === "delayed") {
    const { crosses, delayed } = st.engine.check(input);
    if (crosses) {
      st.hold({ input, owner: key.key, order: delayed });
      if (f.delayMs !== undefined) setTimeout(() => st.releaseDelayed((h) => h.input.id === id), f.delayMs).unref();
      linkFunder();
      return { success: true, errorMsg: "", orderID: id, transactionsHashes: [], status: "delayed", takingAmount: "", makingAmount: "" };
    }
  }
  const res = st.engine.place(input);
  linkFunder();
  const out: OrderResponse = {
    success: true,
    errorMsg: "",
    orderID: res.orderId,
    transactionsHashes: res.txHashes,
    status: f.insertStatus === "unmatched" && res.status !== "live" ? "unmatched" : res.status,
    takingAmount: res.takingAmount,
    makingAmount: res.makingAmount,
  };
  if (res.tradeIds.length > 0) out.tradeIDs = res.tradeIds;
  return out;
}

/** Held (delayed) orders of `owner`, narrowed as open orders are (id, market, asset: each when given). */
function heldOf(owner: string, f: { id?: string | undefined; market?: string | undefined; assetId?: string | undefined }): (h: HeldOrder) => boolean {
  const mk = f.market ? f.market.toLowerCase() : undefined;
  return (h) => h.owner === owner && (!f.id || h.order.id === f.id) && (!mk || h.order.market === mk) && (!f.assetId || h.order.asset_id === f.assetId);
}

/** A cancel's answer with the held (delayed) orders it dropped put first among the cancelled. */
function withHeld(held: string[], res: CancelResult): CancelResult {
  return held.length === 0 ? res : { canceled: [...held, ...res.canceled], not_canceled: res.not_canceled };
}

/** Cancel by id: a held (delayed) order is dropped before it reaches the book; the rest go to the engine. */
function cancelIds(st: ClobState, ids: string[], owner: string): CancelResult {
  const held = st.dropHeld((h) => h.owner === owner && ids.includes(h.order.id));
  const rest = held.length === 0 ? ids : ids.filter((id) => !held.includes(id));
  return withHeld(held, rest.length === 0 ? { canceled: [], not_canceled: {} } : st.engine.cancel(rest, owner));
}

function intParam(req: SimRequest, name: string): number | undefined {
  const v = req.query.get(name);
  if (v === null || v === "") return undefined;
  if (!/^\d{1,12}$/.test(v)) throw new VenueError(`invalid ${name}`);
  return Number(v);
}

/** The non-empty query parameters among `names` ({filterKey: paramName}), under their filter keys. */
function queryFilter<K extends string>(req: SimRequest, names: Record<K, string>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k in names) {
    const v = req.query.get(names[k]);
    if (v) out[k] = v;
  }
  return out;
}

export function tradingRoutes(st: ClobState): Route[] {
  const { engine, keys, faults } = st;

  /** Wrap an L2 handler: heartbeat sweep, HMAC check. */
  const l2 =
    (h: (req: SimRequest, key: ApiKey) => SimResponse) =>
    (req: SimRequest): SimResponse => {
      st.sweepHeartbeats();
      const key = keys.verifyL2(req);
      return h(req, key);
    };
  /** Order entry and cancels also answer 425 while the engine "restarts". */
  const trading =
    (h: (req: SimRequest, key: ApiKey) => SimResponse) =>
    (req: SimRequest): SimResponse => {
      if (faults.get().restarting) throw new VenueError(ERR.RESTARTING, HTTP.TOO_EARLY);
      return l2(h)(req);
    };
  const apiKeyBody = (k: ApiKey) => ({ apiKey: k.key, secret: k.secret, passphrase: k.passphrase });
  const body = (req: SimRequest): unknown => (req.rawBody === "" ? undefined : parseJson(req.rawBody));

  return [
    {
      method: "POST",
      path: "/auth/api-key",
      handler: (req) => {
        const { address, nonce } = keys.verifyL1(req);
        const k = keys.derive(address, nonce);
        if (keys.has(k)) throw new VenueError(ERR.COULD_NOT_CREATE_KEY);
        keys.register(k);
        return ok(apiKeyBody(k));
      },
    },
    {
      method: "GET",
      path: "/auth/derive-api-key",
      handler: (req) => {
        const { address, nonce } = keys.verifyL1(req);
        const k = keys.derive(address, nonce);
        keys.register(k);
        return ok(apiKeyBody(k));
      },
    },
    { method: "GET", path: "/auth/api-keys", handler: l2((_r, k) => ok({ apiKeys: keys.forAddress(k.address).map((x) => x.key) })) },
    {
      method: "DELETE",
      path: "/auth/api-key",
      handler: l2((_r, k) => {
        keys.delete(k.key);
        return ok("OK");
      }),
    },
    { method: "GET", path: "/auth/ban-status/closed-only", handler: l2(() => ok({ closed_only: false })) },

    {
      method: "POST",
      path: "/order",
      handler: trading((req, key) => {
        const r = placeSigned(st, key, body(req));
        if (faults.takeTimeout()) throw new VenueError(ERR.ORDER_TIMED_OUT, HTTP.SERVER_ERROR);
        return ok(r);
      }),
    },
    {
      method: "POST",
      path: "/orders",
      handler: trading((req, key) => {
        const arr = body(req);
        if (!Array.isArray(arr)) throw new VenueError(ERR.INVALID_PAYLOAD);
        if (arr.length > MAX_BATCH_ORDERS) throw new VenueError(tooManyOrders(arr.length, MAX_BATCH_ORDERS));
        const out = arr.map((x) => {
          try {
            return placeSigned(st, key, x);
          } catch (e) {
            if (e instanceof VenueError) return failed(e.message);
            throw e;
          }
        });
        if (faults.takeTimeout()) throw new VenueError(ERR.ORDER_TIMED_OUT, HTTP.SERVER_ERROR);
        return ok(out);
      }),
    },
    {
      method: "DELETE",
      path: "/order",
      handler: trading((req, key) => {
        const b = body(req) as { orderID?: unknown } | undefined;
        if (typeof b !== "object" || b === null || typeof b.orderID !== "string" || b.orderID === "")
          throw new VenueError(ERR.INVALID_ORDER_ID);
        return ok(cancelIds(st, [b.orderID], key.key));
      }),
    },
    {
      method: "DELETE",
      path: "/orders",
      handler: trading((req, key) => {
        const b = body(req);
        if (!Array.isArray(b) || b.some((x) => typeof x !== "string" || x === "")) throw new VenueError(ERR.INVALID_ORDER_ID);
        if (b.length > MAX_CANCEL_IDS) throw new VenueError(`Too many orders in payload, max allowed: ${MAX_CANCEL_IDS}`);
        return ok(cancelIds(st, b as string[], key.key));
      }),
    },
    { method: "DELETE", path: "/cancel-all", handler: trading((_r, key) => ok(withHeld(st.dropHeld(heldOf(key.key, {})), engine.cancelAll(key.key)))) },
    {
      method: "DELETE",
      path: "/cancel-market-orders",
      handler: trading((req, key) => {
        const b = body(req) ?? {};
        if (typeof b !== "object" || b === null || Array.isArray(b)) throw new VenueError(ERR.INVALID_PAYLOAD);
        const { market, asset_id } = b as { market?: unknown; asset_id?: unknown };
        if ((market !== undefined && typeof market !== "string") || (asset_id !== undefined && typeof asset_id !== "string"))
          throw new VenueError(ERR.INVALID_PAYLOAD);
        const held = st.dropHeld(heldOf(key.key, { market: market as string | undefined, assetId: asset_id as string | undefined }));
        return ok(withHeld(held, engine.cancelMarket(key.key, market || undefined, asset_id || undefined)));
      }),
    },
    {
      method: "GET",
      path: "/data/order/:id",
      handler: l2((req, key) => {
        const o = engine.order(req.params.id!);
        if (o && o.owner === key.key) return ok(orderWire(o));
        const held = st.heldWhere((h) => h.owner === key.key && h.order.id === req.params.id)[0] ?? st.ended.get(req.params.id!);
        if (held && held.owner === key.key) return ok(held.order);
        throw new VenueError(ERR.ORDER_NOT_FOUND, HTTP.NOT_FOUND);
      }),
    },
    {
      method: "GET",
      path: "/data/orders",
      handler: l2((req, key) => {
        const f = { owner: key.key, ...queryFilter(req, { id: "id", market: "market", assetId: "asset_id" }) };
        const held = st.heldWhere(heldOf(key.key, f));
        return ok(page([...engine.openOrders(f).map(orderWire), ...held.map((h) => h.order)], req.query.get("next_cursor"), st.pageSize));
      }),
    },
    {
      method: "GET",
      path: "/data/trades",
      handler: l2((req, key) => {
        const f: Parameters<typeof engine.trades>[0] = {
          owner: key.key,
          ...queryFilter(req, { id: "id", market: "market", assetId: "asset_id", makerAddress: "maker_address" }),
        };
        const before = intParam(req, "before");
        const after = intParam(req, "after");
        if (before !== undefined) f.before = before;
        if (after !== undefined) f.after = after;
        return ok(page(engine.trades(f).map((t) => tradeWire(t, key.key)), req.query.get("next_cursor"), st.pageSize));
      }),
    },
    { method: "GET", path: "/data/pre-migration-orders", handler: l2(() => ok({ data: [], next_cursor: "LTE=", limit: 0, count: 0 })) },
    {
      method: "GET",
      path: "/balance-allowance",
      handler: l2((req, key) => ok(balanceAllowance(st, req, key))),
    },
    {
      method: "GET",
      path: "/balance-allowance/update",
      handler: l2((req, key) => {
        balanceAllowance(st, req, key);
        return ok(null);
      }),
    },
    {
      method: "POST",
      path: "/v1/heartbeats",
      handler: l2((req, key) => {
        const b = body(req);
        const raw = typeof b === "object" && b !== null ? (b as { heartbeat_id?: unknown }).heartbeat_id : undefined;
        if (raw !== undefined && raw !== null && typeof raw !== "string") throw new VenueError(ERR.INVALID_HEARTBEAT);
        return ok({ heartbeat_id: st.heartbeat(key.key, raw) });
      }),
    },
    {
      method: "POST",
      path: "/heartbeats",
      handler: l2((_req, key) => {
        st.heartbeat(key.key, null);
        return ok({ status: "ok" });
      }),
    },
  ];
}

function balanceAllowance(st: ClobState, req: SimRequest, key: ApiKey): { balance: string; allowances: Record<string, string> } {
  const q = req.query;
  const type = q.get("asset_type");
  const sigRaw = q.get("signature_type") ?? "0";
  const sigNames: Record<string, number> = { EOA: 0, POLY_PROXY: 1, POLY_GNOSIS_SAFE: 2, POLY_1271: 3 };
  const sig = /^[0-3]$/.test(sigRaw) ? Number(sigRaw) : sigNames[sigRaw];
  if (sig === undefined) throw new VenueError("invalid signature_type");
  const addr = st.funderOf(key.address, sig);
  let asset: string;
  if (type === "COLLATERAL") asset = COLLATERAL;
  else if (type === "CONDITIONAL") {
    const t = q.get("token_id");
    if (!t || !st.engine.marketByToken(t)) throw new VenueError(ERR.INVALID_TOKEN);
    asset = t;
  } else throw new VenueError("invalid asset_type");
  return {
    balance: String(st.engine.balance(addr, asset)),
    allowances: { [EXCHANGE_V2]: MAX_ALLOWANCE, [NEG_RISK_EXCHANGE_V2]: MAX_ALLOWANCE, [NEG_RISK_ADAPTER]: MAX_ALLOWANCE },
  };
}
