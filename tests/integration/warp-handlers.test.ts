/** The warp and preset IPC handlers against real services: an open demo photo, its detected face. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { warpHandlers } from '../../electron/hosts/handlers/warp.js';
import { presetsHandlers } from '../../electron/hosts/handlers/presets.js';
import { warpChannels } from '../../common/ipc/channels/warp.js';
import { presetsChannels } from '../../common/ipc/channels/presets.js';
import { canonicalOffsets, composeTarget } from '../../common/warp/compose.js';
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
  assert.equal(again.id, saved.id, 'the same preset imported again is the entry already there');
  await call.presets('presets:delete', { id: saved.id });
  await assert.rejects(call.presets('presets:apply', { ...face, presetId: saved.id }), /no longer exists/);
  const big = await call.presets('presets:apply', { ...face, presetId: 'builtin:big-eyes' });
  assert.ok(big.target[36]![0] < source[36]![0]);
});

test('a group photo: every edited face named in `others` is warped with the current one; the rest stay pinned (issue #15 item 1)', async () => {
  const group = await ctx.photos.open(new Uint8Array(readFileSync('node_modules/@vladmandic/face-api/demo/sample6.jpg')), 'sample6.jpg');
  const faces = await services.faces.landmarksOf(group.image);
  assert.ok(faces.length >= 3);
  const bigger = (f: number[][]) => composeTarget(f as [number, number][], { gains: { global: 2.5 }, sliders: { eyeSize: 1 } });
  const req = { photoId: group.id, face: 0, target: bigger(faces[0]!), format: 'png' };
  const alone = await call.warp('warp:render', req);
  const both = await call.warp('warp:render', { ...req, others: [{ face: 2, source: faces[2], target: bigger(faces[2]!) }] });
  // Around face 3's eye: unchanged when only face 1 is edited, changed when face 3's edit is sent too.
  const [ex, ey] = faces[2]![37]!;
  const box = { left: Math.round(ex - 20), top: Math.round(ey - 20), width: 40, height: 40 };
  const patch = (png: Uint8Array) => sharp(png).extract(box).removeAlpha().raw().toBuffer();
  const [orig, a, b] = await Promise.all([sharp(readFileSync('node_modules/@vladmandic/face-api/demo/sample6.jpg')).rotate().extract(box).raw().toBuffer(), patch(alone.image), patch(both.image)]);
  const diff = (x: Buffer, y: Buffer) => x.reduce((s, v, i) => s + Math.abs(v - y[i]!), 0) / x.length;
  assert.ok(diff(orig, a) < 2, `face 3 pinned when not edited (${diff(orig, a).toFixed(2)})`);
  assert.ok(diff(orig, b) > 5, `face 3 warped when its edit is sent (${diff(orig, b).toFixed(2)})`);
  await assert.rejects(call.warp('warp:render', { ...req, others: [{ face: 40, target: bigger(faces[2]!) }] }), /no face number 41/);
});
