// Round trip: the synthetic scenario's accumulator leader (BUY + MERGE in the same second), its /activity pages fetched
// over HTTP as the API serves them (newest first) and saved one file per page; the replay's loader must rebuild
// the holdings the engine says the wallet has, whatever the page size.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ScenarioClock, startFeedsExchange, startScenario } from "../../src/sim/scenarios/index.js";
import { loadActivityEvents } from "../../src/replay/import-activity.js";
import { LeaderBook } from "../../src/pipeline/leader-book.js";

describe("round trip: /activity pages -> loadActivityEvents -> leader holdings", () => {
  it("holdings equal the engine's balances for every page size", async () => {
    const clock = new ScenarioClock(Date.UTC(2026, 0, 1));
    const fx = await startFeedsExchange({ clock, seed: 7 });
    try {
      const engine = fx.exchange.engine;
      const sc = startScenario({ engine, clock }, { name: "synthetic", seed: 7, speed: "max", durationMs: 600_000 });
      await sc.done;
      const acc = sc.leaders.find((l) => l.name === "sim-accumulator")!.address.toLowerCase();
      const want = new Map<string, number>();
      for (const m of engine.markets()) for (const t of m.tokens) want.set(t.tokenId, engine.balance(acc, t.tokenId) / 1e6);
      const root = mkdtempSync(join(tmpdir(), "rt-pages-"));
      const got: Record<string, number> = {};
      for (const limit of [500, 1, 2, 3]) {
        const dir = join(root, `limit${limit}`);
        mkdirSync(dir);
        for (let off = 0; ; off += limit) {
          const page = (await (await fetch(`${fx.exchange.url}/activity?user=${acc}&limit=${limit}&offset=${off}`)).json()) as unknown[];
          if (page.length === 0) break;
          writeFileSync(join(dir, `page-${String(off).padStart(6, "0")}.json`), JSON.stringify(page));
          if (page.length < limit) break;
        }
        const { events, errors } = loadActivityEvents(dir);
        expect(errors).toEqual([]);
        const b = new LeaderBook();
        for (const e of events) b.apply(e);
        let off = 0;
        for (const [tok, bal] of want) off += Math.abs(b.book.shares(tok) - bal);
        got[`limit=${limit}`] = Math.round(off * 1e4) / 1e4;
      }
      expect(got).toEqual({ "limit=500": 0, "limit=1": 0, "limit=2": 0, "limit=3": 0 });
    } finally {
      await fx.close();
    }
  }, 60_000);
});
