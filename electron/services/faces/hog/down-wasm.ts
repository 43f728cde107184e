/**
 * pyramid.ts's float32 loop (dlib's SIMD resize columns) in WebAssembly with 128-bit SIMD, four
 * output pixels at a time: one 16-byte load per source row and tap, an i8x16.swizzle that picks
 * the four pixels' RGB bytes out of it (a 5/6 step reads at most 5 source pixels for 4 output
 * ones, so the left taps fit in 15 bytes and the right taps are the same bytes 3 further on),
 * then three f32x4 lanes of RGBR GBRG BRGB. Each product and sum is one float32 operation as in
 * the JavaScript loop (there a double rounded with Math.fround, which gives the same float32:
 * double rounding is exact for +, × of floats), and the truncation to uint8 is the typed-array
 * store's, so the pixels are bit-identical; in JavaScript the loop cost ~25 ns a pixel (18 ms of
 * the local look's ~22 on the 1024×768 bench photo, ~740k pixels over nine levels), here ~4.
 *
 * The levels' parts and the two tables sit in the module's memory (one per thread), laid out by
 * pyramid.ts, which copies what it returns out of it.
 */
import { i32Const, leb, localGet as get, localSet as set, oneFunctionInstance, oneFunctionModule, reserveBytes, simd, wasm } from '../../wasm/assemble.js';

/**
 * Per group of 4 output columns: 3 × f32x4 of 1 − frac, 3 × of frac (RGB-interleaved lanes), 3
 * swizzle masks (each puts four of the twelve bytes into the low bytes of i32 lanes), i32 byte
 * offset of its first tap in a source row, i32 byte offset of its pixels in an output row.
 */
const GROUP_BYTES = 160;
const MASKS = 96;
const OFF = 144;
const OUT_OFF = 148;
/** Per output row: i32 address of its top and bottom source rows, f32x4 of the bottom weight, of 1 − it. */
const ROW_BYTES = 48;
/** Reads run up to 19 bytes past a group's first tap; the last group's 12-byte stores up to 9 past a part's last row. */
export const DOWN_SLACK = 32;

const load = (offset: number): number[] => [...simd(0x00), 0, ...leb(offset)]; // v128.load, byte-aligned
const loadI32 = (offset: number): number[] => [0x28, 2, ...leb(offset)];
const F32X4_MUL = simd(230);
const F32X4_ADD = simd(228);

// Params: 0 rows, 1 rowsEnd, 2 groups, 3 groupsEnd, 4 out, 5 outStride.
// Locals: i32 6 top, 7 bottom, 8 g, 9 o, 10 off, 11 r, 12 previous bottom;
// v128 13–15 masks, 16–18 1 − frac, 19–21 frac, 22–24 top-left, 25–27 top-right, 28–30 bottom-left, 31–33 bottom-right
// (each as three f32x4), 34 tb×4, 35 (1 − tb)×4, 36 scratch.
const TOP = 6, BOTTOM = 7, G = 8, O = 9, OFFSET = 10, R = 11, PREV = 12;
const MASK = 13, INV_FRAC = 16, FRAC = 19, TL = 22, TR = 25, BL = 28, BR = 31, TB = 34, INV_TB = 35, SCRATCH = 36;

/** ((tl·wtl + tr·wtr) + bl·wbl) + br·wbr for lanes 4k … 4k+3, in that order, as i32 (truncated). */
const lanes = (k: number): number[] => [
  ...get(TL + k), ...get(INV_TB), ...get(INV_FRAC + k), ...F32X4_MUL, ...F32X4_MUL,
  ...get(TR + k), ...get(INV_TB), ...get(FRAC + k), ...F32X4_MUL, ...F32X4_MUL, ...F32X4_ADD,
  ...get(BL + k), ...get(TB), ...get(INV_FRAC + k), ...F32X4_MUL, ...F32X4_MUL, ...F32X4_ADD,
  ...get(BR + k), ...get(TB), ...get(FRAC + k), ...F32X4_MUL, ...F32X4_MUL, ...F32X4_ADD,
  ...simd(249), // i32x4.trunc_sat_f32x4_u
];
/**
 * Four pixels' bytes of one source row (the 16 bytes at row + off, + 3 for the right taps) as
 * three f32x4 into to … to + 2: each swizzled into i32 lanes, then f32x4.convert_i32x4_u.
 */
