// Scenario players: the seeded synthetic market builds two-sided books and shows three leader styles
// (taker, maker, merging accumulator); same seed → same ledger; ×N pacing and runExchangeCommand work.
import { describe, expect, it } from "vitest";
import { ScenarioClock, runExchangeCommand, startFeedsExchange, startScenario } from "../../src/sim/scenarios/index.js";
import { parseSpeed } from "../../src/sim/scenarios/clock.js";
import { WsClient } from "../helpers/ws-client.js";
import { sharedData } from "../helpers/shared-data.js";

const leaderFile = sharedData("leader-activity/gabagool22/ethereum-up-or-down-january-1-12am-et.json");

const START = Date.UTC(2026, 0, 1);
type Row = Record<string, unknown>;

async function runSynthetic(seed: number, durationMs: number) {
  const clock = new ScenarioClock(START);
  const fx = await startFeedsExchange({ clock, seed, sweepMs: 0 });
  const sc = startScenario(fx.exchange, { name: "synthetic", seed, speed: "max", durationMs }); // clock = engine.clock
  await sc.done;
  return { fx, sc, clock };
}

describe("synthetic scenario", () => {
  it("gives two-sided books and distinct leader behaviour", async () => {
    const { fx, sc, clock } = await runSynthetic(7, 600_000);
    expect(clock.now()).toBeGreaterThanOrEqual(START + 590_000);
    for (const cond of sc.markets) {
      const m = fx.exchange.engine.market(cond)!;
      for (const t of m.tokens) {
        const b = fx.exchange.engine.book(t.tokenId)!;
        expect(b.bids.length).toBeGreaterThanOrEqual(3);
        expect(b.asks.length).toBeGreaterThanOrEqual(3);
        expect(Number(b.bids[0]!.price)).toBeLessThan(Number(b.asks[0]!.price));
      }
    }
    const act = async (addr: string, q = ""): Promise<Row[]> => (await (await fetch(`${fx.exchange.url}/activity?user=${addr}&limit=500${q}`)).json()) as Row[];
    const [mom, pas, acc] = sc.leaders;
    const momRows = await act(mom!.address);
    expect(momRows.length).toBeGreaterThan(0);
    expect((await (await fetch(`${fx.exchange.url}/trades?user=${mom!.address}`)).json()) as Row[]).not.toHaveLength(0); // a taker
    const pasRows = await act(pas!.address);
    expect(pasRows.length).toBeGreaterThan(0);
    expect((await (await fetch(`${fx.exchange.url}/trades?user=${pas!.address}`)).json()) as Row[]).toHaveLength(0); // only maker fills
    expect((await act(acc!.address, "&type=MERGE")).length).toBeGreaterThan(0);
    expect(momRows[0]!.name).toBe("sim-momentum");
    await fx.close();
  });

  it("is deterministic: same seed, same ledger", async () => {
    const one = await runSynthetic(3, 120_000);
    const two = await runSynthetic(3, 120_000);
    const dump = (x: typeof one) => JSON.stringify(x.sc.ledger.store.all());
    expect(one.sc.ledger.store.all().length).toBeGreaterThan(10);
    expect(dump(one)).toBe(dump(two));
    expect(one.fx.exchange.engine.snapshot()).toBe(two.fx.exchange.engine.snapshot());
    await one.fx.close();
    await two.fx.close();
  });

  it("paces ×N against the wall clock and streams to a market socket meanwhile", async () => {
    const clock = new ScenarioClock(START);
    const fx = await startFeedsExchange({ clock, seed: 5, sweepMs: 0 });
    const sc = startScenario({ engine: fx.exchange.engine, clock }, { name: "synthetic", seed: 5, speed: 600, durationMs: 30_000, markets: 1 });
    const tok = fx.exchange.engine.market(sc.markets[0]!)!.tokens[0].tokenId;
    const c = await WsClient.open(`${fx.wsUrl}/ws/market`);
    c.send({ assets_ids: [tok], type: "market" });
    await c.event("price_change", () => true, 10_000);
    await sc.done;
    expect(clock.now()).toBeGreaterThanOrEqual(START + 30_000);
    c.close();
    await fx.close();
  });
});

describe("speeds and the CLI runner", () => {
  it("parses speeds", () => {
    expect(parseSpeed("max")).toBe("max");
    expect(parseSpeed("x10")).toBe(10);
    expect(parseSpeed("1")).toBe(1);
    expect(() => parseSpeed("fastest")).toThrow(/speed/);
    expect(() => parseSpeed("0")).toThrow(/speed/);
  });

  it("runExchangeCommand serves REST, Gamma and sockets on a free loopback port", async () => {
    const lines: string[] = [];
    const ex = await runExchangeCommand({ scenario: "synthetic", port: 0, speed: "max", seed: 2, durationMs: 60_000, print: (l) => lines.push(l) });
    expect(ex.exchange.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await ex.scenario.done;
    const gm = (await (await fetch(`${ex.exchange.url}/gamma/markets`)).json()) as Row[];
    expect(gm.length).toBe(3);
    expect(lines.join("\n")).toContain("/ws/market");
    expect(lines.join("\n")).not.toMatch(/secret|passphrase/i);
    await ex.close();
  });

  it.skipIf(leaderFile === undefined)("runExchangeCommand replays a recorded file (--scenario recorded --file)", async () => {
    const ex = await runExchangeCommand({ scenario: "recorded", path: leaderFile!, port: 0, speed: "max", seed: 4, print: () => undefined });
    await ex.scenario.done;
    const leader = ex.scenario.leaders[0]!;
    expect(leader.name).toBe("gabagool22");
    const rows = (await (await fetch(`${ex.exchange.url}/activity?user=${leader.address}&limit=500`)).json()) as Row[];
    expect(rows.length).toBeGreaterThan(0);
    expect(ex.scenario.stats().errors).toBe(0);
    await ex.close();
  });

  it("runExchangeCommand refuses a recorded scenario without a file", async () => {
    await expect(runExchangeCommand({ scenario: "recorded", print: () => undefined })).rejects.toThrow(/--file/);
  });
});
