/**
 * fhog.ts's gradient-histogram loop (each pixel's strongest colour gradient, its orientation
 * bin, four bilinear votes into the cell histograms) in WebAssembly, one pixel at a time: the
 * same integer gradients, a `select` for the colour (the winner changes from pixel to pixel, so
 * branches mispredict), float32 sqrt and products and sums as the JavaScript loop rounds them
 * with Math.fround (double rounding is exact for +, ×, √ of floats), so the histograms are
 * bit-identical; in JavaScript the loop cost ~19 ns a pixel (~1.2 ms of the local look's three
 * levels on the 1024×768 bench photo).
 *
 * The module's memory holds the orientation table (placed once), the image, the row and column
 * tables and the histograms; fhogVotes copies the histograms out.
 */
import { i32Const as i32, localGet as get, localSet as set, oneFunctionInstance, oneFunctionModule, reserveBytes, wasm } from '../../wasm/assemble.js';

const u8 = (offset: number): number[] => [0x2d, 0, offset]; // i32.load8_u
const F32_LOAD = (offset: number): number[] => [0x2a, 2, offset];
const F32_STORE = (offset: number): number[] => [0x38, 2, offset];
const SELECT = [0x1b];

/** The orientation table's side (gradients −255 … 255 on each axis). */
const SPAN = 511;
/** Bytes per column record: i32 byte offset of its first cell in a histogram row, f32 w0, f32 w1. */
const COLUMN_BYTES = 16;
/** Bytes per row record: i32 pixel row, i32 address of its top histogram row, f32 vy0, f32 vy1. */
const ROW_BYTES = 16;
/** A cell's 18 bins, in bytes: the right neighbour's votes. */
const CELL = 72;

// Params: 0 data, 1 stride, 2 rowTab, 3 rowTabEnd, 4 colTab, 5 simdEnd, 6 visibleNc, 7 tableCentre, 8 rowBytes.
// Locals: i32 9 p (the pixel's address − 3: memory offsets are unsigned), 10 x, 11 rx, 12 ry, 13 gx, 14 gy, 15 bx, 16 by,
// 17 rl, 18 gl, 19 bl, 20 dx, 21 dy, 22 len, 23 c (column record), 24 top (histogram address), 25 pick, 26 rowTop, 27 end,
// 28 down, 29 up (the pixels below and above); f32 30 v, 31 vy0, 32 vy1, 33 a1, 34 a0.
const P = 9, X = 10, RX = 11, RY = 12, GX = 13, GY = 14, BX = 15, BY = 16, RL = 17, GL = 18, BL = 19, DX = 20, DY = 21, LEN = 22, C = 23, TOP = 24, PICK = 25, ROW_TOP = 26, END = 27, DOWN = 28, UP = 29;
const V = 30, VY0 = 31, VY1 = 32, A1 = 33, A0 = 34;

/** hist[at + offset] += a · b (float32). */
const vote = (at: number[], offset: number, a: number[], b: number[]): number[] => [...at, ...at, ...F32_LOAD(offset), ...a, ...b, 0x94, 0x92, ...F32_STORE(offset)];

/**
 * The loop over columns [x, end) of one row. dlib's SIMD columns (simd) give a tie of gradient
 * strengths to the later colour (≥) and round a vote as vy·(w·v); its scalar ones give a tie to
 * the earlier colour (>) and round it as (vy·w)·v.
 */
