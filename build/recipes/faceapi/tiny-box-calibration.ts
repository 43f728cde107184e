/**
 * Recipe: electron/services/faces/tiny-box-map.json — the mapping from a tiny-detector box to an
 * SSD-like box (faces/tiny-box.ts), and the measurements behind the 'auto' detector's rule
 * (faces/cascade.ts).
 *
 * On face-api's 6 demo photos and the 170 AutoToon photos and caricatures (../shared/data): SSD
 * at face-api's settings gives the reference faces; tiny's candidates are paired with them (for
 * each SSD face, the candidate of highest IoU, if ≥ 0.3: the raw boxes are shaped differently,
 * so 0.5 would drop true pairs) and the mapping is fitted over the pairs whose tiny score is
 * confident (the only boxes the cascade ever maps). Then, with the fitted mapping and the
 * committed rule, it records how many images take the fast path, whether the fast path gave
 * SSD's faces, and, for the fast-path faces, how far the landmarks from the raw and from the
 * mapped tiny box are from those from SSD's box (mean/max px, and NME: mean distance over the
 * outer-eye-corner distance). Without the shared data it says so and leaves the committed
 * numbers alone.
 *
 * Run: npx tsx build/recipes/faceapi/tiny-box-calibration.ts
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage, type RgbImage } from '../../../electron/services/images/decode.js';
import { InferenceService } from '../../../electron/services/inference/service.js';
import { readManifest } from '../../../electron/services/inference/manifest.js';
import { CASCADE, fastPathRejection } from '../../../electron/services/faces/cascade.js';
import { detectLandmarks, LANDMARKS_MODEL } from '../../../electron/services/faces/landmarks.js';
import { boxIou } from '../../../electron/services/faces/nms.js';
import { detectSsd, SSD_MODEL } from '../../../electron/services/faces/ssd.js';
import { detectTiny, TINY_MODEL } from '../../../electron/services/faces/tiny.js';
import { fitBoxMapping, mapBox, type BoxMapping } from '../../../electron/services/faces/tiny-box.js';
import type { Box, Point } from '../../../common/geometry.js';
import type { RawDetection } from '../../../electron/services/faces/types.js';
import { writeFileAtomic } from '../../../electron/services/settings/atomic.js';
import { isMain } from '../../train/is-main.js';
import { DEMO_DIR, listJpegs } from '../warp/mean-face.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const AUTOTOON = path.resolve(ROOT, '../shared/data/autotoon');
const OUT = path.join(ROOT, 'electron/services/faces/tiny-box-map.json');
/** Pairing threshold on raw boxes (tiny's are wider and lower than SSD's: true pairs measured 0.37–0.75). */
const PAIR_IOU = 0.3;

/**
 * Whether `found` are the same faces as `reference`: same count, and each reference face has
 * its own found box with IoU ≥ minIou (greedy, reference order).
 */
export function sameFaces(found: readonly Box[], reference: readonly Box[], minIou = 0.5): boolean {
  if (found.length !== reference.length) return false;
  const free = new Set(found.map((_, i) => i));
  return reference.every((r) => {
    const k = [...free].find((i) => boxIou(found[i]!, r) >= minIou);
    if (k === undefined) return false;
    free.delete(k);
    return true;
  });
}

export interface LandmarkGap {
  meanPx: number;
  maxPx: number;
  /** Mean distance over the outer-eye-corner distance (points 36 and 45) of the reference. */
  nme: number;
}

export function landmarkGap(points: readonly Point[], reference: readonly Point[]): LandmarkGap {
  const d = points.map((p, i) => Math.hypot(p[0] - reference[i]![0], p[1] - reference[i]![1]));
  const meanPx = d.reduce((a, b) => a + b, 0) / d.length;
  const [l, r] = [reference[36]!, reference[45]!];
  return { meanPx, maxPx: Math.max(...d), nme: meanPx / Math.hypot(r[0] - l[0], r[1] - l[1]) };
}

interface Sample {
  source: string;
  file: string;
  ssd: RawDetection[];
  tiny: RawDetection[];
  pairs: Pair[];
}

interface Pair {
  tiny: Box;
  ssd: Box;
  /** tiny's score */
  score: number;
}

function pairUp(ssd: RawDetection[], tiny: RawDetection[]): Pair[] {
  const free = new Set(tiny);
  return ssd.flatMap((s) => {
    let best: RawDetection | undefined;
    for (const t of free) if (boxIou(t.box, s.box) >= PAIR_IOU && (!best || boxIou(t.box, s.box) > boxIou(best.box, s.box))) best = t;
    if (!best) return [];
    free.delete(best);
    return [{ tiny: best.box, ssd: s.box, score: best.score }];
  });
}

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

function summarise(gaps: LandmarkGap[]) {
  const mean = (f: (g: LandmarkGap) => number) => gaps.reduce((a, g) => a + f(g), 0) / gaps.length;
  return { meanPx: r4(mean((g) => g.meanPx)), maxPx: r4(Math.max(...gaps.map((g) => g.maxPx))), nme: r4(mean((g) => g.nme)), worstFaceNme: r4(Math.max(...gaps.map((g) => g.nme))) };
}

