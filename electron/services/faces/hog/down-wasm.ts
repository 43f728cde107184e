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
 * The source rows read, the output and the two tables sit in one module memory (per thread),
 * grown as needed; downGroups copies the output out, so no caller sees the memory.
 */
import { oneFunctionModule, wasm } from '../../wasm/assemble.js';

/** Per group of 4 output columns: swizzle mask, 3 × f32x4 of 1 − frac, 3 × of frac (RGB-interleaved lanes), i32 byte offset. */
const GROUP_BYTES = 128;
const OFF = 112;
/** Per output row: i32 address of its top and bottom source rows, f32 bottom weight and 1 − it. */
const ROW_BYTES = 16;
/** Reads run up to 18 bytes past a group's first tap, the store writes 4 past the row's last pixel. */
const SLACK = 32;

const simd = (op: number): number[] => (op < 128 ? [0xfd, op] : [0xfd, (op & 0x7f) | 0x80, op >> 7]);
const get = (i: number): number[] => [0x20, i];
const set = (i: number): number[] => [0x21, i];
const load = (offset: number): number[] => [...simd(0x00), 0, offset]; // v128.load, byte-aligned
const F32X4_MUL = simd(230);
const F32X4_ADD = simd(228);
/** The k-th f32x4 (lanes 4k … 4k+3) of 12 uint8 in a v128: u8 → u16 (low or high half) → u32 → f32. */
const convert = (k: number): number[] => [...simd(k < 2 ? 137 : 138), ...simd(k === 1 ? 170 : 169), ...simd(251)];

// Locals: params 0 rows, 1 rowsEnd, 2 groups, 3 groupsEnd, 4 out, 5 outStride;
// i32 6 top, 7 bottom, 8 g, 9 o, 10 off; v128 11 tb×4, 12 (1 − tb)×4, 13 tl, 14 tr, 15 bl, 16 br, 17 lanes 8–11.
const TB = 11, INV_TB = 12, TL = 13, TR = 14, BL = 15, BR = 16, LAST = 17;

/** ((tl·wtl + tr·wtr) + bl·wbl) + br·wbr for lanes 4k … 4k+3, in that order, as i32 (truncated). */
const lanes = (k: number): number[] => [
  ...get(TL), ...convert(k), ...get(INV_TB), ...get(8), ...load(16 + 16 * k), ...F32X4_MUL, ...F32X4_MUL,
  ...get(TR), ...convert(k), ...get(INV_TB), ...get(8), ...load(64 + 16 * k), ...F32X4_MUL, ...F32X4_MUL, ...F32X4_ADD,
  ...get(BL), ...convert(k), ...get(TB), ...get(8), ...load(16 + 16 * k), ...F32X4_MUL, ...F32X4_MUL, ...F32X4_ADD,
  ...get(BR), ...convert(k), ...get(TB), ...get(8), ...load(64 + 16 * k), ...F32X4_MUL, ...F32X4_MUL, ...F32X4_ADD,
  ...simd(249), // i32x4.trunc_sat_f32x4_u
];
/** Four pixels' bytes of one source row: the 16 bytes at row + off (+ 3 for the right taps), swizzled. */
const pick = (row: number, right: boolean): number[] => [...get(row), ...get(10), 0x6a, ...load(right ? 3 : 0), ...get(8), ...load(0), ...simd(0x0e)];

// prettier-ignore
const DOWN_GROUPS = [
  0x02, 5, 0x7f, 7, 0x7b, // locals: five i32, seven v128
  0x02, 0x40, // block
  ...get(0), ...get(1), 0x4f, 0x0d, 0, // rows ≥ rowsEnd: leave
  0x03, 0x40, // loop over rows
  ...get(0), 0x28, 2, 0, ...set(6), // top
  ...get(0), 0x28, 2, 4, ...set(7), // bottom
  ...get(0), 0x2a, 2, 8, ...simd(0x13), ...set(TB),
  ...get(0), 0x2a, 2, 12, ...simd(0x13), ...set(INV_TB),
  ...get(4), ...set(9), ...get(2), ...set(8), // o = out, g = groups
  0x02, 0x40, // block
  ...get(8), ...get(3), 0x4f, 0x0d, 0, // g ≥ groupsEnd: leave
  0x03, 0x40, // loop over groups
  ...get(8), 0x28, 2, OFF, ...set(10), // off
  ...pick(6, false), ...set(TL), ...pick(6, true), ...set(TR),
  ...pick(7, false), ...set(BL), ...pick(7, true), ...set(BR),
  ...get(9), // store address
  ...lanes(0), ...lanes(1), ...simd(134), // i16x8.narrow_i32x4_u (lanes 0–7)
  ...lanes(2), 0x22, LAST, ...get(LAST), ...simd(134), // lanes 8–11 (twice)
  ...simd(102), // i8x16.narrow_i16x8_u
  ...simd(0x0b), 0, 0, // v128.store
  ...get(9), 0x41, 12, 0x6a, ...set(9), // o += 12
  ...get(8), 0x41, ...[GROUP_BYTES & 0x7f | 0x80, GROUP_BYTES >> 7], 0x6a, 0x22, 8, ...get(3), 0x49, 0x0d, 0, // g += 128; g < groupsEnd: again
  0x0b, 0x0b,
  ...get(4), ...get(5), 0x6a, ...set(4), // out += outStride
  ...get(0), 0x41, ROW_BYTES, 0x6a, 0x22, 0, ...get(1), 0x49, 0x0d, 0, // rows += 16; rows < rowsEnd: again
  0x0b, 0x0b, 0x0b,
];

