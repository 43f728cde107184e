/**
 * What faces keep under the marks (synthesis/face-under.ts): the guide where it still draws the
 * sitter's fine features, else the plain colour grade. On demo photos, artworks made by the analogy
 * set's filters and the face tests' four-ink poster.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { faceUnder, featureSlope, guideShare, GUIDE_RAMP } from '../../electron/services/style/synthesis/face-under.js';
import { chooseTransfer, colourGrade, pseudoArtwork } from '../../electron/services/style/synthesis/pseudo-artwork.js';
import type { Rgb8 } from '../../electron/services/style/synthesis/guides.js';
import { FILTERS } from '../analogy/filters.js';
import { generatedArtworks } from '../integration/style-artworks.js';
import { coverRgb } from '../images.js';

const SIDE = 256;
const photo = await coverRgb('node_modules/@vladmandic/face-api/demo/sample3.jpg', SIDE);
const other = await coverRgb('node_modules/@vladmandic/face-api/demo/sample2.jpg', SIDE);
/** A soft disc over the middle of the photo: where the slope is measured (a stand-in for a face weight). */
const weight = Float32Array.from({ length: SIDE * SIDE }, (_, i) => Math.max(0, Math.min(1, 1.5 - Math.hypot((i % SIDE) - 128, Math.floor(i / SIDE) - 128) / 60)));

function slopeFor(art: Rgb8): number {
  const graded = new Float32Array(SIDE * SIDE * 3);
  colourGrade(art, photo, graded);
  return featureSlope(pseudoArtwork(art, photo, chooseTransfer(art, photo)).data, graded, weight, SIDE, SIDE);
}

test('guideShare ramps from 0 to 1 over GUIDE_RAMP', () => {
  const [lo, hi] = GUIDE_RAMP;
  assert.equal(guideShare(0), 0);
  assert.equal(guideShare(lo), 0);
  assert.equal(guideShare((lo + hi) / 2), 0.5);
  assert.equal(guideShare(hi), 1);
  assert.equal(guideShare(10), 1);
});

test('featureSlope: 1 for the grade itself, 0 for a flat guide or no weight, ½ for halved contrast', () => {
  const graded = new Float32Array(SIDE * SIDE * 3);
  colourGrade(other, photo, graded);
  const same = Uint8Array.from(graded, (v) => Math.round(255 * v));
  assert.ok(Math.abs(featureSlope(same, graded, weight, SIDE, SIDE) - 1) < 0.01);
  assert.equal(featureSlope(new Uint8Array(SIDE * SIDE * 3).fill(128), graded, weight, SIDE, SIDE), 0);
  assert.equal(featureSlope(same, graded, new Float32Array(SIDE * SIDE), SIDE, SIDE), 0);
  const halved = Uint8Array.from(graded, (v) => Math.round(255 * (0.5 + 0.5 * (v - 0.5))));
  const s = featureSlope(halved, graded, weight, SIDE, SIDE);
  assert.ok(Math.abs(s - 0.5) < 0.02, `slope ${s.toFixed(3)}`);
});

test("a line drawing's guide keeps the face (share 1); a four-ink poster's loses it (share 0)", () => {
  const lines = slopeFor(FILTERS.lines(other));
  const poster = slopeFor(generatedArtworks()[1]![1]);
  console.log(`feature slope: lines ${lines.toFixed(2)}, poster ${poster.toFixed(2)}`);
  assert.equal(guideShare(lines), 1, `lines: slope ${lines.toFixed(2)}`);
  assert.equal(guideShare(poster), 0, `poster: slope ${poster.toFixed(2)}`);
});

test('faceUnder leaves the grade for a poster and puts the guide under a line drawing', () => {
  for (const [art, expect] of [[generatedArtworks()[1]![1], 'grade'], [FILTERS.lines(other), 'guide']] as const) {
    const graded = new Float32Array(SIDE * SIDE * 3);
    colourGrade(art, photo, graded);
    const before = graded.slice();
    const guide = pseudoArtwork(art, photo, chooseTransfer(art, photo)).data;
    faceUnder(guide, graded, weight, SIDE, SIDE);
    const want = expect === 'grade' ? before : Float32Array.from(guide, (v) => v / 255);
    assert.ok(graded.every((v, i) => Math.abs(v - want[i]!) < 1e-6), expect);
  }
});