const pick = (row: number, right: boolean, to: number): number[] => [
  ...get(row), ...get(OFFSET), 0x6a, ...load(right ? 3 : 0), 0x22, SCRATCH,
  ...[0, 1, 2].flatMap((k) => [...(k ? get(SCRATCH) : []), ...get(MASK + k), ...simd(0x0e), ...simd(251), ...set(to + k)]),
];
const copy = (from: number, to: number): number[] => [0, 1, 2].flatMap((k) => [...get(from + k), ...set(to + k)]);

// Column by column (a group of four), row by row: a row's bottom source row is most often the
// next row's top one (5/6 steps: four rows in five), whose pixels are then not loaded again.
// prettier-ignore
const DOWN_GROUPS = [
  0x02, 7, 0x7f, 24, 0x7b, // locals: seven i32, twenty-four v128
  ...get(2), ...set(G),
  0x02, 0x40, 0x03, 0x40, // block, loop over groups
  ...get(G), ...get(3), 0x4f, 0x0d, 1, // g ≥ groupsEnd: leave
  ...[0, 1, 2].flatMap((k) => [
    ...get(G), ...load(16 * k), ...set(INV_FRAC + k), ...get(G), ...load(48 + 16 * k), ...set(FRAC + k), ...get(G), ...load(MASKS + 16 * k), ...set(MASK + k),
  ]),
  ...get(G), ...loadI32(OFF), ...set(OFFSET),
  ...get(4), ...get(G), ...loadI32(OUT_OFF), 0x6a, ...set(O), // o = out + the group's column
  0x41, 0x7f, ...set(PREV), // −1: no row yet
  ...get(0), ...set(R),
  0x02, 0x40, 0x03, 0x40, // block, loop over rows
  ...get(R), ...get(1), 0x4f, 0x0d, 1, // r ≥ rowsEnd: leave
  ...get(R), 0x28, 2, 0, ...set(TOP),
  ...get(R), 0x28, 2, 4, ...set(BOTTOM),
  ...get(TOP), ...get(PREV), 0x46, 0x04, 0x40, // if top = previous bottom
  ...copy(BL, TL), ...copy(BR, TR),
  0x05, // else
  ...pick(TOP, false, TL), ...pick(TOP, true, TR),
  0x0b,
  ...pick(BOTTOM, false, BL), ...pick(BOTTOM, true, BR),
  ...get(BOTTOM), ...set(PREV),
  ...get(R), ...load(16), ...set(TB), ...get(R), ...load(32), ...set(INV_TB),
  ...get(O),
  ...lanes(0), ...lanes(1), ...simd(134), // i16x8.narrow_i32x4_u (lanes 0–7)
  ...lanes(2), 0x22, SCRATCH, ...get(SCRATCH), ...simd(134), // lanes 8–11 (twice)
  ...simd(102), 0x22, SCRATCH, // i8x16.narrow_i16x8_u
  ...simd(0x5b), 0, 0, 0, // v128.store64_lane: pixels 0–1 and pixel 2's R, G
  ...get(O), ...get(SCRATCH), ...simd(0x5a), 0, 8, 2, // v128.store32_lane at o + 8: the rest, exactly 12 bytes in all
  ...get(O), ...get(5), 0x6a, ...set(O), // o += outStride
  ...get(R), 0x41, ROW_BYTES, 0x6a, ...set(R), 0x0c, 0,
  0x0b, 0x0b,
  ...get(G), ...i32Const(GROUP_BYTES), 0x6a, ...set(G), 0x0c, 0, // g += GROUP_BYTES
  0x0b, 0x0b,
  0x0b,
];

const MODULE = new wasm.Module(oneFunctionModule([0x60, 6, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0], 'downGroups', DOWN_GROUPS)); // (i32 ×6) → ()

