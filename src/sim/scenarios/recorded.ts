// Recorded-leader player: re-enacts a Data API /activity dump as a leader wallet trading on the sim.
// Each TRADE becomes a real engine fill at the tick price nearest the recorded one (leader rests, a counterparty
// crosses), printed by the ledger with the recorded size/price/cash/tx/time; MERGE/REDEEM are executed and logged.
import { floorShares, fromUnits, roundTo, roundToTick, priceBand, UNIT, VENUE_QUIRKS, type TickSize } from "../../core/index.js";
import type { Engine } from "../engine/engine.js";
import { COLLATERAL } from "../engine/balances.js";
import type { SimLedger } from "../data-api/ledger.js";
import type { RecordedRow } from "./activity-file.js";
import type { Runner } from "./runner.js";
import { rng } from "../../core/rng.js";

/** Tick of replayed markets: the recorded hourly crypto markets trade on 0.01. */
export const REPLAY_TICK: TickSize = "0.01";
/** Replayed fills can be hundredths of a share, so replay markets accept tiny resting orders. */
export const REPLAY_MIN_SIZE = 0.01;
/** pUSD credited at a time to the replay's wallets (they never run dry). */
const CREDIT_CHUNK = 100_000;
/** Depth the book bot quotes on each side around the leader's last price: levels × shares. */
const BOOK_LEVELS = 3;
const BOOK_SIZE = 50;
/** Fixed wallets of the replay's helpers (not real users). */
export const REPLAY_COUNTERPARTY = "0x00000000000000000000000000000000c0417e27";
export const REPLAY_BOOKBOT = "0x00000000000000000000000000000000b00cb077";
/** The replay starts this long before the first recorded row (markets created, books seeded). */
export const REPLAY_LEAD_MS = 1_000;

const OPPOSITE: Record<string, string> = { Up: "Down", Down: "Up", Yes: "No", No: "Yes" };

interface ReplayMarket {
  conditionId: string;
  tokens: { tokenId: string; outcome: string }[];
}

export interface ReplayPlan {
  leader: string;
  markets: ReplayMarket[];
  startMs: number;
  endMs: number;
  failures: { row: number; error: string }[];
}

function ensureCash(engine: Engine, addr: string, need: number): void {
  if (fromUnits(engine.available(addr, COLLATERAL)) < need) engine.credit(addr, Math.max(CREDIT_CHUNK, need));
}

function ensureShares(engine: Engine, addr: string, conditionId: string, tokenId: string, need: number): void {
  const have = fromUnits(engine.available(addr, tokenId));
  if (have >= need) return;
  const amt = Math.ceil(need - have + BOOK_SIZE * BOOK_LEVELS);
  ensureCash(engine, addr, amt);
  engine.split(addr, conditionId, amt);
}

/** Token ids of each recorded market (index = outcomeIndex); a never-traded outcome gets a seeded id. */
export function marketsOf(rows: RecordedRow[], seed: number): ReplayMarket[] {
  const r = rng(seed);
  const by = new Map<string, Map<number, { tokenId: string; outcome: string }>>();
  for (const row of rows) {
    if (!by.has(row.conditionId)) by.set(row.conditionId, new Map());
    if (row.asset && row.outcomeIndex >= 0 && row.outcomeIndex < 2) by.get(row.conditionId)!.set(row.outcomeIndex, { tokenId: row.asset, outcome: row.outcome });
  }
  return [...by.entries()].map(([conditionId, toks]) => {
    const out: { tokenId: string; outcome: string }[] = [];
    for (const i of [0, 1]) {
      const known = toks.get(i);
      if (known) out.push(known);
      else {
        const other = toks.get(1 - i);
        let id = String(r.int(1, 9));
        while (id.length < 77) id += String(r.int(0, 9));
        out.push({ tokenId: id, outcome: other ? (OPPOSITE[other.outcome] ?? `Not ${other.outcome}`) : i === 0 ? "Yes" : "No" });
      }
    }
    return { conditionId, tokens: out };
  });
}

/** Schedule the replay of `rows` for `leader` on `runner`. Markets are created at the first action. */
export function planRecorded(engine: Engine, ledger: SimLedger, runner: Runner, rows: RecordedRow[], seed: number): ReplayPlan {
  if (rows.length === 0) throw new Error("recorded leader: no rows to replay");
  const leader = rows[0]!.proxyWallet.toLowerCase();
  const markets = marketsOf(rows, seed);
  const startMs = rows[0]!.timestamp * 1000 - REPLAY_LEAD_MS;
  const plan: ReplayPlan = { leader, markets, startMs, endMs: rows[rows.length - 1]!.timestamp * 1000, failures: [] };
  const first = rows[0]!;
  runner.at(startMs, () => {
    ledger.store.setProfile(leader, {
      name: first.name,
      pseudonym: first.pseudonym,
      bio: first.bio,
      profileImage: first.profileImage,
      profileImageOptimized: first.profileImageOptimized,
    });
    for (const m of markets) {
      if (engine.market(m.conditionId)) continue;
      const meta = rows.find((x) => x.conditionId === m.conditionId)!;
      engine.createMarket({
        conditionId: m.conditionId,
        tokens: [m.tokens[0]!, m.tokens[1]!],
        tick: REPLAY_TICK,
        minOrderSize: REPLAY_MIN_SIZE,
        question: meta.title,
        slug: meta.slug,
        meta: { title: meta.title, slug: meta.slug, icon: meta.icon, eventSlug: meta.eventSlug, question: meta.title },
      });
    }
  });
  rows.forEach((row, i) => {
    runner.at(row.timestamp * 1000, () => {
      try {
        replayRow(engine, ledger, leader, markets, row);
      } catch (e) {
        ledger.clearAnnotations(leader);
        plan.failures.push({ row: i, error: (e as Error).message });
      }
    });
  });
  return plan;
}

