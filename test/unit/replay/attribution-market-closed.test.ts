// A copy refused because its market was redeemed while the order was on its way (MARKET_CLOSED) is a latency loss in
// the attribution, not a venue-rule rejection: with no delay it would have traded. (Other refusals stay `rejected`:
// attribution.test.ts.)
import { describe, expect, it } from "vitest";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { history, exactConfig } from "../../helpers/leader-history.js";

const h = history("mc");
const byCause = (r: Awaited<ReturnType<typeof runReplay>>) => Object.fromEntries(r.summary.attribution.byCause.map((c) => [c.cause, c.usd]));

describe("attribution of orders the market's close refused", () => {
  it("a BUY arriving after the leader redeemed the market is latency; the gap is unchanged", async () => {
    h.reset();
    // the leader buys 100 at 0.4 and redeems 200 ms later; our copy (r_u 0.5) arrives after 500 ms
    const evs = [h.trade("BUY", "Y", 100, 0.4, 1000, "0xm"), h.market("REDEEM", 100, 1200, "0xm")];
    const r = await runReplay({ source: arraySource(evs), config: exactConfig({}, 500) });
    expect(r.summary.counts.endReasons["MARKET_CLOSED"]).toBe(1);
    const c = byCause(r);
    expect(c["latency"]).toBeCloseTo(50 * 0.4, 9);
    expect(c["rejected"]).toBeUndefined();
    expect(r.summary.attribution.gap).toBeCloseTo(50 * 0.4, 9);
  });
});
