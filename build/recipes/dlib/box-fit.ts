/**
 * Recipe: electron/services/faces/dlib/box-map.json — where the 'precise' landmarks put dlib's
 * predictor (faces/dlib/boxes.ts), fitted against dlib's own C++ (HOG detector + predictor,
 * build/reference/dlib-landmarks.cpp) on the six demo photos (its committed output) and the 85
 * AutoToon photos (../shared/data, run here; needs the built .scratch/dlib-landmarks).
 *
 * - ssdToDlib: our SSD box → dlib's box, fitted (faces/dlib/boxes.ts fitSquareMapping) over the
 *   faces both detectors find (paired at IoU ≥ 0.3).
 * - shapeToDlib: bounding box of dlib's 68 points → the dlib box they came from, fitted over
 *   every dlib face.
 * - rerunIou: a box is poor when the box its own result implies overlaps it less than dlib's own
 *   boxes overlap the boxes their results imply on all but the worst 5 % of faces (dlib's boxes
 *   are coarse — its HOG pyramid steps sizes by 1.2× and positions by 8-px cells — so that
 *   overlap goes down to ~0.55; the lowest as threshold left most poor boxes alone: AutoToon
 *   'poorBoxes' NME 15.6 % → 14.8 % with it, → 10.4 % with the 5th percentile).
 * Then it measures, against dlib's points from dlib's boxes, the NME (mean point distance over the
 * outer-eye-corner distance, 300-W) of face-api's 68 points and of the precise pipeline (first run
 * only, and with the reruns for poor boxes and tilted faces) on the default detector's faces. In-sample: 3 + 3 + 1 numbers over
 * ~100 faces. Without the shared data or the C++ binary it says so and keeps the committed file.
 *
 * Run: npx tsx build/recipes/dlib/box-fit.ts
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../../electron/services/images/decode.js';
import { InferenceService } from '../../../electron/services/inference/service.js';
import { readManifest } from '../../../electron/services/inference/manifest.js';
import { detectFaces } from '../../../electron/services/faces/detect.js';
import { detectSsd, SSD_MODEL } from '../../../electron/services/faces/ssd.js';
import { boxIou } from '../../../electron/services/faces/nms.js';
import type { Box, Point } from '../../../common/geometry.js';
import { fitSquareMapping, fromDlibRect, judgeBox, mapToSquare, pointsBounds, toDlibRect, type DlibBoxMaps, type SquareMapping } from '../../../electron/services/faces/dlib/boxes.js';
import { loadShapeModel, DLIB_LANDMARKS_MODEL } from '../../../electron/services/faces/dlib/load.js';
import { preciseLandmarks } from '../../../electron/services/faces/dlib/precise.js';
import { predictShape } from '../../../electron/services/faces/dlib/predict.js';
import { writeFileAtomic } from '../../../electron/services/settings/atomic.js';
import { isMain } from '../../train/is-main.js';
import { landmarkGap } from '../faceapi/tiny-box-calibration.js';
import { AUTOTOON_PHOTOS, runDlib, type DlibReference } from '../../reference/run.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const OUT = path.join(ROOT, 'electron/services/faces/dlib/box-map.json');
const BINARY = path.join(ROOT, '.scratch/dlib-landmarks');
const PAIR_IOU = 0.3;

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
const r1 = (v: number) => Math.round(v * 10) / 10;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Each reference box's best partner among `found` at IoU ≥ minIou (greedy, reference order). */
function pairBoxes<T>(reference: Box[], found: T[], boxOf: (t: T) => Box, minIou = PAIR_IOU): Array<[number, T]> {
  const free = new Set(found);
  return reference.flatMap((r, i) => {
    let best: T | undefined;
    for (const f of free) if (boxIou(boxOf(f), r) >= minIou && (!best || boxIou(boxOf(f), r) > boxIou(boxOf(best), r))) best = f;
    if (best === undefined) return [];
    free.delete(best);
    return [[i, best] as [number, T]];
  });
}

interface Source {
  name: string;
  ref: DlibReference;
}

