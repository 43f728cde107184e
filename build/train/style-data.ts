/**
 * Style training data for the APMM style mapping networks: fixed-length style vectors (the style
 * engine's toVector: 24 Laplacian band statistics + [swap, detail]) from three sources, all put
 * through the same style-embed graph so they share one space:
 *  - the public-domain paintings in ../shared/data/styles: the whole painting and its four
 *    overlapping 2/3-size corner crops (a painting's corners differ in palette and marks);
 *  - the eight built-in drawing styles with seeded sampled parameters (apmm/style.ts), each
 *    rendered on the six face-api demo photos' centre crops at 256² and embedded as an artwork.
 * Every 6th vector (in this order) is held out. Output: build/train/data/style-vectors.json
 * (numbers only). Without the paintings the script says so and keeps the committed file.
 *
 * Run: npx tsx build/train/style-data.ts
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { RgbImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { embedArtwork, toVector } from '../../electron/services/style/embedding.js';
import { renderStyle } from '../../electron/services/style/engine.js';
import { DRAWING_STYLES } from '../../common/style/catalog.js';
import { sampleStyle } from '../../electron/services/apmm/style.js';
import { writeFileAtomic } from '../../electron/services/settings/atomic.js';
import { isMain } from './is-main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STYLES = path.resolve(ROOT, '../shared/data/styles');
export const STYLE_DATA = path.join(ROOT, 'build/train/data/style-vectors.json');
const HOLD_OUT_EVERY = 6;
const SAMPLES_PER_STYLE = 6;

export interface StyleVectorsFile {
  provenance: Record<string, unknown>;
  items: Array<{ source: string; heldOut: boolean; vector: number[] }>;
}

async function raw(img: sharp.Sharp): Promise<RgbImage> {
  const { data, info } = await img.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

export async function buildStyleData(): Promise<void> {
  if (!existsSync(STYLES)) {
    console.log(`style-data: skipped, ${STYLES} is absent (the committed ${path.relative(ROOT, STYLE_DATA)} stays).`);
    return;
  }
  const inference = new InferenceService();
  const items: Array<{ source: string; vector: number[] }> = [];
  const add = async (source: string, img: RgbImage) => items.push({ source, vector: Array.from(toVector(await embedArtwork(inference, img)), (v) => Math.round(v * 1e5) / 1e5) });
  for (const f of (await fs.readdir(STYLES)).filter((f) => f.endsWith('.jpg')).sort()) {
    const file = path.join(STYLES, f);
    const { width = 0, height = 0 } = await sharp(file).metadata();
    await add(`painting ${f}`, await raw(sharp(file)));
    const w = Math.round((2 * width) / 3);
    const h = Math.round((2 * height) / 3);
    for (const [left, top] of [[0, 0], [width - w, 0], [0, height - h], [width - w, height - h]] as const) {
      await add(`painting ${f} crop ${left},${top}`, await raw(sharp(file).extract({ left, top, width: w, height: h })));
    }
  }
  const faces = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => raw(sharp(path.join(ROOT, `node_modules/@vladmandic/face-api/demo/sample${i}.jpg`)).resize(256, 256, { fit: 'cover' }))));
  let seed = 0;
  for (const style of DRAWING_STYLES) {
    for (let k = 0; k < SAMPLES_PER_STYLE; ) {
      const s = sampleStyle(seed++);
      if (s.style.id !== style.id) continue;
      const face = faces[k % faces.length]!;
      await add(`drawing ${style.id} seed ${seed - 1} on sample${(k % faces.length) + 1}`, await renderStyle(inference, face, { kind: 'drawing', style: s.style, params: s.params }, { strength: 1, preserveColor: false }));
      k++;
    }
  }
  await inference.dispose();
  const file: StyleVectorsFile = {
    provenance: {
      script: 'build/train/style-data.ts',
      paintings: '../shared/data/styles (public domain), whole + 4 corner crops each',
      drawings: `${DRAWING_STYLES.length} drawing styles × ${SAMPLES_PER_STYLE} sampled parameter vectors on the face-api demo photos`,
      holdOut: `every ${HOLD_OUT_EVERY}th item`,
    },
    items: items.map((it, i) => ({ ...it, heldOut: i % HOLD_OUT_EVERY === HOLD_OUT_EVERY - 1 })),
  };
  await writeFileAtomic(STYLE_DATA, `${JSON.stringify(file)}\n`);
  console.log(`style-data: ${items.length} vectors (${file.items.filter((i) => i.heldOut).length} held out)`);
}

if (isMain(import.meta.url)) await buildStyleData();
