/**
 * dlib's frontal HOG face detector → native-models/dlib-hog-frontal.bin (format: faces/hog/model.ts,
 * ~25 KB, committed). dlib keeps the five detectors' weights inside frontal_face_detector.h as a
 * base64, compressed, serialised object; rather than re-implement dlib's compressor, the recipe
 * builds dump-hog.cpp against Debian's libdlib-dev, which deserialises it and prints the
 * separable filters dlib itself scans with. The header is checked against its sha256 so the
 * output bytes are reproducible. Needs g++ and libdlib-dev (apt-get install g++ libdlib-dev);
 * without the header it keeps the committed file and says so (`npm run models` on a machine
 * without them still succeeds).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../../electron/services/inference/manifest.js';
import { encodeHogModel, type HogModel } from '../../../electron/services/faces/hog/model.js';
import { HOG_MODEL, HOG_FILE } from '../../../electron/services/faces/hog/load.js';
import { MODELS_DIR, writeModel } from '../manifest.js';
import { isMain } from '../../train/is-main.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const HEADER = '/usr/include/dlib/image_processing/frontal_face_detector.h';
const HEADER_SHA256 = '6de4864e431c5696225ae53501b3b9b5223db800c5354b40d48ad1096a76cd52';

interface Dump {
  cellSize: number; padding: number; filterWidth: number; filterHeight: number;
  minLevelWidth: number; minLevelHeight: number; maxLevels: number; iouThresh: number; coveredThresh: number;
  detectors: Array<{ bias: number; planes: Array<Array<{ row: number[]; col: number[] }>> }>;
}

/** Compiles and runs dump-hog.cpp in a temp folder: dlib's detector as JSON. */
async function dumpDlibDetector(): Promise<Dump> {
  let header: Uint8Array;
  try {
    header = await fs.readFile(HEADER);
  } catch {
    throw new Error(`${HEADER} is missing: install Debian's libdlib-dev and g++ (apt-get install libdlib-dev g++).`);
  }
  if (sha256(header) !== HEADER_SHA256) throw new Error(`${HEADER} is not the dlib 19.24 header this recipe was made for (sha256 ${HEADER_SHA256}).`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dump-hog-'));
  try {
    const bin = path.join(dir, 'dump-hog');
    execFileSync('g++', ['-O2', '-std=c++14', path.join(HERE, 'dump-hog.cpp'), '-o', bin, '-ldlib', '-l:libblas.so.3', '-l:liblapack.so.3'], { stdio: ['ignore', 'ignore', 'inherit'] });
    return JSON.parse(execFileSync(bin, { maxBuffer: 16 << 20, encoding: 'utf8' })) as Dump;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export function toHogModel(d: Dump): HogModel {
  // The scan (faces/hog/detect.ts) places windows as dlib does without padding; this model has none.
  if (d.padding !== 0) throw new Error(`dlib's detector has padding ${d.padding}; the port handles 0 only.`);
  return {
    cellSize: d.cellSize, filterWidth: d.filterWidth, filterHeight: d.filterHeight,
    minLevelWidth: d.minLevelWidth, minLevelHeight: d.minLevelHeight, maxLevels: d.maxLevels,
    iouThresh: d.iouThresh, coveredThresh: d.coveredThresh,
    detectors: d.detectors.map((det) => ({
      bias: det.bias,
      planes: det.planes.map((pairs) => pairs.map((p) => ({ row: Float32Array.from(p.row), col: Float32Array.from(p.col) }))),
    })),
  };
}

export async function buildHogDetector(): Promise<void> {
  if (!existsSync(HEADER) && existsSync(path.join(MODELS_DIR, HOG_FILE))) {
    console.log(`hog: ${HEADER} not found (Debian libdlib-dev); keeping the committed ${HOG_FILE}.`);
    return;
  }
  const model = toHogModel(await dumpDlibDetector());
  const pairs = model.detectors.reduce((n, d) => n + d.planes.reduce((k, p) => k + p.length, 0), 0);
  await writeModel({
    name: HOG_MODEL,
    file: HOG_FILE,
    description: `dlib frontal face detector: fhog (cell ${model.cellSize} px) + ${model.detectors.length} linear filters of ${model.filterWidth}×${model.filterHeight} cells (front, left, right, front rotated left/right) as ${pairs} separable pairs, scanned over a 5/6 pyramid; run by faces/hog/detect.ts, not ONNX Runtime`,
    inputs: [{ name: 'image', type: 'uint8', shape: ['H', 'W', 3] }],
    outputs: [
      { name: 'rects', type: 'int32', shape: ['N', 4] },
      { name: 'scores', type: 'float32', shape: ['N'] },
    ],
    licence: 'Boost Software License 1.0',
    commercialUse: true,
    provenance: {
      recipe: 'build/recipes/hog/recipe.ts (dumper build/recipes/hog/dump-hog.cpp)',
      source: `dlib/image_processing/frontal_face_detector.h (Davis King; Debian libdlib-dev 19.24+dfsg-1), sha256 ${HEADER_SHA256}`,
      version: 'dlib 19.24',
      licence: 'Boost Software License 1.0 (dlib source, weights included); the header says the filters were trained on face images of Labeled Faces in the Wild',
      notes: 'committed (small); equivalence with dlib C++ pinned by tests/unit/faces-hog.test.ts against build/reference/dlib-detect.demo.json',
    },
    data: encodeHogModel(model),
  });
}

if (isMain(import.meta.url)) await buildHogDetector();
