/**
 * The warp's geometry in worker threads (geometry-pool.ts): the same numbers as on the calling
 * thread, the calling thread free while a big edit's fold prevention runs, errors that keep their
 * sentence, and the hosts' services built on the pool.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { FaceService } from '../../electron/services/faces/service.js';
import { warpImage } from '../../electron/services/warp/engine.js';
import { WarpService } from '../../electron/services/warp/service.js';
import { geometryPool, inThreadGeometry, type WarpGeometry } from '../../electron/services/warp/geometry-pool.js';
import { WorkerPool } from '../../electron/services/workers/pool.js';
import { composeTarget } from '../../common/warp/compose.js';
import { closeServices, createServices } from '../../electron/hosts/services.js';

const inference = new InferenceService();
const pool = geometryPool(2);
after(async () => {
  await pool.close();
  await inference.dispose();
});

// sample4 exaggerated at k = 4 folds at the mouth: fold prevention's slow case (hundreds of ms here).
const image = await decodeImage(readFileSync('node_modules/@vladmandic/face-api/demo/sample4.jpg'));
const source = (await new FaceService(inference).face(image, 0)).landmarks;
const target = composeTarget(source, { gains: { global: 4 } });

test('fit and fold prevention give the same numbers in a worker as on the calling thread', async () => {
  const both = async (g: WarpGeometry) => {
    const fit = await g.run('fitEdit', image.width, image.height, source, target, []);
    return { fit, safe: await g.run('preventFolds', fit.mapping, source, target, []) };
  };
  const [here, there] = await Promise.all([both(inThreadGeometry), both(pool)]);
  assert.ok(here.safe.folded, 'the edit folds, so prevention ran');
  assert.deepEqual(there, here);
  const [a, b] = [await warpImage(inference, image, source, target, [], inThreadGeometry), await warpImage(inference, image, source, target, [], pool)];
  assert.deepEqual(b.image.data, a.image.data);
  assert.deepEqual(b.target, a.target);
});

test('the head layer warps the same pixels with its geometry in a worker', async () => {
  const inThread = new WarpService(inference);
  const pooled = new WarpService(inference, pool);
  // k = 3, head 1.4: the guards hold part of the edit back (safeHead runs, not only the fit).
  const big = composeTarget(source, { gains: { global: 3 }, head: 1.4 });
  const [a, b] = [await inThread.render(image, source, big, 512), await pooled.render(image, source, big, 512)];
  assert.ok(a.folded, 'the edit is held back, so the guards ran');
  assert.deepEqual(b.image.data, a.image.data);
  assert.deepEqual(b.target, a.target);
});

/** How many 1 ms timer ticks the calling thread ran while fold prevention ran on `g`. */
async function ticksDuring(g: WarpGeometry): Promise<number> {
  const fit = await g.run('fitEdit', image.width, image.height, source, target, []);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    await g.run('preventFolds', fit.mapping, source, target, []);
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

test('the calling thread keeps running while a worker prevents folds (and not when it does the work itself)', async () => {
  assert.ok((await ticksDuring(pool)) > 0, 'timers ran during the worker task');
  // The control: on the calling thread the event loop is held for the whole task.
  assert.equal(await ticksDuring(inThreadGeometry), 0);
});

test("a task's error reaches the caller as its sentence, and the pool keeps serving", async () => {
  // A one-pixel-high picture: its border anchors and these points all lie on one line.
  const line: Array<[number, number]> = [[10, 0], [20, 0], [30, 0]];
  await assert.rejects(pool.run('fitEdit', 40, 1, line, line, []), /control points are degenerate/);
  const ok = await pool.run('fitEdit', image.width, image.height, source, source, []);
  assert.equal(ok.mapping.width, image.width);
});

test("the hosts' services warp on the worker pool", async () => {
  const services = createServices();
  try {
    assert.ok(services.geometry instanceof WorkerPool);
  } finally {
    await closeServices(services);
  }
  await assert.rejects(services.geometry.run('fitEdit', 4, 4, [], [], []), /closed/);
});
