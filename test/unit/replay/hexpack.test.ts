// Read-path hex ids: hexRowPieces gives exactly prefixedHexRows' row strings, across piece boundaries and for
// extreme values (0, 2^32 − 1), for the event-id (3 parts) and tx-hash (8 parts) layouts.
import { describe, expect, it } from "vitest";
import { hexRowPieces, PIECE_ROWS, PIECE_SHIFT, prefixedHexRows } from "../../../src/store/hexpack.js";

function rows(prefix: string, cols: ArrayLike<number>[], n: number): string[] {
  const r = hexRowPieces(prefix, cols, n);
  return Array.from({ length: n }, (_, i) => {
    const o = (i & (PIECE_ROWS - 1)) * r.stride + r.pad;
    return r.pieces[i >> PIECE_SHIFT]!.slice(o, o + r.width);
  });
}

describe("hexRowPieces", () => {
  it("matches prefixedHexRows row by row", () => {
    const n = 2 * PIECE_ROWS + 37;
    let x = 12345;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (const [prefix, parts] of [["ev_", 3], ["0x", 8], ["", 1]] as const) {
      const cols = Array.from({ length: parts }, () => Uint32Array.from({ length: n }, rnd));
      cols[0]![0] = 0;
      cols[0]![1] = 0xffffffff;
      const w = prefix.length + 8 * parts;
      const flat = prefixedHexRows(prefix, cols, n);
      const want = Array.from({ length: n }, (_, i) => flat.slice(i * w, i * w + w));
      expect(rows(prefix, cols, n)).toEqual(want);
    }
  });
  it("reads Float64 columns holding uint32 values", () => {
    expect(rows("ev_", [new Float64Array([0xabcdef12]), new Float64Array([1]), new Float64Array([4294967295])], 1)).toEqual([
      "ev_abcdef1200000001ffffffff",
    ]);
  });
});
