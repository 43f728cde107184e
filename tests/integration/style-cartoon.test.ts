/**
 * The learned cartoon style on demo photos with the built model (npm run models -- cartoon) (its equivalence with tfjs is
 * tfjs-conversion.test.ts): in the gallery as 'learned', a restyled image that keeps the photo's
 * structure, strength 0 giving the photo back, the PNG crediting its CC BY-NC-SA model, and gone
 * under "Only models cleared for commercial use".
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../electron/hosts/services.js';
import { styleCommand } from '../../electron/hosts/cli/commands/style.js';
import { readTextChunks } from '../../electron/services/sheets/png-text.js';
import { CARTOON_STYLE } from '../../electron/services/style/cartoon.js';
import type { RgbImage } from '../../electron/services/images/decode.js';
import { coverRgb } from '../images.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cartoon-'));
const services = createServices({ userDataDir: dir });
after(async () => {
  await services.inference.dispose();
  rmSync(dir, { recursive: true, force: true });
});
const demo = (k: number) => `node_modules/@vladmandic/face-api/demo/sample${k}.jpg`;

/** Pearson correlation of the two images' luminance: the photo's structure kept. */
function lumaCorrelation(a: RgbImage, b: RgbImage): number {
  const n = a.width * a.height;
  const ya = Float64Array.from({ length: n }, (_, i) => 0.299 * a.data[3 * i]! + 0.587 * a.data[3 * i + 1]! + 0.114 * a.data[3 * i + 2]!);
  const yb = Float64Array.from({ length: n }, (_, i) => 0.299 * b.data[3 * i]! + 0.587 * b.data[3 * i + 1]! + 0.114 * b.data[3 * i + 2]!);
  const ma = ya.reduce((s, v) => s + v, 0) / n;
  const mb = yb.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ya[i]! - ma) * (yb[i]! - mb);
    saa += (ya[i]! - ma) ** 2;
    sbb += (yb[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
const meanDiff = (a: RgbImage, b: RgbImage) => a.data.reduce((s, v, i) => s + Math.abs(v - b.data[i]!), 0) / a.data.length;

test('the cartoon style is in the gallery and restyles a photo keeping its structure', async () => {
  const entry = (await services.style.gallery.list()).find((s) => s.id === CARTOON_STYLE.id);
  assert.equal(entry?.kind, 'learned');
  for (const k of [1, 3]) {
    const photo = await coverRgb(demo(k), 512);
    const out = await services.style.render(photo, { source: await services.style.gallery.resolve(CARTOON_STYLE.id), strength: 1, preserveColor: false, region: 'whole' });
    assert.deepEqual([out.width, out.height], [512, 512]);
    const [corr, diff] = [lumaCorrelation(photo, out), meanDiff(photo, out)];
    assert.ok(corr > 0.9, `sample${k}: luminance correlation with the photo ${corr.toFixed(3)}`);
    assert.ok(diff > 8, `sample${k}: mean change ${diff.toFixed(1)} levels`);
    const none = await services.style.render(photo, { source: { kind: 'learned', model: 'style-cartoon' }, strength: 0, preserveColor: false, region: 'whole' });
    assert.deepEqual(none.data, photo.data);
  }
});

test('CLI style --style cartoon credits its models in the PNG; commercial-only hides and refuses it', async () => {
  const file = path.join(dir, 'cartoon.png');
  await styleCommand.run([demo(2), '--style', 'cartoon', '-o', file], { services, stdout: () => undefined, stderr: () => undefined });
  const text = readTextChunks(new Uint8Array(readFileSync(file)));
  assert.match(text.Models ?? '', /style-cartoon \(CC BY-NC-SA 4\.0; not cleared for commercial use\)/);

  services.inference.setCommercialOnly(true);
  try {
    assert.equal((await services.style.gallery.list()).some((s) => s.id === CARTOON_STYLE.id), false);
    await assert.rejects(styleCommand.run([demo(2), '--style', 'cartoon', '-o', path.join(dir, 'no.png')], { services, stdout: () => undefined, stderr: () => undefined }), /Only models cleared for commercial use/);
  } finally {
    services.inference.setCommercialOnly(false);
  }
});
