// In-memory ledger of what wallets did on the sim (fills from the engine, merges/redeems from scenarios),
// the one source for /trades, /activity, /positions and the RTDS feed. Deterministic: ordered by (ts, seq).
import { cash, type Profile, type RowMarket, type SimActivity } from "./rows.js";

/** What the store needs to know about markets to print rows (the gamma catalog implements it). */
export interface MarketLookup {
  rowMarket(conditionId: string): RowMarket;
  /** Token ids of a binary market, index = outcomeIndex, with outcome names. */
  tokens(conditionId: string): { tokenId: string; outcome: string }[];
  endDate(conditionId: string): string;
  negRisk(conditionId: string): boolean;
  /** Gamma event id of a market ("" when unknown): the Data API's eventId filter. */
  eventId(conditionId: string): string;
  /** Winning token once resolved, else undefined. */
  winner(conditionId: string): string | undefined;
  /** Current price of a token (mid or last trade), 0..1. */
  price(tokenId: string): number;
}

export type ActivityListener = (a: SimActivity) => void;

/** Pseudonyms the venue generates look like "Grown-Cantaloupe"; the sim derives one from the wallet. */
const PSEUDO_A = ["Grown", "Quiet", "Brave", "Lucky", "Swift", "Calm", "Bold", "Keen"] as const;
const PSEUDO_B = ["Cantaloupe", "Otter", "Falcon", "Maple", "Comet", "Harbor", "Cedar", "Lynx"] as const;

export function defaultProfile(wallet: string): Profile {
  const h = parseInt(wallet.slice(-4), 16) || 0;
  return {
    name: "",
    pseudonym: `${PSEUDO_A[h % PSEUDO_A.length]}-${PSEUDO_B[(h >> 3) % PSEUDO_B.length]}`,
    bio: "",
    profileImage: "",
    profileImageOptimized: "",
  };
}

export class ActivityStore {
  private readonly rows: SimActivity[] = [];
  private readonly profiles = new Map<string, Profile>();
  private readonly listeners = new Set<ActivityListener>();
  private seq = 0;

  setProfile(wallet: string, p: Partial<Profile>): void {
    const w = wallet.toLowerCase();
    this.profiles.set(w, { ...this.profile(w), ...p });
  }

  profile(wallet: string): Profile {
    return this.profiles.get(wallet.toLowerCase()) ?? defaultProfile(wallet.toLowerCase());
  }

  /** Record one entry; listeners (RTDS) hear every TRADE as it lands. */
  add(a: Omit<SimActivity, "seq" | "usdcSize"> & { usdcSize?: number }): SimActivity {
    const row: SimActivity = {
      ...a,
      wallet: a.wallet.toLowerCase(),
      usdcSize: a.usdcSize ?? cash(a.size * a.price),
      seq: this.seq++,
    };
    this.rows.push(row);
    for (const l of this.listeners) l(row);
    return row;
  }

  /** Drop the rows of a trade that FAILED on settlement (it never happened on chain). */
  removeTrade(tradeId: string): number {
    let n = 0;
    for (let i = this.rows.length - 1; i >= 0; i--) {
      if (this.rows[i]!.tradeId === tradeId) {
        this.rows.splice(i, 1);
        n++;
      }
    }
    return n;
  }

  onAdd(l: ActivityListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  all(): readonly SimActivity[] {
    return this.rows;
  }
}