const MODULE = new wasm.Module(oneFunctionModule([0x60, 6, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0], 'downGroups', DOWN_GROUPS)); // (i32 ×6) → ()

type DownGroupsFn = (rows: number, rowsEnd: number, groups: number, groupsEnd: number, out: number, outStride: number) => void;

const PAGE = 65536;
const memory = new wasm.Memory({ initial: 1 });
const run = new wasm.Instance(MODULE, { m: { memory } }).exports.downGroups as DownGroupsFn;

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

/**
 * Output columns [x0, x0 + 4·groups) of rows [y0, y1) of a 5/6 step, each output row `outW`
 * pixels wide (the region's width, the first column at x0): `src` holds the level above from
 * (srcX, srcY) on. The pixels go into `out` (outW × (y1 − y0) RGB) at their columns − x0.
 */
export function downGroups(src: Uint8Array, srcW: number, srcX: number, srcY: number, cols: Float32Columns, rows: RowWeights, x0: number, groups: number, y0: number, y1: number, out: Uint8Array, outW: number): void {
  const nRows = y1 - y0;
  // The source rows the groups read (top[y0] … bottom[y1 − 1]) are copied in whole, in one copy.
  const stride = srcW * 3;
  const rowFrom = rows.top[y0]! - srcY;
  const rowTo = rows.bottom[y1 - 1]! + 1 - srcY;
  const srcAt = 0;
  const rowsAt = ((rowTo - rowFrom) * stride + SLACK + 15) & ~15;
  const groupsAt = rowsAt + nRows * ROW_BYTES;
  const outAt = groupsAt + groups * GROUP_BYTES;
  const outBytes = outW * nRows * 3;
  const need = outAt + outBytes + SLACK;
  if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
  const buffer = memory.buffer;
  new Uint8Array(buffer).set(src.subarray(rowFrom * stride, rowTo * stride), srcAt);
  const rowI = new Int32Array(buffer, rowsAt, nRows * 4);
  const rowF = new Float32Array(buffer, rowsAt, nRows * 4);
  for (let r = y0; r < y1; r++) {
    const i = (r - y0) * 4;
    const tb = rows.frac[r]!;
    rowI[i] = srcAt + (rows.top[r]! - srcY - rowFrom) * stride;
    rowI[i + 1] = srcAt + (rows.bottom[r]! - srcY - rowFrom) * stride;
    rowF[i + 2] = tb;
    rowF[i + 3] = 1 - tb;
  }
  const bytes = new Uint8Array(buffer, groupsAt, groups * GROUP_BYTES);
  const weights = new Float32Array(buffer, groupsAt, (groups * GROUP_BYTES) / 4);
  const offsets = new Int32Array(buffer, groupsAt, (groups * GROUP_BYTES) / 4);
  for (let g = 0; g < groups; g++) {
    const c0 = x0 + 4 * g;
    const base = cols.left[c0]!;
    const at = g * GROUP_BYTES;
    for (let k = 0; k < 4; k++) {
      const shift = (cols.left[c0 + k]! - base) * 3;
      if (shift > 12) throw new RangeError('a pyramid step reads more than 5 source pixels for 4 output ones');
      for (let ch = 0; ch < 3; ch++) {
        const lane = 3 * k + ch;
        bytes[at + lane] = shift + ch;
        weights[(at + 16) / 4 + lane] = cols.invFracF[c0 + k]!;
        weights[(at + 64) / 4 + lane] = cols.fracF[c0 + k]!;
      }
    }
    for (let lane = 12; lane < 16; lane++) bytes[at + lane] = 0x80; // swizzle: zero
    offsets[(at + OFF) / 4] = (base - srcX) * 3;
  }
  run(rowsAt, rowsAt + nRows * ROW_BYTES, groupsAt, groupsAt + groups * GROUP_BYTES, outAt, outW * 3);
  // Whole rows out, in one copy: the columns past the groups (what the last store spilled there) are the caller's to write.
  out.set(new Uint8Array(buffer, outAt, outBytes));
}
