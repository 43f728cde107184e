/**
 * Runs dlib's C++ (build/reference/dlib-landmarks.cpp, built as its header says) on photos decoded
 * by the app's own decoder and writes the JSON it prints, with file names made relative:
 *   npx tsx build/reference/run.ts demo       → build/reference/dlib-landmarks.demo.json (committed)
 *   npx tsx build/reference/run.ts autotoon   → .scratch/dlib-landmarks.autotoon.json (from ../shared/data)
 *   npx tsx build/reference/run.ts detect     → build/reference/dlib-detect.demo.json (committed; dlib-detect.cpp)
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage, type RgbImage } from '../../electron/services/images/decode.js';
import { cropRgb } from '../../electron/services/faces/crop.js';
import { writeFileAtomic } from '../../electron/services/settings/atomic.js';
import { isMain } from '../train/is-main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DLIB_DAT = '/usr/share/dlib/shape_predictor_68_face_landmarks.dat';
const BINARY = path.join(ROOT, '.scratch/dlib-landmarks');
export const DEMO_PHOTOS = [1, 2, 3, 4, 5, 6].map((i) => path.join(ROOT, `node_modules/@vladmandic/face-api/demo/sample${i}.jpg`));
export const AUTOTOON_PHOTOS = path.join(ROOT, '../shared/data/autotoon/photos');

export interface DlibFace {
  /** dlib rectangle: left, top, right, bottom, inclusive. */
  rect: [number, number, number, number];
  score: number;
  /** Unrounded points (dlib rounds its own to integers: `parts`). */
  points: Array<[number, number]>;
  parts: Array<[number, number]>;
}
export interface DlibImage {
  file: string;
  /** [x, y, w, h] of the decoded photo when only that part was given to dlib. */
  crop?: [number, number, number, number];
  width: number;
  height: number;
  faces: DlibFace[];
}
export interface DlibReference {
  dlib: string;
  images: DlibImage[];
}

function ppm(img: RgbImage): Buffer {
  return Buffer.concat([Buffer.from(`P6\n${img.width} ${img.height}\n255\n`, 'ascii'), Buffer.from(img.data)]);
}

/** Writes the images as PPM files in a temp folder (dlib's programs read no JPEG of ours), runs `use` on their paths, removes them. */
async function withPpms<T>(images: RgbImage[], use: (ppms: string[]) => T): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dlib-ref-'));
  try {
    const ppms: string[] = [];
    for (const [i, img] of images.entries()) {
      const p = path.join(dir, `${i}.ppm`);
      await fs.writeFile(p, ppm(img));
      ppms.push(p);
    }
    return use(ppms);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** dlib's C++ (detector + predictor) on images already decoded, in order. */
export async function runDlibImages(images: RgbImage[]): Promise<DlibReference> {
  return withPpms(images, (ppms) => JSON.parse(execFileSync(BINARY, [DLIB_DAT, ...ppms], { maxBuffer: 64 << 20, encoding: 'utf8' })) as DlibReference);
}

const DETECT_BINARY = path.join(ROOT, '.scratch/dlib-detect');

/** Whether dlib-detect.cpp is built (its header says how). */
export async function dlibDetectBuilt(): Promise<boolean> {
  return fs.access(DETECT_BINARY).then(() => true, () => false);
}

export type DlibDetection = Pick<DlibFace, 'rect' | 'score'> & { detector: number };

/** dlib's HOG detector alone (dlib-detect.cpp) on images already decoded: each image's faces (adjust: dlib's adjust_threshold). */
export async function dlibDetect(images: RgbImage[], adjust = 0): Promise<DlibDetection[][]> {
  return withPpms(images, (ppms) => {
    const out = execFileSync(DETECT_BINARY, ['--adjust', String(adjust), ...ppms], { maxBuffer: 64 << 20, encoding: 'utf8' });
    return out.trim().split('\n').map((line) => (JSON.parse(line) as { faces: DlibDetection[] }).faces);
  });
}

/** The thresholds the detector reference is made at: dlib's own, and one that also keeps weak windows. */
export const DETECT_ADJUSTS = [0, -0.5] as const;
export interface DlibDetectReference {
  dlib: string;
  images: Array<{ file: string; width: number; height: number; runs: Array<{ adjust: number; faces: DlibDetection[] }> }>;
}

export async function runDlib(files: string[], crops: Array<DlibImage['crop']> = []): Promise<DlibReference> {
  const images: RgbImage[] = [];
  for (const [i, file] of files.entries()) {
    const img = await decodeImage(await fs.readFile(file), file);
    const crop = crops[i];
    images.push(crop ? cropRgb(img, crop) : img);
  }
  const ref = await runDlibImages(images);
  ref.images.forEach((img, i) => {
    img.file = path.relative(ROOT, files[i]!);
    if (crops[i]) img.crop = crops[i];
  });
  return ref;
}

if (isMain(import.meta.url)) {
  const which = process.argv[2];
  if (which === 'demo') {
    // The six photos, then sample6 and sample1 cut so that faces touch the left and top borders.
    const crops: Array<DlibImage['crop']> = [...DEMO_PHOTOS.map(() => undefined), [300, 0, 1620, 1537], [0, 420, 1920, 860]];
    const ref = await runDlib([...DEMO_PHOTOS, DEMO_PHOTOS[5]!, DEMO_PHOTOS[0]!], crops);
    await writeFileAtomic(path.join(ROOT, 'build/reference/dlib-landmarks.demo.json'), `${JSON.stringify(ref)}\n`);
  } else if (which === 'autotoon') {
    const files = (await fs.readdir(AUTOTOON_PHOTOS)).filter((f) => f.endsWith('.jpg')).sort().map((f) => path.join(AUTOTOON_PHOTOS, f));
    const ref = await runDlib(files);
    await writeFileAtomic(path.join(ROOT, '.scratch/dlib-landmarks.autotoon.json'), `${JSON.stringify(ref)}\n`);
  } else if (which === 'detect') {
    const images = await Promise.all(DEMO_PHOTOS.map(async (file) => decodeImage(await fs.readFile(file), file)));
    const runs = await Promise.all(DETECT_ADJUSTS.map((adjust) => dlibDetect(images, adjust)));
    const ref: DlibDetectReference = {
      dlib: '19.24 (Debian libdlib-dev 19.24+dfsg-1, build/reference/dlib-detect.cpp)',
      images: images.map((img, i) => ({ file: path.relative(ROOT, DEMO_PHOTOS[i]!), width: img.width, height: img.height, runs: DETECT_ADJUSTS.map((adjust, a) => ({ adjust, faces: runs[a]![i]! })) })),
    };
    await writeFileAtomic(path.join(ROOT, 'build/reference/dlib-detect.demo.json'), `${JSON.stringify(ref)}\n`);
  } else {
    console.error('usage: npx tsx build/reference/run.ts demo|autotoon|detect');
    process.exit(2);
  }
}
