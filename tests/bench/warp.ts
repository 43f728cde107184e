/**
 * Warp benchmarks (issue #4 targets, CPU): the 512×512 preview warp (≤ 8 ms median) and the
 * 4000×3000 full warp (≤ 1.5 s), each against a plain per-pixel TypeScript TPS warp of the same
 * mapping measured in the same run (ratio printed); plus the parts of a live edit — spline fit,
 * the fold screen, fold prevention on an edit that folds, the identity meter.
 * WARP_BENCH_RUNS overrides the run count (default 15).
 */
import { readFileSync } from 'node:fs';
import { decodeImage, fitWithin } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { FaceService } from '../../electron/services/faces/service.js';
import { applyMapping, warpGraph, warpImage } from '../../electron/services/warp/engine.js';
import { safeMapping } from '../../electron/services/warp/folds.js';
import { fitMapping } from '../../electron/services/warp/mapping.js';
import { WarpService } from '../../electron/services/warp/service.js';
import { composeTarget } from '../../common/warp/compose.js';
import { pinsFor } from '../../electron/services/warp/pins.js';
import { referenceWarp } from '../integration/warp-reference.js';
import { median as statMedian, timeMedian } from './stats.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { geometryPool, inThreadGeometry } from '../../electron/services/warp/geometry-pool.js';
import { coverRgb } from '../images.js';

const RUNS = Number(process.env.WARP_BENCH_RUNS ?? 15);

/** Five warm-ups: ORT grows its arena and V8 tiers up over the first ~10 warps of a size (10 → 25 ms tail). */
function median(fn: () => unknown, runs = RUNS): Promise<number> {
  return timeMedian(fn, runs, 5);
}

export async function bench(): Promise<void> {
  const inference = new InferenceService();
  const faces = new FaceService(inference);
  const warp = new WarpService(inference);
  const photo = 'node_modules/@vladmandic/face-api/demo/sample3.jpg';

  for (const [w, h, runs, refRuns] of [[512, 512, RUNS, 3], [4000, 3000, 5, 0]] as const) {
    const img = await coverRgb(photo, w, h);
    // As the app does: the largest face edited, the others pinned (sample3 has three faces).
    const all = (await faces.detect(img)).faces.map((f) => f.landmarks);
    const source = all[0]!;
    const pinned = pinsFor(all, 0);
    const target = composeTarget(source, { gains: { global: 1.5 } });
    const m = safeMapping(w, h, source, target, pinned).mapping;
    const model = await median(() => applyMapping(inference, img, m), runs);
    const full = await median(() => warpImage(inference, img, source, target, pinned), runs);
    const fit = await median(() => fitMapping(w, h, source, target, pinned), runs);
    const screened = await median(() => safeMapping(w, h, source, target, pinned), runs);
    const limit = w === 512 ? '8 ms' : '1.5 s';
    console.log(
      `warp ${w}×${h}, k = 1.5, ${m.tps.centers.length / 2} control points: ${full.toFixed(1)} ms median end to end (target ≤ ${limit}); ` +
        `ONNX graph (warp only) ${model.toFixed(1)} ms, spline fit ${fit.toFixed(1)} ms; ` +
        `fit + fold screen in TypeScript (safeMapping; end to end the graph screens) ${screened.toFixed(1)} ms`,
    );
    if (refRuns) {
      const ref = await median(() => referenceWarp(img, m), refRuns);
      console.log(`  plain per-pixel TypeScript TPS warp: ${ref.toFixed(0)} ms median → ONNX graph ${(ref / model).toFixed(1)}× faster`);
    } else {
      // 12 MP × ~115 kernel terms in a JS loop takes minutes; time one 400-row band and scale.
      const band = { width: w, height: 400, data: img.data.subarray(0, w * 400 * 3) };
      const t0 = performance.now();
      referenceWarp(band, { ...m, height: 400 });
      const ref = ((performance.now() - t0) * h) / 400;
      console.log(`  plain per-pixel TypeScript TPS warp: ≈ ${(ref / 1000).toFixed(1)} s (one 400-row band × ${h / 400}) → ONNX graph ≈ ${(ref / model).toFixed(0)}× faster`);
    }
  }

  // An edit that folds (closed mouth exaggerated): the cost of fold prevention.
  const folding = await decodeImage(readFileSync('node_modules/@vladmandic/face-api/demo/sample4.jpg'));
  const f = await faces.face(folding, 0);
  const folded = composeTarget(f.landmarks, { gains: { global: 2 } });
  const r = safeMapping(folding.width, folding.height, f.landmarks, folded);
  const prevent = await median(() => safeMapping(folding.width, folding.height, f.landmarks, folded), 5);
  const plain = await median(() => safeMapping(folding.width, folding.height, f.landmarks, f.landmarks), 5);
  console.log(`fold prevention, sample4 at k = 2 (${r.scaledBack.length} landmarks held back): ${prevent.toFixed(0)} ms median vs ${plain.toFixed(1)} ms for an edit that does not fold`);

  // The same big edit end to end, as a host runs it: how long the calling thread's event loop is
  // held at once (the longest timer delay while the warp runs), geometry in worker threads vs
  // in-thread, at preview size (a drag) and full size. ORT's Node binding runs a session
  // synchronously on the calling thread, so the graph's own time stays in both.
  const pool = geometryPool();
  const preview = await fitWithin(folding, 512);
  const ps = (await faces.face(preview, 0)).landmarks;
  for (const [label, img, src] of [['preview', preview, ps], ['full', folding, f.landmarks]] as const) {
    const tgt = composeTarget(src, { gains: { global: 2 } });
    const graph = await median(() => warpGraph(inference, img, fitMapping(img.width, img.height, src, tgt), []), 5);
    const row: string[] = [];
    for (const [name, g] of [['in-thread', inThreadGeometry], ['worker pool', pool]] as const) {
      const held: number[] = [];
      for (let i = 0; i < 9; i++) {
        const h = monitorEventLoopDelay({ resolution: 1 });
        h.enable();
        await warpImage(inference, img, src, tgt, [], g);
        h.disable();
        if (i >= 2) held.push(h.max / 1e6);
      }
      row.push(`${name} ${statMedian(held).toFixed(0)} ms`);
    }
    console.log(`  ${label} warp ${img.width}×${img.height}, sample4 at k = 2 (folds): event loop held at most ${row.join(' vs ')} (median of 7 edits; one graph run ${graph.toFixed(0)} ms)`);
  }
  await pool.close();

  const small = await coverRgb(photo, 1024, 768);
  const s = (await faces.face(small, 0)).landmarks;
  const id = await median(() => warp.identity(small, s, composeTarget(s, { gains: { global: 1.5 } })), 9);
  console.log(`identity meter (1024×768, warp + two descriptors): ${id.toFixed(0)} ms median`);
  await inference.dispose();
}
