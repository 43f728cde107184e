/**
 * Reads face-api's tfjs weight files (model/<name>-weights_manifest.json + .bin) without tfjs.
 *
 * The .bin is every tensor's bytes concatenated in manifest order. Most tensors are stored as
 * uint8 codes q with value = q·scale + min (tfjs "quantization"); a few are plain float32. The
 * codes are kept as they are so the ONNX graph can dequantise them itself (Cast → Mul → Add) and
 * the model file stays the size of the tfjs one.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface TfjsTensor {
  name: string;
  shape: number[];
  /** uint8 codes (quantised) or float32 values, row-major in tfjs layout. */
  data: Uint8Array | Float32Array;
  quant?: { scale: number; min: number };
}

interface ManifestWeight {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  quantization?: { dtype: string; scale: number; min: number };
}

export const FACE_API_PACKAGE = '@vladmandic/face-api';

export function faceApiDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve(`${FACE_API_PACKAGE}/package.json`));
}

export function faceApiVersion(): string {
  return (JSON.parse(readFileSync(path.join(faceApiDir(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function readTfjsWeights(model: string): Map<string, TfjsTensor> {
  const dir = path.join(faceApiDir(), 'model');
  const groups = JSON.parse(readFileSync(path.join(dir, `${model}-weights_manifest.json`), 'utf8')) as Array<{
    paths: string[];
    weights: ManifestWeight[];
  }>;
  const out = new Map<string, TfjsTensor>();
  for (const group of groups) {
    const bin = Buffer.concat(group.paths.map((p) => readFileSync(path.join(dir, p))));
    let offset = 0;
    for (const w of group.weights) {
      const n = w.shape.reduce((a, b) => a * b, 1);
      const q = w.quantization;
      if (q && q.dtype !== 'uint8') throw new Error(`${model}: ${w.name} uses ${q.dtype} quantisation, only uint8 is handled`);
      const byteLength = q ? n : n * 4;
      const bytes = bin.subarray(offset, offset + byteLength);
      offset += byteLength;
      // int32 entries are TF graph leftovers (slice bounds, axes); the nets never read them.
      if (w.dtype !== 'float32') continue;
      const data = q ? new Uint8Array(bytes) : new Float32Array(new Uint8Array(bytes).buffer);
      out.set(w.name, { name: w.name, shape: w.shape, data, ...(q ? { quant: { scale: q.scale, min: q.min } } : {}) });
    }
    if (offset !== bin.byteLength) throw new Error(`${model}: read ${offset} of ${bin.byteLength} weight bytes`);
  }
  return out;
}