function replayRow(engine: Engine, ledger: SimLedger, leader: string, markets: ReplayMarket[], row: RecordedRow): void {
  const tsMs = row.timestamp * 1000;
  const m = markets.find((x) => x.conditionId === row.conditionId)!;
  const base = { wallet: leader, conditionId: row.conditionId, tokenId: "", outcome: "", outcomeIndex: VENUE_QUIRKS.NON_TRADE_OUTCOME_INDEX, side: "" as const };
  const log = () =>
    ledger.store.add({ ...base, type: row.type as "MERGE", size: row.size, price: row.price, usdcSize: row.usdcSize, tsMs, txHash: row.transactionHash, taker: false });
  if (row.type === "MERGE") {
    const sets = Math.min(row.size, ...m.tokens.map((t) => fromUnits(engine.available(leader, t.tokenId))));
    if (sets > 0) engine.merge(leader, row.conditionId, Math.floor(sets * UNIT) / UNIT);
    log();
    return;
  }
  if (row.type === "REDEEM") {
    const mk = engine.market(row.conditionId);
    if (mk && !mk.closed) {
      // the winner is the outcome whose holding best matches the payout
      const held = m.tokens.map((t) => fromUnits(engine.balance(leader, t.tokenId)));
      const w = Math.abs(held[0]! - row.size) <= Math.abs(held[1]! - row.size) ? 0 : 1;
      engine.cancelAddress(REPLAY_BOOKBOT);
      engine.resolve(row.conditionId, m.tokens[w]!.tokenId);
    }
    log();
    return;
  }
  if (row.type === "SPLIT") {
    ensureCash(engine, leader, row.size);
    engine.split(leader, row.conditionId, row.size);
    log();
    return;
  }
  if (row.type !== "TRADE" || (row.side !== "BUY" && row.side !== "SELL")) {
    log(); // rewards, rebates …: no market action, just the row
    return;
  }
  const tick = Number(engine.market(row.conditionId)?.tick ?? REPLAY_TICK);
  const band = priceBand(tick);
  const px = Math.min(band.max, Math.max(band.min, roundToTick(row.price, tick)));
  const size = Math.max(REPLAY_MIN_SIZE, roundTo(row.size, 2));
  const tokenId = row.asset;
  engine.cancelAddress(REPLAY_BOOKBOT);
  ledger.annotateNext(leader, { size: row.size, price: row.price, usdcSize: row.usdcSize, txHash: row.transactionHash, tsMs, taker: true });
  if (row.side === "BUY") {
    ensureCash(engine, leader, size * px + 1);
    engine.placeInternal({ address: leader, tokenId, side: "BUY", price: px, size, type: "GTC" });
    ensureShares(engine, REPLAY_COUNTERPARTY, row.conditionId, tokenId, size);
    engine.placeInternal({ address: REPLAY_COUNTERPARTY, tokenId, side: "SELL", price: px, size, type: "FAK" });
    engine.cancelAddress(leader);
  } else {
    ensureShares(engine, leader, row.conditionId, tokenId, size);
    ensureCash(engine, REPLAY_COUNTERPARTY, size * px + 1);
    engine.placeInternal({ address: REPLAY_COUNTERPARTY, tokenId, side: "BUY", price: px, size, type: "GTC" });
    engine.placeInternal({ address: leader, tokenId, side: "SELL", price: px, size: floorShares(size), type: "FAK" });
    engine.cancelAddress(REPLAY_COUNTERPARTY);
  }
  quoteAround(engine, m, tokenId, px, tick);
}

/** The book bot shows depth around the leader's last price on the traded token and its complement. */
function quoteAround(engine: Engine, m: ReplayMarket, tokenId: string, px: number, tick: number): void {
  const band = priceBand(tick);
  for (const t of m.tokens) {
    const mid = t.tokenId === tokenId ? px : roundTo(1 - px, 6);
    for (let k = 1; k <= BOOK_LEVELS; k++) {
      const bid = roundTo(mid - k * tick, 6);
      const ask = roundTo(mid + k * tick, 6);
      if (bid >= band.min) {
        ensureCash(engine, REPLAY_BOOKBOT, BOOK_SIZE);
        engine.placeInternal({ address: REPLAY_BOOKBOT, tokenId: t.tokenId, side: "BUY", price: bid, size: BOOK_SIZE, type: "GTC" });
      }
      if (ask <= band.max) {
        ensureShares(engine, REPLAY_BOOKBOT, m.conditionId, t.tokenId, BOOK_SIZE);
        engine.placeInternal({ address: REPLAY_BOOKBOT, tokenId: t.tokenId, side: "SELL", price: ask, size: BOOK_SIZE, type: "GTC" });
      }
    }
  }
}
