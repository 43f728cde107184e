/**
 * Acceptance of the style engine on the six face-api demo photos with real ONNX Runtime:
 * drawing styles, the example-based path against a colour-grade baseline, strength and the
 * region/colour controls, the gallery store, bad artworks, and the CLI command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { decodeImage, fitWithin, type RgbImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { DRAWING_STYLES } from '../../common/style/catalog.js';
import { embedArtwork, type StyleEmbedding } from '../../electron/services/style/embedding.js';
import { renderStyle, type StyleSource } from '../../electron/services/style/engine.js';
import { faceWeight } from '../../electron/services/style/face-weight.js';
import { detectFaces } from '../../electron/services/faces/detect.js';
import type { Point } from '../../common/geometry.js';
import { StyleGallery } from '../../electron/services/style/gallery.js';
import { channelStats, edgeCorrelation, luma, meanAbsDiff, meanNearestPatchDistance, patches, psnr, statsDistance } from '../../electron/services/style/metrics.js';
import { styleCommand } from '../../electron/hosts/cli/commands/style.js';
import { stylesCommand } from '../../electron/hosts/cli/commands/styles.js';
import { createServices } from '../../electron/hosts/services.js';
import { generatedArtworks, paintings } from './style-artworks.js';

const inference = new InferenceService({ threads: 2 });
const DEMO = path.resolve('node_modules/@vladmandic/face-api/demo');
const photos: RgbImage[] = [];
for (let i = 1; i <= 6; i++) photos.push(await fitWithin(await decodeImage(await fs.readFile(path.join(DEMO, `sample${i}.jpg`))), 160));
const full = (source: StyleSource, img: RgbImage, strength = 1, extra: { preserveColor?: boolean; mask?: Float32Array; faces?: Float32Array | undefined } = {}) =>
  renderStyle(inference, img, source, { strength, preserveColor: extra.preserveColor ?? false, mask: extra.mask, faces: extra.faces });

/**
 * The face weight the app passes with an example-based style: every face of demo sample n, detected
 * on the full-size photo (the faces are too small to find at 160 px), mapped through `toImage`.
 */
async function faceWeightOf(n: number, width: number, height: number, toImage: (p: Point, full: RgbImage) => Point): Promise<Float32Array | undefined> {
  const big = await decodeImage(await fs.readFile(path.join(DEMO, `sample${n}.jpg`)));
  const { faces } = await detectFaces(inference, big);
  return faceWeight(faces.map((f) => f.landmarks.map((p) => toImage(p, big))), width, height);
}

async function raw(img: sharp.Sharp): Promise<Uint8Array> {
  return new Uint8Array(await img.png().toBuffer());
}

test('every drawing style differs from the input and from every other style, and keeps the structure', async () => {
  for (const [pi, photo] of photos.entries()) {
    const outs = await Promise.all(DRAWING_STYLES.map((style) => full({ kind: 'drawing', style }, photo)));
    outs.forEach((o, i) => {
      const id = DRAWING_STYLES[i]!.id;
      // 6 grey levels, not the first 8: oil (Kuwahara radius 2, lighter brush grain) and colour
      // caricature (saturation 1.2) were tuned so the detector still finds the faces
      // (style-detect.test.ts); on the dark sample1 at 160 px they now differ by 6.7 and 7.2.
      assert.ok(meanAbsDiff(o, photo) > 6, `sample${pi + 1} ${id}: too close to the input (${meanAbsDiff(o, photo).toFixed(1)})`);
      const ec = edgeCorrelation(photo, o);
      assert.ok(ec >= 0.5, `sample${pi + 1} ${id}: edge correlation ${ec.toFixed(2)}`);
      for (let j = 0; j < i; j++) {
        const d = meanAbsDiff(o, outs[j]!);
        assert.ok(d > 5, `sample${pi + 1}: ${id} vs ${DRAWING_STYLES[j]!.id} differ by only ${d.toFixed(1)}`);
      }
    });
  }
});

test('parameters are live graph inputs: changing one changes the render', async () => {
  const style = DRAWING_STYLES.find((s) => s.id === 'pencil')!;
  const a = await full({ kind: 'drawing', style }, photos[0]!);
  const b = await full({ kind: 'drawing', style, params: [3, 20, 0.05, 0, 0] }, photos[0]!);
  assert.ok(meanAbsDiff(a, b) > 3);
});

