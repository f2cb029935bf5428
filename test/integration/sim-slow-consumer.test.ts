// A market-channel client that stops reading must not make the exchange buffer for it without bound: once its
// backlog passes MAX_BUFFERED_BYTES the exchange drops it. Real sockets on a free port; the consumer's socket is
// paused (a hung client); it provokes book dumps with unsubscribe/subscribe pairs it never reads.
import { afterAll, beforeAll, expect, it } from "vitest";
import { WebSocket } from "ws";
import { startFeedsExchange, type FeedsExchange } from "../../src/sim/scenarios/exchange.js";
import { MAX_BUFFERED_BYTES } from "../../src/sim/ws/hub.js";

let fx: FeedsExchange;
let token: string;
beforeAll(async () => {
  fx = await startFeedsExchange({ seed: 3, sweepMs: 0 });
  const m = fx.exchange.engine.createMarket({ question: "slow?", slug: "slow" });
  token = m.tokens[0].tokenId;
  fx.exchange.engine.credit("0x00000000000000000000000000000000000000aa", 1e6);
  // a deep book makes each dump large (~10 KB)
  for (let i = 1; i <= 49; i++) fx.exchange.engine.placeInternal({ address: "0x00000000000000000000000000000000000000aa", tokenId: token, side: "BUY", price: i / 100, size: 5 + i });
});
afterAll(() => fx.close());

it("a consumer that never reads is dropped once its backlog passes the cap", async () => {
  const ws = new WebSocket(`${fx.wsUrl}/ws/market`);
  await new Promise((r) => ws.once("open", r));
  ws.send(JSON.stringify({ assets_ids: [token], type: "market", initial_dump: true }));
  (ws as unknown as { _socket: { pause(): void } })._socket.pause(); // stops reading: a hung consumer
  const server = () => fx.feeds.faults.open("market")[0]?.ws;
  await expect.poll(() => server()).toBeDefined();
  const sw = server()!;
  let closed = false;
  sw.once("close", () => (closed = true));
  let received = 0;
  sw.on("message", () => received++);
  let peak = 0;
  let sent = 0;
  // each pair is ~150 bytes in; each makes the exchange queue a full book dump (~1.5 KB) out. Batches of 100 pairs,
  // each awaited until the exchange has handled it; up to ~60 MB of dumps.
  while (!closed && sent < 80_000) {
    for (let i = 0; i < 100; i++) {
      ws.send(JSON.stringify({ operation: "unsubscribe", assets_ids: [token] }));
      ws.send(JSON.stringify({ operation: "subscribe", assets_ids: [token], initial_dump: true }));
      sent += 2;
    }
    while (!closed && received < sent) await new Promise((r) => setImmediate(r));
    peak = Math.max(peak, sw.bufferedAmount);
  }
  expect({ closed, peakMB: Math.round(peak / 2 ** 20) }).toMatchObject({ closed: true }); // old code: closed false, peak ~50 MB
  expect(peak).toBeLessThan(MAX_BUFFERED_BYTES + (1 << 20));
  expect(fx.feeds.faults.open("market")).toHaveLength(0);
  ws.terminate();
}, 60_000);
