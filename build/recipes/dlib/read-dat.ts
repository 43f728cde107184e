/**
 * Reads a dlib shape_predictor file (.dat) into a ShapeModel. The format is dlib's serialisation
 * (dlib/serialize.h, dlib/float_details.h, dlib/matrix/matrix.h, dlib/geometry/vector.h,
 * dlib/image_processing/shape_predictor.h, version 19.24):
 * - an integer is a control byte (bit 7 = negative, low 4 bits = byte count n, 1…8) then n
 *   bytes little-endian; unsigned integers never set bit 7;
 * - a float is two integers, mantissa (int64) then exponent (int16): value = mantissa·2^exponent
 *   (exponents 32000…32002 mean ±inf and NaN, which a trained predictor never holds);
 * - std::vector: its size, then its items; matrix<float,0,1>: −rows, −cols, then the values;
 *   dlib::vector<float,2>: x, y;
 * - shape_predictor: int version (1), initial_shape, forests (levels × trees of
 *   {splits: [{idx1, idx2, thresh}], leaf_values: [matrix]}), anchor_idx, deltas.
 */
import type { ShapeModel } from '../../../electron/services/faces/dlib/model.js';

class DlibReader {
  pos = 0;
  constructor(private readonly b: Uint8Array) {}

  private int(signed: boolean): number {
    const control = this.b[this.pos++];
    if (control === undefined) throw new Error('The dlib file ends early.');
    const n = control & 0x0f;
    const negative = (control & 0x80) !== 0;
    if (n === 0 || n > 8 || (negative && !signed) || (control & 0x70) !== 0) throw new Error(`Bad dlib integer control byte ${control} at ${this.pos - 1}.`);
    if (this.pos + n > this.b.length) throw new Error('The dlib file ends early.');
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + this.b[this.pos + i]!;
    if (!Number.isSafeInteger(v)) throw new Error(`A dlib integer at ${this.pos} does not fit a double exactly.`);
    this.pos += n;
    return negative ? -v : v;
  }

  uint(): number {
    return this.int(false);
  }

  sint(): number {
    return this.int(true);
  }

  float(): number {
    const mantissa = this.sint();
    const exponent = this.sint();
    if (exponent >= 32000) throw new Error('The dlib file holds an infinite or NaN number, which a trained predictor never has.');
    const v = mantissa * 2 ** exponent;
    if (Math.fround(v) !== v) throw new Error(`A dlib float at ${this.pos} is not a float32 value.`);
    return v;
  }

  /** matrix<float,0,1>, written with negated sizes. */
  column(into: Float32Array, at: number, expected: number): void {
    const rows = -this.sint();
    const cols = -this.sint();
    if (rows !== expected || cols !== 1) throw new Error(`Expected a ${expected}×1 matrix, found ${rows}×${cols}.`);
    for (let i = 0; i < rows; i++) into[at + i] = this.float();
  }

  get done(): boolean {
    return this.pos === this.b.length;
  }
}

export function readDlibShapePredictor(bytes: Uint8Array): ShapeModel {
  const r = new DlibReader(bytes);
  if (r.sint() !== 1) throw new Error('Not a version-1 dlib shape_predictor.');
  // The initial shape's size is only known from its header; read it into a generous buffer.
  const head = new Float32Array(4096);
  const rows = -r.sint();
  if (-r.sint() !== 1 || rows <= 0 || rows % 2 !== 0 || rows > head.length) throw new Error('Bad initial shape in the dlib shape_predictor.');
  for (let i = 0; i < rows; i++) head[i] = r.float();
  const meanShape = head.slice(0, rows);
  const parts = rows / 2;

  const levels = r.uint();
  const levelForests: Array<{ splits: number[]; thresholds: number[]; leaves: Float32Array }> = [];
  let trees = -1;
  let depth = -1;
  for (let l = 0; l < levels; l++) {
    const n = r.uint();
    if (trees >= 0 && n !== trees) throw new Error('The dlib cascade levels have different tree counts.');
    trees = n;
    const splits: number[] = [];
    const thresholds: number[] = [];
    let leaves: Float32Array | null = null;
    for (let t = 0; t < n; t++) {
      const s = r.uint();
      for (let k = 0; k < s; k++) {
        splits.push(r.uint(), r.uint());
        thresholds.push(r.float());
      }
      const nLeaves = r.uint();
      const d = Math.log2(nLeaves);
      if (!Number.isInteger(d) || nLeaves !== s + 1 || (depth >= 0 && d !== depth)) throw new Error('The dlib trees are not complete trees of one depth.');
      depth = d;
      leaves ??= new Float32Array(n * nLeaves * rows);
      for (let k = 0; k < nLeaves; k++) r.column(leaves, (t * nLeaves + k) * rows, rows);
    }
    levelForests.push({ splits, thresholds, leaves: leaves! });
  }

  if (r.uint() !== levels) throw new Error('The dlib anchor list does not match the cascade.');
  const anchorLists: number[][] = [];
  let features = -1;
  for (let l = 0; l < levels; l++) {
    const n = r.uint();
    if (features >= 0 && n !== features) throw new Error('The dlib cascade levels have different feature counts.');
    features = n;
    const a: number[] = [];
    for (let i = 0; i < n; i++) a.push(r.uint());
    anchorLists.push(a);
  }
  if (r.uint() !== levels) throw new Error('The dlib delta list does not match the cascade.');
  const deltas = new Float32Array(levels * features * 2);
  for (let l = 0; l < levels; l++) {
    if (r.uint() !== features) throw new Error('The dlib deltas do not match the anchors.');
    for (let i = 0; i < 2 * features; i++) deltas[l * features * 2 + i] = r.float();
  }
  if (!r.done) throw new Error('The dlib file has bytes after the shape_predictor.');

  const anchors = Uint16Array.from(anchorLists.flat());
  const splitFeatures = Uint16Array.from(levelForests.flatMap((f) => f.splits));
  if (anchors.some((a) => a >= parts) || splitFeatures.some((s) => s >= features)) throw new Error('A dlib index is out of range.');
  const leaves = new Float32Array(levels * trees * 2 ** depth * rows);
  levelForests.forEach((f, l) => leaves.set(f.leaves, l * f.leaves.length));
  return {
    parts,
    levels,
    trees,
    depth,
    features,
    meanShape,
    anchors,
    deltas,
    splitFeatures,
    thresholds: Float32Array.from(levelForests.flatMap((f) => f.thresholds)),
    leaves,
  };
}
