/**
 * A style's "Apply to" region from the face parser (issue #12 item 2, style/region-parsing.ts) on
 * the demo photos, through renderCaricature as style:render and export:image call it, with the
 * built parser (`npm run -s models -- parsing`).
 *
 * How much a pixel is styled: |region render − photo| / |whole-image render − photo|, where the
 * whole-image render changed it visibly. The truth it is read against is an independent parse: the
 * parser's own tight CelebA crop on the full-size photo (not the wide crop of the rendered image
 * the masks come from), pixels outside that crop left out.
 * STYLE_REGIONS_PNG=dir writes, per photo (and two big-head edits): photo | hair by landmarks |
 * hair by parsing | background by landmarks | background by parsing, in ink.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeImage, encodePng, type RgbImage } from '../../electron/services/images/decode.js';
import { createServices, type Services } from '../../electron/hosts/services.js';
import { renderCaricature } from '../../electron/services/edit/caricature.js';
import type { FaceEditRequest } from '../../electron/services/edit/face-edit.js';
import { parseFace, pasteLabels, type Parsing } from '../../electron/services/faces/parse.js';
import { classIndex, PARSING_CLASSES, type ParsingClass } from '../../electron/services/faces/parsing-classes.js';
import { regionMask } from '../../electron/services/style/service.js';
import { REGION_CLASSES, resizeParsing, UNSEEN } from '../../electron/services/style/region-parsing.js';
import type { StyleRegion } from '../../common/names.js';
import { resizePoints, type Point } from '../../common/geometry.js';

const SIDE = 512;
const PNG_DIR = process.env.STYLE_REGIONS_PNG;
const dir = mkdtempSync(path.join(os.tmpdir(), 'style-regions-'));
let services: Services;
before(() => {
  services = createServices({ userDataDir: dir });
});
after(async () => {
  await services.style.dispose();
  await services.inference.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const demo = async (n: number) => decodeImage(readFileSync(`node_modules/@vladmandic/face-api/demo/sample${n}.jpg`));

interface Photo {
  n: number;
  photo: RgbImage;
  /** The followed face (photo px) and the face edits rendered before the style. */
  face: Point[];
  edits: FaceEditRequest[];
  /** The unstyled (edited) image at SIDE and the ink render of the whole image. */
  plain: RgbImage;
  whole: RgbImage;
  /** The truth: the followed face's tight parse of the full-size (edited) image, at SIDE; UNSEEN outside it. */
  truth: Uint8Array;
}

const render = (p: Photo, region: StyleRegion) =>
  renderCaricature(services, p.photo, { edits: p.edits, face: p.face, maxSide: SIDE, style: { styleId: 'ink', strength: 1, preserveColor: false, region } });

/** Face 0 made `grow` times larger about its landmarks' centre (a big-head caricature); 1: no edit. */
function bigger(face: Point[], grow: number): FaceEditRequest[] {
  if (grow === 1) return [];
  const cx = face.reduce((a, p) => a + p[0], 0) / face.length;
  const cy = face.reduce((a, p) => a + p[1], 0) / face.length;
  return [{ face: 0, target: face.map(([x, y]) => [cx + (x - cx) * grow, cy + (y - cy) * grow] as Point) }];
}

const cache = new Map<string, Promise<Photo>>();
function photo(n: number, grow = 1): Promise<Photo> {
  let p = cache.get(`${n}|${grow}`);
  if (!p) {
    p = (async () => {
      const img = await demo(n);
      const face = (await services.faces.detect(img)).faces[0]!.landmarks;
      const edits = bigger(face, grow);
      const full = await services.edit.faceEdit(img, edits);
      const tight = await parseFace(services.inference, full.image, full.faces[0]!);
      const truth: Parsing = { width: img.width, height: img.height, labels: pasteLabels(img.width, img.height, [tight], undefined, UNSEEN), classes: PARSING_CLASSES, faces: 1 };
      const plain = await renderCaricature(services, img, { edits, maxSide: SIDE });
      const whole = await renderCaricature(services, img, { edits, face, maxSide: SIDE, style: { styleId: 'ink', strength: 1, preserveColor: false, region: 'whole' } });
      return { n, photo: img, face, edits, plain, whole, truth: resizeParsing(truth, plain.width, plain.height) };
    })();
    cache.set(`${n}|${grow}`, p);
  }
  return p;
}

