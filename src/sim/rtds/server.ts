// RTDS-style live-data socket (/rtds): `activity` topic, `trades` (and `orders_matched`) type; every sim
// trade row is pushed as {connection_id, topic, type, timestamp, payload = Data API /trades row}.
import type { Clock } from "../types.js";
import { track, type Conn } from "../ws/hub.js";
import type { SimLedger } from "../data-api/ledger.js";
import { tradeRow, type SimActivity } from "../data-api/rows.js";

/** Keepalive: the client sends text `ping`; the server answers `pong`. */
export const RTDS_PING = "ping";
export const RTDS_PONG = "pong";
/** Types of the activity topic the sim publishes (both carry the same trade payload). */
const ACTIVITY_TYPES = ["trades", "orders_matched"] as const;

interface Subscription {
  topic: string;
  type: string;
  filters?: { event_slug?: string; market_slug?: string };
  /** Types unsubscribed from this "*" subscription (the client README: unsubscribing one type leaves the others). */
  without?: string[];
}

interface Sub {
  conn: Conn;
  connectionId: string;
  subs: Subscription[];
}

function parseFilters(x: unknown): Subscription["filters"] | null {
  if (x === undefined || x === null || x === "") return undefined;
  if (typeof x !== "string") return null;
  try {
    const v: unknown = JSON.parse(x);
    if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
    const o = v as Record<string, unknown>;
    return {
      ...(typeof o.event_slug === "string" ? { event_slug: o.event_slug } : {}),
      ...(typeof o.market_slug === "string" ? { market_slug: o.market_slug } : {}),
    };
  } catch {
    return null;
  }
}

export class RtdsServer {
  private readonly subs = new Set<Sub>();
  private readonly off: () => void;

  constructor(
    private readonly ledger: SimLedger,
    private readonly clock: Clock,
  ) {
    this.off = ledger.store.onAdd((a) => this.onActivity(a));
  }

  close(): void {
    this.off();
  }

  accept(conn: Conn): void {
    // connection ids look like the venue's base64-ish ids; derived from the socket number (deterministic)
    const sub: Sub = { conn, connectionId: `sim${String(conn.id).padStart(9, "0")}=`, subs: [] };
    track(this.subs, sub, (s, raw) => this.onFrame(s, raw)); // binary frames are ignored here
  }

  private onFrame(sub: Sub, raw: string): void {
    const t = raw.trim();
    if (t.toLowerCase() === RTDS_PING) return sub.conn.send(RTDS_PONG);
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch {
      return; // the venue ignores garbage on this socket
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) return;
    const o = v as Record<string, unknown>;
    if ((o.action !== "subscribe" && o.action !== "unsubscribe") || !Array.isArray(o.subscriptions)) return;
    for (const s of o.subscriptions as unknown[]) {
      if (typeof s !== "object" || s === null) continue;
      const r = s as Record<string, unknown>;
      if (typeof r.topic !== "string" || typeof r.type !== "string") continue;
      const filters = parseFilters(r.filters);
      if (filters === null) continue;
      if (o.action === "subscribe") sub.subs.push({ topic: r.topic, type: r.type, ...(filters ? { filters } : {}) });
      else {
        sub.subs = sub.subs.filter((x) => !(x.topic === r.topic && x.type === r.type));
        if (r.type !== "*") for (const x of sub.subs) if (x.topic === r.topic && x.type === "*") x.without = [...(x.without ?? []), r.type];
      }
    }
  }

  private onActivity(a: SimActivity): void {
    if (a.type !== "TRADE") return; // every fill row, taker and maker (uncertain: see docs/sim-feeds.md)
    const m = this.ledger.rowMarket(a.conditionId);
    const payload = tradeRow(a, m, this.ledger.store.profile(a.wallet));
    const now = this.clock.now();
    for (const s of this.subs) {
      for (const type of ACTIVITY_TYPES) {
        const hit = s.subs.find(
          (x) =>
            x.topic === "activity" &&
            (x.type === type || (x.type === "*" && !x.without?.includes(type))) &&
            (!x.filters?.event_slug || x.filters.event_slug === m.eventSlug) &&
            (!x.filters?.market_slug || x.filters.market_slug === m.slug),
        );
        if (!hit) continue;
        s.conn.send({ connection_id: s.connectionId, topic: "activity", type, timestamp: now, payload });
        break;
      }
    }
  }
}
