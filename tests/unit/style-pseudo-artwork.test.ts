/**
 * The marks engine's guide (synthesis/pseudo-artwork.ts): the sitter tone-mapped the artwork's way,
 * with the detail gain chosen from the artwork's energy per scale. On demo photos and artworks made
 * from them by the analogy set's filters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseTransfer, pseudoArtwork, shrink } from '../../electron/services/style/synthesis/pseudo-artwork.js';
import { gaussianBlur } from '../../electron/services/images/gaussian.js';
import { luminance } from '../../electron/services/style/synthesis/guides.js';
import { FILTERS } from '../analogy/filters.js';
import { ssim } from '../analogy/measure.js';
import { coverRgb } from '../images.js';

const photo = await coverRgb('node_modules/@vladmandic/face-api/demo/sample2.jpg', 256);
const other = await coverRgb('node_modules/@vladmandic/face-api/demo/sample3.jpg', 256);

test('gaussianBlur keeps a constant plane and the mass of an impulse, and spreads it by σ', () => {
  const flat = new Float32Array(15 * 11).fill(0.4);
  assert.ok(gaussianBlur(flat, 15, 11, 2).every((v) => Math.abs(v - 0.4) < 1e-6));
  const dot = new Float32Array(41 * 41);
  dot[20 * 41 + 20] = 1;
  const g = gaussianBlur(dot, 41, 41, 3);
  let sum = 0;
  let m2 = 0;
  for (let y = 0; y < 41; y++) for (let x = 0; x < 41; x++) [sum, m2] = [sum + g[y * 41 + x]!, m2 + g[y * 41 + x]! * (x - 20) ** 2];
  assert.ok(Math.abs(sum - 1) < 1e-5, `mass ${sum}`);
  assert.ok(Math.abs(Math.sqrt(m2 / sum) - 3) < 0.05, `σ ${Math.sqrt(m2 / sum)}`);
});

test('a line drawing asks for strong detail, a painting for little', () => {
  const lines = chooseTransfer(FILTERS.lines(other), photo);
  const painting = chooseTransfer(FILTERS.painterly(other), photo);
  assert.ok(lines.detail >= 30, `lines: detail ${lines.detail}`);
  assert.ok(painting.detail <= 3, `painterly: detail ${painting.detail}`);
});

test('the guide of a line-drawing style is a line drawing of the sitter, structurally close to the true one', () => {
  const truth = FILTERS.lines(photo);
  const guide = pseudoArtwork(FILTERS.lines(other), photo, chooseTransfer(FILTERS.lines(other), photo));
  const s = ssim(luminance(guide), luminance(truth), 256, 256);
  // The photo itself scores far lower against the drawing (measured 0.18): what a colour grade keeps.
  const base = ssim(luminance(photo), luminance(truth), 256, 256);
  assert.ok(s > 0.6 && s > base + 0.3, `guide SSIM ${s.toFixed(3)}, photo ${base.toFixed(3)}`);
});

test('shrink averages f×f blocks and drops the remainder', () => {
  const img = { width: 5, height: 3, data: Uint8Array.from({ length: 45 }, (_, i) => (Math.floor(i / 3) % 5) * 10) };
  const s = shrink(img, 2);
  assert.deepEqual([s.width, s.height], [2, 1]);
  assert.deepEqual([...s.data], [5, 5, 5, 25, 25, 25]);
});

test('the recursive Gaussian (wide σ) stays near the exact kernel on a photo, borders included', async () => {
  const { recursiveGaussian } = await import('../../electron/services/images/gaussian.js');
  const l = luminance(photo);
  // The exact kernel for σ 3.5: two exact blurs of σ/√2 (σ² adds).
  const half = 3.5 / Math.SQRT2;
  const exact = gaussianBlur(gaussianBlur(l, 256, 256, half), 256, 256, half);
  const fast = recursiveGaussian(l, 256, 256, 3.5);
  let worst = 0;
  let sum = 0;
  for (let i = 0; i < l.length; i++) {
    const d = Math.abs(fast[i]! - exact[i]!);
    [worst, sum] = [Math.max(worst, d), sum + d];
  }
  // Measured 0.023 worst (the last column) and a mean of a few thousandths.
  assert.ok(worst < 0.03 && sum / l.length < 0.004, `worst ${worst.toFixed(4)}, mean ${(sum / l.length).toFixed(5)}`);
});
