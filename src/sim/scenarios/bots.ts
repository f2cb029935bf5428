// Synthetic traders for the seeded scenario: market makers (laddered two-sided quotes from split inventory),
// noise takers, and three leader styles (momentum taker, passive maker, both-sides accumulator that merges).
import { floorShares, fromUnits, priceBand, roundTo, roundToTick } from "../../core/index.js";
import type { Rng } from "../../core/rng.js";
import type { Engine } from "../engine/engine.js";
import { COLLATERAL } from "../engine/balances.js";
import type { Market } from "../engine/market.js";
import type { SimLedger } from "../data-api/ledger.js";
import { VENUE_QUIRKS } from "../../core/venue.js";

/** Starting pUSD of every bot wallet (refilled when low, so long runs never stall). */
export const BOT_CASH = 50_000;
/** Market-maker ladder: levels per side, shares per level, half spread in ticks. */
const MM_LEVELS = 5;
const MM_SIZE = 40;
const MM_HALF_SPREAD_TICKS = 1;

export interface MarketState {
  market: Market;
  /** Latent probability of outcome 0 (random walk). */
  fair: number;
  history: number[];
}

export interface BotEnv {
  engine: Engine;
  ledger: SimLedger;
  rng: Rng;
  tick(m: Market): number;
}

function refill(env: BotEnv, addr: string, need: number): void {
  if (fromUnits(env.engine.available(addr, COLLATERAL)) < need) env.engine.credit(addr, BOT_CASH);
}

function tryPlace(env: BotEnv, o: Parameters<Engine["placeInternal"]>[0]): boolean {
  try {
    env.engine.placeInternal(o);
    return true;
  } catch {
    return false; // venue rejections (FAK no match, min size …) are part of normal play
  }
}

/** Cancel `addr`'s resting orders in one market only (cancelAddress would clear every market). */
export function cancelIn(engine: Engine, addr: string, conditionId: string): void {
  const a = addr.toLowerCase();
  const ids = engine.openOrders({ market: conditionId }).filter((o) => o.makerKey === a).map((o) => o.id);
  if (ids.length) engine.cancel(ids);
}

function clampPrice(p: number, tick: number): number {
  const b = priceBand(tick);
  return Math.min(b.max, Math.max(b.min, roundToTick(p, tick)));
}

/** Requote a two-sided ladder on both outcomes around the fair price. */
export function marketMaker(env: BotEnv, addr: string, s: MarketState, skewTicks: number): void {
  const { engine } = env;
  const tick = env.tick(s.market);
  cancelIn(engine, addr, s.market.conditionId);
  s.market.tokens.forEach((t, i) => {
    const fair = i === 0 ? s.fair : 1 - s.fair;
    const have = fromUnits(engine.available(addr, t.tokenId));
    if (have < MM_SIZE * MM_LEVELS) {
      refill(env, addr, MM_SIZE * MM_LEVELS * 2);
      engine.split(addr, s.market.conditionId, MM_SIZE * MM_LEVELS * 2);
    }
    for (let k = 0; k < MM_LEVELS; k++) {
      const off = (MM_HALF_SPREAD_TICKS + k + skewTicks) * tick;
      const bid = clampPrice(fair - off, tick);
      const ask = clampPrice(fair + off + tick, tick);
      const size = MM_SIZE * (1 + k);
      if (bid < ask) {
        refill(env, addr, size * bid + 1);
        tryPlace(env, { address: addr, tokenId: t.tokenId, side: "BUY", price: bid, size, type: "GTC", postOnly: true });
        tryPlace(env, { address: addr, tokenId: t.tokenId, side: "SELL", price: ask, size, type: "GTC", postOnly: true });
      }
    }
  });
}

