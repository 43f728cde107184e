/**
 * A cell's drawing style, sampled from its style seed. Half of the seeds (when the shipped artwork
 * styles are there to lend brush marks) go through the APMM style generator: noise → 26-d style
 * vector → an example-based embedding (style/embedding.ts fromVector); the others pick a built-in
 * drawing style with parameters drawn around its defaults (±25 % of each range: the extremes of a
 * range are for hand tuning and look broken when combined at random).
 */
import type { InferenceService } from '../inference/service.js';
import { loadArtworks } from '../style/artworks.js';
import { DRAWING_STYLES, type DrawingStyle } from '../../../common/style/catalog.js';
import { fromVector, type StyleEmbedding } from '../style/embedding.js';
import type { StyleSource } from '../style/engine.js';
import { noise, uniformRng } from '../../../common/random.js';
import { NOISE_DIM, runGenerator, slerp, STYLE_MODEL } from './generator.js';

export interface StyleSample {
  style: DrawingStyle;
  params: number[];
}

export function sampleStyle(seed: number): StyleSample {
  const u = uniformRng(seed ^ 0x57a1e);
  const style = DRAWING_STYLES[Math.floor(u() * DRAWING_STYLES.length)]!;
  const params = style.params.map((q) => {
    const v = q.default + (u() - 0.5) * 0.5 * (q.max - q.min);
    return Math.round(Math.min(q.max, Math.max(q.min, v)) * 1e4) / 1e4;
  });
  return { style, params };
}

export interface CellStyle {
  kind: 'drawing' | 'sampled';
  /** Gallery id of a drawing style, or 'apmm:' + the sampled embedding's digest (first 16 hex). */
  id: string;
  label: string;
  /** The drawing style's parameter vector, or the sampled 26-d style vector. */
  params: number[];
  source: StyleSource;
  embedding?: StyleEmbedding;
}

/** True for the seeds that go through the APMM style generator. */
export function usesGenerator(seed: number): boolean {
  return uniformRng(seed ^ 0xa9e)() < 0.5;
}

const bases = new WeakMap<InferenceService, Promise<StyleEmbedding[]>>();

/** The shipped artwork embeddings (brush marks for sampled vectors), loaded once per inference service. */
export function artworkBases(inference: InferenceService): Promise<StyleEmbedding[]> {
  let p = bases.get(inference);
  if (!p) {
    p = loadArtworks(inference.modelsDir).then(({ artworks }) => artworks.map((x) => x.embedding));
    bases.set(inference, p);
  }
  return p;
}

/** Mean of the three channel σ of each pyramid level (stats hold, per level, 3 means then 3 σ). */
function levelSpread(stats: readonly number[]): number[] {
  const out: number[] = [];
  for (let at = 0; at + 6 <= stats.length; at += 6) out.push((stats[at + 3]! + stats[at + 4]! + stats[at + 5]!) / 3);
  return out;
}

/**
 * The style half of the plausibility filter: a sampled style whose band contrast falls far outside
 * every shipped artwork's (measured: some samples carry a third of the flattest painting's fine
 * detail) wipes the face out, so it is refused like a folding geometry.
 */
export function plausibleStyle(stats: readonly number[], bases: readonly StyleEmbedding[]): boolean {
  const spreads = bases.map((b) => levelSpread(b.stats));
  return levelSpread(stats).every((v, l) => {
    const seen = spreads.map((s) => s[l]!);
    return v >= 0.6 * Math.min(...seen) && v <= 1.5 * Math.max(...seen);
  });
}

/** Tries per seed before a cell falls back to a drawing style. */
const STYLE_TRIES = 8;

/** The noise code a seed's generated style uses: the first retry whose decoded style is plausible. */
async function acceptedStyle(inference: InferenceService, seed: number, marks: readonly StyleEmbedding[]): Promise<{ z: Float32Array; embedding: StyleEmbedding } | null> {
  for (let k = 0; k < STYLE_TRIES; k++) {
    // Golden-ratio steps give unrelated, still seed-determined noise for each retry.
    const z = noise((seed + k * 0x9e3779b9) >>> 0, NOISE_DIM);
    const { vectors } = await runGenerator(inference, STYLE_MODEL, [z], 'style');
    const embedding = fromVector(vectors[0]!, marks);
    if (plausibleStyle(embedding.stats, marks)) return { z, embedding };
  }
  return null;
}

export async function sampleCellStyle(inference: InferenceService, seed: number): Promise<CellStyle> {
  const marks = await artworkBases(inference);
  const accepted = marks.length > 0 && usesGenerator(seed) ? await acceptedStyle(inference, seed, marks) : null;
  if (accepted) {
    const { embedding } = accepted;
    const id = `apmm:${embedding.digest.slice(0, 16)}`;
    return { kind: 'sampled', id, label: `Sampled ${embedding.digest.slice(0, 6)}`, params: embedding.stats.concat(embedding.params), source: { kind: 'example', embedding }, embedding };
  }
  const s = sampleStyle(seed);
  return { kind: 'drawing', id: s.style.id, label: s.style.name, params: s.params, source: { kind: 'drawing', style: s.style, params: s.params } };
}

/**
 * A style between two cells' styles at t ∈ [0, 1], as the sources to render and their pixel
 * weights: two generated styles interpolate their noise codes (slerp) and decode, so the
 * in-between is a generator output; two settings of one drawing style interpolate parameters;
 * anything else (different drawing styles, drawing ↔ generated) has no common parameter space
 * and cross-fades the two renders.
 */
export async function styleBetween(inference: InferenceService, seedA: number, seedB: number, t: number): Promise<Array<{ source: StyleSource; weight: number }>> {
  const [a, b] = await Promise.all([sampleCellStyle(inference, seedA), sampleCellStyle(inference, seedB)]);
  if (t <= 0 || t >= 1 || a.id === b.id) return [{ source: (t >= 1 ? b : a).source, weight: 1 }];
  if (a.kind === 'sampled' && b.kind === 'sampled') {
    const marks = await artworkBases(inference);
    const [za, zb] = await Promise.all([acceptedStyle(inference, seedA, marks), acceptedStyle(inference, seedB, marks)]);
    const z = slerp(za!.z, zb!.z, t);
    const { vectors } = await runGenerator(inference, STYLE_MODEL, [z], 'style');
    return [{ source: { kind: 'example', embedding: fromVector(vectors[0]!, marks) }, weight: 1 }];
  }
  if (a.source.kind === 'drawing' && b.source.kind === 'drawing' && a.source.style.id === b.source.style.id) {
    return [{ source: { kind: 'drawing', style: a.source.style, params: a.params.map((v, i) => v + t * (b.params[i]! - v)) }, weight: 1 }];
  }
  return [
    { source: a.source, weight: 1 - t },
    { source: b.source, weight: t },
  ];
}
