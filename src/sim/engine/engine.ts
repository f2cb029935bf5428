// Matching engine of the local exchange (stub while the implementation lands): markets, books, balances.
// Emits SimEvents (see events.ts).
import { SimEmitter } from "./events.js";
import type { Clock } from "../types.js";

export class Engine extends SimEmitter {
  constructor(readonly clock: Clock) {
    super(() => clock.now());
  }
}
