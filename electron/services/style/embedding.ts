/**
 * The style embedding of an artwork: what the example-based graph needs to reproduce its style.
 *  - stats: Laplacian-pyramid band statistics, (B0, B1, B2, G3) × (mean, std) × RGB = 24 numbers;
 *  - params: [swap, detail] (see build/recipes/style/example.ts);
 *  - banks: for Gaussian levels 0..3, up to MAX_BANK raw 5×5 RGB artwork patches (8-bit);
 *  - digest: sha256 over all of the above, so an edited or truncated file is caught on import.
 * It serialises to a small JSON document (no image), interpolates, and has a fixed-length numeric
 * form (stats + params, 26 numbers) for the APMM style mapping network to sample.
 */
import { createHash } from 'node:crypto';
import * as ort from 'onnxruntime-node';
import { badInput } from '../../../common/errors.js';
import { fitWithin, type RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { EXAMPLE_LEVELS, EXAMPLE_PARAMS, EXAMPLE_PATCH } from '../../../common/style/catalog.js';
import { toTensor } from './tensor.js';
import { PATCH_VALUES, STATS_LENGTH, type EmbeddingJson } from '../../../common/style/schema.js';
import { uniformRng } from '../../../common/random.js';

const LEVELS = EXAMPLE_LEVELS;
const PATCH = EXAMPLE_PATCH;
export { PATCH_VALUES, STATS_LENGTH } from '../../../common/style/schema.js';
export const DEFAULT_EXAMPLE_PARAMS = EXAMPLE_PARAMS.map((q) => q.default);
export const VECTOR_LENGTH = STATS_LENGTH + DEFAULT_EXAMPLE_PARAMS.length;
/**
 * Patches per level 0..3: enough variety for strokes, while the matching Conv (pixels × N × 75
 * multiply-adds) stays within the 512² budget — the full-resolution level gets the fewest.
 */
export const BANK_SIZES = [96, 256, 256, 256];
/** Artworks are analysed with the longer side at this size, comparable to a 512 px face render. */
export const ARTWORK_SIDE = 384;
export const MIN_ARTWORK_SIDE = 32;
export { FORMAT, EmbeddingJson } from '../../../common/style/schema.js';

export interface PatchBank {
  count: number;
  /** count × [3, 5, 5] patches, 8-bit, channel-major within a patch. */
  data: Uint8Array;
}

export interface Attribution {
  title: string;
  artist: string;
  licence: string;
}

export interface StyleEmbedding {
  stats: number[];
  params: number[];
  banks: PatchBank[];
  digest: string;
  source?: Attribution | undefined;
}

export function digestOf(stats: readonly number[], params: readonly number[], banks: readonly PatchBank[]): string {
  const h = createHash('sha256');
  h.update(Float64Array.from([...stats, ...params]));
  for (const bank of banks) h.update(bank.data);
  return h.digest('hex');
}

/** Up to n 5×5 patches from a [1,3,h,w] level, at distinct random positions. */
export function samplePatches(level: Float32Array, width: number, height: number, n: number, seed = 1): PatchBank {
  const positions = (width - PATCH + 1) * (height - PATCH + 1);
  if (positions <= 0) return { count: 0, data: new Uint8Array(0) };
  const count = Math.min(n, positions);
  const chosen = new Set<number>();
  const next = uniformRng(seed);
  while (chosen.size < count) chosen.add(Math.floor(next() * positions));
  const data = new Uint8Array(count * PATCH_VALUES);
  const plane = width * height;
  let o = 0;
  for (const p of [...chosen].sort((x, y) => x - y)) {
    const px = p % (width - PATCH + 1);
    const py = Math.floor(p / (width - PATCH + 1));
    for (let c = 0; c < 3; c++) {
      for (let dy = 0; dy < PATCH; dy++) {
        for (let dx = 0; dx < PATCH; dx++) {
          data[o++] = Math.round(Math.min(1, Math.max(0, level[c * plane + (py + dy) * width + px + dx]!)) * 255);
        }
      }
    }
  }
  return { count, data };
}

/** Analyses an artwork (already decoded) into its embedding with the style-embed graph. */
export async function embedArtwork(inference: InferenceService, artwork: RgbImage, source?: Attribution): Promise<StyleEmbedding> {
  if (Math.min(artwork.width, artwork.height) < MIN_ARTWORK_SIDE) {
    throw badInput(
      `The artwork is too small (${artwork.width}×${artwork.height}) to take a style from; it needs at least ${MIN_ARTWORK_SIDE}×${MIN_ARTWORK_SIDE} pixels.`,
    );
  }
  const img = await fitWithin(artwork, ARTWORK_SIDE);
  const out = await inference.run('style-embed', { image: toTensor(img) });
  const stats = Array.from(out.stats!.data as Float32Array, (v) => Math.fround(v));
  const banks: PatchBank[] = [];
  for (let i = 0; i <= LEVELS; i++) {
    const t = out[`g${i}`]!;
    const [, , h, w] = t.dims as number[];
    banks.push(samplePatches(t.data as Float32Array, w!, h!, BANK_SIZES[i]!, i + 1));
  }
  if (banks.some((b) => b.count === 0)) throw badInput('The artwork is too small to take a style from.');
  const params = [...DEFAULT_EXAMPLE_PARAMS];
  return { stats, params, banks, digest: digestOf(stats, params, banks), source };
}

/** The fixed-length numeric form (stats then params) sampled by APMM. */
export function toVector(e: StyleEmbedding): Float32Array {
  return Float32Array.from([...e.stats, ...e.params]);
}

/**
 * An embedding from a sampled vector: the statistics and params come from the vector, the
 * marks (patch banks) from the base embedding whose statistics are nearest (APMM's output
 * chooses the palette and contrast; patches cannot be sampled from 26 numbers).
 */
export function fromVector(vector: ArrayLike<number>, bases: readonly StyleEmbedding[]): StyleEmbedding {
  if (vector.length !== VECTOR_LENGTH) throw badInput(`A style vector has ${VECTOR_LENGTH} numbers, not ${vector.length}.`);
  if (bases.length === 0) throw badInput('No example style is available to take brush marks from.');
  const v = Array.from(vector);
  const stats = v.slice(0, STATS_LENGTH).map((x, i) => (i % 6 >= 3 ? Math.max(1e-4, x) : x));
  const params = v.slice(STATS_LENGTH).map((x, i) => Math.min(EXAMPLE_PARAMS[i]!.max, Math.max(EXAMPLE_PARAMS[i]!.min, x)));
  let best = bases[0]!;
  let bestD = Infinity;
  for (const b of bases) {
    const d = b.stats.reduce((s, x, i) => s + (x - stats[i]!) ** 2, 0);
    if (d < bestD) [best, bestD] = [b, d];
  }
  return { stats, params, banks: best.banks, digest: digestOf(stats, params, best.banks) };
}

/**
 * Interpolation between two embeddings at t ∈ [0, 1]: statistics and params linearly; each
 * patch bank takes its first round((1−t)·n) patches from a and the rest from b, so marks
 * cross over gradually and the bank size stays bounded.
 */
export function interpolate(a: StyleEmbedding, b: StyleEmbedding, t: number): StyleEmbedding {
  const u = Math.min(1, Math.max(0, t));
  const mixNum = (x: readonly number[], y: readonly number[]) => x.map((v, i) => v + u * (y[i]! - v));
  const stats = mixNum(a.stats, b.stats);
  const params = mixNum(a.params, b.params);
  const banks = a.banks.map((ba, i) => {
    const bb = b.banks[i]!;
    const n = Math.min(ba.count, bb.count);
    const fromA = Math.round((1 - u) * n);
    const data = new Uint8Array(n * PATCH_VALUES);
    data.set(ba.data.subarray(0, fromA * PATCH_VALUES), 0);
    data.set(bb.data.subarray(fromA * PATCH_VALUES, n * PATCH_VALUES), fromA * PATCH_VALUES);
    return { count: n, data };
  });
  return { stats, params, banks, digest: digestOf(stats, params, banks) };
}

// ---- JSON form (export/import); the zod schema is in common/style/schema.ts, shared with the IPC contract ----

export function embeddingToJson(e: StyleEmbedding): EmbeddingJson {
  return {
    stats: e.stats,
    params: e.params,
    banks: e.banks.map((b) => ({ count: b.count, data: Buffer.from(b.data).toString('base64') })),
    digest: e.digest,
    ...(e.source ? { source: e.source } : {}),
  };
}

/** Checks what zod cannot: bank sizes against their payload, non-negative spreads, the digest. */
export function embeddingFromJson(j: EmbeddingJson): StyleEmbedding {
  const banks = j.banks.map((b, i) => {
    const data = new Uint8Array(Buffer.from(b.data, 'base64'));
    if (data.byteLength !== b.count * PATCH_VALUES) throw badInput(`The style's patch bank ${i + 1} is truncated or padded.`);
    return { count: b.count, data };
  });
  if (j.stats.some((v, i) => i % 6 >= 3 && v <= 0)) throw badInput('The style has a zero or negative spread in its statistics.');
  if (digestOf(j.stats, j.params, banks) !== j.digest) throw badInput('The style does not match its digest; the file was altered or damaged.');
  return { stats: j.stats, params: j.params, banks, digest: j.digest, source: j.source };
}

/** Feeds for the style-example graph. */
export function embeddingFeeds(e: StyleEmbedding): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {
    style_stats: new ort.Tensor('float32', Float32Array.from(e.stats), [LEVELS + 1, 2, 3]),
    params: new ort.Tensor('float32', Float32Array.from(e.params), [e.params.length]),
  };
  e.banks.forEach((b, i) => {
    feeds[`bank${i}`] = new ort.Tensor('float32', Float32Array.from(b.data, (v) => v / 255), [b.count, 3, PATCH, PATCH]);
  });
  return feeds;
}
