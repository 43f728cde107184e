/**
 * The inner loop of resample.ts's resize in WebAssembly with 128-bit SIMD: for each output pixel
 * of a row, the four RGB neighbours (uint8) become float32 lanes and are lerped along x, then y,
 * all three channels at once. In JavaScript the same loop cost ~15 ns a pixel (2.3 ms of the
 * 1024×768 detect path's 416² input); here it is a few ns. The lerps round to float32 at each
 * step, as tfjs's own kernel does (the JavaScript loop rounded once, at the store: the values
 * differ by at most a float32 ulp).
 *
 * One memory per thread holds the column taps, the two image rows of the output row being made
 * (only the crop's columns: a landmark crop of a large photo copies little) and the output;
 * resizeSquare copies the output out, so no caller ever sees the memory.
 */
import { oneFunctionModule, wasm } from '../wasm/assemble.js';

/** Bytes per column tap: first and second neighbour's byte offset in a row (i32), x weight (f32). */
export const TAP_BYTES = 12;

const PIXEL = [0xfd, 0x5c, 2, 0, 0xfd, 0x89, 0x01, 0xfd, 0xa9, 0x01, 0xfd, 0xfb, 0x01]; // v128.load32_zero, u8 → u16 → u32 → f32

/**
 * lerpRow(row0, row1, taps, tapsEnd, fy, out): for each tap, out[0..3) = lerp(lerp(tl, tr, fx),
 * lerp(bl, br, fx), fy) with tl = row0 + c0, tr = row0 + c1, bl/br likewise on row1 (byte
 * addresses of RGB pixels), out advancing 12 bytes. Each store writes a fourth float that the next
 * pixel overwrites (the caller leaves 16 bytes after the last). Each load reads a fourth byte.
 * Locals: 0 row0, 1 row1, 2 tap, 3 tapsEnd, 4 fy, 5 out; 6 fy×4, 7 fx×4, 8 c0, 9 c1, 10 tl/top, 11 bl/bottom.
 */
// prettier-ignore
const LERP_ROW = [
  0x03, 2, 0x7b, 2, 0x7f, 2, 0x7b, // locals: two v128, two i32, two v128
  0x20, 4, 0xfd, 0x13, 0x21, 6, // fy×4
  0x02, 0x40, // block
  0x20, 2, 0x20, 3, 0x4f, 0x0d, 0, // tap ≥ tapsEnd: leave
  0x03, 0x40, // loop over the row's pixels
  0x20, 2, 0x28, 2, 0, 0x21, 8, // c0
  0x20, 2, 0x28, 2, 4, 0x21, 9, // c1
  0x20, 2, 0x2a, 2, 8, 0xfd, 0x13, 0x21, 7, // fx×4
  0x20, 0, 0x20, 8, 0x6a, ...PIXEL, 0x22, 10, // tl (kept)
  0x20, 0, 0x20, 9, 0x6a, ...PIXEL, 0x20, 10, 0xfd, 0xe5, 0x01, // tr − tl
  0x20, 7, 0xfd, 0xe6, 0x01, 0xfd, 0xe4, 0x01, 0x21, 10, // top = tl + (tr − tl)·fx
  0x20, 1, 0x20, 8, 0x6a, ...PIXEL, 0x22, 11, // bl (kept)
  0x20, 1, 0x20, 9, 0x6a, ...PIXEL, 0x20, 11, 0xfd, 0xe5, 0x01, // br − bl
  0x20, 7, 0xfd, 0xe6, 0x01, 0xfd, 0xe4, 0x01, 0x21, 11, // bottom = bl + (br − bl)·fx
  0x20, 5, // store address
  0x20, 10, 0x20, 11, 0x20, 10, 0xfd, 0xe5, 0x01, 0x20, 6, 0xfd, 0xe6, 0x01, 0xfd, 0xe4, 0x01, // top + (bottom − top)·fy
  0xfd, 0x0b, 0, 0, // v128.store
  0x20, 5, 0x41, 12, 0x6a, 0x21, 5, // out += 12
  0x20, 2, 0x41, TAP_BYTES, 0x6a, 0x22, 2, 0x20, 3, 0x49, 0x0d, 0, // tap += 12; tap < tapsEnd: again
  0x0b, 0x0b, 0x0b,
];

const MODULE = new wasm.Module(oneFunctionModule([0x60, 6, 0x7f, 0x7f, 0x7f, 0x7f, 0x7d, 0x7f, 0], 'lerpRow', LERP_ROW)); // (i32 ×4, f32, i32) → ()

type LerpRow = (row0: number, row1: number, taps: number, tapsEnd: number, fy: number, out: number) => void;

const PAGE = 65536;
const memory = new wasm.Memory({ initial: 1 });
const lerpRow = new wasm.Instance(MODULE, { m: { memory } }).exports.lerpRow as LerpRow;

export interface RowLerp {
  /** The output, size·size·3 floats, in the module's memory: valid until the next rowLerp(). */
  out: Float32Array;
  /**
   * Lerps output row `row`'s pixels [from, to) between two image rows, given as the byte offsets
   * in `data` where the span the taps address starts (copied in; the image never is, whole).
   */
  row(data: Uint8Array, at0: number, at1: number, fy: number, row: number): void;
}

/**
 * Places the column taps (byte offsets within a row span of `span` bytes, weights) of the pixels
 * [from, to) of every output row in the module's memory, with room for two row spans and a
 * size×size RGB float output.
 */
export function rowLerp(c0: Int32Array, c1: Int32Array, fx: Float32Array, from: number, to: number, size: number, span: number): RowLerp {
  const outBytes = size * size * 12;
  const tapsAt = outBytes + 16;
  const tapsEnd = tapsAt + (to - from) * TAP_BYTES;
  // each span is followed by the 4th byte a pixel load reads
  const rowsAt = [tapsEnd, tapsEnd + span + 4] as const;
  const need = rowsAt[1] + span + 4;
  if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
  const buffer = memory.buffer;
  const taps = new DataView(buffer, tapsAt, tapsEnd - tapsAt);
  for (let c = from; c < to; c++) {
    const t = (c - from) * TAP_BYTES;
    taps.setInt32(t, c0[c]!, true);
    taps.setInt32(t + 4, c1[c]!, true);
    taps.setFloat32(t + 8, fx[c]!, true);
  }
  const heap = new Uint8Array(buffer);
  const rowBytes = size * 12;
  return {
    out: new Float32Array(buffer, 0, size * size * 3),
    row(data, at0, at1, fy, row) {
      heap.set(data.subarray(at0, at0 + span), rowsAt[0]);
      heap.set(data.subarray(at1, at1 + span), rowsAt[1]);
      lerpRow(rowsAt[0], rowsAt[1], tapsAt, tapsEnd, fy, row * rowBytes + from * 12);
    },
  };
}
