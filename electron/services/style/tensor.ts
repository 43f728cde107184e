/**
 * RgbImage (interleaved 8-bit) ↔ the style graphs' float NCHW 0..1 layout.
 */
import * as ort from 'onnxruntime-node';
import type { RgbImage } from '../images/decode.js';

export function toTensor(img: RgbImage): ort.Tensor {
  const n = img.width * img.height;
  const out = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    out[i] = img.data[3 * i]! / 255;
    out[n + i] = img.data[3 * i + 1]! / 255;
    out[2 * n + i] = img.data[3 * i + 2]! / 255;
  }
  return new ort.Tensor('float32', out, [1, 3, img.height, img.width]);
}

/** Rounds to nearest 8-bit level; inputs are already clipped to 0..1 by the graphs. */
export function fromTensor(t: ort.Tensor): RgbImage {
  const [, , height, width] = t.dims as number[];
  const src = t.data as Float32Array;
  const n = width! * height!;
  const data = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) data[3 * i + c] = Math.round(Math.min(1, Math.max(0, src[c * n + i]!)) * 255);
  }
  return { width: width!, height: height!, data };
}

/** A [1,1,H,W] mask tensor; ones when no mask is given (the whole image). */
export function maskTensor(width: number, height: number, mask?: Float32Array): ort.Tensor {
  if (mask && mask.length !== width * height) throw new Error(`mask has ${mask.length} values for a ${width}×${height} image`);
  return new ort.Tensor('float32', mask ?? new Float32Array(width * height).fill(1), [1, 1, height, width]);
}

export const scalarTensor = (v: number) => new ort.Tensor('float32', Float32Array.of(v), [1]);