/** Per pixel: how much of the whole-image style the region render carries (NaN where the style barely changes the pixel). */
function styledWeight(p: Photo, styled: RgbImage): Float32Array {
  const w = new Float32Array(p.plain.width * p.plain.height);
  for (let i = 0; i < w.length; i++) {
    let full = 0;
    let part = 0;
    for (let c = 0; c < 3; c++) {
      full += Math.abs(p.whole.data[i * 3 + c]! - p.plain.data[i * 3 + c]!);
      part += Math.abs(styled.data[i * 3 + c]! - p.plain.data[i * 3 + c]!);
    }
    w[i] = full > 30 ? Math.min(1, part / full) : NaN;
  }
  return w;
}

function meanOver(w: Float32Array, where: (i: number) => boolean): { mean: number; n: number } {
  let s = 0;
  let n = 0;
  for (let i = 0; i < w.length; i++) {
    if (Number.isNaN(w[i]!) || !where(i)) continue;
    s += w[i]!;
    n++;
  }
  return { mean: n ? s / n : NaN, n };
}

const inClasses = (labels: Uint8Array, classes: readonly ParsingClass[]) => {
  const set = new Set(classes.map(classIndex));
  return (i: number) => set.has(labels[i]!);
};
const PERSON: ParsingClass[] = PARSING_CLASSES.filter((c) => c !== 'background');

async function keep(p: Photo, images: RgbImage[]): Promise<void> {
  if (!PNG_DIR) return;
  const { width: w, height: h } = p.plain;
  const out = new Uint8Array(w * images.length * h * 3);
  images.forEach((img, k) => {
    for (let y = 0; y < h; y++) out.set(img.data.subarray(y * w * 3, (y + 1) * w * 3), (y * w * images.length + k * w) * 3);
  });
  mkdirSync(PNG_DIR, { recursive: true });
  writeFileSync(path.join(PNG_DIR, `sample${p.n}${p.edits.length ? '-edited' : ''}-regions.png`), await encodePng({ width: w * images.length, height: h, data: out }));
}

const PHOTOS = [1, 2, 3, 4, 5, 6];

/** How much of the parsed hair, the background and the skin of the truth a 'hair' render styles. */
async function hairWeights(p: Photo) {
  const w = styledWeight(p, await render(p, 'hair'));
  const hair = meanOver(w, inClasses(p.truth, REGION_CLASSES.hair));
  const bg = meanOver(w, inClasses(p.truth, ['background']));
  const skin = meanOver(w, inClasses(p.truth, ['skin']));
  const what = `sample${p.n}${p.edits.length ? ' edited' : ''}`;
  console.log(`${what} hair: on hair ${hair.mean.toFixed(2)} (${hair.n} px), background ${bg.mean.toFixed(2)} (${bg.n}), skin ${skin.mean.toFixed(2)} (${skin.n})`);
  if (hair.n >= 500) {
    // (fewer hair pixels: bald, or the hair out of frame — nothing to hold the mask to)
    assert.ok(hair.mean > 0.6, `${what}: hair styled ${hair.mean.toFixed(2)}`);
    assert.ok(hair.mean > 3 * bg.mean, `${what}: hair ${hair.mean.toFixed(2)} vs background ${bg.mean.toFixed(2)}`);
    assert.ok(hair.mean > 3 * skin.mean, `${what}: hair ${hair.mean.toFixed(2)} vs skin ${skin.mean.toFixed(2)}`);
  }
  return w;
}

