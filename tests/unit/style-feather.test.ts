import assert from 'node:assert/strict';
import { test } from 'node:test';
import { regionMask } from '../../electron/services/style/service.js';
import { syntheticFace } from './synthetic-face.js';

/** Largest change between horizontally neighbouring pixels: a polygon filled hard steps by 1. */
function largestStep(mask: Float32Array, w: number, h: number): number {
  let step = 0;
  for (let y = 0; y < h; y++) for (let x = 1; x < w; x++) step = Math.max(step, Math.abs(mask[y * w + x]! - mask[y * w + x - 1]!));
  return step;
}

test('a style restricted to the face or the organs fades out instead of stopping at a seam', () => {
  const face = syntheticFace(128, 128, 40); // eye distance 80 px
  for (const region of ['face', 'organs'] as const) {
    const mask = regionMask(region, 256, 256, face)!;
    const step = largestStep(mask, 256, 256);
    // The analysis masks alone step by 0.108 per pixel here; a style's fade is at least twice as wide.
    assert.ok(step < 0.07, `${region}: largest step ${step.toFixed(3)}`);
    assert.ok(Math.max(...mask) > 0.95, `${region}: still fully styled inside`);
  }
});
