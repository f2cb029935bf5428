// A folder in which no file shows an order (every file's rows are of one second): files may be reordered by their
// times, but rows inside a file are not reversed on that guess (per-market files named by slug are not in time order
// by name, so a BUY and the MERGE after it, saved oldest first, would come out MERGE first).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importActivity, loadActivityEvents } from "../../../src/replay/import-activity.js";
import { openStore } from "../../../src/store/db.js";
import { readLeaderEvents } from "../../../src/store/leader-events.js";

const dir = mkdtempSync(join(tmpdir(), "spy-one-second-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = 1767236479;
const buy = (cid: string, ts: number, tx: string) => ({
  proxyWallet: "0xAbC0000000000000000000000000000000000001", timestamp: ts, conditionId: cid, type: "TRADE",
  size: 10, usdcSize: 5, transactionHash: "0x" + tx.repeat(64), price: 0.5, asset: cid === "0xc1" ? "111" : "222",
  side: "BUY", outcomeIndex: 0, slug: cid, outcome: "Up",
});
const merge = (cid: string, ts: number, tx: string) => ({ ...buy(cid, ts, tx), type: "MERGE", asset: "", side: "", outcomeIndex: 999, price: 0 });

describe("one-second per-market files saved oldest first (no file shows an order)", () => {
  it("keep a BUY before the MERGE of the same second, in --from-json and spy import alike", async () => {
    // names in slug order, times the other way: "…-10am" sorts before "…-9am"
    writeFileSync(join(dir, "eth-10am.json"), JSON.stringify([buy("0xc1", T0 + 3600, "a"), merge("0xc1", T0 + 3600, "b")]));
    writeFileSync(join(dir, "eth-9am.json"), JSON.stringify([buy("0xc2", T0, "c")]));
    const want = ["TRADE@0", "TRADE@3600", "MERGE@3600"];
    const order = (evs: { kind: string; ts: number }[]) => evs.map((e) => `${e.kind}@${e.ts / 1000 - T0}`);
    expect(order(loadActivityEvents(dir).events)).toEqual(want);
    const store = await openStore(":memory:");
    await importActivity(store, dir);
    const events = [];
    for await (const b of readLeaderEvents(store)) events.push(...b);
    expect(order(events)).toEqual(want);
    store.close();
  });
});
