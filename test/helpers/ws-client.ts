// WebSocket test client: queues every frame (JSON-parsed when possible, arrays flattened on demand) and
// waits for the next one matching a predicate, with a timeout — no sleeps used as synchronisation.
import { WebSocket } from "ws";

export type Frame = { text: string; json?: unknown };

/** The first event of a frame (array frames included) with this event_type that satisfies `pred`. */
function eventIn(f: Frame, type: string, pred: (e: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  const list = Array.isArray(f.json) ? f.json : [f.json];
  return list.find((e): e is Record<string, unknown> => typeof e === "object" && e !== null && (e as Record<string, unknown>).event_type === type && pred(e as Record<string, unknown>));
}

export class WsClient {
  readonly frames: Frame[] = [];
  private cursor = 0;
  private waiters: (() => void)[] = [];
  closed?: { code: number; reason: string };

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const text = data.toString();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      this.frames.push(json === undefined ? { text } : { text, json });
      this.notify();
    });
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.notify();
    });
    ws.on("error", () => undefined);
  }

  static open(url: string): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const c = new WsClient(ws);
      ws.once("open", () => resolve(c));
      ws.once("error", reject);
    });
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves on the next frame or close, or after `ms`, whichever comes first. */
  private wake(ms: number): Promise<void> {
    return new Promise<void>((res) => {
      const t = setTimeout(res, ms);
      this.waiters.push(() => {
        clearTimeout(t);
        res();
      });
    });
  }

  send(x: unknown): void {
    this.ws.send(typeof x === "string" ? x : JSON.stringify(x));
  }

  /** Next unread frame satisfying `pred` (frames before it are consumed). */
  async next(pred: (f: Frame) => boolean = () => true, timeoutMs = 5_000, what = "frame"): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.frames.length) {
        const f = this.frames[this.cursor++]!;
        if (pred(f)) return f;
      }
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await this.wake(left);
    }
  }

  /** Next JSON event (inside array frames too) with this event_type. */
  async event(type: string, pred: (e: Record<string, unknown>) => boolean = () => true, timeoutMs = 5_000): Promise<Record<string, unknown>> {
    let found: Record<string, unknown> | undefined;
    await this.next(
      (f) => {
        found = eventIn(f, type, pred);
        return found !== undefined;
      },
      timeoutMs,
      `event ${type}`,
    );
    return found!;
  }

  /** Like event(), but scans every frame received so far (consumes nothing): order-independent lookups. */
  async seen(type: string, pred: (e: Record<string, unknown>) => boolean = () => true, timeoutMs = 5_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const f of this.frames) {
        const hit = eventIn(f, type, pred);
        if (hit) return hit;
      }
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting for ${type}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${type}`);
      await this.wake(left);
    }
  }

  /** Resolves once the server closed the socket. */
  async waitClosed(timeoutMs = 5_000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for close");
      await this.wake(left);
    }
    return this.closed;
  }

  /** Everything unread is discarded. */
  drain(): void {
    this.cursor = this.frames.length;
  }

  close(): void {
    this.ws.terminate();
  }
}
