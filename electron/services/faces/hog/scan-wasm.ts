/**
 * scan.ts's separable filter pair (a 10-tap row pass, then a 10-tap column pass added into the
 * scores) in WebAssembly with 128-bit SIMD, two window positions at a time in f64x2 lanes: each
 * float32 input is widened, multiplied and summed in double in the JavaScript loop's order, and
 * narrowed where it stores (the row pass into tmp, the column pass's sum before it is added to
 * the float32 score), so the scores are bit-identical to that loop's: in JavaScript the scan of
 * the local look's three levels took ~4.6 ms on the 1024×768 bench photo, here ~1.2.
 *
 * Two positions a time: where a row's span is odd, the second lane of its last pair computes
 * column `right` (a column of the padded planes, never valid), which the caller clears.
 */
import { i32Const as i32, leb, localGet as get, localSet as set, localTee as tee, oneFunctionInstance, oneFunctionModule, reserveBytes, simd, wasm } from '../../wasm/assemble.js';
import { FILTER_SIZE } from './model.js';

const LOAD64_ZERO = (offset: number): number[] => [...simd(0x5d), 3, ...leb(offset)];
const STORE64_LANE = [...simd(0x5b), 3, 0, 0];
const PROMOTE = simd(0x5f);
const DEMOTE = simd(0x5e);
const F64X2_MUL = simd(242);
const F64X2_ADD = simd(240);
const F32X4_ADD = simd(228);
const N = FILTER_SIZE;

// Params: 0 plane, 1 tmp, 2 out, 3 taps (byte addresses), 4 rowTo, 5 cols, 6 left, 7 right, 8 top, 9 bottom, 10 rowFrom.
// Locals: i32 11 i, 12 o, 13 end, 14 r, 15 stride (bytes), 16 … 25 m·stride; v128 26 … 35 row taps, 36 … 45 column taps.
const ROW_FROM = 10, I = 11, O = 12, END = 13, R = 14, STRIDE = 15, SHIFT = 16, ROW_TAP = 26, COL_TAP = 36;

const taps = (first: number, from: number): number[] =>
  Array.from({ length: N }, (_, n) => [...get(3), 0x2a, 2, ...leb(4 * (from + n)), 0xbb, ...simd(0x14), ...set(first + n)]).flat(); // f32.load, f64.promote_f32, f64x2.splat

/** Σ_n widen(two floats at a(n)) · tap_n, summed left to right as `a·w0 + b·w1 + …` is in JavaScript. */
const dot = (address: (n: number) => number[], first: number): number[] =>
  Array.from({ length: N }, (_, n) => [...address(n), ...PROMOTE, ...get(first + n), ...F64X2_MUL, ...(n > 0 ? F64X2_ADD : [])]).flat();

