// Trade-status faults on top of the engine's settlement API: hold statuses at MATCHED (delayed MINED/
// CONFIRMED until released) and make the next N matches go RETRYING → FAILED instead of settling.
import { TRADE_STATUS } from "../core/venue.js";
import type { Engine } from "./engine/engine.js";
import type { TradeEvent } from "./engine/events.js";

export class TradeFaults {
  private failLeft = 0;
  private holding = false;
  private readonly savedMode: "sync" | "manual";
  private readonly off: () => void;
  private readonly seen = new Set<string>();

  constructor(private readonly engine: Engine) {
    this.savedMode = engine.settlement;
    this.off = engine.on("trade", (e) => this.onTrade(e));
  }

  close(): void {
    this.off();
  }

  /** Keep every new trade at MATCHED until `release()` (the venue's slow-chain case). */
  hold(): void {
    this.holding = true;
    this.engine.settlement = "manual";
  }

  /** Settle held trades (MATCHED → MINED → CONFIRMED) and go back to the original settlement mode. */
  release(): void {
    this.holding = false;
    this.engine.advanceTrades();
    this.engine.advanceTrades();
    this.restore();
  }

  /** The next `n` matches emit MATCHED, then RETRYING, then FAILED (final). */
  failNext(n = 1): void {
    this.failLeft += n;
    this.engine.settlement = "manual";
  }

  clear(): void {
    this.failLeft = 0;
    if (this.holding) this.release();
    this.restore();
  }

  private restore(): void {
    if (!this.holding && this.failLeft === 0) this.engine.settlement = this.savedMode;
  }

  private onTrade(e: TradeEvent): void {
    const t = e.trade;
    if (t.status !== TRADE_STATUS.MATCHED || this.seen.has(t.id)) return;
    this.seen.add(t.id);
    if (this.failLeft > 0) {
      this.failLeft--;
      // after the engine call that matched it, like the venue's async executor
      queueMicrotask(() => {
        this.engine.setTradeStatus(t.id, TRADE_STATUS.RETRYING);
        this.engine.setTradeStatus(t.id, TRADE_STATUS.FAILED);
        this.restore();
      });
      return;
    }
    if (!this.holding && this.engine.settlement === "manual" && this.savedMode === "sync") {
      queueMicrotask(() => {
        this.engine.setTradeStatus(t.id, TRADE_STATUS.MINED);
        this.engine.setTradeStatus(t.id, TRADE_STATUS.CONFIRMED);
      });
    }
  }
}
