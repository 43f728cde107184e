/**
 * Landmark training data for the APMM landmark networks, from the 85 AutoToon photo/caricature
 * pairs in ../shared/data/autotoon (artist warps: geometry only, no restyling).
 *
 * For each pair: the project's own detector and precise (dlib) landmarks find the 68 photo landmarks; they are pushed
 * through the artist's warp field (flow.ts) to get the caricature landmarks. The flow's unit
 * convention is not guessed: every candidate is scored against landmarks DETECTED on the
 * caricatures and the best one is used (its error and the runner-up's are recorded). Both shapes
 * go to the photo's canonical frame (common/face68/align.ts), and we store the artist's exaggeration as
 * offsets (caricature − photo) there. A fixed held-out split (every 6th id, 15 pairs) is written
 * with the numbers. Output: build/train/data/autotoon-landmarks.json (numbers only, no images).
 *
 * Run: npx tsx build/train/autotoon-landmarks.ts   (skips with a message without the data)
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { readManifest } from '../../electron/services/inference/manifest.js';
import { detectFaces } from '../../electron/services/faces/detect.js';
import { applyAffine, type Affine } from '../../common/face68/align.js';
import { DLIB_LANDMARKS_MODEL } from '../../electron/services/faces/dlib/load.js';
import { requirePrecise } from '../recipes/dlib/recipe.js';
import { SSD_MODEL } from '../../electron/services/faces/ssd.js';
import type { Point } from '../../common/geometry.js';
import { writeFileAtomic } from '../../electron/services/settings/atomic.js';
import { readNpyF32 } from './npy.js';
import { pushThroughFlow, type FlowConvention } from './flow.js';
import { LANDMARK_DATA, type LandmarkDataFile } from './landmark-data.js';
import { isMain } from './is-main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AUTOTOON = path.resolve(ROOT, '../shared/data/autotoon');
/** Every 6th pair (ids sorted) is held out: 14–15 of 85, spread over the whole set. */
const HOLD_OUT_EVERY = 6;

function meanDist(a: readonly Point[], b: readonly Point[]): number {
  return a.reduce((s, p, i) => s + Math.hypot(p[0] - b[i]![0], p[1] - b[i]![1]), 0) / a.length;
}

const round = (v: number) => Math.round(v * 1e3) / 1e3;

