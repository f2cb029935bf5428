// Socket faults switchable per test: drop sockets (abrupt close), stall them (open but silent, PINGs
// unanswered), per channel. Trade-status faults (held settlement) are in faults-sockets-trades.ts.
import type { WebSocket } from "ws";

const CHANNELS = ["market", "user", "rtds"] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ConnLike {
  readonly id: number;
  readonly channel: Channel;
  readonly ws: WebSocket;
  stalled: boolean;
}

export class SocketFaults {
  private readonly conns = new Set<ConnLike>();
  private readonly stallNew = new Set<Channel>();
  private readonly dropNew = new Set<Channel>();

  /** Called by the hub for every accepted socket. */
  register(c: ConnLike): void {
    this.conns.add(c);
    c.ws.once("close", () => this.conns.delete(c));
    if (this.dropNew.has(c.channel)) {
      this.dropNew.delete(c.channel);
      this.terminate(c);
      return;
    }
    if (this.stallNew.has(c.channel)) c.stalled = true;
  }

  /** Open sockets, optionally of one channel, in accept order. */
  open(channel?: Channel): ConnLike[] {
    return [...this.conns].filter((c) => channel === undefined || c.channel === channel);
  }

  /** Abruptly drop every open socket of `channel` (all channels when omitted); returns how many. */
  drop(channel?: Channel): number {
    const cs = this.open(channel);
    for (const c of cs) this.terminate(c);
    return cs.length;
  }

  /** Drop the next socket of `channel` right after its handshake. */
  dropNext(channel: Channel): void {
    this.dropNew.add(channel);
  }

  /** Silently stall open sockets of `channel` (and, with `future`, sockets opened later). */
  stall(channel?: Channel, opts: { future?: boolean } = {}): number {
    const cs = this.open(channel);
    for (const c of cs) c.stalled = true;
    if (opts.future) for (const ch of channel ? [channel] : CHANNELS) this.stallNew.add(ch);
    return cs.length;
  }

  /** Stall one socket by its accept number (see `open()`); false when it is gone. */
  stallSocket(id: number): boolean {
    const c = [...this.conns].find((x) => x.id === id);
    if (!c) return false;
    c.stalled = true;
    return true;
  }

  /** Undo stalls (messages suppressed while stalled are not replayed, as on the venue). */
  unstall(channel?: Channel): void {
    for (const c of this.open(channel)) c.stalled = false;
    for (const ch of channel ? [channel] : CHANNELS) this.stallNew.delete(ch);
  }

  clear(): void {
    this.unstall();
    this.dropNew.clear();
  }

  /** Abrupt loss (the client sees 1006), as the venue's load balancer produces. */
  private terminate(c: ConnLike): void {
    c.ws.terminate();
  }
}
