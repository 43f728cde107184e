/**
 * Calibrates the likeness meter. The meter measures the cosine of the face recognition net's
 * descriptors (electron/services/faces/descriptor.ts) of the sitter and the caricature; a raw
 * cosine reads 0.9 for nearly anything, because this net puts every face in a narrow cone. What a
 * cosine means is measured here on the photos we have:
 *
 * - strangers: every pair of different people — the faces of the six demo photos against each
 *   other, and the 85 AutoToon photos (one person each) against each other;
 * - caricatured: each AutoToon artist caricature against its own photo (the same person, drawn
 *   by an artist who kept the likeness);
 * - the editor's own exaggeration (k = 1.5, 2.5, 4) of every demo face, through the warp service.
 *
 * Output: common/likeness/calibration.json (numbers only), read by common/likeness/meter.ts.
 * Run: npx tsx build/train/likeness-calibration.ts   (the AutoToon part is skipped without the data)
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage, type RgbImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { detectFaces } from '../../electron/services/faces/detect.js';
import { cosineSimilarity, faceDescriptor } from '../../electron/services/faces/descriptor.js';
import { WarpService } from '../../electron/services/warp/service.js';
import { composeTarget } from '../../common/warp/compose.js';
import { writeFileAtomic } from '../../electron/services/settings/atomic.js';
import { isMain } from './is-main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AUTOTOON = path.resolve(ROOT, '../shared/data/autotoon');
const DEMO = path.join(ROOT, 'node_modules/@vladmandic/face-api/demo');
export const CALIBRATION = path.join(ROOT, 'common/likeness/calibration.json');

const round = (v: number) => Math.round(v * 1e4) / 1e4;

function quantiles(xs: number[]): { n: number; min: number; p05: number; median: number; p95: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (f: number) => round(s[Math.min(s.length - 1, Math.round(f * (s.length - 1)))]!);
  return { n: s.length, min: q(0), p05: q(0.05), median: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1) };
}

function pairwise(ds: Array<{ who: string; d: Float32Array }>): number[] {
  const out: number[] = [];
  for (let i = 0; i < ds.length; i++) for (let j = i + 1; j < ds.length; j++) if (ds[i]!.who !== ds[j]!.who) out.push(cosineSimilarity(ds[i]!.d, ds[j]!.d));
  return out;
}

export async function calibrateLikeness(): Promise<void> {
  const inference = new InferenceService();
  const warp = new WarpService(inference);
  const read = async (file: string): Promise<RgbImage> => decodeImage(await fs.readFile(file), path.basename(file));

  const demo: Array<{ who: string; d: Float32Array }> = [];
  const exaggerated: Record<string, number[]> = { '1.5': [], '2.5': [], '4': [] };
  for (let n = 1; n <= 6; n++) {
    const image = await read(path.join(DEMO, `sample${n}.jpg`));
    const { faces } = await detectFaces(inference, image, { detector: 'ssd' });
    for (const [i, f] of faces.entries()) {
      demo.push({ who: `demo${n}#${i}`, d: await faceDescriptor(inference, image, f.landmarks) });
      for (const k of Object.keys(exaggerated)) {
        const r = await warp.identity(image, f.landmarks, composeTarget(f.landmarks, { gains: { global: Number(k) } }));
        exaggerated[k]!.push(r.similarity);
      }
    }
  }
  const strangersDemo = pairwise(demo);

  let strangersAutotoon: number[] = [];
  const caricatured: number[] = [];
  if (existsSync(AUTOTOON)) {
    const ids = (await fs.readdir(path.join(AUTOTOON, 'photos'))).filter((f) => f.endsWith('.jpg')).sort();
    const photos: Array<{ who: string; d: Float32Array }> = [];
    for (const file of ids) {
      const photo = await read(path.join(AUTOTOON, 'photos', file));
      const cari = await read(path.join(AUTOTOON, 'caricatures', file));
      const fp = (await detectFaces(inference, photo, { detector: 'ssd' })).faces[0];
      const fc = (await detectFaces(inference, cari, { detector: 'ssd' })).faces[0];
      if (!fp) continue;
      const dp = await faceDescriptor(inference, photo, fp.landmarks);
      photos.push({ who: file, d: dp });
      if (fc) caricatured.push(cosineSimilarity(dp, await faceDescriptor(inference, cari, fc.landmarks)));
    }
    strangersAutotoon = pairwise(photos);
  } else {
    console.log(`likeness-calibration: ${AUTOTOON} is absent; strangers from the demo photos only.`);
  }
  await inference.dispose();

  const strangers = [...strangersDemo, ...strangersAutotoon];
  const file = {
    measure: 'cosine of face-recognition descriptors (face-api, dlib-aligned 150² crop), sitter vs other',
    provenance: {
      script: 'build/train/likeness-calibration.ts',
      data: 'face-api demo sample1–6.jpg (SSD detections); AutoToon photos and artist caricatures (Gong et al., WACV 2020), ../shared/data/autotoon',
    },
    strangers: quantiles(strangers),
    strangersDemo: quantiles(strangersDemo),
    strangersAutotoon: strangersAutotoon.length ? quantiles(strangersAutotoon) : null,
    artistCaricatureOfSamePerson: caricatured.length ? quantiles(caricatured) : null,
    editorExaggeration: Object.fromEntries(Object.entries(exaggerated).map(([k, v]) => [`k=${k}`, quantiles(v)])),
  };
  await fs.mkdir(path.dirname(CALIBRATION), { recursive: true });
  await writeFileAtomic(CALIBRATION, `${JSON.stringify(file, null, 2)}\n`);
  console.log(JSON.stringify(file, null, 2));
}

if (isMain(import.meta.url)) await calibrateLikeness();
