// One `upgrade` dispatcher per http.Server for the sim's WebSocket paths (/ws/market, /ws/user, /rtds):
// unknown paths get a 404 and are closed; every accepted socket is registered with the socket faults.
import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Channel, ConnLike, SocketFaults } from "../faults-sockets.js";

/** Largest frame the sim accepts; the venue's limit is undocumented, subscribe frames are tiny. */
export const MAX_FRAME_BYTES = 1 << 20;
/** A socket whose unsent backlog exceeds this is a consumer that stopped reading: it is dropped (1006 on its side)
 *  instead of the exchange buffering for it without bound. */
export const MAX_BUFFERED_BYTES = 4 << 20;

export class Conn implements ConnLike {
  stalled = false;
  constructor(
    readonly id: number,
    readonly channel: Channel,
    readonly ws: WebSocket,
  ) {}

  /** Send text or JSON unless stalled or closed. */
  send(msg: unknown): void {
    if (this.stalled || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ws.terminate();
      return;
    }
    this.ws.send(typeof msg === "string" ? msg : JSON.stringify(msg));
  }
}

export type OnConn = (c: Conn, req: http.IncomingMessage) => void;

/**
 * Keep `sub` in `subs` while its socket is open and hand it every text frame; binary frames get `binaryReply`
 * (ignored when absent). The accept step shared by the market, user and RTDS channels.
 */
export function track<S extends { conn: Conn }>(subs: Set<S>, sub: S, onText: (sub: S, raw: string) => void, binaryReply?: string): void {
  subs.add(sub);
  sub.conn.ws.on("close", () => subs.delete(sub));
  sub.conn.ws.on("message", (data, isBinary) => {
    if (!isBinary) onText(sub, data.toString());
    else if (binaryReply !== undefined) sub.conn.send(binaryReply);
  });
}

export class SocketHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly paths = new Map<string, { channel: Channel; on: OnConn }>();
  private nextId = 1;

  constructor(
    server: http.Server,
    readonly faults: SocketFaults,
  ) {
    server.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  route(path: string, channel: Channel, on: OnConn): void {
    this.paths.set(path, { channel, on });
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    // node's http server removes its own 'error' listener from a socket it hands to 'upgrade': without one, a peer
    // that resets the connection (before or after our answer) is an unhandled 'error' that ends the whole exchange
    socket.on("error", () => socket.destroy());
    const path = (req.url ?? "/").split("?")[0]!;
    const r = this.paths.get(path);
    if (!r) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const c = new Conn(this.nextId++, r.channel, ws);
      ws.on("error", () => ws.terminate());
      r.on(c, req);
      this.faults.register(c);
    });
  }

  /** Close every socket (used on exchange close). */
  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((res) => this.wss.close(() => res()));
  }
}

const hubs = new WeakMap<http.Server, SocketHub>();

export function hubOf(server: http.Server, faults: SocketFaults): SocketHub {
  let h = hubs.get(server);
  if (!h) hubs.set(server, (h = new SocketHub(server, faults)));
  return h;
}