function columns(simd: boolean): number[] {
  const wins = simd ? 0x4e : 0x4a; // i32.ge_s : i32.gt_s
  const grad = (d: number, u: number, dOff: number, uOff: number): number[] => [...get(d), ...u8(dOff), ...get(u), ...u8(uOff), 0x6b];
  const sq = (a: number, b: number): number[] => [...get(a), ...get(a), 0x6c, ...get(b), ...get(b), 0x6c, 0x6a];
  const choose = (to: number, a: number, b: number): number[] => [...get(a), ...get(b), ...get(PICK), ...SELECT, ...set(to)];
  const top = get(TOP);
  const bottom = [...get(TOP), ...get(8), 0x6a];
  const w0 = [...get(C), ...F32_LOAD(4)];
  const w1 = [...get(C), ...F32_LOAD(8)];
  const votes = simd
    ? [
        ...w1, ...get(V), 0x94, ...set(A1), ...w0, ...get(V), 0x94, ...set(A0),
        ...vote(top, 0, get(VY1), get(A1)), ...vote(bottom, 0, get(VY0), get(A1)),
        ...vote(top, CELL, get(VY1), get(A0)), ...vote(bottom, CELL, get(VY0), get(A0)),
      ]
    : [
        ...vote(top, 0, [...get(VY1), ...w1, 0x94], get(V)), ...vote(bottom, 0, [...get(VY0), ...w1, 0x94], get(V)),
        ...vote(top, CELL, [...get(VY1), ...w0, 0x94], get(V)), ...vote(bottom, CELL, [...get(VY0), ...w0, 0x94], get(V)),
      ];
  // p + 0: the left neighbour, p + 6: the right one.
  return [
    0x02, 0x40, 0x03, 0x40,
    ...get(X), ...get(END), 0x4e, 0x0d, 1, // x ≥ end: leave
    ...get(P), 0x41, 3, 0x6a, ...get(1), 0x6a, ...set(DOWN), // the pixel below
    ...get(P), 0x41, 3, 0x6a, ...get(1), 0x6b, ...set(UP), // the pixel above
    ...grad(P, P, 6, 0), ...set(RX), ...grad(DOWN, UP, 0, 0), ...set(RY),
    ...grad(P, P, 7, 1), ...set(GX), ...grad(DOWN, UP, 1, 1), ...set(GY),
    ...grad(P, P, 8, 2), ...set(BX), ...grad(DOWN, UP, 2, 2), ...set(BY),
    ...sq(RX, RY), ...set(RL), ...sq(GX, GY), ...set(GL), ...sq(BX, BY), ...set(BL),
    ...get(GL), ...get(RL), wins, ...set(PICK),
    ...choose(DX, GX, RX), ...choose(DY, GY, RY), ...choose(LEN, GL, RL),
    ...get(BL), ...get(LEN), wins, ...set(PICK),
    ...choose(DX, BX, DX), ...choose(DY, BY, DY), ...choose(LEN, BL, LEN),
    ...get(LEN), 0xb2, 0x91, ...set(V), // f32.convert_i32_s, f32.sqrt
    // top = rowTop + first + bin·4, bin = table[centre + dy·511 + dx]
    ...get(ROW_TOP), ...get(C), 0x28, 2, 0, 0x6a,
    ...get(7), ...get(DY), ...i32(SPAN), 0x6c, 0x6a, ...get(DX), 0x6a, ...u8(0), 0x41, 2, 0x74, 0x6a, ...set(TOP),
    ...votes,
    ...get(P), 0x41, 3, 0x6a, ...set(P), ...get(C), 0x41, COLUMN_BYTES, 0x6a, ...set(C), ...get(X), 0x41, 1, 0x6a, ...set(X),
    0x0c, 0, 0x0b, 0x0b,
  ];
}

// prettier-ignore
const FHOG_VOTES = [
  0x02, 21, 0x7f, 5, 0x7d, // locals: twenty-one i32, five f32
  0x02, 0x40, 0x03, 0x40, // block, loop over rows
  ...get(2), ...get(3), 0x4f, 0x0d, 1, // rowTab ≥ rowTabEnd: leave
  ...get(0), ...get(2), 0x28, 2, 0, ...get(1), 0x6c, 0x6a, ...set(P), // p = data + y·stride: pixel 1's address − 3
  ...get(2), 0x28, 2, 4, ...set(ROW_TOP),
  ...get(2), ...F32_LOAD(8), ...set(VY0), ...get(2), ...F32_LOAD(12), ...set(VY1),
  0x41, 1, ...set(X), ...get(4), 0x41, COLUMN_BYTES, 0x6a, ...set(C),
  ...get(5), ...get(6), ...get(5), ...get(6), 0x48, ...SELECT, ...set(END), // end = min(simdEnd, visibleNc)
  ...columns(true),
  ...get(6), ...set(END),
  ...columns(false),
  ...get(2), 0x41, ROW_BYTES, 0x6a, ...set(2), 0x0c, 0,
  0x0b, 0x0b, 0x0b,
];

