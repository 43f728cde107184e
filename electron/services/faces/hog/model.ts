/**
 * dlib's frontal HOG face detector as data (native-models/dlib-hog-frontal.bin, written by
 * build/recipes/hog/recipe.ts): the scan geometry and, per detector (front, left, right, and
 * front rotated either way), its bias and the separable filter pairs dlib builds from each fhog
 * plane's 10×10 filter. Little-endian layout:
 *   'DHOG', u32 version,
 *   u32 cellSize, filterWidth, filterHeight, minLevelWidth, minLevelHeight, maxLevels,
 *   f64 iouThresh, coveredThresh, u32 detectors,
 *   per detector: f64 bias, per plane (31): u32 pairs, pairs × (f32 row[filterWidth], f32 col[filterHeight]).
 */
export const FHOG_PLANES = 31;
/** dlib's face filters are 80×80 px windows of 8-px cells; the scan (scan.ts) is unrolled for that. */
export const FILTER_SIZE = 10;
const MAGIC = 'DHOG';
const VERSION = 1;

export interface SeparablePair {
  /** Applied along x (filterWidth taps). */
  row: Float32Array;
  /** Applied along y (filterHeight taps). */
  col: Float32Array;
}
export interface HogDetector {
  /** The window's score must reach this; dlib reports score − bias as the confidence. */
  bias: number;
  /** Per fhog plane, its separable pairs (dlib drops singular values below 0.1 % of the largest). */
  planes: SeparablePair[][];
}
export interface HogModel {
  cellSize: number;
  filterWidth: number;
  filterHeight: number;
  minLevelWidth: number;
  minLevelHeight: number;
  maxLevels: number;
  /** dlib's test_box_overlap: boxes are one face above this IoU (union = bounding box) … */
  iouThresh: number;
  /** … or when their overlap covers more than this fraction of either box. */
  coveredThresh: number;
  detectors: HogDetector[];
}

export function encodeHogModel(m: HogModel): Uint8Array {
  const floats = m.detectors.reduce((n, d) => n + d.planes.reduce((k, p) => k + p.length * (m.filterWidth + m.filterHeight), 0), 0);
  const bytes = 4 + 4 + 6 * 4 + 16 + 4 + m.detectors.length * (8 + FHOG_PLANES * 4) + floats * 4;
  const buf = new ArrayBuffer(bytes);
  const v = new DataView(buf);
  let o = 0;
  for (const ch of MAGIC) v.setUint8(o++, ch.charCodeAt(0));
  const u32 = (x: number): void => { v.setUint32(o, x, true); o += 4; };
  const f64 = (x: number): void => { v.setFloat64(o, x, true); o += 8; };
  const f32s = (a: Float32Array): void => { for (const x of a) { v.setFloat32(o, x, true); o += 4; } };
  u32(VERSION);
  for (const x of [m.cellSize, m.filterWidth, m.filterHeight, m.minLevelWidth, m.minLevelHeight, m.maxLevels]) u32(x);
  f64(m.iouThresh);
  f64(m.coveredThresh);
  u32(m.detectors.length);
  for (const d of m.detectors) {
    if (d.planes.length !== FHOG_PLANES) throw new Error(`A HOG detector has ${d.planes.length} planes, not ${FHOG_PLANES}.`);
    f64(d.bias);
    for (const plane of d.planes) {
      u32(plane.length);
      for (const pair of plane) { f32s(pair.row); f32s(pair.col); }
    }
  }
  return new Uint8Array(buf);
}

export function decodeHogModel(bytes: Uint8Array): HogModel {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC || v.getUint32(4, true) !== VERSION) {
    throw new Error(`Not a version ${VERSION} HOG detector file (expected '${MAGIC}').`);
  }
  let o = 8;
  const u32 = (): number => { const x = v.getUint32(o, true); o += 4; return x; };
  const f64 = (): number => { const x = v.getFloat64(o, true); o += 8; return x; };
  const f32s = (n: number): Float32Array => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) { a[i] = v.getFloat32(o, true); o += 4; }
    return a;
  };
  const [cellSize, filterWidth, filterHeight, minLevelWidth, minLevelHeight, maxLevels] = [u32(), u32(), u32(), u32(), u32(), u32()] as const;
  if (filterWidth !== FILTER_SIZE || filterHeight !== FILTER_SIZE) throw new Error(`The HOG detector file holds ${filterWidth}×${filterHeight} filters; only ${FILTER_SIZE}×${FILTER_SIZE} ones are supported.`);
  const iouThresh = f64();
  const coveredThresh = f64();
  const detectors: HogDetector[] = [];
  for (let n = u32(), i = 0; i < n; i++) {
    const bias = f64();
    const planes: SeparablePair[][] = [];
    for (let p = 0; p < FHOG_PLANES; p++) {
      const pairs: SeparablePair[] = [];
      for (let k = u32(), j = 0; j < k; j++) pairs.push({ row: f32s(filterWidth), col: f32s(filterHeight) });
      planes.push(pairs);
    }
    detectors.push({ bias, planes });
  }
  if (o !== bytes.byteLength) throw new Error(`The HOG detector file has ${bytes.byteLength - o} bytes after its last filter.`);
  return { cellSize, filterWidth, filterHeight, minLevelWidth, minLevelHeight, maxLevels, iouThresh, coveredThresh, detectors };
}
