/**
 * Writes tests/fixtures/tfjs-reference.json: what tfjs itself computes for both source models on
 * demo photos, so the equivalence test can check the converted ONNX graphs without running tfjs
 * (~4 s per 512² parse in tfjs-wasm here). Run by hand after a source package changes:
 *   nice npx tsx build/recipes/tfjs/reference.ts
 * Stored per photo: the parser's full label map (run-length coded), its softmax at 64 seeded pixels
 * (all 19 classes), and 512 seeded values of the cartoon output.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../../electron/services/settings/atomic.js';
import { coverRgb } from '../../../tests/images.js';
import { uniformRng } from '../../../common/random.js';
import { bisenetSource, cartoonSource } from './sources.js';
import { loadTfjs, runTfjs } from './tfjs-run.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const REFERENCE_FILE = path.join(ROOT, 'tests/fixtures/tfjs-reference.json');
export const DEMO = (k: number) => path.join(ROOT, `node_modules/@vladmandic/face-api/demo/sample${k}.jpg`);
export const PARSE_PHOTOS = [1, 2, 3, 4, 5, 6];
export const PARSE_SIDE = 512;
export const CARTOON_PHOTOS = [1, 3];
export const CARTOON_SIDE = 256;

/** The models' input: RGB scaled to −1..1, NHWC (both packages feed x/127.5 − 1). */
export async function referenceInput(k: number, side: number): Promise<Float32Array> {
  const img = await coverRgb(DEMO(k), side);
  return Float32Array.from(img.data, (v) => v / 127.5 - 1);
}

/** Seeded sample positions (the test draws the same ones). */
export function samplePositions(count: number, range: number, seed: number): number[] {
  const rnd = uniformRng(seed);
  return Array.from({ length: count }, () => Math.floor(rnd() * range));
}

export function runLength(labels: ArrayLike<number | bigint>): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length; ) {
    let j = i;
    while (j < labels.length && labels[j] === labels[i]) j++;
    out.push(Number(labels[i]), j - i);
    i = j;
  }
  return out;
}

export interface TfjsReference {
  parsing: Array<{ photo: number; labelsRle: number[]; pixels: number[]; prob: number[] }>;
  cartoon: Array<{ photo: number; positions: number[]; values: number[] }>;
}

async function main(): Promise<void> {
  const ref: TfjsReference = { parsing: [], cartoon: [] };
  const parser = await loadTfjs(bisenetSource());
  for (const k of PARSE_PHOTOS) {
    const [prob, labels] = runTfjs(parser, await referenceInput(k, PARSE_SIDE), [1, PARSE_SIDE, PARSE_SIDE, 3], ['BiseNetV2/prob', 'final_output']);
    const pixels = samplePositions(64, PARSE_SIDE * PARSE_SIDE, k);
    ref.parsing.push({ photo: k, labelsRle: runLength(labels!), pixels, prob: pixels.flatMap((p) => Array.from(prob!.subarray(p * 19, p * 19 + 19))) });
    console.log(`parsing sample${k}`);
  }
  const cartoon = await loadTfjs(cartoonSource());
  for (const k of CARTOON_PHOTOS) {
    const [out] = runTfjs(cartoon, await referenceInput(k, CARTOON_SIDE), [1, CARTOON_SIDE, CARTOON_SIDE, 3], ['final_output']);
    const positions = samplePositions(512, CARTOON_SIDE * CARTOON_SIDE * 3, 100 + k);
    ref.cartoon.push({ photo: k, positions, values: positions.map((p) => out![p]!) });
    console.log(`cartoon sample${k}`);
  }
  await writeFileAtomic(REFERENCE_FILE, `${JSON.stringify(ref)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
