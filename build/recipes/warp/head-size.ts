/**
 * Recipe: electron/services/apmm/head-size.json — how much the AutoToon artists enlarge the head,
 * the spread the variation grid samples its head-size dimension from (apmm/head-size.ts).
 *
 * Per pair (../shared/data/autotoon: photo, caricature, warp32 backward flow): the project's
 * detector (SSD and the precise landmarks pinned, as for the landmark data) finds the photo's 68 landmarks; the head
 * region's outline the head layer uses (warp/head.ts headOutline: skull and hair ellipse, ears,
 * neck top) is pushed through the artist's flow (build/train/flow.ts, the convention the landmark
 * data established: × size/4, caricature(q) = photo(q + d), channel 0 = x); the head scale is the
 * least-squares similarity's scale from the outline to its pushed copy — the whole head, crown
 * and hair included, which the face's own landmarks cannot see. Only the statistics are stored.
 *
 * Run: npx tsx build/recipes/warp/head-size.ts   (skips without ../shared/data)
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../../electron/services/images/decode.js';
import { InferenceService } from '../../../electron/services/inference/service.js';
import { detectFaces } from '../../../electron/services/faces/detect.js';
import { requirePrecise } from '../dlib/recipe.js';
import { writeFileAtomic } from '../../../electron/services/settings/atomic.js';
import { headOutline } from '../../../electron/services/warp/head.js';
import { fitSimilarity } from '../../../common/warp/shape-model.js';
import type { HeadSizeFile } from '../../../electron/services/apmm/head-size.js';
import { readNpyF32 } from '../../train/npy.js';
import { pushThroughFlow } from '../../train/flow.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const AUTOTOON = path.resolve(ROOT, '../shared/data/autotoon');
const OUT = path.join(ROOT, 'electron/services/apmm/head-size.json');

export async function buildHeadSize(): Promise<void> {
  if (!existsSync(AUTOTOON)) {
    console.log(`head-size: skipped, ${AUTOTOON} is absent (the committed ${path.relative(ROOT, OUT)} stays).`);
    return;
  }
  const ids = (await fs.readdir(path.join(AUTOTOON, 'photos'))).filter((f) => f.endsWith('.jpg')).map((f) => f.slice(0, -4)).sort();
  const inference = new InferenceService();
  const scales: number[] = [];
  for (const id of ids) {
    const photo = await decodeImage(await fs.readFile(path.join(AUTOTOON, 'photos', `${id}.jpg`)), id);
    // SSD, the precise landmarks and the mapped box (no local HOG look) pinned, as for the mean face and the landmark data.
    const face = requirePrecise(await detectFaces(inference, photo, { detector: 'ssd', landmarks: 'precise', localHog: false })).faces[0];
    if (!face) continue;
    const npy = readNpyF32(await fs.readFile(path.join(AUTOTOON, 'warp32', `${id}.npy`)));
    const n = npy.shape[1]!;
    const outline = headOutline(face.landmarks);
    const pushed = outline.map((p) => pushThroughFlow(npy.data, n, photo.width, photo.height, p, { scale: 0.25 * photo.width, sign: 1, swap: false }));
    const s = fitSimilarity(outline, pushed);
    scales.push(Math.hypot(s.a, s.b));
  }
  await inference.dispose();
  const sorted = [...scales].sort((a, b) => a - b);
  const mean = scales.reduce((a, b) => a + b, 0) / scales.length;
  const sd = Math.sqrt(scales.reduce((a, b) => a + (b - mean) ** 2, 0) / (scales.length - 1));
  const q = (f: number) => sorted[Math.round(f * (sorted.length - 1))]!;
  const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
  const file: HeadSizeFile = {
    what: 'head scale drawn by the AutoToon artists: similarity scale from the head region outline (warp/head.ts) to its image under the artist warp',
    pairs: scales.length,
    mean: r4(mean),
    sd: r4(sd),
    quantiles: { min: r4(sorted[0]!), q10: r4(q(0.1)), median: r4(q(0.5)), q90: r4(q(0.9)), max: r4(sorted.at(-1)!) },
    provenance: {
      recipe: 'build/recipes/warp/head-size.ts',
      data: 'AutoToon (Gong, Hold-Geoffroy, Lu, WACV 2020), 85 photo/caricature pairs at 512² with warp32 flows, ../shared/data/autotoon; CC BY 2.0 / CC BY-SA 2.0 / public domain photos, only these statistics stored',
      flowConvention: '× size/4, caricature(q) = photo(q + d), channel 0 = x (build/train/data/autotoon-landmarks.json)',
      detector: 'face-detector-ssd + dlib-landmarks68, the precise landmarks (native-models/manifest.json)',
    },
  };
  await writeFileAtomic(OUT, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`head-size: ${scales.length} pairs, head scale mean ${file.mean}, sd ${file.sd}, ${JSON.stringify(file.quantiles)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildHeadSize();
