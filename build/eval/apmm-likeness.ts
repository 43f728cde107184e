/**
 * Artist-likeness of the APMM variation cells on the held-out AutoToon pairs (issue #13 item 5;
 * not a test: a measurement, `nice npx tsx build/eval/apmm-likeness.ts`). Needs only committed
 * numbers (build/train/data/autotoon-landmarks.json) and git history, not ../shared/data.
 *
 * For each of the 14 held-out pairs (never in the networks' training set), in the photo's
 * canonical frame (eye centres 77 px apart): the photo's landmarks P, the artist's caricature
 * landmarks C = P + the artist's offsets. A sheet's 16 cells (geometry seeds cellSeed(sheet, 2k),
 * temperature 1, as variations.ts seeds them) are drawn on P, and the cell nearest to C is kept;
 * distances are the mean over the 68 landmarks of the point-to-point distance (canonical px),
 * averaged over 8 sheets and the 14 pairs. Two kinds of cell:
 * - draw: P + the generator's offsets as decoded (what training changes);
 * - app: the cell the variation grid shows (apmm/landmarks.ts firstPlausible: the default
 *   exaggeration + draw × OFFSET_GAIN on a sampled head size, held back where it would fold),
 *   on a 768² canvas with the face in the middle (the border anchors sit where a photo's would).
 * Baselines: the undeformed photo (P itself), and draws from a Gaussian with the training
 * offsets' per-coordinate mean and spread (build/train/evaluate.ts gaussianLike).
 *
 * Before / after: the landmark networks trained on face-api's points (git BEFORE_REV) and the
 * shipped ones (retrained on the precise dlib points, commit 55fea82), each evaluated on both
 * landmark sets of the same held-out photos. Also the head sizes the cells draw (apmm/head-size.ts)
 * against the artists' spread they are drawn from.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { NOISE_DIM, noiseRows } from '../../electron/services/apmm/generator.js';
import { cellHead, exaggerationBase, firstPlausible, MAX_TRIES, trySeed } from '../../electron/services/apmm/landmarks.js';
import { HEAD_SIZE } from '../../electron/services/apmm/head-size.js';
import { gaussianLike } from '../train/evaluate.js';
import { flatten, LANDMARK_DATA, mirrorOffsets, type LandmarkDataFile, type LandmarkPair as Pair } from '../train/landmark-data.js';
import { cellSeed } from '../../common/random.js';
import type { Point } from '../../common/geometry.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The last commit with the networks and landmark data made from face-api's points. */
const BEFORE_REV = '55fea82~1';
const DATA = path.relative(ROOT, LANDMARK_DATA);
const MODEL = 'native-models/apmm-landmarks.onnx';
const SHEETS = 8;
const CELLS = 16;
/** Canvas for the app's cells: the 256² canonical frame in the middle of a photo 3× its size. */
const PAD = 256;

const gitShow = (rev: string, file: string) => execFileSync('git', ['show', `${rev}:${file}`], { cwd: ROOT, maxBuffer: 1 << 26 });
const pairsOf = (json: Buffer | string): Pair[] => (JSON.parse(json.toString()) as LandmarkDataFile).pairs;

/** Mean point-to-point distance of two 68-point shapes. */
const meanDist = (a: readonly Point[], b: readonly Point[]) => a.reduce((s, p, i) => s + Math.hypot(p[0] - b[i]![0], p[1] - b[i]![1]), 0) / a.length;
const add = (p: readonly Point[], o: ArrayLike<number>, gain = 1): Point[] => p.map((q, i): Point => [q[0] + gain * o[2 * i]!, q[1] + gain * o[2 * i + 1]!]);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function decode(session: ort.InferenceSession, z: readonly Float32Array[]): Promise<Float32Array[]> {
  const flat = new Float32Array(z.length * NOISE_DIM);
  z.forEach((r, i) => flat.set(r, i * NOISE_DIM));
  const out = (await session.run({ z: new ort.Tensor('float32', flat, [z.length, NOISE_DIM]) })).offsets!;
  const d = out.dims[1]!;
  return Array.from({ length: z.length }, (_, i) => (out.data as Float32Array).slice(i * d, (i + 1) * d));
}

interface Row {
  nearestToCaricature: number;
  nearestToPhoto: number;
}

/** Nearest-of-16 distances of one kind of cell, averaged over sheets and pairs. */
function summarise(perPair: Array<{ photo: Point[]; caricature: Point[]; sheets: Point[][][] }>): Row {
  const toC: number[] = [];
  const toP: number[] = [];
  for (const { photo, caricature, sheets } of perPair) {
    for (const cells of sheets) {
      toC.push(Math.min(...cells.map((c) => meanDist(c, caricature))));
      toP.push(Math.min(...cells.map((c) => meanDist(c, photo))));
    }
  }
  return { nearestToCaricature: mean(toC), nearestToPhoto: mean(toP) };
}

