// Positions of one wallet folded from its sim ledger: average cost, realised PnL from sells, merges and
// redeems, marked at the sim's current price. Merge proceeds are split across outcomes by cost share.
import { cash, type PositionRow } from "./rows.js";
import type { ActivityStore, MarketLookup } from "./store.js";

/** Shares below this are treated as zero (float dust from repeated fills). */
const DUST = 1e-9;
/** Percent fields carry this many decimals. */
const PCT_DP = 4;

interface Pos {
  tokenId: string;
  conditionId: string;
  size: number;
  cost: number; // cost basis of the shares still held
  bought: number; // total shares bought
  boughtCash: number;
  realized: number;
}

function pct(x: number): number {
  return Math.round(x * 10 ** PCT_DP) / 10 ** PCT_DP;
}

export function positions(store: ActivityStore, m: MarketLookup, wallet: string): PositionRow[] {
  const book = new Map<string, Pos>();
  const get = (tokenId: string, conditionId: string): Pos => {
    let p = book.get(tokenId);
    if (!p) {
      p = { tokenId, conditionId, size: 0, cost: 0, bought: 0, boughtCash: 0, realized: 0 };
      book.set(tokenId, p);
    }
    return p;
  };
  const rows = store.all().filter((a) => a.wallet === wallet);
  for (const a of [...rows].sort((x, y) => x.tsMs - y.tsMs || x.seq - y.seq)) {
    if (a.type === "TRADE" && a.tokenId) {
      const p = get(a.tokenId, a.conditionId);
      if (a.side === "BUY") {
        p.size += a.size;
        p.cost += a.usdcSize;
        p.bought += a.size;
        p.boughtCash += a.usdcSize;
      } else {
        const sold = Math.min(a.size, p.size);
        const avg = p.size > DUST ? p.cost / p.size : 0;
        p.realized += sold * (a.price - avg);
        p.cost -= sold * avg;
        p.size -= sold;
      }
    } else if (a.type === "SPLIT") {
      // $size into size of every outcome: each costs 1/k
      const toks = m.tokens(a.conditionId).map((t) => get(t.tokenId, a.conditionId));
      for (const p of toks) {
        p.size += a.size;
        p.cost += a.size / Math.max(toks.length, 1);
      }
    } else if (a.type === "MERGE" || a.type === "REDEEM") {
      const toks = m.tokens(a.conditionId).map((t) => get(t.tokenId, a.conditionId));
      const winner = m.winner(a.conditionId);
      if (a.type === "MERGE") {
        const totalAvg = toks.reduce((s, p) => s + (p.size > DUST ? p.cost / p.size : 0), 0);
        for (const p of toks) {
          const sets = Math.min(a.size, p.size);
          const avg = p.size > DUST ? p.cost / p.size : 0;
          const share = totalAvg > 0 ? avg / totalAvg : 1 / Math.max(toks.length, 1);
          p.realized += sets * share - sets * avg;
          p.cost -= sets * avg;
          p.size -= sets;
        }
      } else {
        for (const p of toks) {
          const payout = winner === undefined ? 0 : p.tokenId === winner ? 1 : 0;
          p.realized += p.size * payout - p.cost;
          p.size = 0;
          p.cost = 0;
        }
      }
    }
  }
  const out: PositionRow[] = [];
  for (const p of book.values()) {
    if (p.size <= DUST) continue;
    const toks = m.tokens(p.conditionId);
    const idx = toks.findIndex((t) => t.tokenId === p.tokenId);
    const opp = toks.find((t) => t.tokenId !== p.tokenId);
    const winner = m.winner(p.conditionId);
    const cur = winner !== undefined ? (winner === p.tokenId ? 1 : 0) : m.price(p.tokenId);
    const avg = p.cost / p.size;
    const initialValue = cash(p.cost);
    const currentValue = cash(p.size * cur);
    const mergeable = opp !== undefined && (book.get(opp.tokenId)?.size ?? 0) > DUST;
    const rm = m.rowMarket(p.conditionId);
    out.push({
      proxyWallet: wallet,
      asset: p.tokenId,
      conditionId: p.conditionId,
      size: cash(p.size),
      avgPrice: cash(avg),
      initialValue,
      currentValue,
      cashPnl: cash(currentValue - initialValue),
      percentPnl: initialValue > 0 ? pct(((currentValue - initialValue) / initialValue) * 100) : 0,
      totalBought: cash(p.bought),
      realizedPnl: cash(p.realized),
      percentRealizedPnl: p.boughtCash > 0 ? pct((p.realized / p.boughtCash) * 100) : 0,
      curPrice: cur,
      redeemable: winner !== undefined,
      mergeable,
      title: rm.title,
      slug: rm.slug,
      icon: rm.icon,
      eventSlug: rm.eventSlug,
      outcome: toks[idx]?.outcome ?? "",
      outcomeIndex: idx,
      oppositeOutcome: opp?.outcome ?? "",
      oppositeAsset: opp?.tokenId ?? "",
      endDate: m.endDate(p.conditionId),
      negativeRisk: m.negRisk(p.conditionId),
    });
  }
  return out;
}
