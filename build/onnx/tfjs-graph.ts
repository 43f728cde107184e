/**
 * Reads a TensorFlow.js graph model (model.json + its weight bytes) without tfjs: the GraphDef
 * nodes and every constant's values.
 *
 * The weight bytes are every manifest entry's bytes concatenated in manifest order (across all
 * shards of all groups). uint8-quantised entries are kept as codes q with value = q·scale + min,
 * so a converter can keep them as uint8 in the ONNX file.
 */

export interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttr>;
}

export interface TfAttr {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  type?: string;
  list?: { s?: string[]; i?: Array<string | number>; f?: number[] };
  shape?: { dim?: Array<{ size?: string | number }> };
}

export interface TfWeight {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  /** float32 values, int32 values, or uint8 codes when `quant` is set. */
  data: Float32Array | Int32Array | Uint8Array;
  quant?: { scale: number; min: number };
}

export interface TfGraphModel {
  nodes: Map<string, TfNode>;
  weights: Map<string, TfWeight>;
  /** model.json's converter string, for provenance. */
  convertedBy: string;
}

interface ManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number };
}

export interface ModelJson {
  format?: string;
  convertedBy?: string;
  modelTopology: { node: TfNode[] };
  weightsManifest: Array<{ paths: string[]; weights: ManifestEntry[] }>;
}

export function readTfjsGraph(json: ModelJson, weightBytes: Uint8Array): TfGraphModel {
  if (json.format !== undefined && json.format !== 'graph-model') throw new Error(`not a tfjs graph model (format "${json.format}")`);
  const weights = new Map<string, TfWeight>();
  let offset = 0;
  for (const group of json.weightsManifest) {
    for (const w of group.weights) {
      const n = w.shape.reduce((a, b) => a * b, 1);
      const q = w.quantization;
      if (q && q.dtype !== 'uint8') throw new Error(`${w.name}: ${q.dtype} quantisation is not handled (only uint8)`);
      if (w.dtype !== 'float32' && w.dtype !== 'int32') throw new Error(`${w.name}: dtype ${w.dtype} is not handled`);
      const byteLength = q ? n : n * 4;
      if (offset + byteLength > weightBytes.byteLength) throw new Error(`${w.name}: the weight data ends early`);
      // A copy: typed-array views need aligned offsets and the source buffer may be shared.
      const bytes = weightBytes.slice(offset, offset + byteLength);
      offset += byteLength;
      const data = q ? bytes : w.dtype === 'int32' ? new Int32Array(bytes.buffer) : new Float32Array(bytes.buffer);
      weights.set(w.name, { name: w.name, shape: w.shape, dtype: w.dtype, data, ...(q ? { quant: { scale: q.scale!, min: q.min! } } : {}) });
    }
  }
  if (offset !== weightBytes.byteLength) throw new Error(`read ${offset} of ${weightBytes.byteLength} weight bytes`);
  const nodes = new Map(json.modelTopology.node.map((n) => [n.name, n]));
  return { nodes, weights, convertedBy: json.convertedBy ?? 'unknown' };
}

/** A weight's float values (dequantised when stored as uint8 codes). */
export function weightValues(w: TfWeight): Float32Array | Int32Array {
  if (!w.quant) return w.data as Float32Array | Int32Array;
  const { scale, min } = w.quant;
  return Float32Array.from(w.data as Uint8Array, (q) => q * scale + min);
}

/** Attribute helpers: tfjs stores strings base64-encoded and ints as decimal strings. */
export const attrString = (a: TfAttr | undefined): string | undefined => (a?.s === undefined ? undefined : Buffer.from(a.s, 'base64').toString('utf8'));
export const attrInts = (a: TfAttr | undefined): number[] => (a?.list?.i ?? []).map(Number);
export const attrStrings = (a: TfAttr | undefined): string[] => (a?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));
export const attrInt = (a: TfAttr | undefined, dflt = 0): number => (a?.i === undefined ? dflt : Number(a.i));
export const attrBool = (a: TfAttr | undefined): boolean => a?.b === true;
