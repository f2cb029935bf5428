// Server-side CLOB state outside the engine: API keys, heartbeats, signer→funder links, held (delayed)
// orders, paging. Shared by the CLOB route files.
import { randomBytes } from "node:crypto";
import type { Clock } from "../types.js";
import { COLLATERAL, type Engine, type OrderInput } from "../engine/engine.js";
import type { OpenOrderWire } from "../engine/events.js";
import type { Faults } from "../http.js";
import { ERR, VenueError } from "../errors.js";
import { ApiKeys } from "./auth.js";

/** Heartbeat gap after which all of a key's orders are cancelled (venue: 10 s). */
export const HEARTBEAT_TIMEOUT_MS = 10_000;
export const MAX_BATCH_ORDERS = 15;
export const MAX_CANCEL_IDS = 3000;

export interface ClobOptions {
  /** Rows per page of /data/orders and /data/trades (default 100). */
  pageSize?: number;
  /**
   * Secret behind API-key derivation. Default: 32 random bytes per exchange, so nobody who knows the (public) scenario
   * seed can compute another address's keys; pass one to get the same keys across restarts.
   */
  keySeed?: string;
  /** Reject L1/L2 timestamps further than this from the clock (s); unset = not checked. */
  maxClockSkewS?: number;
}

export interface HeldOrder {
  input: OrderInput;
  owner: string;
  /** The order as GET /data/order shows it while held: status DELAYED, nothing matched. */
  order: OpenOrderWire;
}

export class ClobState {
  readonly keys: ApiKeys;
  readonly pageSize: number;
  private readonly heartbeats = new Map<string, { id: string; last: number }>();
  /** signer → (signatureType → funder) for balance-allowance on proxy/safe wallets. */
  private readonly funders = new Map<string, Map<number, string>>();
  held: HeldOrder[] = [];
  /** Held orders that never reached the book (cancelled while held, or refused on release): GET /data/order still knows them. */
  readonly ended = new Map<string, HeldOrder>();
  private hbSeq = 0;

  constructor(
    readonly engine: Engine,
    readonly clock: Clock,
    readonly faults: Faults,
    opts: ClobOptions & { seed: number },
  ) {
    this.pageSize = opts.pageSize ?? 100;
    this.keys = new ApiKeys(opts.keySeed ?? randomBytes(32).toString("hex"), () => Math.floor(clock.now() / 1000), opts.maxClockSkewS);
  }

  linkFunder(signer: string, signatureType: number, funder: string): void {
    let m = this.funders.get(signer.toLowerCase());
    if (!m) this.funders.set(signer.toLowerCase(), (m = new Map()));
    m.set(signatureType, funder.toLowerCase());
  }
  funderOf(signer: string, signatureType: number): string {
    return this.funders.get(signer.toLowerCase())?.get(signatureType) ?? signer.toLowerCase();
  }

  /** Start or refresh a heartbeat; `id` "" or null starts a new one. */
  heartbeat(key: string, id: string | null | undefined): string {
    const now = this.clock.now();
    const cur = this.heartbeats.get(key);
    if (id && (!cur || cur.id !== id)) throw new VenueError(ERR.INVALID_HEARTBEAT);
    const hid = cur && id ? cur.id : `hb-${++this.hbSeq}-${key.slice(0, 8)}`;
    this.heartbeats.set(key, { id: hid, last: now });
    return hid;
  }

  /** Cancel every order of keys whose heartbeat lapsed (called before each request and by a timer). */
  sweepHeartbeats(): void {
    const now = this.clock.now();
    for (const [key, hb] of this.heartbeats) {
      if (now - hb.last > HEARTBEAT_TIMEOUT_MS) {
        this.heartbeats.delete(key);
        this.engine.cancelAll(key);
        this.dropHeld((h) => h.owner === key);
      }
    }
  }

  /** Held (delayed) orders of an owner matching `pred`, oldest first. */
  heldWhere(pred: (h: HeldOrder) => boolean): HeldOrder[] {
    return this.held.filter(pred);
  }

  /** Hold an accepted marketable order: its maker amount stays reserved until it is released or dropped. */
  hold(h: HeldOrder): void {
    this.held.push(h);
    this.reserveHeld(h, 1);
  }
  private reserveHeld(h: HeldOrder, sign: 1 | -1): void {
    const i = h.input;
    this.engine.balances.reserve(i.maker.toLowerCase(), i.side === "BUY" ? COLLATERAL : i.tokenId, sign * i.makerAmount);
  }
  private end(h: HeldOrder): void {
    this.ended.set(h.order.id, { ...h, order: { ...h.order, status: "CANCELED" } });
  }

  /** Cancel held orders matching `pred` (they never reach the book); their ids. */
  dropHeld(pred: (h: HeldOrder) => boolean): string[] {
    const gone = this.held.filter(pred);
    if (gone.length > 0) this.held = this.held.filter((h) => !pred(h));
    for (const h of gone) {
      this.reserveHeld(h, -1);
      this.end(h);
    }
    return gone.map((h) => h.order.id);
  }

  /**
   * Place held (delayed) orders now, every one or those `which` picks (a delayMs timer releases its own order only);
   * one refused at this point ends CANCELED (it stays visible by id).
   */
  releaseDelayed(which?: (h: HeldOrder) => boolean): void {
    const held = which === undefined ? this.held : this.held.filter(which);
    this.held = which === undefined ? [] : this.held.filter((h) => !which(h));
    for (const h of held) {
      this.reserveHeld(h, -1);
      try {
        this.engine.place(h.input);
      } catch {
        this.end(h);
      }
    }
  }
}

export const START_CURSOR = "MA==";
export const END_CURSOR = "LTE=";

export function encodeCursor(n: number): string {
  return Buffer.from(String(n)).toString("base64");
}

/** Offset from a cursor; -1 for the end cursor; throws 400 on garbage. */
export function decodeCursor(c: string | null): number {
  if (c === null || c === "") return 0;
  if (c === END_CURSOR) return -1;
  const s = Buffer.from(c, "base64").toString("utf8");
  if (!/^\d{1,9}$/.test(s)) throw new VenueError("invalid next_cursor");
  return Number(s);
}

export function page<T>(rows: T[], cursor: string | null, size: number): { data: T[]; next_cursor: string; limit: number; count: number } {
  const off = decodeCursor(cursor);
  if (off < 0) return { data: [], next_cursor: END_CURSOR, limit: size, count: 0 };
  const data = rows.slice(off, off + size);
  const next = off + size < rows.length ? encodeCursor(off + size) : END_CURSOR;
  return { data, next_cursor: next, limit: size, count: data.length };
}
