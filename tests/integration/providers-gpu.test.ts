/**
 * A GPU execution provider gives the CPU's results: same faces (boxes within 1 px, landmarks within
 * 0.5 px), the same warp and the same styles up to float rounding. Runs where onnxruntime-node's
 * CUDA (or DirectML/CoreML) libraries are installed; elsewhere each test is skipped with the reason.
 * Kernels differ (cuDNN convolutions, fused multiply-adds), so outputs are compared with
 * tolerances, not bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { decodeImage } from '../../electron/services/images/decode.js';
import type { ProviderName } from '../../common/names.js';
import { availableProviders } from '../../electron/services/inference/providers.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { detectFaces } from '../../electron/services/faces/detect.js';
import { DRAWING_STYLES } from '../../common/style/catalog.js';
import { embedArtwork } from '../../electron/services/style/embedding.js';
import { renderStyle, type StyleSource } from '../../electron/services/style/engine.js';
import { meanAbsDiff, psnr } from '../../electron/services/style/metrics.js';
import { composeTarget } from '../../common/warp/compose.js';
import { warpImage } from '../../electron/services/warp/engine.js';
import { readFile } from 'node:fs/promises';
import { coverRgb } from '../images.js';

const DEMO = (n: number) => path.resolve(`node_modules/@vladmandic/face-api/demo/sample${n}.jpg`);
const gpus = availableProviders().filter((p) => p !== 'cpu');
const skip = gpus.length ? false : 'no GPU execution provider is installed (onnxruntime-node ships CPU only; see README "GPU acceleration")';
const cpu = new InferenceService({ preference: 'cpu' });

/** Every model that ran on `inference` really ran on `provider`, not a silent CPU fallback. */
async function ranOn(inference: InferenceService, provider: ProviderName): Promise<void> {
  for (const [name, p] of Object.entries(await inference.loadedProviders())) assert.equal(p, provider, `${name} ran on ${p}`);
}

for (const provider of gpus.length ? gpus : (['cuda'] as ProviderName[])) {
  const gpu = new InferenceService({ preference: provider });

  test(`${provider}: the six demo photos give the CPU's faces and landmarks`, { skip }, async () => {
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const image = await decodeImage(new Uint8Array(await readFile(DEMO(n))));
      for (const detector of ['ssd', 'tiny'] as const) {
        const [a, b] = [await detectFaces(cpu, image, { detector }), await detectFaces(gpu, image, { detector })];
        assert.equal(b.faces.length, a.faces.length, `sample${n} ${detector}: face count`);
        a.faces.forEach((fa, i) => {
          const fb = b.faces[i]!;
          const box = Math.max(...fa.box.map((v, k) => Math.abs(v - fb.box[k]!)));
          const lm = Math.max(...fa.landmarks.map((p, k) => Math.hypot(p[0] - fb.landmarks[k]![0], p[1] - fb.landmarks[k]![1])));
          assert.ok(box <= 1 && lm <= 0.5, `sample${n} ${detector} face ${i}: box ${box.toFixed(3)} px, landmarks ${lm.toFixed(3)} px from the CPU's`);
        });
      }
    }
    await ranOn(gpu, provider);
  });

  test(`${provider}: warp and styles match the CPU's pixels`, { skip }, async () => {
    const photo = await coverRgb(DEMO(3), 512);
    const source = (await detectFaces(cpu, photo, { detector: 'ssd' })).faces[0]!.landmarks;
    const target = composeTarget(source, { gains: { global: 1.5 } });
    const [wa, wb] = [await warpImage(cpu, photo, source, target), await warpImage(gpu, photo, source, target)];
    assert.ok(psnr(wa.image, wb.image) >= 45, `warp PSNR ${psnr(wa.image, wb.image).toFixed(1)} dB`);
    const face = await coverRgb(DEMO(1), 512);
    const controls = { strength: 1, preserveColor: false };
    const sources: Array<[string, StyleSource]> = DRAWING_STYLES.map((style) => [style.id, { kind: 'drawing', style }]);
    sources.push(['example-based', { kind: 'example', embedding: await embedArtwork(cpu, await coverRgb(DEMO(2), 384)) }]);
    for (const [id, source] of sources) {
      const [a, b] = [await renderStyle(cpu, face, source, controls), await renderStyle(gpu, face, source, controls)];
      // Thresholded styles (ink lines, posterised tones) flip a few pixels whose value sits on a
      // threshold; the mean difference stays well under one grey level.
      const d = meanAbsDiff(a, b);
      assert.ok(d <= 1, `${id}: mean difference from the CPU's render ${d.toFixed(3)} levels`);
    }
    await ranOn(gpu, provider);
  });

  test.after(() => gpu.dispose());
}
test.after(() => cpu.dispose());
