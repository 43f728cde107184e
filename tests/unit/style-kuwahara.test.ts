/** The Kuwahara filter (synthesis/kuwahara.ts): the edge-preserving smoothing of a painting's guide. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kuwahara } from '../../electron/services/style/synthesis/kuwahara.js';

const W = 24;
const H = 16;

test('a constant plane stays constant, at the borders too; radius < 1 copies', () => {
  const flat = new Float32Array(W * H).fill(0.3);
  const [out] = kuwahara([flat], flat, W, H, 3);
  assert.ok(out!.every((v) => Math.abs(v - 0.3) < 1e-6));
  const ramp = Float32Array.from({ length: W * H }, (_, i) => (i % W) / W);
  const [copy] = kuwahara([ramp], ramp, W, H, 0.4);
  assert.deepEqual([...copy!], [...ramp]);
  assert.notEqual(copy, ramp);
});

test('a step edge stays sharp (a Gaussian would spread it), every plane taking the window the guide chose', () => {
  const step = Float32Array.from({ length: W * H }, (_, i) => (i % W < 12 ? 0.1 : 0.9));
  const other = Float32Array.from({ length: W * H }, (_, i) => (i % W < 12 ? 1 : 0));
  const [a, b] = kuwahara([step, other], step, W, H, 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      assert.equal(a![y * W + x], Math.fround(x < 12 ? 0.1 : 0.9), `(${x}, ${y})`);
      assert.equal(b![y * W + x], x < 12 ? 1 : 0);
    }
});

test('noise in a flat area is smoothed: its spread falls by more than half', () => {
  let s = 7;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const noisy = Float32Array.from({ length: W * H }, () => 0.5 + 0.2 * (rand() - 0.5));
  const [out] = kuwahara([noisy], noisy, W, H, 3);
  const spread = (v: Float32Array) => {
    const m = v.reduce((p, q) => p + q, 0) / v.length;
    return Math.sqrt(v.reduce((p, q) => p + (q - m) ** 2, 0) / v.length);
  };
  assert.ok(spread(out!) < 0.5 * spread(noisy), `${spread(out!)} vs ${spread(noisy)}`);
});
