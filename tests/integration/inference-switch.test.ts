/**
 * Switching the execution provider while jobs run: the runs in flight finish on the sessions they
 * started with (no "Session already disposed"), and those sessions are released once idle.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeImage } from '../../electron/services/images/decode.js';
import { detectSsd } from '../../electron/services/faces/ssd.js';
import { InferenceService } from '../../electron/services/inference/service.js';

test('setPreference during four running detections: all finish with the same faces', async () => {
  const inference = new InferenceService({ threads: 1 });
  const image = await decodeImage(new Uint8Array(readFileSync('node_modules/@vladmandic/face-api/demo/sample3.jpg')));
  const baseline = await detectSsd(inference, image);
  assert.ok(baseline.detections.length > 0);
  const oldSession = (await inference.load('face-detector-ssd')).session;
  let released = 0;
  const release = oldSession.release.bind(oldSession);
  oldSession.release = () => {
    released++;
    return release();
  };
  const running = Array.from({ length: 4 }, () => detectSsd(inference, image));
  await new Promise((r) => setImmediate(r));
  inference.setPreference('cpu');
  inference.setPreference('auto');
  const results = await Promise.all(running);
  for (const r of results) assert.deepEqual(r.detections, baseline.detections);
  assert.equal(released, 1, 'the retired session is released exactly once, after its last run');
  assert.notEqual((await inference.load('face-detector-ssd')).session, oldSession, 'new runs get a new session');
  await inference.dispose();
});