// prettier-ignore
const FILTER_PAIR = [
  0x02, 15, 0x7f, 20, 0x7b, // locals: fifteen i32, twenty v128 (after the eleven params)
  ...taps(ROW_TAP, 0), ...taps(COL_TAP, N),
  ...get(5), 0x41, 2, 0x74, ...set(STRIDE), // stride = cols·4
  ...Array.from({ length: N }, (_, m) => [...get(STRIDE), ...i32(m), 0x6c, ...set(SHIFT + m)]).flat(),
  // Row pass: tmp[r][c] = Σ_n plane[r][c − left + n]·row_n, c in [left, right), r in [rowFrom, rowTo).
  ...get(ROW_FROM), ...set(R),
  0x02, 0x40, 0x03, 0x40,
  ...get(R), ...get(4), 0x4e, 0x0d, 1, // r ≥ rowTo: leave
  ...get(0), ...get(R), ...get(STRIDE), 0x6c, 0x6a, ...set(I), // i = plane + r·stride
  ...get(1), ...get(R), ...get(STRIDE), 0x6c, 0x6a, ...get(6), 0x41, 2, 0x74, 0x6a, ...tee(O), // o = tmp + r·stride + left·4
  ...get(7), ...get(6), 0x6b, 0x41, 2, 0x74, 0x6a, ...set(END), // end = o + (right − left)·4
  0x02, 0x40, 0x03, 0x40,
  ...get(O), ...get(END), 0x4e, 0x0d, 1, // o ≥ end: leave
  ...get(O),
  ...dot((n) => [...get(I), ...LOAD64_ZERO(4 * n)], ROW_TAP),
  ...DEMOTE, ...STORE64_LANE,
  ...get(I), 0x41, 8, 0x6a, ...set(I), ...get(O), 0x41, 8, 0x6a, ...set(O),
  0x0c, 0, 0x0b, 0x0b,
  ...get(R), 0x41, 1, 0x6a, ...set(R), 0x0c, 0, 0x0b, 0x0b,
  // Column pass: out[r][c] += float32(Σ_m tmp[r − top + m][c]·col_m), r in [top, bottom), c in [left, right).
  ...get(8), ...set(R),
  0x02, 0x40, 0x03, 0x40,
  ...get(R), ...get(9), 0x4e, 0x0d, 1, // r ≥ bottom: leave
  ...get(1), ...get(R), ...get(8), 0x6b, ...get(STRIDE), 0x6c, 0x6a, ...get(6), 0x41, 2, 0x74, 0x6a, ...set(I), // i = tmp + (r − top)·stride + left·4
  ...get(2), ...get(R), ...get(STRIDE), 0x6c, 0x6a, ...get(6), 0x41, 2, 0x74, 0x6a, ...tee(O), // o = out + r·stride + left·4
  ...get(7), ...get(6), 0x6b, 0x41, 2, 0x74, 0x6a, ...set(END),
  0x02, 0x40, 0x03, 0x40,
  ...get(O), ...get(END), 0x4e, 0x0d, 1,
  ...get(O),
  ...get(O), ...LOAD64_ZERO(0),
  ...dot((m) => [...get(I), ...get(SHIFT + m), 0x6a, ...LOAD64_ZERO(0)], COL_TAP),
  ...DEMOTE, ...F32X4_ADD, ...STORE64_LANE,
  ...get(I), 0x41, 8, 0x6a, ...set(I), ...get(O), 0x41, 8, 0x6a, ...set(O),
  0x0c, 0, 0x0b, 0x0b,
  ...get(R), 0x41, 1, 0x6a, ...set(R), 0x0c, 0, 0x0b, 0x0b,
  0x0b,
];

const MODULE = new wasm.Module(oneFunctionModule([0x60, 11, ...Array<number>(11).fill(0x7f), 0], 'filterPair', FILTER_PAIR)); // (i32 ×11) → ()

type FilterPair = (plane: number, tmp: number, out: number, taps: number, rowTo: number, cols: number, left: number, right: number, top: number, bottom: number, rowFrom: number) => void;

/** Reads run up to 2 floats past a plane's last one (the odd lane, the last tap). */
const SLACK = 16;
const { run: filterPair, memory } = oneFunctionInstance<FilterPair>(MODULE, 'filterPair');

/** The module's memory as floats, at least `floats` long (grown as needed; views made before a grow are stale). */
export function scanHeap(floats: number): Float32Array {
  reserveBytes(memory, floats * 4 + SLACK);
  return new Float32Array(memory.buffer);
}

/**
 * One separable pair over one plane, as scan.ts's row and column passes; addresses are float
 * indices into scanHeap(): the plane (rows × cols), a tmp of the same size, the scores, and the
 * pair's taps (row taps, then column taps). The row pass runs on rows [rowFrom, rowTo) only: the
 * caller keeps tmp's other rows what the pass would give them.
 */
export function filterPairAt(plane: number, tmp: number, out: number, taps: number, [rowFrom, rowTo]: readonly [number, number], cols: number, left: number, right: number, top: number, bottom: number): void {
  filterPair(plane * 4, tmp * 4, out * 4, taps * 4, rowTo, cols, left, right, top, bottom, rowFrom);
}
