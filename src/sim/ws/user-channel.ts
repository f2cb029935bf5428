// /ws/user: authenticated by {apiKey, secret, passphrase} (checked against the engine's keys); streams the
// key's own `order` (PLACEMENT/UPDATE/CANCELLATION) and `trade` (MATCHED→MINED→CONFIRMED | RETRYING→FAILED).
import type { Clock } from "../types.js";
import type { OrderEvent, SimEvent, TradeEvent } from "../engine/events.js";
import type { EngineMirror } from "./mirror.js";
import { track, type Conn } from "./hub.js";
import { INVALID, PONG, parseFrame } from "./frames.js";
import { orderMsg, tradeMsg } from "./protocol.js";

/** Close code for refused credentials (policy violation); the reason never echoes the secret. */
export const AUTH_CLOSE_CODE = 1008;
export const AUTH_CLOSE_REASON = "invalid api credentials";

export type KeyCheck = (apiKey: string, secret: string, passphrase: string) => boolean;

interface Sub {
  conn: Conn;
  apiKey?: string;
  /** markets [] on the initial frame: every market of the key (later unsubscribes do not narrow it, as on /ws/market). */
  all: boolean;
  markets: Set<string>;
}

export class UserChannel {
  private readonly subs = new Set<Sub>();
  private readonly off: () => void;

  constructor(
    mirror: EngineMirror,
    private readonly clock: Clock,
    private readonly check: KeyCheck,
  ) {
    this.off = mirror.onEvent((e) => this.onEngine(e));
  }

  close(): void {
    this.off();
  }

  accept(conn: Conn): void {
    const sub: Sub = { conn, all: false, markets: new Set() };
    track(this.subs, sub, (s, raw) => this.onFrame(s, raw), INVALID);
  }

  private onFrame(sub: Sub, raw: string): void {
    const f = parseFrame(raw);
    if (f.kind === "ping") return sub.conn.send(PONG);
    if (f.kind === "invalid") return sub.conn.send(INVALID);
    if (f.kind === "initial") {
      if (sub.apiKey !== undefined || f.channel !== "user" || !f.auth) return sub.conn.send(INVALID);
      let ok = false;
      try {
        ok = this.check(f.auth.apiKey, f.auth.secret, f.auth.passphrase);
      } catch {
        ok = false;
      }
      if (!ok) {
        this.subs.delete(sub);
        sub.conn.ws.close(AUTH_CLOSE_CODE, AUTH_CLOSE_REASON);
        return;
      }
      sub.apiKey = f.auth.apiKey;
      sub.all = f.markets.length === 0;
      for (const m of f.markets) sub.markets.add(m.toLowerCase());
      return;
    }
    if (sub.apiKey === undefined) return sub.conn.send(INVALID);
    for (const m of f.markets) {
      if (f.op === "subscribe") sub.markets.add(m.toLowerCase());
      else sub.markets.delete(m.toLowerCase());
    }
  }

  private inMarkets(sub: Sub, market: string): boolean {
    // a socket that unsubscribed from every market it named hears nothing more (not everything)
    return sub.all || sub.markets.has(market.toLowerCase());
  }

  private onEngine(e: SimEvent): void {
    if (e.type === "order") this.onOrder(e);
    else if (e.type === "trade") this.onTrade(e);
  }

  private onOrder(e: OrderEvent): void {
    const now = this.clock.now();
    for (const s of this.subs) {
      if (s.apiKey === undefined || s.apiKey !== e.order.owner || !this.inMarkets(s, e.order.market)) continue;
      s.conn.send(orderMsg(e.order, e.kind, now));
    }
  }

  private onTrade(e: TradeEvent): void {
    const now = this.clock.now();
    const t = e.trade;
    for (const s of this.subs) {
      if (s.apiKey === undefined || !this.inMarkets(s, t.market)) continue;
      if (s.apiKey !== t.owner && !t.maker_orders.some((mo) => mo.owner === s.apiKey)) continue;
      s.conn.send(tradeMsg(t, s.apiKey, now));
    }
  }
}
