/**
 * The artwork's tone kind and the poster model (synthesis/posterise.ts): pure functions on pixels,
 * checked on constructed images with known answers and on the analogy set's filters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelLevels, dominantColours, evenLevel, inkRamp, posterOf, residualChroma, toneKind } from '../../electron/services/style/synthesis/posterise.js';
import { colourGrade } from '../../electron/services/style/synthesis/pseudo-artwork.js';
import { FILTERS } from '../analogy/filters.js';
import { colourPencil, posterizeBits, screenPrint } from '../analogy/unseen-filters.js';
import { coverRgb } from '../images.js';

const photo = await coverRgb('node_modules/@vladmandic/face-api/demo/sample2.jpg', 256);

/** A w×h image whose pixel (x, y) is `f(x, y)` (RGB 0..255). */
function image(w: number, h: number, f: (x: number, y: number) => [number, number, number]) {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(f(x, y), 3 * (y * w + x));
  return { width: w, height: h, data };
}

test('evenLevel: ⌊v·k⌋, the top value in the last level, out-of-range values clamped', () => {
  assert.deepEqual([0, 0.24, 0.25, 0.5, 0.99, 1].map((v) => evenLevel(v, 4)), [0, 0, 1, 2, 3, 3]);
  assert.equal(evenLevel(-0.2, 3), 0);
  assert.equal(evenLevel(1.7, 3), 2);
  assert.equal(evenLevel(0.9, 1), 0);
});

test('channelLevels merges values within 3/255 at their weighted mean, keeps 5/255 apart, drops levels under 3 % of the weight', () => {
  const lv = channelLevels([
    [0.5, 0.3],
    [0.5 + 2 / 255, 0.1],
    [0.1, 0.48],
    [0.1 + 5 / 255, 0.1],
    [0.9, 0.02],
  ]);
  assert.equal(lv.length, 3);
  assert.ok(Math.abs(lv[0]! - 0.1) < 1e-9);
  assert.ok(Math.abs(lv[1]! - (0.1 + 5 / 255)) < 1e-9);
  assert.ok(Math.abs(lv[2]! - (0.5 * 0.3 + (0.5 + 2 / 255) * 0.1) / 0.4) < 1e-9);
  assert.deepEqual(channelLevels([]), []);
});

test('residualChroma: 0 for any blend of one ink and one paper, large for a colour photo', () => {
  const ramp = image(32, 16, (x) => {
    const t = x / 31;
    return [Math.round(40 + 200 * t), Math.round(20 + 210 * t), Math.round(90 + 150 * t)];
  });
  assert.ok(residualChroma(ramp) < 0.003, `ramp ${residualChroma(ramp)}`);
  assert.equal(residualChroma(image(8, 8, () => [120, 30, 200])), 0);
  assert.ok(residualChroma(photo) > 0.03, `photo ${residualChroma(photo)}`);
});

test('inkRamp recovers one ink on one paper; a colour photo has none; a face graded on it takes that ink alone', () => {
  // Ink (30, 20, 80) to paper (250, 240, 220): every channel linear in the blend, so in luminance.
  const print = image(48, 16, (x, y) => {
    const t = ((x * 7 + y * 13) % 48) / 47;
    return [Math.round(30 + 220 * t), Math.round(20 + 220 * t), Math.round(80 + 140 * t)];
  });
  const ramp = inkRamp(print)!;
  assert.ok(ramp, 'a one-ink print has a ramp');
  const lum = (c: number[]) => 0.299 * c[0]! + 0.587 * c[1]! + 0.114 * c[2]!;
  for (const rgb of [[30, 20, 80], [250, 240, 220]]) {
    const y = lum(rgb) / 255;
    rgb.forEach((v, c) => assert.ok(Math.abs(ramp.a[c]! + ramp.b[c]! * y - v / 255) < 0.01, `channel ${c} at ${rgb}`));
  }
  assert.equal(inkRamp(photo), undefined);
  // The colour photo graded onto the print: its chroma is the ink's (none left once luminance is fitted).
  const graded = new Float32Array(photo.width * photo.height * 3);
  colourGrade(print, photo, graded, ramp);
  const out = { width: photo.width, height: photo.height, data: Uint8Array.from(graded, (v) => Math.round(255 * v)) };
  assert.ok(residualChroma(out) < 0.005, `graded ${residualChroma(out)}`);
  colourGrade(print, photo, graded);
  const plain = { width: photo.width, height: photo.height, data: Uint8Array.from(graded, (v) => Math.round(255 * v)) };
  assert.ok(residualChroma(plain) > 0.01, `per-channel grade ${residualChroma(plain)}`);
});

test('dominantColours: flat areas only when asked, so the blends along edges are not inks', () => {
  // Two flat parts (the red one larger) with a one-pixel seam of a third colour between them.
  const img = image(40, 20, (x) => (x < 24 ? [200, 10, 10] : x === 24 ? [100, 100, 100] : [10, 10, 200]));
  const all = dominantColours(img);
  assert.equal(all.colours.length, 3);
  assert.ok(Math.abs(all.share - 1) < 1e-9);
  const flat = dominantColours(img, 0.01, true);
  assert.equal(flat.colours.length, 2);
  assert.deepEqual(flat.colours[0]!.map((v) => Math.round(v * 255)), [200, 10, 10]);
});

test('toneKind tells ink drawings, posters and full-colour pictures apart', () => {
  assert.equal(toneKind(FILTERS.lines(photo)), 'ink');
  assert.equal(toneKind(FILTERS.hatching(photo)), 'ink');
  assert.equal(toneKind(FILTERS.posterised(photo)), 'poster');
  assert.equal(toneKind(posterizeBits(photo)), 'poster');
  assert.equal(toneKind(FILTERS.painterly(photo)), 'paint');
  assert.equal(toneKind(photo), 'paint');
  // Colour on mostly white paper is drawn, not painted: its tones are the paper's.
  assert.equal(toneKind(colourPencil(photo)), 'ink');
  // Scattered strokes of many colours on 70 % white paper; the same strokes on a mid-grey ground are paint.
  const strokes = (ground: [number, number, number]) =>
    image(128, 128, (x, y) => ((x * 7 + y * 13) % 10 < 3 ? [(x * 37 + y * 11) % 256, (x * 5 + y * 53) % 256, (x * 23 + y * 29) % 256] : ground));
  assert.equal(toneKind(strokes([250, 248, 240])), 'ink');
  assert.equal(toneKind(strokes([110, 100, 90])), 'paint');
});

test('posterOf: per-channel levels for a bit-level posterize, luminance-ordered inks for a three-ink print', () => {
  const bits = posterOf(posterizeBits(photo));
  assert.equal(bits.kind, 'channels');
  if (bits.kind === 'channels') for (const lv of bits.levels) for (const v of lv) assert.equal(Math.round(v * 255) % 64, 0, `level ${v * 255}`);
  const print = posterOf(screenPrint(photo));
  assert.equal(print.kind, 'luminance');
  if (print.kind === 'luminance') {
    assert.equal(print.inks.length, 3);
    const lum = print.inks.map(([r, g, b]) => 0.299 * r + 0.587 * g + 0.114 * b);
    assert.ok(lum[0]! < lum[1]! && lum[1]! < lum[2]!, `inks by luminance ${lum}`);
  }
});
