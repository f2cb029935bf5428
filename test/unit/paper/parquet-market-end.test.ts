// parquet-events: an optional market_end column (unix ms) ends a token's books: from it on the view gives no book, so
// a recording that stopped (or a market that ended) does not fill copies with its last book for ever after.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyToParquet, sqlValue } from "../../helpers/parquet-sql.js";
import { parseConfig } from "../../../src/core/index.js";
import { runReplay } from "../../../src/replay/runner.js";
import { arraySource } from "../../../src/replay/sources.js";
import { loadParquetBookEvents, openBookView } from "../../../src/replay/books/index.js";
import { history } from "../../helpers/leader-history.js";

const dir = mkdtempSync(join(tmpdir(), "spy-parquet-end-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = 1_767_225_600_000;
const END = T0 + 1000;

/** Rows (token, ts offset, side, price, size, kind, market_end SQL) written by DuckDB itself. */
async function writeRows(name: string, rows: [string, number, string | null, number | null, number | null, string | null, string][]): Promise<string> {
  const f = join(dir, name);
  const v = sqlValue;
  const values = rows.map(([tok, t, s, p, z, k, e]) => `(${T0 + t}::BIGINT, '${tok}', ${v(s, "VARCHAR")}, ${v(p, "DOUBLE")}, ${v(z, "DOUBLE")}, ${v(k, "VARCHAR")}, ${e})`);
  return copyToParquet(f, `SELECT * FROM (VALUES ${values.join(", ")}) t(ts, token_id, side, price, size, kind, market_end)`);
}

describe("parquet-events: market_end", () => {
  it("gives no book from a token's market_end on; a token without one keeps its last book", async () => {
    const f = await writeRows("end.parquet", [
      ["y", 0, "BUY", 0.48, 100, "snapshot", `${END}::BIGINT`],
      ["y", 0, "SELL", 0.5, 100, "snapshot", `${END}::BIGINT`],
      ["y", 100, "SELL", 0.51, 100, "delta", "NULL::BIGINT"],
      ["y", 2000, "SELL", 0.52, 100, "delta", "NULL::BIGINT"], // after the end: no book then
      ["z", 0, "BUY", 0.3, 100, "snapshot", "NULL::BIGINT"],
    ]);
    const v = await loadParquetBookEvents(f);
    expect(v.issues).toEqual([]);
    expect(v.at("y", END - 1)?.asks[0]).toEqual({ price: 0.5, size: 100 });
    expect(v.at("y", END)).toBeUndefined();
    expect(v.at("y", T0 + 5000)).toBeUndefined();
    expect(v.nextChange("y", T0 + 100)).toBeUndefined(); // the change at T0+2000 is after the end
    expect(v.latest("y")).toBeDefined(); // the last recorded book stays readable (as recorded-l1/bbo)
    expect(v.at("z", T0 + 86_400_000)?.bids).toEqual([{ price: 0.3, size: 100 }]);
  });

  it("a row with only a token, ts and market_end sets the end (no level, no tick)", async () => {
    const f = await writeRows("end-only.parquet", [
      ["y", 0, "BUY", 0.48, 100, "snapshot", "NULL::BIGINT"],
      ["y", 500, null, null, null, null, `${END}::BIGINT`],
    ]);
    const v = await loadParquetBookEvents(f);
    expect(v.issues).toEqual([]);
    expect(v.events).toBe(1);
    expect(v.at("y", END - 1)).toBeDefined();
    expect(v.at("y", END)).toBeUndefined();
  });

  it("names a market_end not in ms, or one that disagrees, and keeps the rows (the earliest valid end holds)", async () => {
    const f = await writeRows("end-bad.parquet", [
      // market_end as text here (one column holds 'soon' too): numbers in text are read as numbers
      ["y", 0, "BUY", 0.48, 100, "snapshot", `'${Math.floor(END / 1000)}'`], // row 0: seconds
      ["y", 10, "BUY", 0.47, 100, "delta", `'${END + 500}'`], //               row 1
      ["y", 20, "BUY", 0.46, 100, "delta", `'${END}'`], //                     row 2: an earlier end: it holds
      ["y", 30, "BUY", 0.45, 100, "delta", "'soon'"], //                       row 3: not a number
    ]);
    const v = await loadParquetBookEvents(f);
    expect(v.events).toBe(4);
    expect(v.issues.map((i) => [i.row, i.field, i.value, i.kept !== undefined])).toEqual([
      [0, "market_end", Math.floor(END / 1000), true],
      [2, "market_end", END, true],
      [3, "market_end", "soon", true],
    ]);
    expect(v.at("y", END - 1)).toBeDefined();
    expect(v.at("y", END)).toBeUndefined();
  });

  it("a copy after the recording's end meets no book instead of filling at the last recorded ask", async () => {
    const f = await writeRows("end-run.parquet", [
      ["y", 0, "BUY", 0.48, 1000, "snapshot", `${END}::BIGINT`],
      ["y", 0, "SELL", 0.5, 1000, "snapshot", `${END}::BIGINT`],
    ]);
    const config = parseConfig({ seed: 1, bankroll: 10_000, defaults: { ratio: 0.5, maxBankrollPct: 1, slippage: 0.02 }, fill: { book: "parquet-events", path: f }, latency: { model: "constant", ms: 500 } });
    const books = await openBookView(config.fill);
    const h = history();
    const r = await runReplay({ source: arraySource([h.trade("BUY", "y", 100, 0.5, T0 + 3_600_000, "c")]), config, books });
    expect(r.result.attribution.filledNotional).toBe(0);
    expect(r.summary.counts.endReasons).toMatchObject({ NO_BOOK: 1 });
  });
});

describe("parquet-events: the writer's market_end", () => {
  it("writes marketEnd, which the loader reads back", async () => {
    const { writeBookEventsParquet } = await import("../../../src/replay/books/index.js");
    const f = join(dir, "writer.parquet");
    await writeBookEventsParquet(f, [{ ts: T0, tokenId: "y", side: "BUY", price: 0.5, size: 10, kind: "snapshot", marketEnd: END }]);
    const v = await loadParquetBookEvents(f);
    expect(v.issues).toEqual([]);
    expect(v.at("y", END - 1)).toBeDefined();
    expect(v.at("y", END)).toBeUndefined();
  });
});