test('example-based style carries the artwork marks: nearest-patch distance ≤ 0.8× the colour-grade baseline', async (t) => {
  const photo = { ...photos[0]! };
  const content = { width: 128, height: 128, data: await sharp(photo.data, { raw: { width: photo.width, height: photo.height, channels: 3 } }).resize(128, 128, { fit: 'cover' }).raw().toBuffer().then((b) => new Uint8Array(b)) };
  const painted = await paintings(['wave', 'the_scream', 'mondrian', 'udnie']);
  if (painted.length === 0) t.diagnostic('../shared/data/styles is absent: checking the generated artworks only');
  // The faces as the app weights them (sharp's cover crop: scale to cover 128², centred).
  const faces = await faceWeightOf(1, 128, 128, ([x, y], big) => {
    const k = 128 / Math.min(big.width, big.height);
    return [(x + 0.5) * k - 0.5 - (big.width * k - 128) / 2, (y + 0.5) * k - 0.5 - (big.height * k - 128) / 2];
  });
  assert.ok(faces, 'sample1 has faces');
  let paintingsPassed = 0;
  for (const [name, art] of [...generatedArtworks(), ...painted]) {
    const e = await embedArtwork(inference, art);
    const ref = patches(await fitWithin(art, 384), 4);
    const styled = await full({ kind: 'example', embedding: e }, content, 1, { faces });
    // The baseline: the same pyramid with per-band mean/std matching only (no patch swap).
    const grade = await full({ kind: 'example', embedding: { ...e, params: [0, 1] } }, content, 1, { faces });
    const q = (im: RgbImage) => patches(im, 6);
    const ratio = meanNearestPatchDistance(q(styled), ref) / meanNearestPatchDistance(q(grade), ref);
    const ec = edgeCorrelation(content, styled);
    t.diagnostic(`${name}: distance ratio to the grade ${ratio.toFixed(3)}, edge correlation ${ec.toFixed(3)}`);
    assert.ok(ec >= 0.4, `${name}: the face is no longer readable (edge correlation ${ec.toFixed(2)})`);
    if (painted.some(([n]) => n === name)) paintingsPassed += ratio <= 0.8 ? 1 : 0;
    else assert.ok(ratio <= 0.8, `${name}: ratio ${ratio.toFixed(2)}`);
  }
  if (painted.length > 0) assert.ok(paintingsPassed >= 3, `only ${paintingsPassed} paintings passed`);
});

test('strength: 0 reproduces the input (PSNR ≥ 45 dB), and the statistics move monotonically towards the style', async () => {
  const [, poster] = generatedArtworks()[1]!;
  const e: StyleEmbedding = await embedArtwork(inference, poster);
  const target = channelStats(poster);
  for (const [i, photo] of photos.slice(0, 3).entries()) {
    // With the faces weighted as the app does (it changes the example graph's result inside them).
    const faces = await faceWeightOf(i + 1, photo.width, photo.height, ([x, y], big) => {
      const k = photo.width / big.width;
      return [(x + 0.5) * k - 0.5, (y + 0.5) * k - 0.5];
    });
    for (const source of [{ kind: 'example', embedding: e } as const, { kind: 'drawing', style: DRAWING_STYLES[3]! } as const]) {
      const p = psnr(photo, await full(source, photo, 0, { faces }));
      assert.ok(p >= 45, `strength 0 PSNR ${p.toFixed(1)} dB`);
    }
    let last = Infinity;
    for (const s of [0, 0.25, 0.5, 0.75, 1]) {
      const d = statsDistance(channelStats(await full({ kind: 'example', embedding: e }, photo, s, { faces })), target);
      assert.ok(d <= last + 1e-3, `strength ${s}: distance ${d.toFixed(4)} > ${last.toFixed(4)}`);
      last = d;
    }
  }
});

test('preserve colour keeps the photo chroma; a region mask leaves the rest untouched', async () => {
  const photo = photos[1]!;
  const style = DRAWING_STYLES.find((s) => s.id === 'pop')!;
  const keep = await full({ kind: 'drawing', style }, photo, 1, { preserveColor: true });
  const chroma = (img: RgbImage) => {
    const l = luma(img);
    return Array.from(img.data, (v, i) => v / 255 - l[Math.floor(i / 3)]!);
  };
  const [c0, c1, c2] = [chroma(photo), chroma(keep), chroma(await full({ kind: 'drawing', style }, photo))];
  const dist = (a: number[], b: number[]) => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / a.length;
  assert.ok(dist(c0, c1) < 0.5 * dist(c0, c2), `${dist(c0, c1)} vs ${dist(c0, c2)}`);
  const mask = new Float32Array(photo.width * photo.height);
  for (let y = 0; y < photo.height; y++) for (let x = 0; x < photo.width / 2; x++) mask[y * photo.width + x] = 1;
  const half = await full({ kind: 'drawing', style }, photo, 1, { mask });
  for (let y = 0; y < photo.height; y++) {
    for (let x = Math.ceil(photo.width / 2); x < photo.width; x++) {
      for (let c = 0; c < 3; c++) assert.equal(half.data[3 * (y * photo.width + x) + c], photo.data[3 * (y * photo.width + x) + c]);
    }
  }
  assert.ok(meanAbsDiff(half, photo) > 4);
});

