// Timeline runner: executes scheduled actions in (time, seq) order, moving the scenario clock; paced
// by speed (max = no waiting, yields to the event loop so sockets flush; ×N = waits scaled wall time).
import type { Clock } from "../types.js";
import { isScenarioClock, performanceNow, type Speed } from "./clock.js";

export type Action = () => void;

interface Item {
  at: number;
  seq: number;
  fn: Action;
}

/** In max mode, yield to the event loop after this many actions (keeps sockets and timers alive). */
const YIELD_EVERY = 8;

export class Runner {
  private readonly heap: Item[] = []; // sorted by (at, seq)
  private seq = 0;
  private stopped = false;
  private running?: Promise<void>;
  private wake?: () => void;
  private timer?: NodeJS.Timeout;
  actions = 0;
  errors: unknown[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly speed: Speed,
  ) {}

  at(t: number, fn: Action): void {
    // sorted insert after every item with at ≤ t (seq order among equal times)
    let lo = 0;
    let hi = this.heap.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.heap[mid]!.at <= t) lo = mid + 1;
      else hi = mid;
    }
    this.heap.splice(lo, 0, { at: t, seq: this.seq++, fn });
    this.wake?.();
  }

  pending(): number {
    return this.heap.length;
  }

  /** Start (idempotent); resolves when the timeline is empty or stop() is called. */
  run(): Promise<void> {
    if (!this.running) this.running = this.loop();
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
  }

  private async loop(): Promise<void> {
    const sc = isScenarioClock(this.clock) ? this.clock : undefined;
    if (sc) sc.pace(this.speed, performanceNow());
    let n = 0;
    while (!this.stopped) {
      const next = this.heap[0];
      if (!next) break;
      if (this.speed !== "max") {
        const wait = (next.at - this.clock.now()) / this.speed;
        if (wait > 0) {
          await new Promise<void>((res) => {
            this.wake = res;
            this.timer = setTimeout(res, Math.min(wait, 1_000));
          });
          this.wake = undefined;
          continue;
        }
      }
      this.heap.shift();
      sc?.advanceTo(next.at);
      try {
        next.fn();
      } catch (e) {
        this.errors.push(e);
      }
      this.actions++;
      if (++n % YIELD_EVERY === 0) await new Promise<void>((res) => setImmediate(res));
    }
  }
}
