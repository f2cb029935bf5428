// A run's id does not depend on the order a config file lists its per-leader overrides or their modes in, nor on how
// its --leader filter is written (order, case, repeats): the same run, replaced on a re-run, not two side by side.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/core/index.js";
import { openStore } from "../../../src/store/db.js";
import { runReplay } from "../../../src/replay/runner.js";
import { syntheticSource } from "../../../src/replay/sources.js";

const A = "0x" + "a".repeat(40);
const B = "0x" + "b".repeat(40);

describe("run id and config key order", () => {
  it("one config written with its leaders and modes in another order replaces the same run", async () => {
    const one = parseConfig({ defaults: { ratio: 0.2, modes: { paper: "on", shadow: "off" } }, leaders: { [A]: { ratio: 0.3, modes: { shadow: "off", paper: "on" } }, [B]: { ratio: 0.1 } } });
    const two = parseConfig({ defaults: { ratio: 0.2, modes: { shadow: "off", paper: "on" } }, leaders: { [B]: { ratio: 0.1 }, [A]: { modes: { paper: "on", shadow: "off" }, ratio: 0.3 } } });
    const store = await openStore(":memory:");
    const source = syntheticSource({ seed: 2, events: 400 });
    const r1 = await runReplay({ source, config: one, db: store, label: "cfg", recordSeries: false });
    const r2 = await runReplay({ source, config: two, db: store, label: "cfg", recordSeries: false });
    expect(r2.summary).toEqual(r1.summary); // the same config: the same results
    expect(r2.runId).toBe(r1.runId);
    expect(await store.scalar("SELECT count(*) FROM replay_runs")).toBe(1);
    store.close();
  });

  it("a --leader filter given in another order, case or with a wallet repeated is the same run", async () => {
    const store = await openStore(":memory:");
    const source = syntheticSource({ seed: 3, events: 400 });
    const config = parseConfig({});
    const leaders = (await runReplay({ source, config, recordSeries: false })).result.tracking.map((t) => t.leader).slice(0, 2);
    expect(leaders).toHaveLength(2);
    const r1 = await runReplay({ source, config, db: store, label: "f", recordSeries: false, leaders });
    const r2 = await runReplay({ source, config, db: store, label: "f", recordSeries: false, leaders: [leaders[1]!.toUpperCase().replace("0X", "0x"), leaders[0]!, leaders[1]!] });
    expect(r2.summary).toEqual(r1.summary);
    expect(r2.runId).toBe(r1.runId);
    expect(await store.scalar("SELECT count(*) FROM replay_runs")).toBe(1);
    expect(JSON.parse(String(await store.scalar("SELECT leaders::VARCHAR FROM replay_runs")))).toEqual([...leaders].sort());
    store.close();
  });
});
