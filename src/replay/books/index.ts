// Book views for replays, chosen by the fill config (FillModelConfigSchema.book): recorded L1 CSV, recorded BBO
// sessions, Parquet book events, or the leader-anchored model (which must be fed the leader trades through `observe`).
import type { z } from "zod";
import type { BookView } from "../../core/book.js";
import type { LeaderTradeEvent } from "../../core/events.js";
import type { FillModelConfigSchema } from "../../core/config.js";
import { createLeaderAnchoredBooks } from "../../exec/paper/leader-anchored.js";
import type { InputIssue } from "../../core/input-issue.js";
import { loadRecordedL1 } from "./recorded-l1.js";
import { loadRecordedBbo } from "./recorded-bbo.js";
import { loadParquetBookEvents } from "./parquet-events.js";

export * from "./series.js";
export * from "./top-of-book.js";
export * from "./recorded-l1.js";
export * from "./recorded-bbo.js";
export * from "./parquet-events.js";
export * from "./book-issues.js";

export interface OpenedBookView extends BookView {
  /** Feed leader trades (only the leader-anchored model uses them; recorded views ignore them). */
  observe(event: LeaderTradeEvent): void;
  /** Rows of the recorded file that were skipped as bad (always empty for the leader-anchored model). */
  readonly issues: readonly InputIssue[];
}

/** Open the view a fill config names; recorded views need `path`. */
export async function openBookView(cfg: z.infer<typeof FillModelConfigSchema>): Promise<OpenedBookView> {
  const noop = (): void => {};
  switch (cfg.book) {
    case "leader-anchored":
      return Object.assign(createLeaderAnchoredBooks(cfg), { issues: [] });
    case "recorded-l1": {
      if (!cfg.path) throw new Error("fill.path: required when fill.book = recorded-l1 (the recorded L1 CSV file)");
      const v = await loadRecordedL1(cfg.path, { minSize: cfg.minOrderSize });
      return Object.assign(v, { observe: noop });
    }
    case "recorded-bbo": {
      if (!cfg.path) throw new Error("fill.path: required when fill.book = recorded-bbo (a BBO session JSON file or folder)");
      const v = loadRecordedBbo(cfg.path, { touchSize: cfg.depthShares, minSize: cfg.minOrderSize });
      return Object.assign(v, { observe: noop });
    }
    case "parquet-events": {
      if (!cfg.path) throw new Error("fill.path: required when fill.book = parquet-events (the Parquet book-event file)");
      const v = await loadParquetBookEvents(cfg.path, { tick: cfg.tick, minSize: cfg.minOrderSize });
      return Object.assign(v, { observe: noop });
    }
    default: {
      const never: never = cfg.book;
      throw new Error(`fill.book: unknown view ${String(never)}`);
    }
  }
}