export async function buildAutotoonLandmarks(): Promise<void> {
  if (!existsSync(AUTOTOON)) {
    console.log(`autotoon-landmarks: skipped, ${AUTOTOON} is absent (the committed ${path.relative(ROOT, LANDMARK_DATA)} stays).`);
    return;
  }
  const ids = (await fs.readdir(path.join(AUTOTOON, 'photos'))).filter((f) => f.endsWith('.jpg')).map((f) => f.slice(0, -4)).sort();
  const inference = new InferenceService();
  type Raw = { id: string; w: number; h: number; photo: Point[]; detected: Point[]; canonical: Affine; field: Float32Array; n: number };
  const raws: Raw[] = [];
  const skipped: string[] = [];
  for (const id of ids) {
    const read = async (dir: string) => decodeImage(await fs.readFile(path.join(AUTOTOON, dir, `${id}.jpg`)), id);
    const photo = await read('photos');
    const cari = await read('caricatures');
    // SSD and the precise landmarks pinned: the provenance names them, and the committed numbers stay reproducible;
    // so is the mapped box (no local HOG look, detectFaces's default since), as for the mean face.
    const opts = { detector: 'ssd', landmarks: 'precise', localHog: false } as const;
    const [dp, dc] = [requirePrecise(await detectFaces(inference, photo, opts)), requirePrecise(await detectFaces(inference, cari, opts))];
    const fp = dp.faces[0];
    const fc = dc.faces[0];
    if (!fp || !fc) {
      skipped.push(id);
      continue;
    }
    const npy = readNpyF32(await fs.readFile(path.join(AUTOTOON, 'warp32', `${id}.npy`)));
    const n = npy.shape[1]!;
    raws.push({ id, w: photo.width, h: photo.height, photo: fp.landmarks, detected: fc.landmarks, canonical: fp.canonical, field: npy.data, n });
  }
  await inference.dispose();

  // Score each candidate convention by the mean distance (px) between pushed and detected caricature landmarks.
  const candidates: Array<{ label: string; c: FlowConvention | null }> = [{ label: 'no warp (photo landmarks as is)', c: null }];
  // Scales in multiples of the image side; the README says "× size", grid_sample's units would be
  // size/2, and on this data size/4 fits best (recorded below) — hence the sweep.
  for (const k of [1 / 8, 1 / 4, 3 / 8, 1 / 2, 1]) {
    const unit = `× size·${k}`;
    for (const sign of [1, -1] as const) {
      for (const swap of [false, true]) {
        candidates.push({ label: `${unit}, ${sign > 0 ? 'q + d' : 'q − d'}, channel 0 = ${swap ? 'y' : 'x'}`, c: { scale: k, sign, swap } });
      }
    }
  }
  const push = (r: Raw, c: FlowConvention | null) => (c ? r.photo.map((p) => pushThroughFlow(r.field, r.n, r.w, r.h, p, { ...c, scale: c.scale * r.w })) : r.photo);
  const scores = candidates.map(({ label, c }) => ({ label, c, error: raws.reduce((s, r) => s + meanDist(push(r, c), r.detected), 0) / raws.length }));
  scores.sort((a, b) => a.error - b.error);
  for (const s of scores) console.log(`  ${s.error.toFixed(2)} px  ${s.label}`);
  const best = scores[0]!;
  if (!best.c) throw new Error('no flow convention beats the unwarped landmarks; the warp data is not what we think it is');

  const pairs = raws.map((r, i) => {
    const cari = push(r, best.c);
    const toCanon = (pts: Point[]) => pts.map((p) => applyAffine(r.canonical, p));
    const cp = toCanon(r.photo);
    const cc = toCanon(cari);
    return {
      id: r.id,
      heldOut: i % HOLD_OUT_EVERY === HOLD_OUT_EVERY - 1,
      photo: cp.map(([x, y]): Point => [round(x), round(y)]),
      offsets: cc.map((q, j): Point => [round(q[0] - cp[j]![0]), round(q[1] - cp[j]![1])]),
      detectionErrorPx: round(meanDist(cari, r.detected)),
    };
  });
  const manifest = await readManifest(inference.modelsDir);
  const sha = (name: string) => manifest.models.find((m) => m.name === name)?.sha256 ?? 'unknown';
  const file: LandmarkDataFile = {
    frame: 'canonical 256×256 of each PHOTO (faces/align.ts); offsets = artist caricature − photo, canonical px',
    provenance: {
      script: 'build/train/autotoon-landmarks.ts',
      data: 'AutoToon (Gong, Hold-Geoffroy, Lu, WACV 2020), 85 pairs at 512², ../shared/data/autotoon; photos CC BY 2.0 / CC BY-SA 2.0 / public domain, only derived numbers stored',
      detector: { [SSD_MODEL]: sha(SSD_MODEL), [DLIB_LANDMARKS_MODEL]: sha(DLIB_LANDMARKS_MODEL) },
      flowConvention: best.label,
      conventionErrorsPx: Object.fromEntries(scores.map((s) => [s.label, round(s.error)])),
      skipped,
      holdOut: `every ${HOLD_OUT_EVERY}th pair in id order`,
    },
    pairs,
  };
  await writeFileAtomic(LANDMARK_DATA, `${JSON.stringify(file)}\n`);
  console.log(`autotoon-landmarks: ${pairs.length} pairs (${pairs.filter((p) => p.heldOut).length} held out), ${skipped.length} skipped, convention "${best.label}" at ${best.error.toFixed(2)} px`);
}

if (isMain(import.meta.url)) await buildAutotoonLandmarks();
