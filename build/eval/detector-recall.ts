/**
 * Misses and false faces of each face detector on every photo at hand (not a test: a
 * measurement; `nice npx tsx build/eval/detector-recall.ts [demo|autotoon|all]`):
 * - sets: the six demo photos and the AutoToon photos (../shared/data/autotoon/photos, skipped
 *   when absent), each as is and in the hard versions of tests/photo-variants.ts (grey, faded,
 *   overexposed, small);
 * - detectors: face-api's tiny and SSD at their defaults, the cascade as it was ('cascade'),
 *   'auto' with the rescue pass (faces/rescue.ts), 'hog' (dlib's HOG detector ported, faces/hog/,
 *   at its working size), and dlib's C++ HOG detector (full size) when its
 *   detection program is built (build/reference/dlib-detect.cpp, into .scratch/);
 * - truth: build/eval/detector-truth.json (how it was made is written inside), moved into each
 *   variant by variantBox. A detection matches a truth face at box IoU ≥ MATCH_IOU (dlib's square
 *   boxes frame a face tighter than SSD's), one to one; a truth face unmatched is a miss, a
 *   detection unmatched a false face.
 *
 * Measured 2026-12-07 (misses/false faces; 'cascade' is 'auto' before the rescue pass; 'hog' the
 * port at the app's 1280-px working size, 'dlib C++' at full size; AutoToon's tiny, ssd, cascade
 * and dlib C++ columns from the run before the HOG pass, whose code they share):
 *   set [faces]               tiny     ssd  cascade    auto     hog  dlib C++
 *   demo original [22]         3/1     0/0      0/0     0/0     3/0     3/1
 *   demo grey [22]             5/1     2/0      1/0     0/0     3/0     3/0
 *   demo faded [22]           14/0    10/0     12/0     0/0     3/0     3/0
 *   demo overexposed [22]     11/0     8/1      8/1     1/0     4/0     4/1
 *   demo small [22]           22/0     8/0      8/0     0/0    22/0     6/0
 *   autotoon original [85]     2/0     0/0      0/0     0/0     0/0     0/0
 *   autotoon grey [85]         1/0     0/0      0/0     0/0     0/0     0/0
 *   autotoon faded [85]       13/0    49/0     17/0     0/0     0/0     0/0
 *   autotoon overexposed [85] 13/0    12/0     10/0     0/0     1/0     1/0
 *   autotoon small [85]        0/0     0/0      0/0     0/0    43/0    43/0
 * 'auto' before the HOG pass (rescue.ts addHogFaces): demo overexposed 7/1, AutoToon faded 4/0,
 * overexposed 9/0; the HOG pass added no false face. 'auto' before the faint candidates, the
 * fill-aware tone stats and the two-view second look (rescue.ts faintCandidate, secondLook,
 * tone.ts): demo overexposed 3/1, small 1/0, AutoToon overexposed 1/0 (the 'auto' column is
 * with them, all 85 AutoToon photos). The one demo face left is sample2's profile in strong
 * light, blown white on a blown background.
 * The second look's threshold (rescue.ts lookScore 0.1): over the demo variants' merged
 * candidates, the 5 that matched no face scored ≤ 0.06 on it, real faces SSD itself scored
 * 0.35–0.55 scored 0.115–0.15 (at 0.2 demo grey kept 1 miss, faded 2, small 3).
 * `--truth` rewrites the truth file from SSD's and dlib's faces on the original photos;
 * `--every N` takes every Nth photo of a set (AutoToon's 85 × 5 images take hours on a loaded
 * machine); `--detectors auto,hog` runs only those columns.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage, type RgbImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { detectSsd } from '../../electron/services/faces/ssd.js';
import { detectTiny } from '../../electron/services/faces/tiny.js';
import { detectAuto, detectCascade } from '../../electron/services/faces/cascade.js';
import { boxIou } from '../../electron/services/faces/nms.js';
import { fromDlibRect } from '../../electron/services/faces/dlib/boxes.js';
import { detectHogFaces } from '../../electron/services/faces/hog/faces.js';
import { writeFileAtomic } from '../../electron/services/settings/atomic.js';
import { dlibDetect, dlibDetectBuilt } from '../reference/run.js';
import { isMain } from '../train/is-main.js';
import { makeVariant, VARIANTS, variantBox, type VariantName } from '../../tests/photo-variants.js';
import type { Box } from '../../common/geometry.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TRUTH_FILE = path.join(ROOT, 'build/eval/detector-truth.json');
export const MATCH_IOU = 0.3;
const SETS = {
  demo: { dir: path.join(ROOT, 'node_modules/@vladmandic/face-api/demo'), filter: (f: string) => /^sample[1-6]\.jpg$/.test(f) },
  autotoon: { dir: path.join(ROOT, '../shared/data/autotoon/photos'), filter: (f: string) => f.endsWith('.jpg') },
} as const;
type SetName = keyof typeof SETS;

export interface Truth {
  made: string;
  sets: Record<string, Record<string, Box[]>>;
}

/** Misses and false faces of `found` against `truth`, matched greedily by IoU, best pair first. */
export function score(found: readonly Box[], truth: readonly Box[]): { misses: number; falses: number } {
  const pairs: Array<[number, number, number]> = [];
  found.forEach((f, i) => truth.forEach((t, j) => { const v = boxIou(f, t); if (v >= MATCH_IOU) pairs.push([v, i, j]); }));
  pairs.sort((a, b) => b[0] - a[0]);
  const usedF = new Set<number>();
  const usedT = new Set<number>();
  for (const [, i, j] of pairs) if (!usedF.has(i) && !usedT.has(j)) { usedF.add(i); usedT.add(j); }
  return { misses: truth.length - usedT.size, falses: found.length - usedF.size };
}

