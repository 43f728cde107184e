/**
 * dlib's 68-point shape predictor (an ensemble of regression trees, Kazemi & Sullivan 2014) in
 * the app's own flat file, native-models/dlib-landmarks68.bin, written by
 * build/recipes/dlib/recipe.ts from dlib's shape_predictor_68_face_landmarks.dat.
 *
 * Every number is kept exactly (float32 as dlib has them): int16 leaves were tried and flip
 * later splits, moving points by up to 2.7 px. Layout, little-endian, each section starting on a
 * 4-byte boundary:
 *   'DLSP' u32 version=1, u32 parts, levels, trees (per level), depth, features (per level)
 *   f32 meanShape[2·parts]                     the initial shape, box-normalised (0…1)
 *   u16 anchors[levels·features]               the shape point each feature pixel hangs on
 *   f32 deltas[levels·features·2]              its offset from that point in the mean shape
 *   u16 splitFeatures[levels·trees·splits·2]   the two feature pixels each split compares
 *   f32 thresholds[levels·trees·splits]
 *   f32 leaves[levels·trees·leaves·2·parts]    the shape increment of each leaf
 * with splits = 2^depth − 1 and leaves = 2^depth per tree (dlib's trees are complete).
 */
import { wasmHeap } from './leaf-sum.js';

export interface ShapeModel {
  parts: number;
  levels: number;
  trees: number;
  depth: number;
  features: number;
  meanShape: Float32Array;
  anchors: Uint16Array;
  deltas: Float32Array;
  splitFeatures: Uint16Array;
  thresholds: Float32Array;
  leaves: Float32Array;
}

const MAGIC = 0x50534c44; // 'DLSP'
const VERSION = 1;
const HEADER_WORDS = 7;

function sections(m: Pick<ShapeModel, 'parts' | 'levels' | 'trees' | 'depth' | 'features'>) {
  const splits = 2 ** m.depth - 1;
  const leaves = 2 ** m.depth;
  return [
    ['meanShape', Float32Array, 2 * m.parts],
    ['anchors', Uint16Array, m.levels * m.features],
    ['deltas', Float32Array, m.levels * m.features * 2],
    ['splitFeatures', Uint16Array, m.levels * m.trees * splits * 2],
    ['thresholds', Float32Array, m.levels * m.trees * splits],
    ['leaves', Float32Array, m.levels * m.trees * leaves * 2 * m.parts],
  ] as const;
}

const align4 = (n: number): number => (n + 3) & ~3;

export function encodeShapeModel(m: ShapeModel): Uint8Array {
  const layout = sections(m);
  let size = HEADER_WORDS * 4;
  for (const [, T, n] of layout) size = align4(size + n * T.BYTES_PER_ELEMENT);
  const out = new Uint8Array(size);
  new Uint32Array(out.buffer, 0, HEADER_WORDS).set([MAGIC, VERSION, m.parts, m.levels, m.trees, m.depth, m.features]);
  let at = HEADER_WORDS * 4;
  for (const [key, T, n] of layout) {
    const src = m[key];
    if (src.length !== n) throw new Error(`${key} has ${src.length} values, the layout needs ${n}`);
    out.set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength), at);
    at = align4(at + n * T.BYTES_PER_ELEMENT);
  }
  return out;
}

/**
 * Views into a copy of `bytes` placed in WebAssembly memory, where the leaf summer (leaf-sum.ts)
 * reads the leaves; throws one sentence on a foreign file.
 */
export function decodeShapeModel(bytes: Uint8Array): ShapeModel {
  const buf = wasmHeap(bytes.byteLength);
  buf.set(bytes);
  if (buf.byteLength < HEADER_WORDS * 4) throw new Error('The landmark model file is too short to be a dlib shape model.');
  const [magic, version, parts, levels, trees, depth, features] = new Uint32Array(buf.buffer, buf.byteOffset, HEADER_WORDS);
  if (magic !== MAGIC || version !== VERSION) throw new Error('The landmark model file is not a version-1 dlib shape model.');
  const head = { parts: parts!, levels: levels!, trees: trees!, depth: depth!, features: features! };
  const model: Partial<ShapeModel> = { ...head };
  let at = buf.byteOffset + HEADER_WORDS * 4;
  for (const [key, T, n] of sections(head)) {
    if (at + n * T.BYTES_PER_ELEMENT > buf.byteOffset + buf.byteLength) throw new Error('The landmark model file is truncated.');
    (model as Record<string, unknown>)[key] = new T(buf.buffer as ArrayBuffer, at, n);
    at = align4(at + n * T.BYTES_PER_ELEMENT);
  }
  return model as ShapeModel;
}
