// Gamma routes (mounted by the feeds plugin): GET {prefix}/markets filtered by clob_token_ids / condition_ids /
// slug / id (repeated or comma lists), closed, active, limit/offset; /markets/:id, /markets/slug/:slug. Prefix /gamma by default.
import type { Route, SimResponse } from "../types.js";
import { bool, int, one, paramAnswer } from "../data-api/params.js";
import type { EngineMirror } from "../ws/mirror.js";
import { gammaMarket, type GammaMarket } from "./market-json.js";
import { marketMeta } from "./meta.js";

/** Gamma's page size default and cap for /markets (sim choice; the venue's default is undocumented). */
export const GAMMA_LIMIT = { def: 100, max: 500 } as const;
/** Mount point: the CLOB REST already serves /markets on the same port. */
export const DEFAULT_GAMMA_PREFIX = "/gamma";

/** Values of a list parameter given as repeated keys and/or comma lists. */
function list(q: URLSearchParams, name: string): string[] | undefined {
  const all = q.getAll(name).flatMap((v) => v.split(",")).map((s) => s.trim()).filter(Boolean);
  return all.length ? all : undefined;
}

export function queryMarkets(mirror: EngineMirror, q: URLSearchParams): GammaMarket[] {
  const tokens = list(q, "clob_token_ids");
  const conds = list(q, "condition_ids")?.map((c) => c.toLowerCase());
  const slugs = list(q, "slug");
  const ids = list(q, "id");
  const closedRaw = one(q, "closed");
  const closed = closedRaw === undefined ? undefined : bool(q, "closed", false);
  // every sim market is active (closed ones too, as on the venue): active=false finds none, instead of being ignored
  const active = one(q, "active") === undefined ? undefined : bool(q, "active", true);
  const limit = int(q, "limit", GAMMA_LIMIT.def, 0, GAMMA_LIMIT.max);
  const offset = int(q, "offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const out = [...mirror.markets.values()].filter((m) => {
    const meta = marketMeta(m);
    return (
      (tokens === undefined || m.tokens.some((t) => tokens.includes(t.tokenId))) &&
      (conds === undefined || conds.includes(m.conditionId.toLowerCase())) &&
      (slugs === undefined || slugs.includes(meta.slug)) &&
      (ids === undefined || ids.includes(meta.gammaId)) &&
      (closed === undefined || m.closed === closed) &&
      (active === undefined || active)
    );
  });
  return out.slice(offset, offset + limit).map((m) => gammaMarket(m, mirror));
}

/** As the Data API answers (ParamError → 400), plus 404 when there is nothing to return. */
function answer(run: () => unknown): SimResponse {
  const r = paramAnswer(run);
  return r.status === 200 && r.body === undefined ? { status: 404, body: { error: "market not found" } } : r;
}

export function gammaRoutes(mirror: EngineMirror, prefix = DEFAULT_GAMMA_PREFIX): Route[] {
  const find = (pred: (id: string, slug: string) => boolean): GammaMarket | undefined => {
    const m = [...mirror.markets.values()].find((mk) => {
      const meta = marketMeta(mk);
      return pred(meta.gammaId, meta.slug);
    });
    return m ? gammaMarket(m, mirror) : undefined;
  };
  return [
    { method: "GET", path: `${prefix}/markets`, handler: (r) => answer(() => queryMarkets(mirror, r.query)) },
    { method: "GET", path: `${prefix}/markets/slug/:slug`, handler: (r) => answer(() => find((_, s) => s === r.params.slug)) },
    { method: "GET", path: `${prefix}/markets/:id`, handler: (r) => answer(() => find((id) => id === r.params.id)) },
  ];
}
