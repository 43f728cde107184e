/**
 * Recipe: common/face68/mean-face.json — the mean face shape in the canonical 256×256
 * frame, the reference that exaggeration scales differences from (DESIGN §4).
 *
 * Landmarks come from the project's own detector and default landmarks (native-models/
 * face-detector-ssd + dlib-landmarks68, the 'precise' points the app runs) on the 85 aligned AutoToon photos in
 * ../shared/data/autotoon/photos and face-api's 6 demo photos; each face (the largest per photo)
 * is mapped to the canonical frame by its eye centres and the 68 points are averaged. Without
 * the shared data the recipe says so and leaves the committed numbers alone.
 *
 * Run: npx tsx build/recipes/warp/mean-face.ts
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../../electron/services/images/decode.js';
import { InferenceService } from '../../../electron/services/inference/service.js';
import { readManifest } from '../../../electron/services/inference/manifest.js';
import { detectFaces } from '../../../electron/services/faces/detect.js';
import { applyAffine } from '../../../common/face68/align.js';
import { DLIB_LANDMARKS_MODEL } from '../../../electron/services/faces/dlib/load.js';
import { requirePrecise } from '../dlib/recipe.js';
import { SSD_MODEL } from '../../../electron/services/faces/ssd.js';
import { writeFileAtomic } from '../../../electron/services/settings/atomic.js';
import type { MeanFaceFile } from '../../../common/face68/mean-face.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const AUTOTOON_PHOTOS = path.resolve(ROOT, '../shared/data/autotoon/photos');
export const DEMO_DIR = path.join(ROOT, 'node_modules/@vladmandic/face-api/demo');
const OUT = path.join(ROOT, 'common/face68/mean-face.json');

export async function listJpegs(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).filter((f) => /\.jpe?g$/i.test(f)).sort().map((f) => path.join(dir, f));
}

export async function buildMeanFace(): Promise<void> {
  if (!existsSync(AUTOTOON_PHOTOS)) {
    console.log(`mean-face: skipped, ${AUTOTOON_PHOTOS} is absent (the committed mean-face.json stays).`);
    return;
  }
  const inference = new InferenceService();
  const sources = [
    { name: 'autotoon/photos', files: await listJpegs(AUTOTOON_PHOTOS) },
    { name: 'face-api demo', files: (await listJpegs(DEMO_DIR)).filter((f) => /sample\d\.jpg$/.test(f)) },
  ];
  const sum = Array.from({ length: 68 }, (): [number, number] => [0, 0]);
  const counts: Record<string, { photos: number; faces: number }> = {};
  let n = 0;
  for (const { name, files } of sources) {
    counts[name] = { photos: files.length, faces: 0 };
    for (const file of files) {
      // SSD and the precise landmarks pinned: the provenance names them, and the committed numbers stay reproducible.
      // So is the mapped box (no local HOG look, detectFaces's default since): with the look this mean face
      // moves by 0.15 canonical px on average, 0.63 at most (jaw point 16); rebuilding it is a change of its own.
      const det = requirePrecise(await detectFaces(inference, await decodeImage(await fs.readFile(file), file), { detector: 'ssd', landmarks: 'precise', localHog: false }));
      const face = det.faces[0];
      if (!face) {
        console.log(`mean-face: no face in ${path.basename(file)}, skipped`);
        continue;
      }
      face.landmarks.forEach((p, i) => {
        const q = applyAffine(face.canonical, p);
        sum[i]![0] += q[0];
        sum[i]![1] += q[1];
      });
      counts[name]!.faces++;
      n++;
    }
  }
  await inference.dispose();
  const manifest = await readManifest(inference.modelsDir);
  const sha = (name: string) => manifest.models.find((m) => m.name === name)?.sha256 ?? 'unknown';
  // Four decimals (1/10000 of a canonical pixel) keep the file short and rebuilds diff-stable.
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const file: MeanFaceFile = {
    frame: 'canonical 256×256, eye centres at (89.6, 97.28) and (166.4, 97.28)',
    landmarks: sum.map(([x, y]) => [round(x / n), round(y / n)]),
    provenance: {
      recipe: 'build/recipes/warp/mean-face.ts',
      faces: n,
      sources: counts,
      detector: { [SSD_MODEL]: sha(SSD_MODEL), [DLIB_LANDMARKS_MODEL]: sha(DLIB_LANDMARKS_MODEL) },
      date: new Date().toISOString().slice(0, 10),
      licence: 'AutoToon photos: CC BY 2.0 / CC BY-SA 2.0 / public domain (see ImageMetadata.csv); only this average is stored.',
    },
  };
  // One landmark per line, so a rebuild's diff shows which points moved.
  const text = JSON.stringify(file, null, 2).replace(/\[\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]/g, '[$1, $2]');
  await writeFileAtomic(OUT, `${text}\n`);
  console.log(`mean-face: ${n} faces → ${path.relative(ROOT, OUT)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildMeanFace();
