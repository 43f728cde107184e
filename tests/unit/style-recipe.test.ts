/**
 * The style recipes: the graphs rebuild to the committed bytes, and the fast forms of the shared
 * filters (shear-based diagonal line means, quadrant-based Kuwahara, MatMul luminance) compute
 * exactly what their comments say, checked against direct per-pixel references on odd sizes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../../build/onnx/builder.js';
import { buildDrawingGraph, drawingStyles } from '../../build/recipes/style/drawing.js';
import { buildEmbedGraph, buildExampleGraph } from '../../build/recipes/style/example.js';
import { boxMean, flowSmooth, kuwahara, LUMA, luminance } from '../../build/recipes/style/ops.js';
import { readManifest, sha256 } from '../../electron/services/inference/manifest.js';

test('the recipe reproduces every committed style model byte for byte', async () => {
  const manifest = await readManifest();
  const built: Array<[string, Uint8Array]> = [
    ...drawingStyles().map((s): [string, Uint8Array] => [s.model, buildDrawingGraph(s)]),
    ['style-embed', buildEmbedGraph()],
    ['style-example', buildExampleGraph()],
  ];
  for (const [name, bytes] of built) {
    const entry = manifest.models.find((m) => m.name === name);
    assert.ok(entry, `${name} is in the manifest`);
    assert.equal(sha256(bytes), entry.sha256, `${name}: rebuilt graph differs from native-models (run the style recipe)`);
  }
});

/** Deterministic test image values in 0..1 (a small LCG, so failures reproduce). */
function noise(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  });
}

async function runGraph(build: (b: GraphBuilder, x: string, extra: string) => string, x: ort.Tensor, extra: ort.Tensor): Promise<Float32Array> {
  const b = new GraphBuilder('t');
  const xi = b.input('x', 'float32', [1, x.dims[1]!, 'H', 'W']);
  const ei = b.input('extra', 'float32', extra.dims.map((d, i) => (i >= 2 ? `E${i}` : d)));
  b.op1('Identity', [build(b, xi, ei)], {}, 'y');
  b.output('y', 'float32', [1, 'C', 'H', 'W']);
  const session = await ort.InferenceSession.create(b.toBytes());
  const out = await session.run({ x, extra });
  await session.release();
  return out.y!.data as Float32Array;
}

const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));

test('flowSmooth: 7-pixel line means along 0°, 45°, 90°, 135° with edge padding, mixed by the weights', async () => {
  for (const [h, w] of [[13, 17], [9, 8], [1, 11]] as const) {
    const c = 3;
    const x = noise(c * h * w, h * 100 + w);
    const weights = noise(4 * h * w, 7);
    const out = await runGraph((b, xi, wi) => flowSmooth(b, xi, wi), new ort.Tensor('float32', x, [1, c, h, w]), new ort.Tensor('float32', weights, [1, 4, h, w]));
    const dirs = [[1, 0], [1, 1], [0, 1], [-1, 1]] as const;
    for (let ch = 0; ch < c; ch++) {
      for (let y = 0; y < h; y++) {
        for (let xx = 0; xx < w; xx++) {
          let want = 0;
          dirs.forEach(([dx, dy], d) => {
            let s = 0;
            for (let t = -3; t <= 3; t++) s += x[ch * h * w + clamp(y + dy * t, h) * w + clamp(xx + dx * t, w)]!;
            want += (weights[d * h * w + y * w + xx]! * s) / 7;
          });
          const got = out[ch * h * w + y * w + xx]!;
          assert.ok(Math.abs(got - want) < 1e-5, `${h}×${w} c${ch} (${xx},${y}): ${got} vs ${want}`);
        }
      }
    }
  }
});

