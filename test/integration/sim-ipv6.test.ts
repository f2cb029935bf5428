// The local exchange on an IPv6 loopback host reports a URL a client can use (the literal in brackets).
// Skips with a message where the machine has no IPv6 loopback.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { startExchange } from "../../src/sim/exchange.js";

const hasIPv6 = await new Promise<boolean>((resolve) => {
  const s = createServer();
  s.once("error", () => resolve(false));
  s.listen(0, "::1", () => s.close(() => resolve(true)));
});
if (!hasIPv6) console.warn("[skip] no IPv6 loopback (::1) on this machine: the IPv6 URL test is skipped");

describe("startExchange on ::1", () => {
  it.runIf(hasIPv6)("gives an http://[::1]:port URL that answers", async () => {
    const ex = await startExchange({ seed: 1, host: "::1" });
    try {
      expect(ex.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      const r = await fetch(`${ex.url}/time`);
      expect(r.status).toBe(200);
      expect(Number(await r.text())).toBeGreaterThan(1_600_000_000);
    } finally {
      await ex.close();
    }
  });
});