type DownGroupsFn = (rows: number, rowsEnd: number, groups: number, groupsEnd: number, out: number, outStride: number) => void;

const { run, memory } = oneFunctionInstance<DownGroupsFn>(MODULE, 'downGroups');

/** Column taps of the float32 loop: left source column (right = left + 1), frac and 1 − frac in float32. */
export interface Float32Columns {
  left: Int32Array;
  fracF: Float32Array;
  invFracF: Float32Array;
}

/** Row taps: top and bottom source rows, the bottom one's weight (rounded to float32 here). */
export interface RowWeights {
  top: Int32Array;
  bottom: Int32Array;
  frac: Float64Array;
}

/** The module's memory, grown to at least `bytes` (a view made before a grow is stale: take a new one). */
export function downHeap(bytes = 0): Uint8Array {
  reserveBytes(memory, bytes);
  return new Uint8Array(memory.buffer);
}

/** The bytes downGroups's tables take for this many rows and groups. */
export const tableBytes = (rows: number, groups: number): number => rows * ROW_BYTES + groups * GROUP_BYTES;

/** A part of a level in the module's memory: its top-left pixel, (x, y) of the level, at byte `at`; rows `stride` bytes apart. */
export interface HeapPart {
  at: number;
  stride: number;
  x: number;
  y: number;
}

/**
 * Output columns [x0, x0 + 4·groups) of rows [y0, y1) of a 5/6 step, from `src` (holding what
 * they read) to byte `outAt` on (the pixel of column x0, rows outStride bytes apart); the
 * tables go to `tablesAt` (tableBytes of them). All in downHeap(), grown by the caller.
 */
export function downGroups(src: HeapPart, cols: Float32Columns, rows: RowWeights, x0: number, groups: number, y0: number, y1: number, outAt: number, outStride: number, tablesAt: number): void {
  const nRows = y1 - y0;
  const rowsAt = tablesAt;
  const groupsAt = rowsAt + nRows * ROW_BYTES;
  const buffer = memory.buffer;
  const ints = new Int32Array(buffer);
  const floats = new Float32Array(buffer);
  for (let r = y0, i = rowsAt >> 2; r < y1; r++, i += ROW_BYTES >> 2) {
    const tb = rows.frac[r]!;
    const invTb = 1 - tb;
    ints[i] = src.at + (rows.top[r]! - src.y) * src.stride;
    ints[i + 1] = src.at + (rows.bottom[r]! - src.y) * src.stride;
    floats[i + 4] = floats[i + 5] = floats[i + 6] = floats[i + 7] = tb;
    floats[i + 8] = floats[i + 9] = floats[i + 10] = floats[i + 11] = invTb;
  }
  const bytes = new Uint8Array(buffer);
  bytes.fill(0x80, groupsAt, groupsAt + groups * GROUP_BYTES); // swizzle: zero, where no byte is picked
  for (let g = 0; g < groups; g++) {
    const c0 = x0 + 4 * g;
    const base = cols.left[c0]!;
    // The last group first: what it writes past the row's end (the next row's first pixels) is made again after it.
    const at = groupsAt + ((g + 1) % groups) * GROUP_BYTES;
    for (let k = 0; k < 4; k++) {
      const shift = (cols.left[c0 + k]! - base) * 3;
      if (shift > 12) throw new RangeError('a pyramid step reads more than 5 source pixels for 4 output ones');
      const il = cols.invFracF[c0 + k]!;
      const l = cols.fracF[c0 + k]!;
      for (let ch = 0; ch < 3; ch++) {
        const lane = 3 * k + ch;
        bytes[at + MASKS + 4 * lane] = shift + ch; // lane 4j + i: byte 4i of mask j
        floats[(at >> 2) + lane] = il;
        floats[((at + 48) >> 2) + lane] = l;
      }
    }
    ints[(at + OFF) >> 2] = (base - src.x) * 3;
    ints[(at + OUT_OFF) >> 2] = 12 * g;
  }
  run(rowsAt, rowsAt + nRows * ROW_BYTES, groupsAt, groupsAt + groups * GROUP_BYTES, outAt, outStride);
}
