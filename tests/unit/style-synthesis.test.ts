/**
 * Guided synthesis kernels and guides (electron/services/style/synthesis): the pure parts, on
 * small synthetic images and demo photos, in process (one rank).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitAffine, matchHistogram } from '../../electron/services/style/synthesis/guides.js';
import { synthesizeInline } from '../../electron/services/style/synthesis/inline.js';
import { chooseTransfer, pseudoArtwork } from '../../electron/services/style/synthesis/pseudo-artwork.js';
import { DEFAULT_STROKES, DEFAULT_WEIGHTS, levelSizes } from '../../electron/services/style/synthesis/plan.js';
import { landmarkSegments, parsedSegments, SEGMENTS } from '../../electron/services/faces/segments.js';
import { PARSING_CLASSES, type ParsingClass } from '../../electron/services/faces/parsing-classes.js';
import { coverRgb } from '../images.js';
import { syntheticFace } from './synthetic-face.js';

const options = { strength: 1, preserveColor: false, patchRadius: 2, strokes: DEFAULT_STROKES, effort: 'preview' as const, seed: 1 };

test('matchHistogram gives the values the reference distribution, keeping their order', () => {
  const v = Float32Array.from({ length: 1000 }, (_, i) => (i / 1000) ** 2);
  const ref = Float32Array.from({ length: 1000 }, (_, i) => 0.5 + 0.4 * (i / 1000));
  const m = matchHistogram(v, ref);
  for (let i = 1; i < m.length; i++) assert.ok(m[i]! >= m[i - 1]!);
  // 1024 bins: the lowest bin holds the 31 smallest values, so the ends are within a bin's share.
  assert.ok(Math.abs(m[0]! - 0.5) < 0.02 && Math.abs(m[999]! - 0.9) < 0.02 && Math.abs(m[500]! - 0.7) < 0.02, `${m[0]} ${m[500]} ${m[999]}`);
});

test('fitAffine recovers an affine map from point pairs', () => {
  const from: Array<[number, number]> = [[0, 0], [10, 0], [0, 10], [7, 3]];
  const f = (x: number, y: number): [number, number] => [2 * x - 0.5 * y + 3, 0.3 * x + 1.5 * y - 4];
  const m = fitAffine(from, from.map(([x, y]) => f(x, y)));
  for (const [k, v] of [2, 0.3, -0.5, 1.5, 3, -4].entries()) assert.ok(Math.abs(m[k]! - v) < 1e-9, `m[${k}] = ${m[k]}`);
});

test('levelSizes halves both images while every side of the level is at least 48 (so the coarsest keeps ≥ 24)', () => {
  assert.deepEqual(levelSizes({ width: 300, height: 200 }, { width: 256, height: 256 }).map((l) => [l.sw, l.sh, l.tw, l.th]), [
    [300, 200, 256, 256],
    [150, 100, 128, 128],
    [75, 50, 64, 64],
    [37, 25, 32, 32],
  ]);
});

test('synthesis with the photo as its own artwork gives the photo back (the field finds the identity)', async () => {
  const photo = await coverRgb('node_modules/@vladmandic/face-api/demo/sample2.jpg', 96);
  // The copied patches alone (the rest would be the guide, a smoothed photo here).
  const out = synthesizeInline(photo, photo, { ...options, strokes: 1 });
  let err = 0;
  for (let i = 0; i < out.data.length; i++) err += Math.abs(out.data[i]! - photo.data[i]!);
  assert.ok(err / out.data.length < 3, `mean error ${(err / out.data.length).toFixed(2)} levels`);
});

test('strength 0 and a zero mask return the photo bit for bit; preserve colours keeps its chroma', async () => {
  const photo = await coverRgb('node_modules/@vladmandic/face-api/demo/sample3.jpg', 64);
  const artwork = await coverRgb('node_modules/@vladmandic/face-api/demo/sample1.jpg', 64);
  assert.deepEqual(synthesizeInline(artwork, photo, { ...options, strength: 0 }).data, photo.data);
  assert.deepEqual(synthesizeInline(artwork, photo, options, undefined, new Float32Array(64 * 64)).data, photo.data);
  const kept = synthesizeInline(artwork, photo, { ...options, preserveColor: true });
  // R − G and B − G are chroma: the same as the photo's up to clipping and rounding.
  let diff = 0;
  let n = 0;
  for (let i = 0; i < kept.data.length; i += 3) {
    const [r, g, b] = [kept.data[i]!, kept.data[i + 1]!, kept.data[i + 2]!];
    if (Math.max(r, g, b) >= 254 || Math.min(r, g, b) <= 1) continue;
    diff += Math.abs(r - g - (photo.data[i]! - photo.data[i + 1]!)) + Math.abs(b - g - (photo.data[i + 2]! - photo.data[i + 1]!));
    n++;
  }
  assert.ok(n > 1000 && diff / n < 2, `chroma moved ${(diff / n).toFixed(2)} levels`);
});

test('landmark segments: eyes, brows and lips inside skin, hair above the face, background far away', () => {
  const lm = syntheticFace(128, 140, 25);
  const { labels, width } = landmarkSegments([lm], 256, 256);
  const at = (p: [number, number]) => SEGMENTS[labels[Math.round(p[1]) * width + Math.round(p[0])]!];
  assert.equal(at(lm[37]!), 'eyes');
  assert.equal(at(lm[19]!), 'brows');
  assert.equal(at(lm[51]!), 'lips');
  assert.equal(at(lm[30]!), 'skin');
  const iod = lm[45]![0] - lm[36]![0];
  assert.equal(at([lm[27]![0], lm[27]![1] - 1.2 * iod]), 'hair');
  assert.equal(at([2, 254]), 'background');
});

test('parsed segments: the parser\'s classes fold onto the six segments, a pixel outside its crops is background', () => {
  const names: Array<ParsingClass | 'unseen'> = ['hair', 'hat', 'skin', 'nose', 'neck', 'l_eye', 'eye_g', 'r_brow', 'mouth', 'u_lip', 'cloth', 'background', 'unseen'];
  const labels = Uint8Array.from(names, (n) => (n === 'unseen' ? 255 : PARSING_CLASSES.indexOf(n)));
  const seg = parsedSegments(labels, labels.length, 1);
  assert.deepEqual([...seg.labels].map((i) => SEGMENTS[i]), ['hair', 'hair', 'skin', 'skin', 'skin', 'eyes', 'eyes', 'brows', 'lips', 'lips', 'background', 'background', 'background']);
});

test('the segmentation guide follows the segments it is given (the parser\'s) in place of the landmark polygons', () => {
  // An artwork red on its left half, blue on its right; its given segments say the right half is
  // hair, and the photo's say it is all hair: with a strong label term the result is drawn from blue
  // (the grey photo's guide alone draws it from red: 96 % with the landmark polygons instead).
  const side = 96;
  const lm = syntheticFace(48, 52, 12);
  const artwork = { width: side, height: side, data: new Uint8Array(side * side * 3) };
  const photo = { width: side, height: side, data: new Uint8Array(side * side * 3).fill(128) };
  const hair = SEGMENTS.indexOf('hair');
  const artSeg = new Uint8Array(side * side);
  for (let i = 0; i < side * side; i++) {
    const left = i % side < side / 2;
    artwork.data.set(left ? [220, 30, 30] : [30, 30, 220], 3 * i);
    artSeg[i] = left ? SEGMENTS.indexOf('skin') : hair;
  }
  const faces = { artwork: lm, photo: lm, photoFaces: [lm], segments: { artwork: artSeg, photo: new Uint8Array(side * side).fill(hair) } };
  const out = synthesizeInline(artwork, photo, { ...options, strokes: 1 }, faces, undefined, { ...DEFAULT_WEIGHTS, label: 50, positional: 0, faceHedge: 0 });
  let blue = 0;
  for (let i = 0; i < side * side; i++) if (out.data[3 * i + 2]! > out.data[3 * i]!) blue++;
  assert.ok(blue / (side * side) > 0.9, `drawn from the artwork's hair: ${(blue / (side * side)).toFixed(2)}`);
});

test('strokes 0 gives the guide itself (the sitter tone-mapped the artwork’s way); more strokes, more of the artwork’s pixels', async () => {
  const photo = await coverRgb('node_modules/@vladmandic/face-api/demo/sample3.jpg', 96);
  const artwork = await coverRgb('node_modules/@vladmandic/face-api/demo/sample1.jpg', 96);
  const guide = pseudoArtwork(artwork, photo, chooseTransfer(artwork, photo));
  const diff = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / a.length;
  const none = synthesizeInline(artwork, photo, { ...options, strokes: 0 });
  assert.ok(diff(none.data, guide.data) < 0.6, `strokes 0 vs the guide: ${diff(none.data, guide.data).toFixed(2)} levels`);
  const some = synthesizeInline(artwork, photo, options);
  const all = synthesizeInline(artwork, photo, { ...options, strokes: 1 });
  const [d0, d1] = [diff(some.data, guide.data), diff(all.data, guide.data)];
  assert.ok(d0 > 1 && d1 > d0, `away from the guide: default ${d0.toFixed(2)}, all strokes ${d1.toFixed(2)} levels`);
});