async function evaluate(inference: InferenceService, samples: Sample[], images: Map<string, RgbImage>, mapping: BoxMapping) {
  const cascade: Record<string, { images: number; fastPath: number; fastPathSameAsSsd: number }> = {};
  const fallbacks: Record<string, number> = {};
  const gaps: Record<string, { raw: LandmarkGap[]; mapped: LandmarkGap[] }> = {};
  for (const s of samples) {
    const c = (cascade[s.source] ??= { images: 0, fastPath: 0, fastPathSameAsSsd: 0 });
    c.images++;
    const why = fastPathRejection(s.tiny);
    if (why !== null) {
      const reason = why.replace(/ \(.*\)$/, '');
      fallbacks[reason] = (fallbacks[reason] ?? 0) + 1;
      continue;
    }
    c.fastPath++;
    if (sameFaces(s.tiny.map((t) => mapBox(t.box, mapping)), s.ssd.map((d) => d.box))) c.fastPathSameAsSsd++;
    else console.log(`tiny-box: the fast path differs from SSD on ${s.file}`);
    for (const p of s.pairs) {
      const [ref, raw, mapped] = await detectLandmarks(inference, images.get(s.file)!, [p.ssd, p.tiny, mapBox(p.tiny, mapping)]);
      const g = (gaps[s.source] ??= { raw: [], mapped: [] });
      g.raw.push(landmarkGap(raw!, ref!));
      g.mapped.push(landmarkGap(mapped!, ref!));
    }
  }
  const fastPathLandmarks = Object.fromEntries(Object.entries(gaps).map(([k, g]) => [k, { faces: g.raw.length, rawTinyBox: summarise(g.raw), mappedTinyBox: summarise(g.mapped) }]));
  return { cascade, fallbacks, fastPathLandmarks };
}

export async function buildTinyBoxMap(): Promise<void> {
  if (!existsSync(AUTOTOON)) {
    console.log(`tiny-box: skipped, ${AUTOTOON} is absent (the committed tiny-box-map.json stays).`);
    return;
  }
  const inference = new InferenceService();
  const sources = [
    { name: 'face-api demo', files: (await listJpegs(DEMO_DIR)).filter((f) => /sample\d\.jpg$/.test(f)) },
    { name: 'autotoon/photos', files: await listJpegs(path.join(AUTOTOON, 'photos')) },
    { name: 'autotoon/caricatures', files: await listJpegs(path.join(AUTOTOON, 'caricatures')) },
  ];
  const samples: Sample[] = [];
  const images = new Map<string, RgbImage>();
  for (const { name, files } of sources) {
    for (const file of files) {
      const image = await decodeImage(await fs.readFile(file), file);
      const ssd = (await detectSsd(inference, image)).detections;
      const tiny = (await detectTiny(inference, image, { minConfidence: CASCADE.candidateScore })).detections;
      const label = path.relative(path.join(ROOT, '..'), file);
      images.set(label, image);
      samples.push({ source: name, file: label, ssd, tiny, pairs: pairUp(ssd, tiny) });
    }
  }
  const pairs = samples.flatMap((s) => s.pairs);
  const fitPairs = pairs.filter((p) => p.score >= CASCADE.confidentScore);
  const fitted = fitBoxMapping(fitPairs);
  const mapping: BoxMapping = { dx: r4(fitted.dx), dy: r4(fitted.dy), sw: r4(fitted.sw), sh: r4(fitted.sh) };
  const evaluation = await evaluate(inference, samples, images, mapping);
  await inference.dispose();
  const manifest = await readManifest(inference.modelsDir);
  const sha = (name: string) => manifest.models.find((m) => m.name === name)?.sha256 ?? 'unknown';
  const file = {
    mapping,
    meaning: 'SSD-like box from a tiny-detector box [x, y, w, h]: centre moved by (dx·w, dy·h), size (sw·w, sh·h); least squares of residuals relative to the tiny box over faces both detectors find.',
    evaluation: { rule: CASCADE, ...evaluation },
    provenance: {
      recipe: 'build/recipes/faceapi/tiny-box-calibration.ts',
      pairs: pairs.length,
      fittedOn: `${fitPairs.length} pairs with tiny score ≥ ${CASCADE.confidentScore}`,
      sources: Object.fromEntries(sources.map(({ name, files }) => [name, { images: files.length, pairs: samples.filter((s) => s.source === name).reduce((a, s) => a + s.pairs.length, 0) }])),
      detector: { [TINY_MODEL]: sha(TINY_MODEL), [SSD_MODEL]: sha(SSD_MODEL), [LANDMARKS_MODEL]: sha(LANDMARKS_MODEL) },
      date: new Date().toISOString().slice(0, 10),
      licence: 'AutoToon photos and caricatures: CC BY 2.0 / CC BY-SA 2.0 / public domain (see ImageMetadata.csv); only these statistics are stored.',
    },
  };
  await writeFileAtomic(OUT, `${JSON.stringify(file, null, 2)}\n`);
  const fast = Object.values(evaluation.cascade).reduce((a, c) => a + c.fastPath, 0);
  const same = Object.values(evaluation.cascade).reduce((a, c) => a + c.fastPathSameAsSsd, 0);
  console.log(`tiny-box: ${fitPairs.length} of ${pairs.length} pairs → ${JSON.stringify(mapping)}; fast path on ${fast} of ${samples.length} images, SSD's faces on ${same} of them → ${path.relative(ROOT, OUT)}`);
}

if (isMain(import.meta.url)) await buildTinyBoxMap();