test('kuwahara: eight sectors from four quadrants (half-planes averaged), weights σ^−q', async () => {
  const [h, w, r, q] = [11, 14, 2, 4];
  const x = noise(3 * h * w, 3);
  const out = await runGraph((b, xi, qi) => kuwahara(b, xi, r, qi), new ort.Tensor('float32', x, [1, 3, h, w]), new ort.Tensor('float32', Float32Array.of(q), [1]));
  const px = (ch: number, y: number, xx: number) => x[ch * h * w + clamp(y, h) * w + clamp(xx, w)]!;
  const lum = (y: number, xx: number) => LUMA.reduce((s, k, ch) => s + k * px(ch, y, xx), 0);
  for (let y = 0; y < h; y++) {
    for (let xx = 0; xx < w; xx++) {
      // Quadrants TL, TR, BL, BR: [mean R, G, B, mean L, mean L²].
      const quads = [[-r, -r], [-r, 0], [0, -r], [0, 0]].map(([oy, ox]) => {
        const m = [0, 0, 0, 0, 0];
        for (let j = 0; j <= r; j++) {
          for (let i = 0; i <= r; i++) {
            for (let ch = 0; ch < 3; ch++) m[ch]! += px(ch, y + oy! + j, xx + ox! + i);
            const l = lum(y + oy! + j, xx + ox! + i);
            m[3]! += l;
            m[4]! += l * l;
          }
        }
        return m.map((v) => v / (r + 1) ** 2);
      });
      const halves = [[0, 1], [2, 3], [0, 2], [1, 3]]; // top, bottom, left, right
      const stats = [...quads.map((m) => [m[3]!, m[4]!]), ...halves.map(([a, c]) => [0, 1].map((k) => (quads[a!]![3 + k]! + quads[c!]![3 + k]!) / 2))];
      const wt = stats.map(([m, m2]) => (Math.sqrt(Math.max(0, m2! - m! * m!)) + 0.004) ** -q);
      const total = wt.reduce((a, v) => a + v, 0);
      for (let ch = 0; ch < 3; ch++) {
        let num = 0;
        quads.forEach((m, k) => {
          const share = halves.reduce((s, pair, hi) => s + (pair.includes(k) ? wt[4 + hi]! / 2 : 0), 0);
          num += (wt[k]! + share) * m[ch]!;
        });
        const got = out[ch * h * w + y * w + xx]!;
        assert.ok(Math.abs(got - num / total) < 1e-4, `(${xx},${y}) c${ch}: ${got} vs ${num / total}`);
      }
    }
  }
});

test('luminance is the Rec. 601 weighted sum, [1,1,H,W]', async () => {
  const [h, w] = [5, 7];
  const x = noise(3 * h * w, 11);
  const out = await runGraph((b, xi) => luminance(b, xi), new ort.Tensor('float32', x, [1, 3, h, w]), new ort.Tensor('float32', Float32Array.of(0), [1]));
  assert.equal(out.length, h * w);
  for (let i = 0; i < h * w; i++) {
    const want = LUMA[0]! * x[i]! + LUMA[1]! * x[h * w + i]! + LUMA[2]! * x[2 * h * w + i]!;
    assert.ok(Math.abs(out[i]! - want) < 1e-6);
  }
});

test('boxMean: short windows (AveragePool) and long ones (running sums) are exact window means', async () => {
  const [h, w] = [37, 53];
  const x = noise(2 * h * w, 5);
  for (const [kh, kw] of [[3, 5], [31, 49], [1, 12]] as const) {
    const out = await runGraph((b, xi) => boxMean(b, xi, kh, kw), new ort.Tensor('float32', x, [1, 2, h, w]), new ort.Tensor('float32', Float32Array.of(0), [1]));
    const [oh, ow] = [h - kh + 1, w - kw + 1];
    assert.equal(out.length, 2 * oh * ow);
    for (let c = 0; c < 2; c++) {
      for (let y = 0; y < oh; y++) {
        for (let xx = 0; xx < ow; xx++) {
          let sum = 0;
          for (let j = 0; j < kh; j++) for (let i = 0; i < kw; i++) sum += x[c * h * w + (y + j) * w + xx + i]!;
          const got = out[c * oh * ow + y * ow + xx]!;
          assert.ok(Math.abs(got - sum / (kh * kw)) < 1e-5, `${kh}×${kw} c${c} (${xx},${y}): ${got} vs ${sum / (kh * kw)}`);
        }
      }
    }
  }
});
