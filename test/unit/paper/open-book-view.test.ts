// openBookView: the fill config picks the book view a replay uses; each view reports its name.
// Parquet events are written to a temp folder, the L1 CSV comes from ../shared (skipped without it); a missing fill.path is refused.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openBookView, writeBookEventsParquet } from "../../../src/replay/books/index.js";
import { FillModelConfigSchema } from "../../../src/core/config.js";
import { sharedData } from "../../helpers/shared-data.js";

const dir = mkdtempSync(join(tmpdir(), "spy-open-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csv = sharedData("book-series/btc-15m-l1/btc_orderbook_dev.csv");
/** Book event times are unix ms (2026-01-01T00:00Z here). */
const T0 = 1_767_225_600_000;

describe("openBookView", () => {
  it("defaults to the leader-anchored model, fed through observe", async () => {
    const v = await openBookView(FillModelConfigSchema.parse({}));
    expect(v.name).toBe("leader-anchored");
    v.observe({
      eventId: "e", leader: "l", kind: "TRADE", conditionId: "c", tokenId: "t", outcomeIndex: 0, side: "BUY",
      size: 1, price: 0.3, usdcSize: 0.3, ts: 5, seenAt: 5, txHash: "", source: "synthetic",
    });
    expect(v.at("t", 5)?.asks[0]?.price).toBe(0.31);
  });

  it("opens parquet-events with the configured tick and min size", async () => {
    const f = join(dir, "b.parquet");
    await writeBookEventsParquet(f, [{ ts: T0, tokenId: "t", side: "SELL", price: 0.5, size: 3, kind: "snapshot" }]);
    const v = await openBookView(FillModelConfigSchema.parse({ book: "parquet-events", path: f, tick: 0.001, minOrderSize: 2 }));
    expect(v.name).toBe("parquet-events");
    expect(v.at("t", T0)).toMatchObject({ tick: 0.001, minSize: 2, asks: [{ price: 0.5, size: 3 }] });
  });

  it.skipIf(csv === undefined)("opens recorded-l1 from its path", async () => {
    const v = await openBookView(FillModelConfigSchema.parse({ book: "recorded-l1", path: csv }));
    expect(v.name).toBe("recorded-l1");
  });

  it("needs a path for recorded views", async () => {
    await expect(openBookView(FillModelConfigSchema.parse({ book: "recorded-l1" }))).rejects.toThrow(/fill\.path/);
  });
});
