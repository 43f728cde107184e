/** The warp and preset IPC handlers against real services: an open demo photo, its detected face. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { warpHandlers } from '../../electron/hosts/handlers/warp.js';
import { presetsHandlers } from '../../electron/hosts/handlers/presets.js';
import { warpChannels } from '../../common/ipc/channels/warp.js';
import { presetsChannels } from '../../common/ipc/channels/presets.js';
import { canonicalOffsets } from '../../common/warp/compose.js';
import { handlerContext } from './handler-context.js';

const { services, ctx } = handlerContext('warp-handlers');
const photo = await ctx.photos.open(new Uint8Array(readFileSync('node_modules/@vladmandic/face-api/demo/sample3.jpg')), 'sample3.jpg');
const face = { photoId: photo.id, face: 0 };
const source = (await services.faces.face(photo.image, 0)).landmarks;

/** Requests pass through the channel schemas first, as the hosts do. */
const call = {
  warp: <K extends keyof typeof warpChannels>(k: K, req: unknown) => warpHandlers[k](warpChannels[k].request.parse(req) as never, ctx),
  presets: <K extends keyof typeof presetsChannels>(k: K, req: unknown) => presetsHandlers[k](presetsChannels[k].request.parse(req) as never, ctx),
};

test('exaggerate → render a preview → identity, all in image pixels', async () => {
  const { target } = await call.warp('warp:exaggerate', { ...face, k: 1.5, gains: { eyes: 1.2 } });
  assert.equal(target.length, 68);
  const r = await call.warp('warp:render', { ...face, target, maxSide: 512 });
  assert.equal(r.format, 'jpeg');
  const meta = await sharp(r.image).metadata();
  assert.deepEqual([meta.width, meta.height], [r.width, r.height]);
  assert.equal(Math.max(r.width, r.height), 512);
  assert.ok(warpChannels['warp:render'].response.safeParse(r).success);
  const id = await call.warp('warp:identity', { ...face, target: r.target });
  assert.ok(id.similarity > 0.9 && id.similarity < 1);
  const same = await call.warp('warp:identity', { ...face, target: source });
  assert.ok(Math.abs(same.similarity - 1) < 1e-3);
});

test('sliders act on the current edit in the face frame', async () => {
  const { target } = await call.warp('warp:sliders', { ...face, sliders: { chinHeight: 1 } });
  const off = canonicalOffsets(source, target);
  assert.ok(Math.abs(off[8]![1] - 15) < 1e-6, `chin moved ${off[8]![1]}`);
  const twice = await call.warp('warp:sliders', { ...face, base: target, sliders: { chinHeight: 1 } });
  assert.ok(Math.abs(canonicalOffsets(source, twice.target)[8]![1] - 30) < 1e-6);
  assert.throws(() => warpChannels['warp:sliders'].request.parse({ ...face, sliders: { chinHeight: 2 } }));
  assert.throws(() => warpChannels['warp:sliders'].request.parse({ ...face, sliders: {}, extra: 1 }));
});

test('presets: save the edit, list, apply, export, import, delete', async () => {
  const { target } = await call.warp('warp:exaggerate', { ...face, k: 2 });
  const saved = await call.presets('presets:save', { ...face, target, name: 'Sample 3 ×2' });
  const list = await call.presets('presets:list', {});
  assert.ok(list.presets.some((p) => p.id === saved.id && !p.builtin));
  assert.ok(list.presets.filter((p) => p.builtin).length >= 8);
  const applied = await call.presets('presets:apply', { ...face, presetId: saved.id });
  assert.ok(Math.max(...applied.target.map((p, i) => Math.hypot(p[0] - target[i]![0], p[1] - target[i]![1]))) < 0.05);
  const { json, fileName } = await call.presets('presets:export', { id: saved.id });
  assert.equal(fileName, 'sample-3-2.preset.json');
  const again = await call.presets('presets:import', { json });
  assert.equal(again.name, 'Sample 3 ×2');
  await call.presets('presets:delete', { id: saved.id });
  await call.presets('presets:delete', { id: again.id });
  await assert.rejects(call.presets('presets:apply', { ...face, presetId: saved.id }), /no longer exists/);
  const big = await call.presets('presets:apply', { ...face, presetId: 'builtin:big-eyes' });
  assert.ok(big.target[36]![0] < source[36]![0]);
});
