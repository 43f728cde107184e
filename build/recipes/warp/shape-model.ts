/**
 * Recipe: common/warp/shape-model.json — the point-distribution model (PCA of 68-point
 * shapes) that exaggeration uses to keep pose and expression out of "the difference from the
 * mean" (common/warp/shape-model.ts, common/warp/exaggerate.ts).
 *
 * Shapes: the 85 AutoToon photos and their 85 artist caricatures (photo landmarks and the
 * artist's offsets from build/train/data/autotoon-landmarks.json, already in the photos'
 * canonical frame), and every face the app's default detector finds in face-api's six demo
 * photos; each also mirrored (iBUG-68 partner swap, x ↦ 256 − x). Generalised Procrustes
 * (similarity) alignment to the mean, then PCA (Jacobi eigen-decomposition of the 136×136
 * covariance). The modes held out of exaggeration are picked by measurement, not by eye: per
 * factor, the modes whose scores correlate best (|r|) over all shapes with a geometric measure of
 * it, as many as explain 90 % of its variance — yaw: nose bridge and tip left/right of the
 * outline's midline over the outline width; pitch: eyes-to-nose-tip over eyes-to-chin height;
 * mouth opening: inner-lip gap over the same height. With one mode per factor, a lowered head's
 * short philtrum was still exaggerated (area ratio 4.4 at the mouth of sample2's three-quarter
 * face at k = 3). The modes, R² and every correlation are in the JSON.
 *
 * The model is fitted on the precise (dlib) points, the app's default. The fast (face-api) points
 * of the same faces sit differently (jaw line, brows and lids by ~3 canonical px on average), and
 * exaggerating them about the precise mean would exaggerate that difference too, (k − 1)-fold. So
 * the fast points get their own mean: the precise mean plus the mean difference of the two models'
 * points on the same faces (the demo faces, both found from the same boxes, Procrustes-aligned to
 * the mean, mirrored), `fastMean` in the JSON.
 *
 * Run: npx tsx build/recipes/warp/shape-model.ts   (the demo photos ship with node_modules; the
 * AutoToon numbers are committed, so this runs without ../shared/data)
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../../electron/services/images/decode.js';
import { InferenceService } from '../../../electron/services/inference/service.js';
import { FaceService } from '../../../electron/services/faces/service.js';
import { applyAffine } from '../../../common/face68/align.js';
import { writeFileAtomic } from '../../../electron/services/settings/atomic.js';
import { MIRROR } from '../../../common/face68/regions.js';
import { applySimilarity, fitSimilarity, type ShapeModelFile } from '../../../common/warp/shape-model.js';
import { faceFrame } from '../../../common/warp/compose.js';
import type { Point } from '../../../common/geometry.js';
import { readLandmarkData } from '../../train/landmark-data.js';
import { DEMO_DIR, listJpegs } from './mean-face.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const OUT = path.join(ROOT, 'common/warp/shape-model.json');
const KEEP_MODES = 16;
/** How much of each pose/expression measure the held-out modes must explain. */
const HELD_R2 = 0.9;

const mirror = (s: readonly Point[]): Point[] => MIRROR.map((j): Point => [256 - s[j]![0], s[j]![1]]);

function meanOf(shapes: readonly Point[][]): Point[] {
  return shapes[0]!.map((_, i) => [shapes.reduce((s, q) => s + q[i]![0], 0) / shapes.length, shapes.reduce((s, q) => s + q[i]![1], 0) / shapes.length]);
}

/** Generalised Procrustes: align every shape to the running mean until it settles; the mean keeps the canonical frame's pose and size. */
function procrustes(shapes: readonly Point[][]): { aligned: Point[][]; mean: Point[] } {
  let mean = meanOf(shapes as Point[][]);
  let aligned = shapes.map((s) => s.map((p): Point => [p[0], p[1]]));
  for (let it = 0; it < 10; it++) {
    aligned = shapes.map((s) => {
      const t = fitSimilarity(s, mean);
      return s.map((p) => applySimilarity(t, p));
    });
    const next = meanOf(aligned);
    // Re-anchor the new mean to the first one (size, rotation), so it cannot drift or shrink.
    const back = fitSimilarity(next, mean);
    mean = next.map((p) => applySimilarity(back, p));
  }
  return { aligned, mean };
}

/** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: values and unit vectors (columns of v). */
function jacobiEigen(a: Float64Array, n: number): { values: number[]; vectors: Float64Array } {
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Array.from({ length: n }, (_, i) => a[i * n + i]!), vectors: v };
}

/** Geometric measures of pose and expression on an aligned shape. */
export function poseMeasures(s: readonly Point[]): { yaw: number; pitch: number; mouth: number } {
  const mid = (s[0]![0] + s[16]![0]) / 2;
  const width = Math.hypot(s[16]![0] - s[0]![0], s[16]![1] - s[0]![1]);
  const nose = [27, 28, 29, 30, 33].reduce((a, i) => a + s[i]![0], 0) / 5;
  const eyesY = (s[36]![1] + s[39]![1] + s[42]![1] + s[45]![1]) / 4;
  const height = s[8]![1] - eyesY;
  return { yaw: (nose - mid) / width, pitch: (s[33]![1] - eyesY) / height, mouth: (s[66]![1] - s[62]![1]) / height };
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

export async function buildShapeModel(): Promise<void> {
  const data = await readLandmarkData();
  const photos = data.pairs.map((p) => p.photo);
  const caricatures = data.pairs.map((p) => p.photo.map((q, i): Point => [q[0] + p.offsets[i]![0], q[1] + p.offsets[i]![1]]));
  const inference = new InferenceService();
  const faces = new FaceService(inference, 'auto', 'precise');
  const fastFaces = new FaceService(inference, 'auto', 'fast');
  const demo: Point[][] = [];
  /** [precise, fast] points of the same face, each in its own canonical frame. */
  const twins: Array<[Point[], Point[]]> = [];
  const canonical = (pts: Point[]) => {
    const fwd = faceFrame(pts);
    return pts.map((p) => applyAffine(fwd, p));
  };
  for (const file of (await listJpegs(DEMO_DIR)).filter((f) => /sample\d\.jpg$/.test(f))) {
    const image = await decodeImage(await fs.readFile(file), file);
    const det = await faces.detect(image);
    if (det.landmarks !== 'precise') throw new Error("shape-model: the precise landmark model is not built; run 'npm run -s models -- dlib' first.");
    const fast = await fastFaces.detect(image);
    for (const f of det.faces) {
      demo.push(canonical(f.landmarks));
      // Same detector, same boxes: the fast face is the one with this box.
      const twin = fast.faces.find((g) => g.box.every((v, i) => Math.abs(v - f.box[i]!) < 1e-6));
      if (twin) twins.push([canonical(f.landmarks), canonical(twin.landmarks)]);
    }
  }
  await inference.dispose();
  const all = [...photos, ...caricatures, ...demo];
  const shapes = [...all, ...all.map(mirror)];
  const { aligned, mean } = procrustes(shapes);
  const n = 136;
  const cov = new Float64Array(n * n);
  const rows = aligned.map((s) => s.flatMap((p, i) => [p[0] - mean[i]![0], p[1] - mean[i]![1]]));
  for (const r of rows) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) cov[i * n + j]! += (r[i]! * r[j]!) / (rows.length - 1);
  const { values, vectors } = jacobiEigen(cov, n);
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0]).slice(0, KEEP_MODES);
  const total = values.reduce((s, v) => s + Math.max(0, v), 0);
  const modes = order.map(([variance, col]) => {
    const vec = Array.from({ length: n }, (_, k) => vectors[k * n + col]!);
    // Sign convention: the largest component positive, so rebuilds agree.
    const big = vec.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
    return { variance, vector: vec.map((v) => (big < 0 ? -v : v)) };
  });
  const score = (r: number[], m: number[]) => r.reduce((s, v, k) => s + v * m[k]!, 0);
  const measures = aligned.map(poseMeasures);
  const heldOut = Object.fromEntries(
    (['yaw', 'pitch', 'mouth'] as const).map((key) => {
      const target = measures.map((m) => m[key]);
      const rs = modes.map((m) => correlation(rows.map((r) => score(r, m.vector)), target));
      // PCA scores are uncorrelated, so the R² of the measure on several modes is the sum of
      // their r²: take modes by |r| until the measure is explained to HELD_R2.
      const ranked = rs.map((r, i) => [r, i] as const).sort((x, y) => Math.abs(y[0]) - Math.abs(x[0]));
      const picked: Array<readonly [number, number]> = [];
      for (const e of ranked) {
        if (picked.reduce((a, [r]) => a + r * r, 0) >= HELD_R2) break;
        picked.push(e);
      }
      const r3 = (v: number) => Math.round(v * 1000) / 1000;
      return [key, { modes: picked.map(([, i]) => i), r2: r3(picked.reduce((a, [r]) => a + r * r, 0)), correlations: rs.map(r3) }];
    }),
  ) as ShapeModelFile['heldOut'];
  const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
  const toMean = (s: readonly Point[]) => {
    const t = fitSimilarity(s, mean);
    return s.map((p) => applySimilarity(t, p));
  };
  const pairs = [...twins, ...twins.map(([p, f]): [Point[], Point[]] => [mirror(p), mirror(f)])].map(([p, f]) => [toMean(p), toMean(f)] as const);
  const fastMean = mean.map(([x, y], i): Point => [
    x + pairs.reduce((a, [p, f]) => a + f[i]![0] - p[i]![0], 0) / pairs.length,
    y + pairs.reduce((a, [p, f]) => a + f[i]![1] - p[i]![1], 0) / pairs.length,
  ]);
  const apart = r4(fastMean.reduce((a, p, i) => a + Math.hypot(p[0] - mean[i]![0], p[1] - mean[i]![1]), 0) / mean.length);
  const explained = r4(order.reduce((s, [v]) => s + v, 0) / total);
  const file: ShapeModelFile = {
    frame: 'canonical 256×256 (eye centres at (89.6, 97.28) and (166.4, 97.28)), Procrustes-aligned to the mean',
    mean: mean.map(([x, y]) => [r4(x), r4(y)]),
    fastMean: fastMean.map(([x, y]) => [r4(x), r4(y)]),
    modes: modes.map((m) => ({ variance: r4(m.variance), vector: m.vector.map((v) => Math.round(v * 1e5) / 1e5) })),
    heldOut,
    provenance: {
      recipe: 'build/recipes/warp/shape-model.ts',
      shapes: { autotoonPhotos: photos.length, autotoonCaricatures: caricatures.length, demoFaces: demo.length, mirrored: true, total: shapes.length },
      autotoon: 'build/train/data/autotoon-landmarks.json (AutoToon, Gong et al. WACV 2020; derived numbers only)',
      detector: "the app's default (FaceService 'auto', precise landmarks) on face-api's demo sample1…6",
      fastMean: { landmarks: "face-api's 68-point net ('fast') on the same boxes", faces: twins.length, mirrored: true, meanDistancePx: apart },
      variance: { keptModes: KEEP_MODES, explained },
      licence: 'numbers derived from CC BY / CC BY-SA / public-domain photos (AutoToon ImageMetadata.csv) and face-api demo images (MIT)',
    },
  };
  await writeFileAtomic(OUT, `${JSON.stringify(file)}\n`);
  const summary = Object.entries(heldOut).map(([k, v]) => `${k}: modes ${v.modes.join(', ')} (R² ${v.r2})`).join('; ');
  console.log(`shape-model: ${shapes.length} shapes, ${KEEP_MODES} modes (${(100 * explained).toFixed(1)} % of the variance); held out ${summary}; fast mean ${apart} px from the precise one (${twins.length} faces)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildShapeModel();
