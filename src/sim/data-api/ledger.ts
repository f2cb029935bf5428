// Feeds the ActivityStore from engine trade events (one taker row per match, one row per maker order) and
// serves market fields to rows from the engine mirror. Replays may annotate a taker order with its recorded row.
import type { TradeEvent } from "../engine/events.js";
import { marketMeta } from "../gamma/meta.js";
import type { EngineMirror } from "../ws/mirror.js";
import { cash, type RowMarket } from "./rows.js";
import { ActivityStore, type MarketLookup } from "./store.js";

/** What a replay wants the leader's row to say (the recorded Data API values). */
export interface RecordedFill {
  size: number;
  price: number;
  usdcSize: number;
  txHash: string;
  tsMs: number;
  /** Count the row as the taker's (visible on /trades with the default takerOnly=true). */
  taker?: boolean;
}

/** Prices of complementary fills are 1 − p; keep float noise out of the printed value. */
const PRICE_DP = 6;

export class SimLedger implements MarketLookup {
  readonly store = new ActivityStore();
  private readonly annotations = new Map<string, RecordedFill>();
  private readonly byWallet = new Map<string, RecordedFill[]>();
  private readonly off: () => void;

  constructor(readonly mirror: EngineMirror) {
    this.off = mirror.onEvent((e) => {
      if (e.type === "trade") this.onTrade(e);
    });
  }

  close(): void {
    this.off();
  }

  /** The next fill of taker order `orderId` is printed with these recorded values. */
  annotate(orderId: string, rec: RecordedFill): void {
    this.annotations.set(orderId, rec);
  }

  /** The next fill row of `wallet` (taker or maker) is printed with these recorded values. */
  annotateNext(wallet: string, rec: RecordedFill): void {
    const w = wallet.toLowerCase();
    const q = this.byWallet.get(w) ?? [];
    q.push(rec);
    this.byWallet.set(w, q);
  }

  /** Drop pending wallet annotations (e.g. when a replayed fill could not be executed). */
  clearAnnotations(wallet: string): void {
    this.byWallet.delete(wallet.toLowerCase());
  }

  private takeWallet(wallet: string): RecordedFill | undefined {
    const q = this.byWallet.get(wallet.toLowerCase());
    const r = q?.shift();
    if (q && q.length === 0) this.byWallet.delete(wallet.toLowerCase());
    return r;
  }

  private onTrade(e: TradeEvent): void {
    const t = e.trade;
    if (t.status === "FAILED") {
      this.store.removeTrade(t.id);
      return;
    }
    if (t.status !== "MATCHED") return; // later statuses of the same trade add no rows
    const m = this.mirror.marketOfToken(t.asset_id);
    const conditionId = m?.conditionId ?? t.market;
    let shares = 0;
    let notional = 0;
    for (const mo of t.maker_orders) {
      const q = Number(mo.matched_amount);
      const p = mo.asset_id === t.asset_id ? Number(mo.price) : 1 - Number(mo.price);
      shares += q;
      notional += q * p;
    }
    if (shares <= 0) return;
    let rec = this.annotations.get(t.taker_order_id);
    if (rec) this.annotations.delete(t.taker_order_id);
    else rec = this.takeWallet(t.maker_address);
    const taker = this.mirror.outcomeOf(t.asset_id);
    this.store.add({
      wallet: t.maker_address,
      type: "TRADE",
      conditionId,
      tokenId: t.asset_id,
      outcome: taker.outcome || t.outcome,
      outcomeIndex: taker.index,
      side: t.side,
      size: rec?.size ?? cash(shares),
      price: rec?.price ?? Math.round((notional / shares) * 10 ** PRICE_DP) / 10 ** PRICE_DP,
      usdcSize: rec?.usdcSize ?? cash(notional),
      tsMs: rec?.tsMs ?? e.ts,
      txHash: rec?.txHash ?? t.transaction_hash,
      taker: rec?.taker ?? true,
      tradeId: t.id,
    });
    for (const mo of t.maker_orders) {
      const o = this.mirror.outcomeOf(mo.asset_id);
      const mrec = this.takeWallet(mo.maker_address);
      const size = mrec?.size ?? Number(mo.matched_amount);
      const price = mrec?.price ?? Number(mo.price);
      this.store.add({
        wallet: mo.maker_address,
        type: "TRADE",
        conditionId: this.mirror.marketOfToken(mo.asset_id)?.conditionId ?? conditionId,
        tokenId: mo.asset_id,
        outcome: o.outcome || mo.outcome,
        outcomeIndex: o.index,
        side: mo.side ?? (t.side === "BUY" ? "SELL" : "BUY"),
        size,
        price,
        usdcSize: mrec?.usdcSize ?? cash(size * price),
        tsMs: mrec?.tsMs ?? e.ts,
        txHash: mrec?.txHash ?? t.transaction_hash,
        taker: mrec?.taker ?? false,
        tradeId: t.id,
      });
    }
  }

  // --- MarketLookup over the mirror ---
  rowMarket(conditionId: string): RowMarket {
    const m = this.mirror.markets.get(conditionId);
    if (!m) return { conditionId, title: "", slug: "", icon: "", eventSlug: "" };
    const meta = marketMeta(m);
    return { conditionId, title: meta.question, slug: meta.slug, icon: meta.icon, eventSlug: meta.eventSlug };
  }

  tokens(conditionId: string): { tokenId: string; outcome: string }[] {
    return this.mirror.markets.get(conditionId)?.tokens.map((t) => ({ ...t })) ?? [];
  }

  endDate(conditionId: string): string {
    const m = this.mirror.markets.get(conditionId);
    return m ? marketMeta(m).endDate.slice(0, 10) : "";
  }

  negRisk(conditionId: string): boolean {
    return this.mirror.markets.get(conditionId)?.negRisk ?? false;
  }

  eventId(conditionId: string): string {
    const m = this.mirror.markets.get(conditionId);
    return m ? marketMeta(m).eventId : "";
  }

  winner(conditionId: string): string | undefined {
    return this.mirror.markets.get(conditionId)?.winnerTokenId;
  }

  price(tokenId: string): number {
    return this.mirror.price(tokenId);
  }
}

const ledgers = new WeakMap<EngineMirror, SimLedger>();

/** The one ledger of a mirror (created on first use), shared by Data API, RTDS and scenarios. */
export function ledgerOf(mirror: EngineMirror): SimLedger {
  let l = ledgers.get(mirror);
  if (!l) ledgers.set(mirror, (l = new SimLedger(mirror)));
  return l;
}