const MODULE = new wasm.Module(oneFunctionModule([0x60, 9, ...Array<number>(9).fill(0x7f), 0], 'fhogVotes', FHOG_VOTES)); // (i32 ×9) → ()
type FhogVotes = (data: number, stride: number, rowTab: number, rowTabEnd: number, colTab: number, simdEnd: number, visibleNc: number, tableCentre: number, rowBytes: number) => void;

const { run, memory } = oneFunctionInstance<FhogVotes>(MODULE, 'fhogVotes');
let tableIn: Uint8Array | undefined;

/** Per image column below visibleNc: first cell (histogram column), weights; per row: the same. */
export interface VoteTaps {
  /** Column x's first histogram cell column (its votes go there and to the next). */
  first: Int32Array;
  w0: Float32Array;
  w1: Float32Array;
  /** Columns below this are dlib's SIMD ones. */
  simdEnd: number;
}

/**
 * The gradient histograms (histFloats floats, rows of histCols cells of 18 bins) of rows
 * [1, visibleNr) × columns [1, visibleNc) of an RGB image: per row y, where its top histogram
 * row starts (rowTop[y], a float index) and its vertical weights vy0[y], vy1[y]; `table` is the
 * orientation bin of every gradient (511 × 511).
 */
export function fhogVotes(data: Uint8Array, width: number, visibleNr: number, visibleNc: number, cols: VoteTaps, rowTop: Int32Array, vy0: Float32Array, vy1: Float32Array, histFloats: number, histCols: number, table: Uint8Array): Float32Array {
  const tableAt = 0;
  const dataAt = (tableAt + table.length + 15) & ~15;
  const rowsAt = (dataAt + data.length + 15) & ~15;
  const rows = Math.max(visibleNr - 1, 0);
  const colsAt = rowsAt + rows * ROW_BYTES;
  const histAt = colsAt + visibleNc * COLUMN_BYTES;
  const need = histAt + histFloats * 4;
  reserveBytes(memory, need);
  const buffer = memory.buffer;
  const heap = new Uint8Array(buffer);
  if (tableIn !== table) {
    heap.set(table, tableAt);
    tableIn = table;
  }
  heap.set(data, dataAt);
  const ints = new Int32Array(buffer);
  const floats = new Float32Array(buffer);
  for (let y = 1; y < visibleNr; y++) {
    const at = (rowsAt + (y - 1) * ROW_BYTES) >> 2;
    ints[at] = y;
    ints[at + 1] = histAt + rowTop[y]! * 4;
    floats[at + 2] = vy0[y]!;
    floats[at + 3] = vy1[y]!;
  }
  for (let x = 1; x < visibleNc; x++) {
    const at = (colsAt + x * COLUMN_BYTES) >> 2;
    ints[at] = cols.first[x]! * 18 * 4;
    floats[at + 1] = cols.w0[x]!;
    floats[at + 2] = cols.w1[x]!;
  }
  floats.fill(0, histAt >> 2, (histAt >> 2) + histFloats);
  run(dataAt, width * 3, rowsAt, rowsAt + rows * ROW_BYTES, colsAt, cols.simdEnd, visibleNc, tableAt + 255 * SPAN + 255, histCols * 18 * 4);
  return floats.slice(histAt >> 2, (histAt >> 2) + histFloats);
}
