// One Gamma market object for a sim market: camelCase, the same keys and value types as the recorded
// gamma_market.json, with `outcomes`, `outcomePrices` and `clobTokenIds` as JSON-ENCODED STRINGS.
import { roundTo } from "../../core/money.js";
import type { Market } from "../engine/market.js";
import type { EngineMirror } from "../ws/mirror.js";
import { marketMeta } from "./meta.js";

/** Gamma prints dates both as ISO timestamps and as YYYY-MM-DD. */
function day(iso: string): string {
  return iso.slice(0, 10);
}

/** Liquidity/volume numbers carry at most 6 decimals on Gamma. */
function six(x: number): number {
  return roundTo(x, 6);
}

/** Gamma's `spread` is a price difference: keep it on a clean 4-decimal grid. */
function four(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

export type GammaMarket = Record<string, unknown>;

/** Gamma's JSON-encoded string arrays are spaced like Python's json.dumps: ["Up", "Down"]. */
export function encodedList(xs: string[]): string {
  return `[${xs.map((x) => JSON.stringify(x)).join(", ")}]`;
}

export function gammaMarket(mk: Market, mirror: EngineMirror): GammaMarket {
  const meta = marketMeta(mk);
  const [t0, t1] = mk.tokens;
  const winner = mk.winnerTokenId;
  const prices = mk.tokens.map((t) => (winner ? (t.tokenId === winner ? 1 : 0) : mirror.price(t.tokenId)));
  const bid = mirror.bestBid(t0.tokenId);
  const ask = mirror.bestAsk(t0.tokenId);
  const last = mirror.lastTrade(t0.tokenId);
  const tick = Number(mirror.tick(t0.tokenId));
  const vol = six(mirror.volumeOf(mk.conditionId));
  const liq = six(
    [...mirror.levels(t0.tokenId).bids, ...mirror.levels(t0.tokenId).asks, ...mirror.levels(t1.tokenId).bids, ...mirror.levels(t1.tokenId).asks]
      .reduce((s, l) => s + Number(l.price) * Number(l.size), 0),
  );
  const created = new Date(mk.createdAt).toISOString();
  // closed markets stay active on the venue (every closed capture): `closed` says they are over
  const active = true;
  const event = {
    id: meta.eventId,
    ticker: meta.eventSlug,
    slug: meta.eventSlug,
    title: meta.title,
    description: meta.description,
    resolutionSource: meta.resolutionSource,
    startDate: meta.startDate,
    creationDate: created,
    endDate: meta.endDate,
    image: meta.icon,
    icon: meta.icon,
    active,
    closed: mk.closed,
    archived: false,
    new: false,
    featured: false,
    restricted: true,
    liquidity: liq,
    volume: vol,
    openInterest: 0,
    createdAt: created,
    updatedAt: created,
    competitive: 0,
    volume24hr: vol,
    volume1wk: vol,
    volume1mo: vol,
    volume1yr: vol,
    enableOrderBook: true,
    liquidityClob: liq,
    negRisk: mk.negRisk,
    commentCount: 0,
    series: [],
    cyom: false,
    showAllOutcomes: true,
    showMarketImages: true,
    enableNegRisk: mk.negRisk,
    automaticallyActive: true,
    startTime: meta.startDate,
    seriesSlug: meta.eventSlug,
    negRiskAugmented: false,
    pendingDeployment: false,
    deploying: false,
    requiresTranslation: false,
  };
  return {
    id: meta.gammaId,
    question: meta.question,
    conditionId: mk.conditionId,
    slug: meta.slug,
    resolutionSource: meta.resolutionSource,
    endDate: meta.endDate,
    liquidity: String(liq),
    startDate: meta.startDate,
    image: meta.icon,
    icon: meta.icon,
    description: meta.description,
    outcomes: encodedList(mk.tokens.map((t) => t.outcome)),
    outcomePrices: encodedList(prices.map((p) => String(p))),
    volume: String(vol),
    active,
    closed: mk.closed,
    marketMakerAddress: "",
    createdAt: created,
    updatedAt: created,
    new: false,
    featured: false,
    archived: false,
    restricted: true,
    groupItemThreshold: "0",
    questionID: meta.questionId,
    enableOrderBook: true,
    orderPriceMinTickSize: tick,
    orderMinSize: mk.minOrderSize,
    volumeNum: vol,
    liquidityNum: liq,
    endDateIso: day(meta.endDate),
    startDateIso: day(meta.startDate),
    hasReviewedDates: true,
    volume24hr: vol,
    volume1wk: vol,
    volume1mo: vol,
    volume1yr: vol,
    clobTokenIds: encodedList(mk.tokens.map((t) => t.tokenId)),
    volume24hrClob: vol,
    volume1wkClob: vol,
    volume1moClob: vol,
    volume1yrClob: vol,
    volumeClob: vol,
    liquidityClob: liq,
    makerBaseFee: 0,
    takerBaseFee: 0,
    acceptingOrders: mk.acceptingOrders && !mk.closed,
    negRisk: mk.negRisk,
    events: [event],
    ready: false,
    funded: false,
    acceptingOrdersTimestamp: created.replace(/\.\d+Z$/, "Z"),
    cyom: false,
    competitive: 0,
    pagerDutyNotificationEnabled: false,
    approved: true,
    rewardsMinSize: 0,
    rewardsMaxSpread: 0,
    spread: bid !== undefined && ask !== undefined ? four(ask - bid) : 1,
    lastTradePrice: last ? Number(last.price) : 0,
    bestBid: bid ?? 0,
    bestAsk: ask ?? 1,
    automaticallyActive: true,
    clearBookOnStart: false,
    showGmpSeries: false,
    showGmpOutcome: false,
    manualActivation: false,
    negRiskOther: false,
    umaResolutionStatuses: "[]",
    pendingDeployment: false,
    deploying: false,
    rfqEnabled: false,
    eventStartTime: meta.startDate,
    holdingRewardsEnabled: false,
    feesEnabled: mk.fee.r > 0,
    // what a client prices fees from (as on real fee-charging markets; none on fee-free ones)
    ...(mk.fee.r > 0 ? { feeSchedule: { exponent: mk.fee.e, rate: mk.fee.r, rebateRate: 0, takerOnly: true } } : {}),
    requiresTranslation: false,
    makerRebatesFeeShareBps: 0,
    feeType: meta.feeType,
  };
}
