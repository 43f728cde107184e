/**
 * Trains the APMM style mapping networks (ECA/DCA + G + D, apmm.ts) on the style vectors of
 * build/train/data/style-vectors.json (made by style-data.ts: paintings, their crops and sampled
 * drawing styles, all embedded by the style engine) and ships generator + decoder as
 * native-models/apmm-style.onnx. A smaller net than the landmark one: 26-d data, ~80 vectors.
 *
 * Run: npx tsx build/train/train-style.ts   (needs only the committed JSON)
 */
import { promises as fs } from 'node:fs';
import { DEFAULT_CONFIG } from './apmm.js';
import { trainAndShip } from './ship.js';
import { isMain } from './is-main.js';
import { STYLE_DATA, type StyleVectorsFile } from './style-data.js';
import { NOISE_DIM, STYLE_MODEL } from '../../electron/services/apmm/generator.js';

export async function trainStyle(): Promise<void> {
  const data = JSON.parse(await fs.readFile(STYLE_DATA, 'utf8')) as StyleVectorsFile;
  const train = data.items.filter((i) => !i.heldOut);
  const held = data.items.filter((i) => i.heldOut);
  await trainAndShip({
    name: STYLE_MODEL,
    output: 'style',
    description: 'APMM style mapping: noise z → generator → 8-d embedding → decoder (DCA) → 26-d style vector (style engine toVector: 24 band statistics + swap, detail)',
    recipe: 'build/train/train-style.ts (trainer build/train/apmm.ts, data build/train/style-data.ts)',
    source: `style-embed vectors: ${train.length} training items, ${held.length} held out (${data.items.filter((i) => i.source.startsWith('painting')).length} from the 10 public-domain paintings of ../shared/data/styles and their crops, ${data.items.filter((i) => i.source.startsWith('drawing')).length} from sampled drawing styles)`,
    licence: 'weights trained by the project (MIT); paintings public domain, only derived numbers used',
    clearance: { licence: 'MIT', commercialUse: true },
    train: train.map((i) => i.vector),
    heldOut: held.map((i) => i.vector),
    config: { ...DEFAULT_CONFIG, noise: NOISE_DIM, latent: 8, hidden: 64, aeSteps: 2000, ganSteps: 2000 },
  });
}

if (isMain(import.meta.url)) await trainStyle();
