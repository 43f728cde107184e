/**
 * Trains the APMM landmark mapping networks (apmm.ts) on the artists' exaggerations from
 * AutoToon (build/train/data/autotoon-landmarks.json, made by autotoon-landmarks.ts) and ships
 * generator + decoder as native-models/apmm-landmarks.onnx with a manifest entry.
 *
 * Embedding: the 136-d artist offsets (caricature − photo) in the photo's canonical frame, NOT
 * the caricature shape − mean. The offsets are what an artist adds to a face; added to a new
 * sitter's own landmarks they exaggerate that sitter and keep their identity, whereas a sampled
 * "caricature − mean" would replace the sitter's geometry with a training sitter's.
 *
 * Training set: the non-held-out pairs, each also mirrored (symmetry.ts pairs), no other
 * augmentation. Evaluation (printed and stored in the provenance) on the held-out pairs, with the
 * exported ONNX itself through onnxruntime, so the numbers are those of the shipped model.
 *
 * Run: npx tsx build/train/train-landmarks.ts   (needs only the committed JSON, not the images)
 */
import * as ort from 'onnxruntime-node';
import { writeModel } from '../recipes/manifest.js';
import { DEFAULT_CONFIG, exportApmmOnnx, trainApmm } from './apmm.js';
import { flatten, mirrorOffsets, readLandmarkData } from './landmark-data.js';
import { LANDMARK_MODEL, NOISE_DIM } from '../../electron/services/apmm/generator.js';
import { evaluateSamples } from './evaluate.js';

const data = await readLandmarkData();
const train = data.pairs.filter((p) => !p.heldOut);
const held = data.pairs.filter((p) => p.heldOut);
const vectors = train.flatMap((p) => [flatten(p.offsets), flatten(mirrorOffsets(p.offsets))]);
const cfg = { ...DEFAULT_CONFIG, noise: NOISE_DIM };
const t0 = performance.now();
const trained = await trainApmm(vectors, cfg);
const seconds = (performance.now() - t0) / 1000;
const bytes = exportApmmOnnx(LANDMARK_MODEL, trained, 'offsets');

const session = await ort.InferenceSession.create(bytes);
const report = await evaluateSamples(session, 'offsets', vectors, held.map((p) => flatten(p.offsets)));
console.log(JSON.stringify(report, null, 2));

await writeModel({
  name: LANDMARK_MODEL,
  file: `${LANDMARK_MODEL}.onnx`,
  data: bytes,
  description: 'APMM landmark mapping: noise z → generator → 16-d embedding → decoder (DLA) → 68 landmark offsets (x,y interleaved) in the canonical 256² frame, canonical px',
  inputs: [{ name: 'z', type: 'float32', shape: ['N', NOISE_DIM] }],
  outputs: [
    { name: 'embedding', type: 'float32', shape: ['N', cfg.latent] },
    { name: 'offsets', type: 'float32', shape: ['N', 136] },
  ],
  provenance: {
    recipe: 'build/train/train-landmarks.ts (trainer build/train/apmm.ts, data build/train/autotoon-landmarks.ts)',
    source: `AutoToon artist warps (WACV 2020): ${train.length} training pairs ×2 (mirrored) = ${vectors.length} samples; ${held.length} held out (${held.map((p) => p.id).join(' ')})`,
    licence: 'weights trained by the project (MIT); AutoToon data Apache-2.0 code / CC BY, CC BY-SA, PD photos, only derived numbers used',
    notes: `seed ${cfg.seed}; AE ${cfg.aeSteps} steps, GAN ${cfg.ganSteps} steps, batch ${cfg.batch}, λ adv/dist/rec ${cfg.lambdaAdv}/${cfg.lambdaDist}/${cfg.lambdaRec}; ${seconds.toFixed(0)} s on CPU; eval: ${JSON.stringify(report)}`,
  },
});
console.log(`train-landmarks: wrote native-models/${LANDMARK_MODEL}.onnx in ${seconds.toFixed(1)} s`);