test('bad artworks: tiny, huge, greyscale, transparent, corrupt', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'styles-'));
  const gallery = new StyleGallery(dir, inference);
  const solid = (w: number, h: number, channels: 3 | 4, a = 1) => sharp({ create: { width: w, height: h, channels, background: { r: 200, g: 90, b: 40, alpha: a } } });
  await assert.rejects(gallery.addArtwork('tiny', await raw(solid(8, 8, 3)), false), /too small.*8×8/);
  const corrupt = (await raw(solid(64, 64, 3))).slice(0, 40);
  await assert.rejects(gallery.addArtwork('corrupt', corrupt, false), /cannot be decoded|not an image/);
  await assert.rejects(gallery.addArtwork('garbage', new TextEncoder().encode('not an image at all'), false), /not an image/);
  // A PNG header that claims 20000×20000 pixels: refused before any pixel is allocated.
  const huge = await raw(solid(64, 64, 3));
  new DataView(huge.buffer).setUint32(16, 20000);
  new DataView(huge.buffer).setUint32(20, 20000);
  await assert.rejects(gallery.addArtwork('huge', huge, false), /too large|cannot be read|not an image/);
  const grey = await gallery.addArtwork('grey', await raw(sharp(await solid(96, 64, 3).png().toBuffer()).greyscale()), false);
  const clear = await gallery.addArtwork('transparent', await raw(solid(96, 96, 4, 0)), false);
  assert.equal(grey.kind, 'user');
  assert.equal(clear.kind, 'user');
  const files = await fs.readdir(path.join(dir, 'styles'));
  assert.deepEqual(files.filter((f) => f.endsWith('.tmp')), []);
  assert.equal(files.length, 2, 'failed artworks left nothing behind');
  await fs.rm(dir, { recursive: true });
});

test('gallery: add with and without the image, rename, export, import, delete, persisted on disk', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'styles-'));
  const gallery = new StyleGallery(dir, inference);
  const [, hatch] = generatedArtworks()[0]!;
  const png = await raw(sharp(hatch.data, { raw: { width: hatch.width, height: hatch.height, channels: 3 } }));
  const a = await gallery.addArtwork('Hatching', png, true);
  const b = await gallery.addArtwork('No image', png, false);
  assert.equal(a.hasImage, true);
  assert.equal(b.hasImage, false);
  const renamed = await gallery.rename(a.id, 'Cross hatching');
  const reopened = new StyleGallery(dir, inference);
  const listed = await reopened.list();
  assert.ok(listed.some((s) => s.id === a.id && s.name === 'Cross hatching'));
  assert.equal(listed.filter((s) => s.kind === 'drawing').length, 8);
  const json = await reopened.export(renamed.id);
  assert.ok(!json.includes('image'), 'export never carries the artwork');
  const imported = await reopened.import(json);
  const src = await reopened.resolve(imported.id);
  assert.equal(src.kind, 'example');
  const ink = await reopened.import(await reopened.export('ink'));
  assert.equal((await reopened.resolve(ink.id)).kind, 'drawing');
  await reopened.delete(a.id);
  await assert.rejects(reopened.resolve(a.id), /no user style/);
  await assert.rejects(reopened.delete('user:../../etc/passwd'), /no user style/);
  assert.equal((await fs.readdir(path.join(dir, 'styles'))).length, 3);
  await fs.rm(dir, { recursive: true });
});

test('CLI: styles --json and style <image> --style <id | artwork> -o', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'style-cli-'));
  const services = createServices({ userDataDir: dir });
  let out = '';
  const ctx = { services, stdout: (t: string) => (out += t), stderr: () => undefined };
  await stylesCommand.run(['--json'], ctx);
  const list = JSON.parse(out) as Array<{ id: string; name: string; kind: string }>;
  assert.ok(list.some((s) => s.id === 'pencil' && s.kind === 'drawing'));
  assert.deepEqual(Object.keys(list[0]!), ['id', 'name', 'kind']);
  const img = path.join(dir, 'photo.png');
  await sharp(path.join(DEMO, 'sample3.jpg')).resize(256).png().toFile(img);
  const target = path.join(dir, 'out.png');
  await styleCommand.run([img, '--style', 'ink', '--strength', '0.7', '-o', target], ctx);
  const meta = await sharp(target).metadata();
  assert.equal(meta.format, 'png');
  const artwork = path.join(dir, 'art.png');
  const [, poster] = generatedArtworks()[1]!;
  await sharp(poster.data, { raw: { width: 256, height: 256, channels: 3 } }).png().toFile(artwork);
  await styleCommand.run([img, '--style', artwork, '-o', path.join(dir, 'out2.png')], ctx);
  await assert.rejects(styleCommand.run([img, '--style', 'no-such-style', '-o', path.join(dir, 'x.png')], ctx), /neither a style id/);
  await assert.rejects(styleCommand.run([img, '--style', 'ink', '--strength', '2', '-o', path.join(dir, 'x.png')], ctx), /--strength/);
  await assert.rejects(fs.access(path.join(dir, 'x.png')));
  await services.inference.dispose();
  await fs.rm(dir, { recursive: true });
});
