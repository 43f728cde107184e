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
 * Training set: the non-held-out pairs, each also mirrored (MIRROR in common/face68/regions.ts), no other
 * augmentation; evaluated on the held-out pairs.
 *
 * Run: npx tsx build/train/train-landmarks.ts   (needs only the committed JSON, not the images)
 */
import { DEFAULT_CONFIG } from './apmm.js';
import { flatten, mirrorOffsets, readLandmarkData } from './landmark-data.js';
import { trainAndShip } from './ship.js';
import { isMain } from './is-main.js';
import { LANDMARK_MODEL, NOISE_DIM } from '../../electron/services/apmm/generator.js';

export async function trainLandmarks(): Promise<void> {
  const data = await readLandmarkData();
  const train = data.pairs.filter((p) => !p.heldOut);
  const held = data.pairs.filter((p) => p.heldOut);
  const vectors = train.flatMap((p) => [flatten(p.offsets), flatten(mirrorOffsets(p.offsets))]);
  await trainAndShip({
    name: LANDMARK_MODEL,
    output: 'offsets',
    description: 'APMM landmark mapping: noise z → generator → 16-d embedding → decoder (DLA) → 68 landmark offsets (x,y interleaved) in the canonical 256² frame, canonical px',
    recipe: 'build/train/train-landmarks.ts (trainer build/train/apmm.ts, data build/train/autotoon-landmarks.ts)',
    source: `AutoToon artist warps (WACV 2020): ${train.length} training pairs ×2 (mirrored) = ${vectors.length} samples; ${held.length} held out (${held.map((p) => p.id).join(' ')})`,
    licence: 'weights trained by the project (MIT); AutoToon data Apache-2.0 code / CC BY, CC BY-SA, PD photos, only derived numbers used',
    clearance: { licence: 'MIT', commercialUse: true },
    train: vectors,
    heldOut: held.map((p) => flatten(p.offsets)),
    config: { ...DEFAULT_CONFIG, noise: NOISE_DIM },
  });
}

if (isMain(import.meta.url)) await trainLandmarks();
