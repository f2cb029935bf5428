// Reads the free-form `meta` of an engine market (title, icon, slugs, dates) with sim defaults, so
// Gamma, the Data API and RTDS print the same market fields. Defaults are deterministic from the ids.
import type { Market } from "../engine/market.js";

/** Default icon for sim markets (the venue always sends an icon URL; nothing is fetched). */
export const SIM_ICON = "https://polymarket-upload.s3.us-east-2.amazonaws.com/sim.png";
/** Markets without an end date in meta close this long after creation (sim convention: one day). */
const DEFAULT_LIFETIME_MS = 24 * 3600 * 1000;

export interface MarketMeta {
  gammaId: string;
  question: string;
  title: string; // event title (Data API `title` is the market question on the venue)
  slug: string;
  eventSlug: string;
  eventId: string;
  icon: string;
  description: string;
  resolutionSource: string;
  startDate: string; // ISO
  endDate: string; // ISO
  questionId: string;
  feeType: string;
}

function str(m: Record<string, unknown>, k: string): string | undefined {
  const v = m[k];
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

/** A small stable number from a hex id, used for Gamma's numeric-looking string ids. */
export function idFromHex(hex: string, salt: number): string {
  const h = parseInt(hex.replace(/^0x/, "").slice(0, 7) || "0", 16) || 0;
  return String(100_000 + ((h + salt) % 9_000_000));
}

export function marketMeta(mk: Market): MarketMeta {
  const m = mk.meta ?? {};
  const slug = str(m, "slug") ?? (mk.slug || `sim-${mk.conditionId.slice(2, 10)}`);
  const question = str(m, "question") ?? (mk.question || slug);
  const start = str(m, "startDate") ?? new Date(mk.createdAt).toISOString();
  const end = str(m, "endDate") ?? new Date(mk.createdAt + DEFAULT_LIFETIME_MS).toISOString();
  return {
    gammaId: str(m, "gammaId") ?? str(m, "id") ?? idFromHex(mk.conditionId, 0),
    question,
    title: str(m, "title") ?? question,
    slug,
    eventSlug: str(m, "eventSlug") ?? slug,
    eventId: str(m, "eventId") ?? idFromHex(mk.conditionId, 1),
    icon: str(m, "icon") ?? SIM_ICON,
    description: str(m, "description") ?? `Sim market: ${question}`,
    resolutionSource: str(m, "resolutionSource") ?? "",
    startDate: start,
    endDate: end,
    questionId: str(m, "questionId") ?? `0x${mk.conditionId.slice(2).split("").reverse().join("")}`,
    feeType: str(m, "feeType") ?? (mk.fee.r > 0 ? "crypto_fees" : ""),
  };
}
