// Shapes shared by the scenario players: the exchange they drive (engine + clock, as startExchange
// returns them) and the handle a started scenario gives back.
import type { Engine } from "../engine/engine.js";
import type { Clock } from "../types.js";
import type { Speed } from "./clock.js";

/** What a scenario needs from a running exchange (startExchange's result fits; clock defaults to engine.clock). */
export interface ExchangeLike {
  engine: Engine;
  clock?: Clock;
}

export interface LeaderInfo {
  name: string;
  address: string; // lower case
  style: string;
}

export interface ScenarioHandle {
  name: string;
  seed: number;
  speed: Speed;
  /** Condition ids of the markets the scenario created, in creation order. */
  markets: string[];
  leaders: LeaderInfo[];
  /** Resolves when the timeline ran out (never for open-ended real-time runs until stop()). */
  done: Promise<void>;
  stop(): void;
  /** Actions executed and actions that threw (venue rejections are expected in synthetic play). */
  stats(): { actions: number; errors: number; pending: number };
}
