import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blur, fillPolygon, plane } from '../../electron/services/faces/raster.js';
import { faceMasks } from '../../electron/services/faces/masks.js';
import { faceStreams, isolate, landmarkImage, wipe, NEUTRAL } from '../../electron/services/faces/streams.js';
import type { Point } from '../../common/geometry.js';
import { syntheticFace } from './synthetic-face.js';
import type { RgbImage } from '../../electron/services/images/decode.js';

const at = (pl: { width: number; data: Float32Array }, [x, y]: Point) => pl.data[Math.floor(y) * pl.width + Math.floor(x)]!;

test('fillPolygon fills exactly the pixels whose centres are inside', () => {
  const p = plane(10, 10);
  fillPolygon(p, [[2, 3], [6, 3], [6, 8], [2, 8]]);
  assert.equal(p.data.reduce((a, b) => a + b, 0), 4 * 5);
  assert.equal(at(p, [2, 3]), 1);
  assert.equal(at(p, [6, 3]), 0);
  const tri = plane(10, 10);
  fillPolygon(tri, [[0, 0], [10, 0], [0, 10]]); // centres with x + y < 9
  assert.equal(tri.data.reduce((a, b) => a + b, 0), 45);
});

test('blur keeps a constant plane constant and feathers an edge monotonically', () => {
  const c = plane(20, 20);
  c.data.fill(0.7);
  assert.ok(blur(c, 3).data.every((v) => Math.abs(v - 0.7) < 1e-6));
  const half = plane(40, 1);
  half.data.fill(1, 20);
  const b = blur(half, 3).data;
  for (let x = 1; x < 40; x++) assert.ok(b[x]! >= b[x - 1]! - 1e-7);
  assert.ok(b[19]! > 0.2 && b[19]! < 0.5 && b[20]! > 0.5 && b[20]! < 0.8);
});

test('masks: organs cover eyes, nose and mouth; forehead is face but not organ; outside is empty', () => {
  const lm = syntheticFace(128, 128, 38);
  const m = faceMasks(lm, 256, 256);
  for (const p of [[90, 90], [166, 90], [128, 160], [128, 140]] as Point[]) assert.ok(at(m.organs, p) > 0.9, `organ at ${p}: ${at(m.organs, p)}`);
  assert.ok(at(m.eyes, [90, 90]) > 0.9 && at(m.mouth, [128, 166]) > 0.9 && at(m.nose, [128, 140]) > 0.9);
  assert.ok(at(m.brows, [80, 76]) > 0.9);
  assert.ok(at(m.face, [128, 60]) > 0.9 && at(m.organs, [128, 60]) < 0.01, 'forehead');
  assert.ok(at(m.cheeks, [85, 140]) > 0.9 && at(m.organs, [85, 140]) < 0.1, 'cheek');
  assert.ok(at(m.face, [5, 5]) === 0 && at(m.wiped, [5, 5]) === 0);
  assert.ok(at(m.texture, [128, 60]) > 0.9 && at(m.texture, [90, 90]) < 0.1);
  assert.throws(() => faceMasks(lm.slice(0, 60), 256, 256), RangeError);
});

test('landmarkImage is binary with a disc at every point', () => {
  const img = landmarkImage([[10.5, 10.5], [30, 40]], 64);
  assert.ok(img.data.every((v) => v === 0 || v === 255));
  assert.equal(img.data[(10 * 64 + 10) * 3], 255);
  assert.equal(img.data[(39 * 64 + 29) * 3], 255);
  assert.equal(img.data[(20 * 64 + 20) * 3], 0);
});

test('wipe refills the masked square from the surroundings; isolate keeps only the mask', () => {
  // skin 200 with a dark 8×8 "organ" in the middle
  const img: RgbImage = { width: 32, height: 32, data: new Uint8Array(32 * 32 * 3).fill(200) };
  for (let y = 12; y < 20; y++) for (let x = 12; x < 20; x++) img.data.fill(20, (y * 32 + x) * 3, (y * 32 + x) * 3 + 3);
  const mask = plane(32, 32);
  fillPolygon(mask, [[11, 11], [21, 11], [21, 21], [11, 21]]);
  const wiped = wipe(img, mask, 6);
  assert.equal(wiped.data[(16 * 32 + 16) * 3], 200, 'hole filled with the skin value');
  assert.equal(wiped.data[(2 * 32 + 2) * 3], 200);
  const only = isolate(img, mask);
  assert.equal(only.data[(16 * 32 + 16) * 3], 20);
  assert.equal(only.data[(2 * 32 + 2) * 3], NEUTRAL);
});

test('faceStreams: canonical 256 frame, eyes at the canonical points, three stream images', () => {
  // a face in a 400×300 photo, tilted by the way its landmarks are rotated 20°
  const rot = (p: Point): Point => {
    const a = (20 * Math.PI) / 180;
    return [200 + (p[0] - 200) * Math.cos(a) - (p[1] - 150) * Math.sin(a), 150 + (p[0] - 200) * Math.sin(a) + (p[1] - 150) * Math.cos(a)];
  };
  const lm = syntheticFace(200, 150, 30).map(rot);
  const photo: RgbImage = { width: 400, height: 300, data: new Uint8Array(400 * 300 * 3).fill(180) };
  const s = faceStreams(photo, lm);
  assert.equal(s.size, 256);
  for (const im of [s.aligned, s.landmarks, s.texture, s.organs]) assert.deepEqual([im.width, im.height, im.data.length], [256, 256, 256 * 256 * 3]);
  const le = s.points.slice(36, 42).reduce((a, p) => [a[0] + p[0] / 6, a[1] + p[1] / 6], [0, 0]);
  assert.ok(Math.abs(le[0] - 0.35 * 256) < 1e-6 && Math.abs(le[1] - 0.38 * 256) < 1e-6);
  // a flat photo stays flat in texture; organs is neutral away from the organs
  assert.ok(s.texture.data.every((v) => Math.abs(v - 180) <= 1));
  assert.equal(s.organs.data[(10 * 256 + 10) * 3], NEUTRAL);
});
