/**
 * Gallery thumbnails (style:thumbnails): each style on the face crop at 256², in the requested
 * order though two render at a time, cached per photo + crop + style, cancellable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { decodeImage, fitWithin } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { renderStyle } from '../../electron/services/style/engine.js';
import { StyleService, THUMB_SIDE } from '../../electron/services/style/service.js';

const inference = new InferenceService({ threads: 2 });
const photo = await fitWithin(await decodeImage(await fs.readFile(path.resolve('node_modules/@vladmandic/face-api/demo/sample2.jpg'))), 512);

test('thumbnails: requested order, 256² JPEGs of each style, progress to the total, cache reused', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'thumbs-'));
  const service = new StyleService(inference, dir);
  const ids = (await service.gallery.list()).slice(0, 10).map((s) => s.id).reverse();
  const progress: number[] = [];
  const first = await service.thumbnails('photo-a', photo, ids, { progress: (done, total) => progress.push(done * 100 + total) });
  assert.deepEqual(first.map((t) => t.id), ids);
  assert.deepEqual(progress, ids.map((_, i) => (i + 1) * 100 + ids.length));
  for (const t of first) {
    const meta = await sharp(t.bytes).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.deepEqual([meta.width, meta.height], [THUMB_SIDE, THUMB_SIDE]);
  }
  // Each thumbnail is its own style: the JPEGs differ pairwise.
  assert.equal(new Set(first.map((t) => Buffer.from(t.bytes).toString('base64'))).size, ids.length);
  // The same photo and crop again: the cached bytes, not a re-render.
  const again = await service.thumbnails('photo-a', photo, ids);
  again.forEach((t, i) => assert.equal(t.bytes, first[i]!.bytes));
  // A thumbnail is the style rendered on the centred square crop (no landmarks given).
  const side = Math.min(photo.width, photo.height);
  const buf = await sharp(photo.data, { raw: { width: photo.width, height: photo.height, channels: 3 } })
    .extract({ left: Math.round((photo.width - side) / 2), top: Math.round((photo.height - side) / 2), width: side, height: side })
    .resize(THUMB_SIDE, THUMB_SIDE, { kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  const crop = { width: THUMB_SIDE, height: THUMB_SIDE, data: new Uint8Array(buf) };
  const direct = await renderStyle(inference, crop, await service.gallery.resolve(ids[0]!), { strength: 1, preserveColor: false });
  const decoded = await sharp(first[0]!.bytes).raw().toBuffer();
  let diff = 0;
  for (let i = 0; i < decoded.length; i++) diff += Math.abs(decoded[i]! - direct.data[i]!);
  assert.ok(diff / decoded.length < 4, `thumbnail vs direct render: mean difference ${(diff / decoded.length).toFixed(2)} (JPEG only)`);
  await fs.rm(dir, { recursive: true });
});

test('thumbnails: an aborted job stops with "cancelled"; an unknown style id is refused', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'thumbs-'));
  const service = new StyleService(inference, dir);
  const controller = new AbortController();
  let rendered = 0;
  const job = service.thumbnails('photo-b', photo, ['pencil', 'ink', 'charcoal', 'comic', 'oil', 'pop'], {
    signal: controller.signal,
    progress: () => {
      rendered++;
      controller.abort();
    },
  });
  await assert.rejects(job, /cancelled/);
  assert.ok(rendered <= 2, `${rendered} thumbnails finished after the abort (at most the two in flight)`);
  await assert.rejects(service.thumbnails('photo-b', photo, ['pencil', 'no-such-style']), /no user style|not-found|There is no/);
  await fs.rm(dir, { recursive: true });
  await inference.dispose();
});
