// The floor of the design, for bench/replay --stages: what the objects and hops DESIGN.md's interfaces fix cost per
// event with no logic at all (no guardrails, no book model, no fill walk, no ledger, attribution or tracking).
//
// Per event, as the real replay: the LeaderTradeEvent goes through three relay operators (clock, decide, fill: the
// flow's shape) into a drain sink. "Decide" emits a Decision object per event, an intent (a CopyIntent with its
// idempotency key from intentIdFor) or a skip, in the proportions of the measured run; "fill" follows a filled
// intent with one ExecBatch (accepted, fill, done) in that run's proportion; the sink adds each fill to a position
// per token. So the floor is a lower bound on any pipeline that keeps `decide: OperatorFunction<LeaderTradeEvent,
// Decision>` and ExecEvent objects: logic can only add to it.
import { Observable, type OperatorFunction, type Subscriber } from "rxjs";
import type { CopyIntent, Decision, ExecEvent, LeaderTradeEvent } from "../src/core/index.js";
import { intentIdFor } from "../src/pipeline/ids.js";
import { relay } from "../src/pipeline/relay.js";
import { drain } from "../src/replay/event-stream.js";

type Item = Decision | readonly ExecEvent[];

/** An operator whose body is `f` (relay, as the flow's operators are written). */
function op<I, O>(f: (x: I, out: Subscriber<O>) => void): OperatorFunction<I, O> {
  return (source) => new Observable<O>((out) => relay(source, out, (x: I) => f(x, out)));
}

/**
 * One pass over `batches`: ms taken. `intentsPerEvent` of the events become intents (the rest skips) and
 * `filledPerIntent` of the intents get an accepted + fill + done batch, spread evenly (deterministic).
 */
export async function floorPass(batches: readonly (readonly LeaderTradeEvent[])[], intentsPerEvent: number, filledPerIntent: number): Promise<number> {
  let intentDebt = 0;
  let fillDebt = 0;
  const position = new Map<string, number>();
  const source = new Observable<LeaderTradeEvent>((out) => {
    for (const b of batches) for (let i = 0; i < b.length; i++) out.next(b[i]!);
    out.complete();
  });
  const clock = op<LeaderTradeEvent, LeaderTradeEvent>((ev, out) => out.next(ev));
  const decide = op<LeaderTradeEvent, Decision>((ev, out) => {
    intentDebt += intentsPerEvent;
    const ids = [ev.eventId];
    const side = ev.side ?? "BUY";
    if (intentDebt < 1) {
      out.next({ kind: "skip", reason: "PRICE_CAP", detail: "", leader: ev.leader, tokenId: ev.tokenId, side, leaderPrice: ev.price, idealShares: ev.size, sourceEventIds: ids, ts: ev.ts });
      return;
    }
    intentDebt -= 1;
    const intent: CopyIntent = {
      intentId: intentIdFor(ev.leader, "copy", ids), leader: ev.leader, tokenId: ev.tokenId, conditionId: ev.conditionId, side,
      targetShares: ev.size / 2, targetNotional: ev.usdcSize / 2, limitPrice: 0.97, orderType: "FAK", leaderPrice: ev.price,
      idealShares: ev.size / 2, ratio: 0.5, purpose: "copy", sourceEventIds: ids, ts: ev.ts, seenAt: ev.seenAt,
    };
    out.next({ kind: "intent", intent });
  });
  const fill = op<Decision, Item>((d, out) => {
    out.next(d);
    if (d.kind !== "intent") return;
    fillDebt += filledPerIntent;
    if (fillDebt < 1) return;
    fillDebt -= 1;
    const i = d.intent;
    // The fields written out, as the paper engine does: an object spread ({ ...base, type }) costs ≈ 25× more here.
    out.next([
      { intentId: i.intentId, mode: "paper", ts: i.ts, type: "accepted", orderId: i.intentId, price: i.limitPrice, size: i.targetShares },
      { intentId: i.intentId, mode: "paper", ts: i.ts, type: "fill", orderId: i.intentId, tokenId: i.tokenId, side: i.side, price: i.leaderPrice, size: i.targetShares, fee: 0, tradeId: i.intentId },
      { intentId: i.intentId, mode: "paper", ts: i.ts, type: "done", terminal: "FILLED", filledShares: i.targetShares, avgPrice: i.leaderPrice, detail: "" },
    ]);
  });
  const t = performance.now();
  await drain(source.pipe(clock, decide, fill), (x) => {
    if (!Array.isArray(x)) return;
    for (const e of x as readonly ExecEvent[]) if (e.type === "fill") position.set(e.tokenId, (position.get(e.tokenId) ?? 0) + e.size);
  });
  const ms = performance.now() - t;
  if (position.size === 0 && filledPerIntent > 0 && intentsPerEvent > 0) throw new Error("floor: no fills reached the sink");
  return ms;
}
