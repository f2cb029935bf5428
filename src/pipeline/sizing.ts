// Copy ratio r_u per sizing mode: FIXED_RATE (constant) or BUDGETED_DYNAMIC (clamp(B_u / E_u, r_min, r_max)).
// Pure; E_u is the leader's exposure in USD as reconstructed from the events seen so far.
import type { LeaderSettings } from "../core/index.js";

export function copyRatio(s: LeaderSettings, leaderExposureUsd: number): number {
  if (s.sizing === "FIXED_RATE") return s.ratio;
  if (!(leaderExposureUsd > 0)) return s.ratioMax;
  return Math.min(s.ratioMax, Math.max(s.ratioMin, s.budget / leaderExposureUsd));
}
