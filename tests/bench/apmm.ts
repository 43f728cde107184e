/**
 * APMM benchmark (issue #6 target: 4×4 sheet, 384² cells, from a 1024 px photo, ≤ 3 s median on
 * the 2-core CPU with warm models). Peer in the same run: the same 16 crops only styled (no
 * geometry, no warp, no sheet; the same mix of drawing and generated styles), i.e. the floor the
 * style engine sets, so the ratio shows what sampling + filter + warp + composition add on top.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import type { RgbImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { detectFaces } from '../../electron/services/faces/detect.js';
import { generateVariations } from '../../electron/services/apmm/variations.js';
import { sheetOf } from '../../electron/services/apmm/sheet.js';
import { sampleCellStyle } from '../../electron/services/apmm/style.js';
import { cellSeed } from '../../common/random.js';
import { composeSheet } from '../../electron/services/sheets/compose.js';
import { renderStyle } from '../../electron/services/style/engine.js';
import { timeMedian } from './stats.js';

const RUNS = 5;

const median = (fn: () => Promise<unknown>) => timeMedian(fn, RUNS);

export async function bench(): Promise<void> {
  const inference = new InferenceService();
  const buf = await sharp(readFileSync('node_modules/@vladmandic/face-api/demo/sample1.jpg')).resize(1024, 1024, { fit: 'inside' }).removeAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  const photo: RgbImage = { width: buf.info.width, height: buf.info.height, data: new Uint8Array(buf.data) };
  const source = (await detectFaces(inference, photo)).faces[0]!.landmarks;
  const req = { rows: 4, cols: 4, seed: 1, temperature: 1, cellSize: 384 };
  let seed = 0;
  const sheet = await median(async () => composeSheet(sheetOf('bench', 4, 4, await generateVariations(inference, photo, source, { ...req, seed: seed++ }))));
  const crop: RgbImage = { width: 384, height: 384, data: new Uint8Array(384 * 384 * 3).fill(128) };
  const styleOnly = await median(async () => {
    for (let k = 0; k < 16; k++) {
      const s = await sampleCellStyle(inference, cellSeed(seed, 2 * k + 1));
      await renderStyle(inference, crop, s.source, { strength: 1, preserveColor: false });
    }
    seed++;
  });
  console.log(`4×4 sheet, 384² cells, ${photo.width}×${photo.height} photo: median ${sheet.toFixed(0)} ms (target ≤ 3000 ms CPU)`);
  console.log(`peer, 16 cells styled only: median ${styleOnly.toFixed(0)} ms; sheet / peer = ${(sheet / styleOnly).toFixed(2)}×`);
  await inference.dispose();
}
