// Run journal (store/runs.ts RunWriter): every row written comes back with its values (nulls, repeated strings
// staged as dictionary codes, BIGINTs staged as doubles) and in its order; the run tables are the declared columns.
import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CopyIntent, Decision, ExecEvent } from "../../../src/core/index.js";
import { rng } from "../../../src/core/rng.js";
import { openStore } from "../../../src/store/db.js";
import { RunWriter } from "../../../src/store/runs.js";
import { RUN_COLUMNS } from "../../../src/store/schema.js";

const LEADERS = ["0xaaa", "0xbbb", "0xccc"];
const TERMINALS = ["FILLED", "PARTIAL", "UNFILLED", "REJECTED"] as const;

/** `n` seeded exec events of every type (more than one appender chunk), and what each row must read back as. */
function execEvents(n: number, seed: number): { events: ExecEvent[]; rows: unknown[][] } {
  const r = rng(seed);
  const events: ExecEvent[] = [];
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const intentId = `in_${i % 97}`;
    const ts = 1_700_000_000_000 + i;
    const price = Math.round(r.next() * 100) / 100;
    switch (i % 4) {
      case 0:
        events.push({ type: "accepted", intentId, mode: "paper", ts, orderId: `o${i}`, price, size: 5 });
        rows.push(["accepted", intentId, "paper", ts, `o${i}`, null, null, price, 5, null, null, null, null, null, null, null]);
        break;
      case 1:
        events.push({ type: "rejected", intentId, mode: "shadow", ts, reason: "MARKET_CLOSED", detail: `closed at ${i}` });
        rows.push(["rejected", intentId, "shadow", ts, null, null, null, null, null, null, null, null, null, null, "MARKET_CLOSED", `closed at ${i}`]);
        break;
      case 2:
        events.push({ type: "fill", intentId, mode: "paper", ts, orderId: `o${i}`, tokenId: `tok${i % 7}`, side: i % 3 ? "BUY" : "SELL", price, size: 2.5, fee: 0.01, tradeId: `t${i}` });
        rows.push(["fill", intentId, "paper", ts, `o${i}`, `tok${i % 7}`, i % 3 ? "BUY" : "SELL", price, 2.5, 0.01, `t${i}`, null, null, null, null, null]);
        break;
      default: {
        const terminal = TERMINALS[i % TERMINALS.length]!;
        events.push({ type: "done", intentId, mode: "live", ts, terminal, filledShares: 2.5, avgPrice: price, detail: "" });
        rows.push(["done", intentId, "live", ts, null, null, null, null, null, null, null, terminal, 2.5, price, null, ""]);
      }
    }
  }
  return { events, rows };
}

function intent(i: number): CopyIntent {
  return {
    intentId: `in_${i}`, leader: LEADERS[i % 3]!, tokenId: `tok${i % 7}`, conditionId: `0xc${i % 4}`, side: i % 2 ? "BUY" : "SELL",
    targetShares: 10 + i, targetNotional: 5 + i, limitPrice: 0.5, orderType: i % 5 ? "FAK" : "GTC", slippage: i % 4 ? 0.02 : 0.05, leaderPrice: 0.49,
    idealShares: 10.5 + i, ratio: 0.5, purpose: i % 9 ? "copy" : "correction", sourceEventIds: [`ev_${i}`, `ev_${i + 1}`], ts: 1000 + i, seenAt: 1001 + i,
  };
}

