// The real `spy exchange` process keeps serving when a client asks for a WebSocket on a path the sim does not serve
// and then resets the TCP connection (a port scanner, a crashed client): the upgrade socket's error is handled.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;

let child: ChildProcess | undefined;
let stderr = "";
afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGTERM");
});

/** Start `spy exchange --scenario none` on a free port; resolves with its http URL once it prints it. */
function startExchangeProcess(): Promise<string> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, [SPY, "exchange", "--scenario", "none", "--port", "0", "--log-level", "error"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout!.on("data", (b: Buffer) => {
      out += b.toString("utf8");
      const m = /exchange listening: (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`exchange exited ${code} before listening: ${stderr}`)));
  });
}

/** An upgrade request to `path`; once the server's answer arrives, reset the connection (RST, not FIN). */
function upgradeThenReset(port: number, path: string): Promise<string> {
  return new Promise((resolve) => {
    const c = net.connect(port, "127.0.0.1", () =>
      c.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
      ),
    );
    let got = "";
    c.on("data", (d: Buffer) => {
      got += d.toString("utf8");
      c.resetAndDestroy();
    });
    c.on("error", () => undefined);
    c.on("close", () => resolve(got));
  });
}

describe("spy exchange: WebSocket upgrade then TCP reset", () => {
  it("answers 404 to an unknown WebSocket path and keeps serving after the client resets", async () => {
    const url = await startExchangeProcess();
    const port = Number(new URL(url).port);
    for (let i = 0; i < 3; i++) {
      const answer = await upgradeThenReset(port, "/no-such-socket");
      expect(answer).toMatch(/^HTTP\/1\.1 404/);
      // full round trips after the reset: the exchange must still answer them (it died here before the fix)
      for (let k = 0; k < 3; k++) {
        const res = await fetch(`${url}/ok`).catch((e: unknown) => e as Error);
        expect(res instanceof Error ? `${res.message}; exchange stderr: ${stderr}` : res.status).toBe(200);
      }
    }
    expect(child!.exitCode).toBe(null);
    expect(stderr).not.toMatch(/ECONNRESET|Unhandled 'error'/);
  }, 60_000);
});