/** A noise trader: a small marketable order on a random outcome. */
export function noiseTrader(env: BotEnv, addr: string, s: MarketState): void {
  const { engine, rng } = env;
  const tick = env.tick(s.market);
  const i = rng.int(0, 1);
  const t = s.market.tokens[i]!;
  const fair = i === 0 ? s.fair : 1 - s.fair;
  const size = rng.int(5, 60);
  const held = fromUnits(engine.available(addr, t.tokenId));
  if (held >= size && rng.next() < 0.4) {
    tryPlace(env, { address: addr, tokenId: t.tokenId, side: "SELL", price: clampPrice(fair - 3 * tick, tick), size, type: "FAK" });
  } else {
    refill(env, addr, size);
    tryPlace(env, { address: addr, tokenId: t.tokenId, side: "BUY", price: clampPrice(fair + 3 * tick, tick), size, type: "FAK" });
  }
}

/** Leader 1 — momentum taker: buys the outcome whose fair price rose over the lookback. */
export function momentumLeader(env: BotEnv, addr: string, s: MarketState, lookback: number): void {
  const h = s.history;
  if (h.length <= lookback) return;
  const move = s.fair - h[h.length - 1 - lookback]!;
  if (Math.abs(move) < 0.005) return;
  const i = move > 0 ? 0 : 1;
  const t = s.market.tokens[i]!;
  const tick = env.tick(s.market);
  const fair = i === 0 ? s.fair : 1 - s.fair;
  const size = 10 + env.rng.int(0, 20);
  refill(env, addr, size);
  tryPlace(env, { address: addr, tokenId: t.tokenId, side: "BUY", price: clampPrice(fair + 2 * tick, tick), size, type: "FAK" });
}

/** Leader 2 — passive maker: rests post-only bids a few ticks under fair on both outcomes. */
export function passiveMakerLeader(env: BotEnv, addr: string, s: MarketState): void {
  const { engine } = env;
  const tick = env.tick(s.market);
  cancelIn(engine, addr, s.market.conditionId);
  s.market.tokens.forEach((t, i) => {
    const fair = i === 0 ? s.fair : 1 - s.fair;
    const size = 15;
    refill(env, addr, size);
    tryPlace(env, { address: addr, tokenId: t.tokenId, side: "BUY", price: clampPrice(fair - 2 * tick, tick), size, type: "GTC", postOnly: true });
  });
}

/** Leader 3 — both-sides accumulator: buys whichever outcome it holds less of (cheaper on ties), then
 * merges matched YES+NO pairs back into pUSD (the gabagool22 pattern). */
export function accumulatorLeader(env: BotEnv, addr: string, s: MarketState, nowMs: number, txHash: () => string): void {
  const { engine, ledger } = env;
  const tick = env.tick(s.market);
  const [a, b] = s.market.tokens;
  const ha = engine.available(addr, a.tokenId);
  const hb = engine.available(addr, b.tokenId);
  const i = ha === hb ? (s.fair <= 0.5 ? 0 : 1) : ha < hb ? 0 : 1;
  const t = i === 0 ? a : b;
  const fair = i === 0 ? s.fair : 1 - s.fair;
  const size = 5 + env.rng.int(0, 10);
  refill(env, addr, size);
  tryPlace(env, { address: addr, tokenId: t.tokenId, side: "BUY", price: clampPrice(fair + 3 * tick, tick), size, type: "FAK" });
  // merge whenever both sides are held
  const sets = floorShares(fromUnits(Math.min(engine.available(addr, a.tokenId), engine.available(addr, b.tokenId))));
  if (sets >= 10) {
    engine.merge(addr, s.market.conditionId, sets);
    ledger.store.add({
      wallet: addr,
      type: "MERGE",
      conditionId: s.market.conditionId,
      tokenId: "",
      outcome: "",
      outcomeIndex: VENUE_QUIRKS.NON_TRADE_OUTCOME_INDEX,
      side: "",
      size: sets,
      price: 0,
      usdcSize: roundTo(sets, 6),
      tsMs: nowMs,
      txHash: txHash(),
      taker: false,
    });
  }
}