describe("run journal", () => {
  it("reads back every row as written, in order, across chunks, with nulls and repeated strings", async () => {
    const store = await openStore(":memory:");
    const w = await RunWriter.open(store, "run_t");
    const { events, rows } = execEvents(5000, 7);
    const decisions: Decision[] = [];
    for (let i = 0; i < 3000; i++) {
      decisions.push({ kind: "intent", intent: intent(i) });
      decisions.push({ kind: "skip", reason: i % 2 ? "PRICE_CAP" : "DUPLICATE", detail: `d${i}`, leader: LEADERS[i % 3]!, tokenId: `tok${i % 7}`, side: i % 4 ? "BUY" : null, leaderPrice: 0.98, idealShares: i, sourceEventIds: [`ev_${i}`], ts: 2000 + i, ...(i % 3 ? {} : { ratio: 0.25 + i / 1e4 }) });
    }
    decisions.push({ kind: "mirror", action: "REDEEM", leader: "0xaaa", conditionId: "0xc1", tokenIds: ["tok1", "tok2"], shares: 0, winningTokenId: "tok2", sourceEventIds: ["ev_r"], ts: 9000 });
    decisions.push({ kind: "mirror", action: "MERGE", leader: "0xbbb", conditionId: "0xc2", tokenIds: ["tok3", "tok4"], shares: 3, sourceEventIds: ["ev_m"], ts: 9001 });
    decisions.push({ kind: "mirror", action: "REDEEM", leader: "0xccc", conditionId: "0xc3", tokenIds: ["tok5"], shares: 0, lostTokenIds: ["tok5"], sourceEventIds: ["ev_l"], ts: 9002 });
    for (const d of decisions) w.decision(d);
    for (const e of events) w.exec(e);
    for (let i = 0; i < 2500; i++) w.position(3000 + i, `tok${i % 7}`, i / 4, 1000 - i);
    await w.finish({ runId: "run_t", label: "t", config: {}, bookSource: "b", fillModel: "f", latencyModel: "l", source: "s", events: 0 }, { x: 1 });

    const got = async (table: string, cols: string, order: string) =>
      (await store.columns(`SELECT ${cols} FROM ${table} WHERE run_id = 'run_t' ORDER BY ${order}`)) as Record<string, unknown[]>;
    const asRows = (c: Record<string, unknown[]>) => c[Object.keys(c)[0]!]!.map((_, i) => Object.values(c).map((col) => (typeof col[i] === "bigint" ? Number(col[i]) : col[i])));

    const ex = await got("run_exec_events", "seq, type, intent_id, mode, ts, order_id, token_id, side, price, size, fee, trade_id, terminal, filled_shares, avg_price, reason, detail", "seq");
    expect(asRows(ex)).toEqual(rows.map((r, i) => [i, ...r]));

    const intents = decisions.flatMap((d) => (d.kind === "intent" ? [d.intent] : []));
    // rowid: the order rows were appended in (intents carry no seq)
    const ins = await got("run_intents", "intent_id, leader, token_id, condition_id, side, target_shares, target_notional, limit_price, order_type, leader_price, ideal_shares, ratio, purpose, source_event_ids, ts, seen_at, slippage", "rowid");
    expect(asRows(ins)).toEqual(intents.map((i) => [i.intentId, i.leader, i.tokenId, i.conditionId, i.side, i.targetShares, i.targetNotional, i.limitPrice, i.orderType, i.leaderPrice, i.idealShares, i.ratio, i.purpose, i.sourceEventIds.join(","), i.ts, i.seenAt, i.slippage]));

    const skips = decisions.flatMap((d) => (d.kind === "skip" ? [d] : []));
    const sk = await got("run_skips", "reason, detail, leader, token_id, side, ideal_shares, ts, ratio", "rowid");
    expect(asRows(sk)).toEqual(skips.map((s) => [s.reason, s.detail, s.leader, s.tokenId, s.side, s.idealShares, s.ts, s.ratio ?? null]));

    const mi = await got("run_mirrors", "action, leader, condition_id, token_ids, shares, winning_token_id, source_event_ids, ts, lost_token_ids", "rowid");
    expect(asRows(mi)).toEqual([
      ["REDEEM", "0xaaa", "0xc1", "tok1,tok2", 0, "tok2", "ev_r", 9000, null],
      ["MERGE", "0xbbb", "0xc2", "tok3,tok4", 3, null, "ev_m", 9001, null],
      ["REDEEM", "0xccc", "0xc3", "tok5", 0, null, "ev_l", 9002, "tok5"],
    ]);
    const po = await got("run_positions", "seq, ts, token_id, shares, cash", "seq");
    expect(asRows(po)).toEqual(Array.from({ length: 2500 }, (_, i) => [i, 3000 + i, `tok${i % 7}`, i / 4, 1000 - i]));
    store.close();
  });

  it("creates each run table with exactly the declared columns and types", async () => {
    const store = await openStore(":memory:");
    for (const [table, cols] of Object.entries(RUN_COLUMNS)) {
      const got = await store.rows<{ column_name: string; data_type: string; is_nullable: string }>(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table],
      );
      expect(got).toEqual([
        { column_name: "run_id", data_type: "VARCHAR", is_nullable: "NO" },
        ...cols.map((c) => ({ column_name: c.name, data_type: c.type, is_nullable: "notNull" in c ? "NO" : "YES" })),
      ]);
    }
    store.close();
  });

  it("a database written before run_skips had its ratio column gains it, keeps its rows, and journals new runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spy-journal-"));
    const file = join(dir, "old.duckdb");
    const old = await openStore(file);
    await old.run("DROP TABLE run_skips");
    await old.run("CREATE TABLE run_skips (run_id VARCHAR NOT NULL, reason VARCHAR NOT NULL, detail VARCHAR, leader VARCHAR, token_id VARCHAR, side VARCHAR, leader_price DOUBLE, ideal_shares DOUBLE, source_event_ids VARCHAR, ts BIGINT)");
    await old.run("INSERT INTO run_skips VALUES ('run_old', 'PRICE_CAP', 'd', '0xa', 't', 'BUY', 0.98, 1, 'ev', 5)");
    old.close();
    const store = await openStore(file);
    const w = await RunWriter.open(store, "run_new");
    w.decision({ kind: "skip", reason: "NETTED", detail: "n", leader: "0xa", tokenId: "t", side: null, leaderPrice: 0.5, idealShares: 2, sourceEventIds: ["e1", "e2"], ts: 7, ratio: 0.125 });
    await w.finish({ runId: "run_new", label: "t", config: {}, bookSource: "b", fillModel: "f", latencyModel: "l", source: "s", events: 2 }, {});
    expect(await store.rows("SELECT run_id, reason, ratio FROM run_skips ORDER BY run_id")).toEqual([
      { run_id: "run_new", reason: "NETTED", ratio: 0.125 },
      { run_id: "run_old", reason: "PRICE_CAP", ratio: null },
    ]);
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