export async function buildDlibBoxMap(): Promise<void> {
  if (!existsSync(AUTOTOON_PHOTOS) || !existsSync(BINARY)) {
    console.log(`dlib-box-map: skipped, needs ${path.relative(ROOT, AUTOTOON_PHOTOS)} and ${path.relative(ROOT, BINARY)} (build line in build/reference/dlib-landmarks.cpp); the committed box-map.json stays.`);
    return;
  }
  const demo = JSON.parse(await fs.readFile(path.join(ROOT, 'build/reference/dlib-landmarks.demo.json'), 'utf8')) as DlibReference;
  demo.images = demo.images.filter((i) => !i.crop);
  const files = (await fs.readdir(AUTOTOON_PHOTOS)).filter((f) => f.endsWith('.jpg')).sort();
  const sources: Source[] = [
    { name: 'face-api demo', ref: demo },
    { name: 'autotoon/photos', ref: await runDlib(files.map((f) => path.join(AUTOTOON_PHOTOS, f))) },
  ];
  const inference = new InferenceService();
  const model = await loadShapeModel(inference.modelsDir);

  // Fits
  const ssdPairs: Array<{ from: Box; to: Box; file: string }> = [];
  const shapePairs: Array<{ from: Box; to: Box }> = [];
  const decoded = new Map<string, Awaited<ReturnType<typeof decodeImage>>>();
  for (const { ref } of sources) {
    for (const img of ref.images) {
      const image = await decodeImage(await fs.readFile(path.join(ROOT, img.file)), img.file);
      decoded.set(img.file, image);
      const dlibBoxes = img.faces.map((f) => fromDlibRect(f.rect));
      const ssd = (await detectSsd(inference, image)).detections;
      for (const [i, d] of pairBoxes(dlibBoxes, ssd, (d) => d.box)) ssdPairs.push({ from: d.box, to: dlibBoxes[i]!, file: img.file });
      img.faces.forEach((f, i) => shapePairs.push({ from: pointsBounds(f.points), to: dlibBoxes[i]! }));
    }
  }
  const round = (m: SquareMapping): SquareMapping => ({ dx: r4(m.dx), dy: r4(m.dy), k: r4(m.k) });
  const ssdToDlib = round(fitSquareMapping(ssdPairs));
  const shapeToDlib = round(fitSquareMapping(shapePairs));
  const ownIous = shapePairs.map((p) => boxIou(p.to, mapToSquare(p.from, shapeToDlib))).sort((a, b) => a - b);
  const rerunIou = r4(ownIous[Math.floor(0.05 * ownIous.length)]!);
  const maps: DlibBoxMaps = { ssdToDlib, shapeToDlib, rerunIou };

  // Evaluation on the default detector's faces
  const evaluation: Record<string, unknown> = {};
  for (const { name, ref } of sources) {
    const nme = { fast: [] as number[], preciseWithoutBoxRerun: [] as number[], precise: [] as number[] };
    let dlibFaces = 0;
    let reruns = 0;
    let missed = 0;
    for (const img of ref.images) {
      const image = decoded.get(img.file)!;
      // Boxes don't depend on the landmark model; the points of 'fast' are face-api's.
      const found = await detectFaces(inference, image, { landmarks: 'fast' });
      const dlibBoxes = img.faces.map((f) => fromDlibRect(f.rect));
      dlibFaces += dlibBoxes.length;
      const pairs = pairBoxes(dlibBoxes, found.faces, (f) => f.box);
      missed += dlibBoxes.length - pairs.length;
      for (const [i, face] of pairs) {
        const reference = img.faces[i]!.points as Point[];
        const p = preciseLandmarks(model, image, face.box, 'ssd', maps);
        const first = preciseLandmarks(model, image, face.box, 'ssd', { ...maps, rerunIou: 0 });
        nme.fast.push(landmarkGap(face.landmarks, reference).nme);
        nme.precise.push(landmarkGap(p.points, reference).nme);
        nme.preciseWithoutBoxRerun.push(landmarkGap(first.points, reference).nme);
        if (p.rerun) reruns++;
      }
    }
    // The rerun is for poor boxes, which good detections rarely give: measure it on dlib's own boxes
    // made poor on purpose (shifted by a quarter of their side, or grown or shrunk by a third).
    const perturbed = { firstRun: [] as number[], withRerun: [] as number[] };
    let perturbedReruns = 0;
    for (const img of ref.images) {
      const image = decoded.get(img.file)!;
      for (const f of img.faces) {
        const [x, y, w, h] = fromDlibRect(f.rect);
        const poorBoxes: Box[] = [
          [x + w / 4, y, w, h],
          [x, y - h / 4, w, h],
          [x - w / 6, y - h / 6, (4 * w) / 3, (4 * h) / 3],
          [x + w / 6, y + h / 6, (2 * w) / 3, (2 * h) / 3],
        ];
        for (const box of poorBoxes) {
          const first = predictShape(model, image, toDlibRect(box));
          const judged = judgeBox(box, first, maps);
          const final = judged.poor ? predictShape(model, image, toDlibRect(judged.implied)) : first;
          if (judged.poor) perturbedReruns++;
          perturbed.firstRun.push(landmarkGap(first, f.points as Point[]).nme);
          perturbed.withRerun.push(landmarkGap(final, f.points as Point[]).nme);
        }
      }
    }
    const stats = (xs: number[]) => ({ meanNme: r4(mean(xs)), worstNme: r4(Math.max(...xs)) });
    evaluation[name] = {
      dlibFaces,
      notFoundByDefaultDetector: missed,
      reruns,
      fastFaceApi: stats(nme.fast),
      preciseWithoutBoxRerun: stats(nme.preciseWithoutBoxRerun),
      precise: stats(nme.precise),
      poorBoxes: { boxes: perturbed.firstRun.length, reruns: perturbedReruns, firstRun: stats(perturbed.firstRun), withRerun: stats(perturbed.withRerun) },
    };
  }
  await inference.dispose();
  const manifest = await readManifest(inference.modelsDir);
  const sha = (n: string) => manifest.models.find((m) => m.name === n)?.sha256 ?? 'unknown';
  const file = {
    ssdToDlib,
    shapeToDlib,
    rerunIou,
    meaning:
      "Boxes [x, y, w, h] mapped to squares as faces/dlib/boxes.ts mapToSquare does (centre moved by (dx, dy)·√(w·h), side k·√(w·h)). ssdToDlib: SSD box → dlib HOG detector box. shapeToDlib: bounding box of dlib's 68 points → the dlib box they came from. rerunIou: the 5th percentile of IoU(dlib box, shapeToDlib of its own points) over dlib's faces; a mapped box whose result implies a box overlapping it less is predicted again from that box.",
    evaluation: {
      reference: "dlib C++ 19.24 points from dlib's own HOG boxes (build/reference/dlib-landmarks.cpp)",
      metric: 'NME: mean point distance / outer-eye-corner distance (points 36, 45) of the reference, per face; faces of the default detector (auto) paired with dlib faces at IoU ≥ 0.3',
      ...evaluation,
    },
    data: {
      ssdPairs: ssdPairs.map((p) => ({ file: p.file, ssd: p.from.map(r1), dlib: p.to.map(r1) })),
      ownIouPercentiles: { min: r4(ownIous[0]!), p5: r4(ownIous[Math.floor(0.05 * ownIous.length)]!), median: r4(ownIous[Math.floor(ownIous.length / 2)]!) },
    },
    provenance: {
      recipe: 'build/recipes/dlib/box-fit.ts',
      sources: Object.fromEntries(sources.map(({ name, ref }) => [name, { images: ref.images.length, dlibFaces: ref.images.reduce((a, i) => a + i.faces.length, 0) }])),
      models: { [SSD_MODEL]: sha(SSD_MODEL), [DLIB_LANDMARKS_MODEL]: sha(DLIB_LANDMARKS_MODEL) },
      date: new Date().toISOString().slice(0, 10),
      licence: 'AutoToon photos: CC BY 2.0 / CC BY-SA 2.0 / public domain (see ImageMetadata.csv); only these numbers are stored.',
    },
  };
  await writeFileAtomic(OUT, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`dlib-box-map: ${ssdPairs.length} SSD/dlib pairs → ${JSON.stringify(ssdToDlib)}; shape → ${JSON.stringify(shapeToDlib)}; rerun below IoU ${rerunIou}`);
  console.log(JSON.stringify(file.evaluation, null, 1));
}

if (isMain(import.meta.url)) await buildDlibBoxMap();
