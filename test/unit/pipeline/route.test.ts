// route: per-leader mode states over global switches; kill switch stops everything at the next intent.
import { describe, expect, it } from "vitest";
import { Subject } from "rxjs";
import { parseConfig, type CopyIntent, type Decision } from "../../../src/core/index.js";
import { modesFor, route, type Routed } from "../../../src/pipeline/route.js";

const WA = "0x" + "a".repeat(40);
const WB = "0x" + "b".repeat(40);
const WC = "0x" + "c".repeat(40);
const intent = (leader: string): Decision => ({
  kind: "intent",
  intent: { intentId: `in_${leader}`, leader, tokenId: "1", conditionId: "c", side: "BUY", targetShares: 5, targetNotional: 2.5, limitPrice: 0.51, orderType: "FAK", leaderPrice: 0.5, idealShares: 5, ratio: 0.1, purpose: "copy", sourceEventIds: ["e"], ts: 1, seenAt: 1 } as CopyIntent,
});

describe("route", () => {
  it("global modes apply unless a leader overrides a mode on or off", () => {
    const cfg = parseConfig({ modes: { paper: true, shadow: true, live: false }, leaders: { [WA]: { modes: { live: "on", shadow: "off" } }, [WB]: { state: "off" } } });
    expect(modesFor(cfg, WA)).toEqual(["paper", "live"]);
    expect(modesFor(cfg, WB)).toEqual([]);
    expect(modesFor(cfg, WC)).toEqual(["paper", "shadow"]);
  });
  it("a leader's inherit takes the defaults' state and mode switches; on opts a leader in where the defaults are off", () => {
    const optIn = parseConfig({ modes: { paper: true, shadow: true }, defaults: { state: "off" }, leaders: { [WA]: { state: "inherit" }, [WB]: { state: "on" } } });
    expect(modesFor(optIn, WA)).toEqual([]); // inherits the defaults' off
    expect(modesFor(optIn, WB)).toEqual(["paper", "shadow"]);
    expect(modesFor(optIn, WC)).toEqual([]); // not named: the defaults' off
    const noShadow = parseConfig({ modes: { paper: true, shadow: true }, defaults: { modes: { shadow: "off" } }, leaders: { [WA]: { modes: { shadow: "inherit" } }, [WB]: { modes: { shadow: "on" } } } });
    expect(modesFor(noShadow, WA)).toEqual(["paper"]);
    expect(modesFor(noShadow, WB)).toEqual(["paper", "shadow"]);
  });
  it("a kill switch flipped mid-stream stops the very next intent", () => {
    const cfg = parseConfig({ modes: { paper: true, shadow: true } });
    let sw = cfg;
    const got: Routed[] = [];
    const other: Decision[] = [];
    const s = new Subject<Decision>();
    s.pipe(route(() => sw, (d) => other.push(d))).subscribe((r) => got.push(r));
    s.next(intent(WA));
    sw = { ...cfg, killSwitch: true };
    s.next(intent(WA));
    s.next({ kind: "skip", reason: "DUPLICATE", detail: "", leader: WA, tokenId: "1", side: "BUY", leaderPrice: 0.5, idealShares: 1, sourceEventIds: ["e"], ts: 1 });
    expect(got.map((r) => r.mode)).toEqual(["paper", "shadow"]);
    expect(other).toHaveLength(1);
  });
});
