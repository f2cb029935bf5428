// Seeded synthetic market scenario: several binary markets whose fair prices random-walk, market makers
// and noise traders giving realistic books and flow, and three leader bots with distinct styles.
import { rng } from "../../core/rng.js";
import type { Engine } from "../engine/engine.js";
import type { SimLedger } from "../data-api/ledger.js";
import type { Runner } from "./runner.js";
import type { LeaderInfo } from "./types.js";
import { accumulatorLeader, marketMaker, momentumLeader, noiseTrader, passiveMakerLeader, type BotEnv, type MarketState } from "./bots.js";

export interface SyntheticOptions {
  seed: number;
  startMs: number;
  /** Sim time the scenario runs for (default one hour). */
  durationMs?: number;
  markets?: number;
}

/** Default number of markets and run length (sim time). */
export const SYNTH_DEFAULTS = { markets: 3, durationMs: 3_600_000 } as const;
/** Cadence of each actor (ms of sim time): fair-price step, MM requote, noise, leaders. */
const EVERY = { fair: 5_000, mm: 10_000, noise: 3_000, momentum: 15_000, passive: 30_000, accumulator: 20_000 } as const;
/** Fair-price random-walk volatility per step (probability points). */
const FAIR_VOL = 0.01;
/** Momentum leader lookback, in fair steps. */
const MOMENTUM_LOOKBACK = 3;
const QUESTIONS = ["Will BTC close above $100k today?", "Will ETH be up this hour?", "Will it rain in London tomorrow?", "Will SOL flip BNB this week?", "Will the Fed cut in March?"];

function addr(tag: number): string {
  return `0x${tag.toString(16).padStart(40, "0")}`;
}

export const SYNTH_LEADERS: LeaderInfo[] = [
  { name: "sim-momentum", address: addr(0x1ead0001), style: "momentum taker (FAK buys of the rising outcome)" },
  { name: "sim-passive", address: addr(0x1ead0002), style: "passive maker (post-only bids under fair on both outcomes)" },
  { name: "sim-accumulator", address: addr(0x1ead0003), style: "both-sides accumulator that merges pairs" },
];
const MAKERS = [addr(0x3a3e0001), addr(0x3a3e0002)];
const NOISE = [addr(0x4015e001), addr(0x4015e002), addr(0x4015e003), addr(0x4015e004)];

export function planSynthetic(engine: Engine, ledger: SimLedger, runner: Runner, o: SyntheticOptions): { markets: string[]; leaders: LeaderInfo[] } {
  const r = rng(o.seed);
  const n = o.markets ?? SYNTH_DEFAULTS.markets;
  const end = o.startMs + (o.durationMs ?? SYNTH_DEFAULTS.durationMs);
  const states: MarketState[] = [];
  for (let i = 0; i < n; i++) {
    const q = QUESTIONS[i % QUESTIONS.length]!;
    const slug = `sim-${q.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${o.seed}`;
    const market = engine.createMarket({ question: q, slug, meta: { title: q, eventSlug: slug } });
    states.push({ market, fair: 0.3 + 0.4 * r.next(), history: [] });
  }
  let txn = 0;
  const txHash = (): string => `0x${(o.seed >>> 0).toString(16).padStart(8, "0")}${(++txn).toString(16).padStart(56, "0")}`;
  const env: BotEnv = { engine, ledger, rng: r, tick: (m) => Number(engine.market(m.conditionId)?.tick ?? m.tick) };
  for (const l of SYNTH_LEADERS) ledger.store.setProfile(l.address, { name: l.name, pseudonym: l.name });
  const every = (period: number, phase: number, fn: (t: number) => void): void => {
    const step = (t: number): void => {
      if (t > end) return;
      runner.at(t, () => {
        fn(t);
        step(t + period);
      });
    };
    step(o.startMs + phase);
  };
  states.forEach((s, i) => {
    every(EVERY.fair, 0, () => {
      s.history.push(s.fair);
      s.fair = Math.min(0.95, Math.max(0.05, s.fair + FAIR_VOL * r.normal()));
    });
    MAKERS.forEach((mm, k) => every(EVERY.mm, 1 + k * 100 + i, () => marketMaker(env, mm, s, k)));
    NOISE.forEach((nt, k) => every(EVERY.noise * (k + 1), 500 + k * 37 + i, () => noiseTrader(env, nt, s)));
    every(EVERY.momentum, 2_000 + i, () => momentumLeader(env, SYNTH_LEADERS[0]!.address, s, MOMENTUM_LOOKBACK));
    every(EVERY.passive, 2_500 + i, () => passiveMakerLeader(env, SYNTH_LEADERS[1]!.address, s));
    every(EVERY.accumulator, 3_000 + i, (t) => accumulatorLeader(env, SYNTH_LEADERS[2]!.address, s, t, txHash));
  });
  return { markets: states.map((s) => s.market.conditionId), leaders: SYNTH_LEADERS };
}
