/**
 * The predictor's hot loop, `current_shape += leaf` for each of the 7500 trees (136 floats per
 * leaf, 1M additions per face), in WebAssembly with 128-bit SIMD. In JavaScript each float32
 * addition goes through a double and back and the loop took ~3 of the predictor's ~4.5 ms;
 * f32x4.add rounds every lane to float32 exactly as dlib's scalar float additions do, so the
 * points stay bit-identical to the JavaScript loop (and to dlib's C++).
 *
 * The leaves must sit in the module's memory: decodeShapeModel places a model file there once
 * (wasmHeap), and a model built in memory (tests) is copied there on first use. The first
 * SCRATCH bytes of each such memory hold the running shape and the level's leaf list.
 */
import type { ShapeModel } from './model.js';
import { oneFunctionModule, wasm } from '../../wasm/assemble.js';

/** Bytes reserved at the start of a heap for the shape and the leaf list (shape ≤ 4096 floats, ≤ 12288 trees a level). */
export const SCRATCH = 65536;
const SHAPE_AT = 0;
const LIST_AT = 16384;

/**
 * addLeaves(shape, list, n, stride): for i < n, shape[0..stride) += f32 leaf at byte address
 * list[i], in order; 4 lanes at a time, then the remainder one float at a time.
 * Locals: 0 shape, 1 list, 2 n, 3 stride (floats), 4 i, 5 leaf, 6 k (bytes), 7 vector end (bytes).
 */
// prettier-ignore
const ADD_LEAVES = [
  0x01, 0x04, 0x7f, // four i32 locals
  0x20, 3, 0x41, 0x7c, 0x71, 0x41, 2, 0x74, 0x21, 7, // vecEnd = (stride & −4) << 2
  0x02, 0x40, // block
  0x20, 2, 0x45, 0x0d, 0, // if n == 0 leave
  0x03, 0x40, // loop over leaves
  0x20, 1, 0x20, 4, 0x41, 2, 0x74, 0x6a, 0x28, 2, 0, 0x21, 5, // leaf = list[i]
  0x41, 0, 0x21, 6, // k = 0
  0x02, 0x40, 0x03, 0x40, // block, loop: four floats at a time
  0x20, 6, 0x20, 7, 0x4f, 0x0d, 1, // k ≥ vecEnd: leave
  0x20, 0, 0x20, 6, 0x6a, // address shape + k
  0x20, 0, 0x20, 6, 0x6a, 0xfd, 0x00, 0, 0, // v128.load shape + k
  0x20, 5, 0x20, 6, 0x6a, 0xfd, 0x00, 0, 0, // v128.load leaf + k
  0xfd, 0xe4, 0x01, // f32x4.add
  0xfd, 0x0b, 0, 0, // v128.store
  0x20, 6, 0x41, 16, 0x6a, 0x21, 6, 0x0c, 0, // k += 16, again
  0x0b, 0x0b,
  0x02, 0x40, 0x03, 0x40, // block, loop: the remaining floats
  0x20, 6, 0x20, 3, 0x41, 2, 0x74, 0x4f, 0x0d, 1, // k ≥ 4·stride: leave
  0x20, 0, 0x20, 6, 0x6a,
  0x20, 0, 0x20, 6, 0x6a, 0x2a, 2, 0, // f32.load shape + k
  0x20, 5, 0x20, 6, 0x6a, 0x2a, 2, 0, // f32.load leaf + k
  0x92, 0x38, 2, 0, // f32.add, f32.store
  0x20, 6, 0x41, 4, 0x6a, 0x21, 6, 0x0c, 0, // k += 4, again
  0x0b, 0x0b,
  0x20, 4, 0x41, 1, 0x6a, 0x22, 4, 0x20, 2, 0x49, 0x0d, 0, // ++i < n: next leaf
  0x0b, 0x0b, 0x0b,
];

const MODULE = new wasm.Module(oneFunctionModule([0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 0], 'addLeaves', ADD_LEAVES)); // (i32 ×4) → ()

type AddLeaves = (shape: number, list: number, n: number, stride: number) => void;

const heaps = new WeakMap<ArrayBufferLike, AddLeaves>();

/** A zeroed Uint8Array of `bytes` bytes after SCRATCH, in a fresh WebAssembly memory the summer can read. */
export function wasmHeap(bytes: number): Uint8Array {
  const memory = new wasm.Memory({ initial: Math.ceil((SCRATCH + bytes) / 65536) });
  const { addLeaves } = new wasm.Instance(MODULE, { m: { memory } }).exports as { addLeaves: AddLeaves };
  heaps.set(memory.buffer, addLeaves);
  return new Uint8Array(memory.buffer, SCRATCH, bytes);
}

export interface LeafSum {
  /** The running shape (2·parts floats); read it before the next predict overwrites it. */
  shape: Float32Array;
  /** Fill with leaf numbers (indices into model.leaves / (2·parts)), then add(n). */
  leaves: Int32Array;
  /** shape += the first n listed leaves, in list order. */
  add(n: number): void;
}

const sums = new WeakMap<ShapeModel, LeafSum>();

export function leafSum(model: ShapeModel): LeafSum {
  let sum = sums.get(model);
  if (sum) return sum;
  let leaves = model.leaves;
  let add = heaps.get(leaves.buffer);
  if (!add) {
    // a model built in memory: its leaves are copied into a heap of their own
    const heap = wasmHeap(leaves.byteLength);
    heap.set(new Uint8Array(leaves.buffer, leaves.byteOffset, leaves.byteLength));
    leaves = new Float32Array(heap.buffer, heap.byteOffset, leaves.length);
    add = heaps.get(heap.buffer)!;
  }
  const stride = 2 * model.parts;
  if (stride * 4 > LIST_AT - SHAPE_AT || model.trees * 4 > SCRATCH - LIST_AT) throw new RangeError('the shape model is too large for the leaf summer');
  const buffer = leaves.buffer;
  const list = new Int32Array(buffer, LIST_AT, model.trees);
  const leafBytes = stride * 4;
  const base = leaves.byteOffset;
  const run = add;
  sum = {
    shape: new Float32Array(buffer, SHAPE_AT, stride),
    leaves: list,
    add(n) {
      // leaf numbers → byte addresses in the heap
      for (let i = 0; i < n; i++) list[i] = base + list[i]! * leafBytes;
      run(SHAPE_AT, LIST_AT, n, stride);
    },
  };
  sums.set(model, sum);
  return sum;
}
