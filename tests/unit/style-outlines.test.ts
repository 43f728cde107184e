/**
 * A poster's outline model (synthesis/outlines.ts): how much of the artwork is outline and how dark,
 * read from its pixels; the sitter's dark edges drawn that way in the guide.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawOutlines, outlineInks, outlineOf } from '../../electron/services/style/synthesis/outlines.js';
import { inksOf } from '../../electron/services/style/synthesis/posterise.js';
import { FILTERS } from '../analogy/filters.js';
import { coverRgb } from '../images.js';

/** A w×h image whose pixel (x, y) is `f(x, y)` (RGB 0..255). */
function image(w: number, h: number, f: (x: number, y: number) => [number, number, number]) {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(f(x, y), 3 * (y * w + x));
  return { width: w, height: h, data };
}

const RED: [number, number, number] = [200, 60, 40];
const CREAM: [number, number, number] = [250, 240, 210];
const inks = [RED, CREAM].map((c) => c.map((v) => v / 255) as [number, number, number]);
/** Two flat inks split at x = 32, with a 2-px line of 0.4 × red along the split when `outlined`. */
const split = (outlined: boolean) => image(64, 64, (x) => (outlined && (x === 31 || x === 30) ? (RED.map((v) => Math.round(0.4 * v)) as [number, number, number]) : x < 32 ? RED : CREAM));

test('outlineOf: a line of 0.4 × an ink between two flat inks is an outline of that darkness and share', () => {
  const o = outlineOf(split(true), inks);
  assert.ok(o, 'found');
  assert.ok(Math.abs(o.darken - 0.4) < 0.01, `darken ${o.darken}`);
  // The line is 2 of 64 columns less the border rows: ~3 %.
  assert.ok(Math.abs(o.share - (2 * 62) / (64 * 64)) < 1e-9, `share ${o.share}`);
});

test('outlineInks: an ink that is the darkening times another ink is an outline, not a fill; other darkenings are not', () => {
  const dark = inks[0]!.map((v) => 0.35 * v) as [number, number, number];
  assert.deepEqual(outlineInks([...inks, dark], 0.35), [false, false, true]);
  assert.deepEqual(outlineInks([...inks, dark], 0.6), [false, false, false]);
});

test('outlineOf: a thick outline (a 6-px band of 0.4 × red with flat inside) counts whole in the share and is flagged an ink', () => {
  const line = RED.map((v) => Math.round(0.4 * v)) as [number, number, number];
  // Thin outlines on the cream give the darkening; the band's flat inside is an ink of its own.
  const thin = CREAM.map((v) => Math.round(0.4 * v)) as [number, number, number];
  const art = image(64, 64, (x, y) => (x >= 26 && x < 32 ? line : (y === 10 || y === 20) && x > 40 ? thin : x < 32 ? RED : CREAM));
  const o = outlineOf(art, [...inks, line.map((v) => v / 255) as [number, number, number]]);
  assert.ok(o && Math.abs(o.darken - 0.4) < 0.01, JSON.stringify(o));
  assert.deepEqual(o.outlineInk, [false, false, true]);
  assert.ok(Math.abs(o.share - (6 * 62 + 2 * 22) / (64 * 64)) < 0.005, `share ${o.share}`);
});

test('outlineOf: none for flat inks that meet without a line, nor for a blend between two inks', () => {
  assert.equal(outlineOf(split(false), inks), undefined);
  const blend = image(64, 64, (x) => (x < 31 ? RED : x > 32 ? CREAM : (RED.map((v, c) => Math.round((v + CREAM[c]!) / 2)) as [number, number, number])));
  assert.equal(outlineOf(blend, inks), undefined);
});

test('outlineOf on the posterised filter: its 0.35 × ink outlines are found on the tuning photos', async () => {
  for (const i of [1, 2, 3]) {
    const photo = await coverRgb(`node_modules/@vladmandic/face-api/demo/sample${i}.jpg`, 256);
    const art = FILTERS.posterised(photo);
    const o = outlineOf(art, inksOf(art).colours);
    assert.ok(o && Math.abs(o.darken - 0.35) < 0.01 && o.share > 0.01, `sample${i}: ${JSON.stringify(o)}`);
  }
});

test('drawOutlines darkens the dark side of an edge by the factor, on about the share asked, and nothing on a flat photo', () => {
  const photo = image(64, 64, (x) => (x < 32 ? [60, 60, 60] : [200, 200, 200]));
  const guide = new Uint8Array(64 * 64 * 3).fill(200);
  drawOutlines(guide, photo, { share: 0.05, darken: 0.5 });
  const dark: number[] = [];
  for (let x = 0; x < 64; x++) if (guide[3 * (32 * 64 + x)] === 100) dark.push(x);
  assert.ok(dark.length > 0 && dark.every((x) => x < 32 && x >= 28), `darkened columns ${dark.join(',')}`);
  const n = guide.filter((v) => v === 100).length / 3;
  assert.ok(n <= 0.05 * 64 * 64 + 64, `${n} pixels darkened`);
  const flat = new Uint8Array(64 * 64 * 3).fill(200);
  drawOutlines(flat, image(64, 64, () => [90, 90, 90]), { share: 0.05, darken: 0.5 });
  assert.ok(flat.every((v) => v === 200));
});