async function photos(set: SetName): Promise<string[]> {
  const { dir, filter } = SETS[set];
  const files = await fs.readdir(dir).catch(() => null);
  return files ? files.filter(filter).sort().map((f) => path.join(dir, f)) : [];
}

/** A detector on a batch of images (dlib's program is started once a batch): each image's boxes. */
type Detect = (imgs: RgbImage[]) => Promise<Box[][]>;
const each = (f: (img: RgbImage) => Promise<Box[]>): Detect => async (imgs) => { const out: Box[][] = []; for (const img of imgs) out.push(await f(img)); return out; };

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const which = (args.find((a) => !a.startsWith('--')) ?? 'all') as SetName | 'all';
  const sets = (which === 'all' ? Object.keys(SETS) : [which]) as SetName[];
  const inference = new InferenceService();
  const withDlib = await dlibDetectBuilt();
  const everyArg = args.indexOf('--every');
  const every = everyArg >= 0 ? Number(args[everyArg + 1]) : 1;
  const detectors: Record<string, Detect> = {
    tiny: each(async (img) => (await detectTiny(inference, img)).detections.map((d) => d.box)),
    ssd: each(async (img) => (await detectSsd(inference, img)).detections.map((d) => d.box)),
    cascade: each(async (img) => (await detectCascade(inference, img)).detections.map((d) => d.box)),
    auto: each(async (img) => (await detectAuto(inference, img)).detections.map((d) => d.box)),
    hog: each(async (img) => (await detectHogFaces(inference, img)).map((d) => d.box)),
  };
  const dlib: Detect = async (imgs) => (await dlibDetect(imgs)).map((faces) => faces.map((f) => fromDlibRect(f.rect)));
  if (args.includes('--truth')) {
    // SSD's faces on the original photo; for AutoToon (one sitter a photo) only those dlib also finds.
    const old = (await fs.readFile(TRUTH_FILE, 'utf8').then((t) => JSON.parse(t) as Truth, () => null))?.sets ?? {};
    const truth: Truth = {
      sets: old,
      made: 'SSD MobileNetV1 (face-api settings, score > 0.5) on each original photo, boxes [x, y, w, h] in pixels; demo photos: all 22 faces checked by eye on contact sheets (every visible face boxed, no false box); AutoToon: SSD faces that dlib\'s C++ HOG detector also finds (IoU ≥ 0.3), one sitter per photo. Variants move them by tests/photo-variants.ts variantBox.',
    };
    for (const set of sets) {
      truth.sets[set] = {};
      for (const file of await photos(set)) {
        const img = await decodeImage(await fs.readFile(file));
        let boxes = (await detectors.ssd!([img]))[0]!;
        if (set === 'autotoon' && withDlib) { const d = (await dlib([img]))[0]!; boxes = boxes.filter((b) => d.some((x) => boxIou(b, x) >= MATCH_IOU)); }
        truth.sets[set]![path.basename(file)] = boxes.map((b) => b.map((v) => Math.round(v * 10) / 10) as Box);
      }
    }
    await writeFileAtomic(TRUTH_FILE, `${JSON.stringify(truth, null, 1).replace(/\[\s+([-\d.]+),\s+([-\d.]+),\s+([-\d.]+),\s+([-\d.]+)\s+\]/g, '[$1, $2, $3, $4]')}\n`);
    console.log(`wrote ${path.relative(ROOT, TRUTH_FILE)}`);
    await inference.dispose();
    return;
  }
  const truth = JSON.parse(await fs.readFile(TRUTH_FILE, 'utf8')) as Truth;
  if (withDlib) detectors['dlib C++'] = dlib;
  else console.log('dlib C++ skipped: build .scratch/dlib-landmarks as build/reference/dlib-landmarks.cpp says');
  const onlyArg = args.indexOf('--detectors');
  const names = onlyArg >= 0 ? args[onlyArg + 1]!.split(',').filter((n) => n in detectors) : Object.keys(detectors);
  console.log(`misses / false faces per set and variant (truth faces in brackets); match at IoU ≥ ${MATCH_IOU}`);
  console.log(`${'set'.padEnd(26)} ${names.map((n) => n.padStart(10)).join(' ')}`);
  for (const set of sets) {
    const files = (await photos(set)).filter((_, i) => i % every === 0);
    if (files.length === 0) { console.log(`${set}: skipped (${SETS[set].dir} not found)`); continue; }
    const tally = new Map<VariantName, Record<string, { misses: number; falses: number }>>();
    const perPhoto: string[] = [];
    let faces = 0;
    for (const file of files) {
      const t = truth.sets[set]?.[path.basename(file)];
      if (!t) { console.log(`${path.basename(file)}: no truth, skipped`); continue; }
      const img = await decodeImage(await fs.readFile(file));
      faces += t.length;
      const images = VARIANTS.map((v) => makeVariant(img, v));
      const found = new Map<string, Box[][]>();
      for (const n of names) found.set(n, await detectors[n]!(images));
      VARIANTS.forEach((v, k) => {
        const tv = t.map((b) => variantBox(b, v, img.width, img.height));
        const row = tally.get(v) ?? Object.fromEntries(names.map((n) => [n, { misses: 0, falses: 0 }]));
        const cells: string[] = [];
        for (const n of names) {
          const s = score(found.get(n)![k]!, tv);
          row[n]!.misses += s.misses;
          row[n]!.falses += s.falses;
          cells.push(`${s.misses}/${s.falses}`.padStart(10));
        }
        tally.set(v, row);
        perPhoto.push(`  ${`${path.basename(file)} ${v}`.padEnd(24)} ${cells.join(' ')}`);
      });
      // Per photo as it goes (a long set on a loaded machine can then be read before it ends).
      console.log(perPhoto.splice(0).join('\n'));
    }
    for (const [v, row] of tally) console.log(`${`${set} ${v} [${faces}]`.padEnd(26)} ${names.map((n) => `${row[n]!.misses}/${row[n]!.falses}`.padStart(10)).join(' ')}`);
  }
  await inference.dispose();
}

if (isMain(import.meta.url)) await main();
