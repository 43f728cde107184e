/**
 * Inputs for a session's warm-up run (DESIGN §3): zeros of the shapes the manifest declares,
 * with each named (dynamic) dimension at a small size — a batch of one, a 32-pixel side, three
 * channels. The run makes ORT allocate its arena and choose kernels before the first real call.
 */
import * as ort from 'onnxruntime-node';
import type { ManifestEntry } from './manifest.js';

/** Named dimensions that are an image side (the style nets' [1, 3, H, W]); the rest are counts. */
const SIDE = /^(h|w|height|width)$/i;
const SIDE_PX = 32;
/** A named channel count (the warp graph's [1, H, W, C], which also carries RGBA): RGB, the usual call. */
const CHANNELS = /^(c|channels)$/i;

export function warmUpShape(shape: ReadonlyArray<number | string>): number[] {
  return shape.map((d) => (typeof d === 'number' ? d : SIDE.test(d) ? SIDE_PX : CHANNELS.test(d) ? 3 : 1));
}

export function warmUpFeeds(entry: Pick<ManifestEntry, 'inputs'>): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of entry.inputs) {
    const dims = warmUpShape(input.shape);
    const n = dims.reduce((a, b) => a * b, 1);
    switch (input.type) {
      case 'uint8':
        feeds[input.name] = new ort.Tensor('uint8', new Uint8Array(n), dims);
        break;
      case 'int32':
        feeds[input.name] = new ort.Tensor('int32', new Int32Array(n), dims);
        break;
      case 'int64':
        feeds[input.name] = new ort.Tensor('int64', new BigInt64Array(n), dims);
        break;
      default:
        feeds[input.name] = new ort.Tensor('float32', new Float32Array(n), dims);
    }
  }
  return feeds;
}
