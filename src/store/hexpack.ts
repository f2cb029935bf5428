// Packs fixed-width hex ids (event ids 'ev_'+24 hex, tx hashes '0x'+64 hex) into UINTEGER parts and back.
// Reading parts as typed arrays and hex-encoding a whole chunk at once is ~10× cheaper than DuckDB strings.

/** Split `prefix + hex` (lower-case, `parts` × 8 hex digits) into uint32 parts; null when not canonical. */
export function packHex(s: string, prefix: string, parts: number): number[] | null {
  if (s.length !== prefix.length + parts * 8 || !s.startsWith(prefix)) return null;
  const out: number[] = new Array(parts);
  for (let k = 0; k < parts; k++) {
    const piece = s.slice(prefix.length + 8 * k, prefix.length + 8 * k + 8);
    if (!/^[0-9a-f]{8}$/.test(piece)) return null;
    out[k] = parseInt(piece, 16);
  }
  return out;
}

/** Inverse of packHex for one value. */
export function unpackHex(prefix: string, parts: readonly number[]): string {
  return prefix + parts.map((p) => (p >>> 0).toString(16).padStart(8, "0")).join("");
}

let scratch = new ArrayBuffer(1 << 16);

/**
 * Hex string of `n` rows × `cols.length` uint32 parts, row-major: row i's digits are at [i·w·8, (i+1)·w·8).
 * One native hex encode per chunk; callers take per-row slices.
 */
export function hexRows(cols: readonly ArrayLike<number>[], n: number): string {
  const w = cols.length;
  const bytes = n * w * 4;
  if (scratch.byteLength < bytes) scratch = new ArrayBuffer(bytes * 2);
  const dv = new DataView(scratch);
  let off = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < w; k++) {
      dv.setUint32(off, cols[k]![i]!);
      off += 4;
    }
  }
  return Buffer.from(scratch, 0, bytes).toString("hex");
}

const HEX = new Uint8Array(512); // byte → two ASCII hex digits
for (let b = 0; b < 256; b++) {
  HEX[2 * b] = "0123456789abcdef".charCodeAt(b >>> 4);
  HEX[2 * b + 1] = "0123456789abcdef".charCodeAt(b & 15);
}
let ascii = Buffer.alloc(1 << 16);

/**
 * `prefix + hex` of each row as one latin1 string: row i is at [i·w, (i+1)·w), w = prefix.length + 8·cols.length.
 * Per-row `slice`s of it are flat (sliced) strings, which hash without the flattening a `prefix + …` concat needs.
 */
export function prefixedHexRows(prefix: string, cols: readonly ArrayLike<number>[], n: number): string {
  const p = prefix.length;
  const w = p + 8 * cols.length;
  const bytes = n * w;
  if (ascii.length < bytes) ascii = Buffer.alloc(bytes * 2);
  const out = ascii;
  const pre = Buffer.from(prefix, "latin1");
  let o = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < p; k++) out[o++] = pre[k]!;
    for (let c = 0; c < cols.length; c++) {
      const v = cols[c]![i]! >>> 0;
      let b = (v >>> 24) << 1;
      out[o++] = HEX[b]!;
      out[o++] = HEX[b + 1]!;
      b = ((v >>> 16) & 255) << 1;
      out[o++] = HEX[b]!;
      out[o++] = HEX[b + 1]!;
      b = ((v >>> 8) & 255) << 1;
      out[o++] = HEX[b]!;
      out[o++] = HEX[b + 1]!;
      b = (v & 255) << 1;
      out[o++] = HEX[b]!;
      out[o++] = HEX[b + 1]!;
    }
  }
  return out.toString("latin1", 0, bytes);
}

// 16 bits → their 4 lower-case hex digits as one little-endian uint32 of ASCII bytes (256 KB, built once).
let HEX4: Uint32Array | undefined;
function hex4(): Uint32Array {
  if (HEX4 !== undefined) return HEX4;
  const t = new Uint32Array(65536);
  const d = "0123456789abcdef";
  for (let v = 0; v < 65536; v++) {
    t[v] = d.charCodeAt(v >>> 12) | (d.charCodeAt((v >>> 8) & 15) << 8) | (d.charCodeAt((v >>> 4) & 15) << 16) | (d.charCodeAt(v & 15) << 24);
  }
  return (HEX4 = t);
}
if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) throw new Error("hexpack: little-endian host expected");

/**
 * `prefix + hex` per row, for the read path: rows as slices of a few strings of ≤ PIECE_ROWS rows each (strings
 * over ~128 KB go to V8's large-object space, which makes one string per chunk ~10× slower to create).
 * Row i is pieces[i >> PIECE_SHIFT].slice(o, o + width) with o = (i & (PIECE_ROWS − 1))·stride + pad.
 */
export interface HexRowPieces {
  pieces: string[];
  stride: number;
  pad: number;
  width: number;
}
export const PIECE_SHIFT = 9;
export const PIECE_ROWS = 1 << PIECE_SHIFT;

let wordBuf = new ArrayBuffer(1 << 16);
let words = new Uint32Array(wordBuf);
let wordBytes = Buffer.from(wordBuf);

/**
 * Same digits as prefixedHexRows, written 4 ASCII bytes at a time: each row is padded in front to a multiple of 4
 * bytes (so the hex digits are word-aligned), encoded into a reused buffer, then cut into per-piece strings.
 */
export function hexRowPieces(prefix: string, cols: readonly ArrayLike<number>[], n: number): HexRowPieces {
  const t = hex4();
  const p = prefix.length;
  const nc = cols.length;
  const width = p + 8 * nc;
  const stride = (width + 3) & ~3;
  const pad = stride - width;
  const bytes = n * stride;
  if (wordBuf.byteLength < bytes) {
    wordBuf = new ArrayBuffer(bytes * 2);
    words = new Uint32Array(wordBuf);
    wordBytes = Buffer.from(wordBuf);
  }
  const lead = (p + pad) >> 2; // words of filler + prefix
  const head = new Uint32Array(lead);
  const hb = new Uint8Array(head.buffer);
  for (let k = 0; k < pad; k++) hb[k] = 32;
  for (let k = 0; k < p; k++) hb[pad + k] = prefix.charCodeAt(k);
  // Column by column (one typed array per inner loop, strided word stores): ~1.6× faster than row by row.
  const w = words;
  const sw = stride >> 2;
  for (let k = 0; k < lead; k++) {
    const h = head[k]!;
    for (let i = 0, o = k; i < n; i++, o += sw) w[o] = h;
  }
  for (let c = 0; c < nc; c++) {
    const col = cols[c]!;
    for (let i = 0, o = lead + 2 * c; i < n; i++, o += sw) {
      const v = col[i]!;
      w[o] = t[v >>> 16]!;
      w[o + 1] = t[v & 0xffff]!;
    }
  }
  const pieces: string[] = [];
  for (let i = 0; i < n; i += PIECE_ROWS) {
    const end = i + PIECE_ROWS < n ? i + PIECE_ROWS : n;
    pieces.push(wordBytes.toString("latin1", i * stride, end * stride));
  }
  return { pieces, stride, pad, width };
}