async function evaluate(session: ort.InferenceSession, pairs: readonly Pair[], train: readonly Pair[]) {
  const held = pairs.filter((p) => p.heldOut);
  const gauss = gaussianLike(
    train.flatMap((p) => [flatten(p.offsets), flatten(mirrorOffsets(p.offsets))]),
    SHEETS * CELLS * held.length,
    1,
  );
  const draw: Parameters<typeof summarise>[0] = [];
  const app: Parameters<typeof summarise>[0] = [];
  const gaussian: Parameters<typeof summarise>[0] = [];
  let g = 0;
  for (const pair of held) {
    const caricature = pair.photo.map((p, i): Point => [p[0] + pair.offsets[i]![0], p[1] + pair.offsets[i]![1]]);
    const source = pair.photo.map((p): Point => [p[0] + PAD, p[1] + PAD]);
    const base = exaggerationBase(source);
    const rows = { draw: [] as Point[][][], app: [] as Point[][][], gaussian: [] as Point[][][] };
    for (let s = 1; s <= SHEETS; s++) {
      const seeds = Array.from({ length: CELLS }, (_, k) => cellSeed(s, 2 * k));
      // As sampleGeometry: MAX_TRIES codes per cell, the first plausible one kept.
      const z = seeds.flatMap((seed) => noiseRows(Array.from({ length: MAX_TRIES }, (_, t) => trySeed(seed, t)), 1));
      const v = await decode(session, z);
      rows.draw.push(seeds.map((_, k) => add(pair.photo, v[k * MAX_TRIES]!)));
      rows.app.push(
        seeds.map((seed, k) => {
          const cell = firstPlausible(PAD * 3, PAD * 3, source, v.slice(k * MAX_TRIES, (k + 1) * MAX_TRIES), z.slice(k * MAX_TRIES, (k + 1) * MAX_TRIES), { offsets: base, head: cellHead(seed, 1) });
          return cell.target.map((p): Point => [p[0] - PAD, p[1] - PAD]);
        }),
      );
      rows.gaussian.push(seeds.map(() => add(pair.photo, gauss[g++]!)));
    }
    draw.push({ photo: pair.photo, caricature, sheets: rows.draw });
    app.push({ photo: pair.photo, caricature, sheets: rows.app });
    gaussian.push({ photo: pair.photo, caricature, sheets: rows.gaussian });
  }
  const photoToCaricature = mean(held.map((p) => mean(p.offsets.map((o) => Math.hypot(o[0], o[1])))));
  return { pairs: held.length, photoToCaricature, draw: summarise(draw), app: summarise(app), gaussian: summarise(gaussian) };
}

async function main(): Promise<void> {
  const data = {
    'face-api points': pairsOf(gitShow(BEFORE_REV, DATA)),
    'dlib points': pairsOf(readFileSync(LANDMARK_DATA)),
  };
  const models = {
    [`before (${BEFORE_REV}, trained on face-api points)`]: await ort.InferenceSession.create(gitShow(BEFORE_REV, MODEL)),
    'after (shipped, trained on dlib points)': await ort.InferenceSession.create(readFileSync(path.join(ROOT, MODEL))),
  };
  const f = (v: number) => v.toFixed(2);
  console.log('canonical px (eye centres 77 px apart), mean over 68 landmarks; nearest of 16 cells, 8 sheets × held-out pairs');
  console.log('model | landmarks | pairs | photo→caricature | draw: nearest→caricature / →photo | app cell: nearest→caricature / →photo | Gaussian draw: nearest→caricature');
  for (const [name, session] of Object.entries(models)) {
    for (const [label, pairs] of Object.entries(data)) {
      const r = await evaluate(session, pairs, pairs.filter((p) => !p.heldOut));
      console.log(`${name} | ${label} | ${r.pairs} | ${f(r.photoToCaricature)} | ${f(r.draw.nearestToCaricature)} / ${f(r.draw.nearestToPhoto)} | ${f(r.app.nearestToCaricature)} / ${f(r.app.nearestToPhoto)} | ${f(r.gaussian.nearestToCaricature)}`);
    }
  }
  // The head sizes the cells draw: 256 cells (16 sheets) per temperature.
  const artists = `${HEAD_SIZE.mean} ± ${HEAD_SIZE.sd} (q10 ${HEAD_SIZE.quantiles.q10}, q90 ${HEAD_SIZE.quantiles.q90}, ${HEAD_SIZE.pairs} pairs)`;
  console.log(`head size the AutoToon artists draw: ${artists}`);
  for (const t of [1, 2, 3]) {
    const heads = Array.from({ length: 16 * CELLS }, (_, i) => cellHead(cellSeed(1 + (i >> 4), 2 * (i & 15)), t));
    const m = mean(heads);
    const sd = Math.sqrt(mean(heads.map((h) => (h - m) ** 2)));
    const atOne = heads.filter((h) => h === 1).length / heads.length;
    console.log(`cells at temperature ${t}: head ${f(m)} ± ${sd.toFixed(3)}, max ${f(Math.max(...heads))}, ${(atOne * 100).toFixed(0)} % exactly 1 (clamped at the editor's minimum)`);
  }
}

await main();