test("'hair' styles the parsed hair, past the landmark guess, and leaves the background and the skin", async () => {
  let beyondWeights = 0;
  let beyondPixels = 0;
  for (const n of PHOTOS) {
    const p = await photo(n);
    const w = await hairWeights(p);
    // Hair the landmark guess leaves out (its mask under 0.1): a fringe, hair down the sides.
    const guess = regionMask('hair', p.plain.width, p.plain.height, resizePoints(p.face, p.plain.width / p.photo.width))!;
    const beyond = meanOver(w, (i) => guess[i]! < 0.1 && inClasses(p.truth, REGION_CLASSES.hair)(i));
    console.log(`sample${n}: hair past the landmark guess styled ${beyond.mean.toFixed(2)} (${beyond.n} px)`);
    if (beyond.n) {
      beyondWeights += beyond.mean * beyond.n;
      beyondPixels += beyond.n;
    }
  }
  assert.ok(beyondPixels > 2000, `hair past the landmark guess: ${beyondPixels} px`);
  assert.ok(beyondWeights / beyondPixels > 0.6, `hair past the landmark guess styled ${(beyondWeights / beyondPixels).toFixed(2)}`);
});

test("after a big-head edit the hair region is the edited image's hair", async () => {
  for (const n of [1, 3, 5]) await hairWeights(await photo(n, 1.3));
});

test("'background' leaves the person untouched and styles the scene around them", async () => {
  const means: number[] = [];
  for (const n of PHOTOS) {
    const p = await photo(n);
    const w = styledWeight(p, await render(p, 'background'));
    const person = meanOver(w, inClasses(p.truth, PERSON));
    const bg = meanOver(w, inClasses(p.truth, ['background']));
    console.log(`sample${n} background: on the person ${person.mean.toFixed(2)} (${person.n} px), on the background ${bg.mean.toFixed(2)} (${bg.n})`);
    assert.ok(person.mean < 0.15, `sample${n}: the person styled ${person.mean.toFixed(2)}`);
    // The truth's background next to the person is inside the fade (sample6: the neighbours' hair
    // on both sides of the face it follows leaves little else), so one photo may be lower.
    if (bg.n < 500) continue;
    assert.ok(bg.mean > 0.5, `sample${n}: background styled ${bg.mean.toFixed(2)}`);
    means.push(bg.mean);
  }
  const mean = means.reduce((a, b) => a + b, 0) / means.length;
  assert.ok(mean > 0.8, `background styled ${mean.toFixed(2)} on average`);
});

test('"Only models cleared for commercial use": the regions fall back to the landmark masks, with no error and no parser credited', async () => {
  const p = await photo(3);
  services.inference.setCommercialOnly(true);
  try {
    for (const region of ['hair', 'background', 'face'] as const) {
      const { value: styled, models } = await services.inference.track(() => render(p, region));
      assert.ok(!models.includes('face-parsing'), `${region}: ${models.join(', ')}`);
      const scale = p.plain.width / p.photo.width;
      const landmarks = resizePoints(p.face, scale);
      const source = await services.style.gallery.resolve('ink');
      const byLandmarks = await services.style.render(p.plain, { source, strength: 1, preserveColor: false, region, landmarks, maxSide: SIDE });
      assert.deepEqual(styled.data, byLandmarks.data, region);
    }
  } finally {
    services.inference.setCommercialOnly(false);
  }
  // And back on, the parser makes the mask (and is credited).
  const { models } = await services.inference.track(() => render(p, 'hair'));
  assert.ok(models.includes('face-parsing'), models.join(', '));
});

test('a preview re-rendered with another style or strength reuses the parse', async () => {
  const p = await photo(1);
  const a = await services.style.regions.parse(p.photo, 'same edit', p.plain, [p.face]);
  const b = await services.style.regions.parse(p.photo, 'same edit', p.plain, [p.face]);
  assert.ok(a && a === b);
  const c = await services.style.regions.parse(p.photo, 'another edit', p.plain, [p.face]);
  assert.notEqual(c, a);
});

test('pictures: hair and background in ink, by landmarks and by parsing', { skip: !PNG_DIR }, async () => {
  for (const [n, grow] of [[1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1], [1, 1.3], [5, 1.3]] as const) {
    const p = await photo(n, grow);
    const parsed = { hair: await render(p, 'hair'), background: await render(p, 'background') };
    services.inference.setCommercialOnly(true);
    try {
      await keep(p, [p.plain, await render(p, 'hair'), parsed.hair, await render(p, 'background'), parsed.background]);
    } finally {
      services.inference.setCommercialOnly(false);
    }
  }
});
