/**
 * Main-side export and open (issue #16 item 5), through the dispatcher as the hosts run it:
 * export:image renders the caricature and has the host save it — Electron writes the file and
 * sends no pixels back, the web host returns them for the browser's download; photos:openPath
 * opens only the files the host's Open dialog chose.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { buildHandlers, type HostHooks } from '../../electron/hosts/handlers/index.js';
import { createDispatcher } from '../../electron/hosts/registry.js';
import { writeFileAtomic } from '../../electron/services/settings/atomic.js';
import { decodeImage } from '../../electron/services/images/decode.js';
import { composeTarget } from '../../common/warp/compose.js';
import type { Envelope } from '../../common/ipc/define.js';
import type { Channel, Req, Res } from '../../common/ipc/contract.js';
import { handlerContext } from './handler-context.js';

const { services, dir } = handlerContext('export-open');
const PHOTO = path.resolve('node_modules/@vladmandic/face-api/demo/sample3.jpg');

/** Electron's hooks with the save dialog answered by `saveTo` and the Open dialog having chosen PHOTO. */
const saved: string[] = [];
const electronHooks: HostHooks = {
  saveFile: async ({ suggestedName, bytes }) => {
    const file = path.join(dir, suggestedName);
    await writeFileAtomic(file, bytes);
    saved.push(file);
    return { saved: true, path: file, download: false };
  },
  mayOpenPath: (file) => file === PHOTO,
};
const webHooks: HostHooks = { saveFile: async () => ({ saved: false, download: true }) };

function host(hooks: HostHooks) {
  const d = createDispatcher(buildHandlers('electron', hooks), services).connect();
  return async <C extends Channel>(channel: C, payload: Req<C>): Promise<Res<C>> => {
    const r = (await d.dispatch(channel, payload)) as Envelope<Res<C>>;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
}
const electron = host(electronHooks);
const web = host(webHooks);

const pixels = async (png: Uint8Array | Buffer) => new Uint8Array(await sharp(png).raw().toBuffer());

test('photos:openPath opens what the Open dialog chose, read in main, and refuses any other path', async () => {
  const byPath = await electron('photos:openPath', { path: PHOTO });
  const byBytes = await electron('photos:open', { name: 'sample3.jpg', bytes: new Uint8Array(readFileSync(PHOTO)) });
  assert.deepEqual([byPath.name, byPath.width, byPath.height, byPath.scale], [byBytes.name, byBytes.width, byBytes.height, byBytes.scale]);
  assert.deepEqual(byPath.preview, byBytes.preview);
  await assert.rejects(electron('photos:openPath', { path: '/etc/passwd' }), /"passwd" was not chosen in this app's Open dialog/);
  await assert.rejects(web('photos:openPath', { path: PHOTO }), /was not chosen in this app's Open dialog/);
});

test('export:image in Electron: the host writes the full-size PNG and no pixels come back', async () => {
  const photo = await electron('photos:openPath', { path: PHOTO });
  const source = (await services.faces.face(await decodeImage(readFileSync(PHOTO)), 0)).landmarks;
  const target = composeTarget(source, { gains: { global: 3 } });
  const r = await electron('export:image', { photoId: photo.photoId, suggestedName: 'sample3-caricature.png', edit: { face: 0, target } });
  assert.deepEqual([r.saved, r.download, r.image], [true, false, undefined]);
  assert.equal(r.path, saved.at(-1));
  assert.ok(existsSync(r.path!));
  const meta = await sharp(r.path!).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['png', photo.width, photo.height]);
  // The same caricature warp:render gives at full size.
  const warped = await electron('warp:render', { photoId: photo.photoId, face: 0, target, format: 'png' });
  assert.deepEqual(await pixels(readFileSync(r.path!)), await pixels(warped.image));
});

test('export:image in the web host returns the PNG for the download; with a style it is the styled caricature', async () => {
  const photo = await web('photos:open', { name: 'sample3.jpg', bytes: new Uint8Array(readFileSync(PHOTO)) });
  const source = (await services.faces.face(await decodeImage(readFileSync(PHOTO)), 0)).landmarks;
  const target = composeTarget(source, { gains: { global: 3 } });
  const style = { styleId: 'ink', strength: 1, preserveColor: false, region: 'whole' as const };
  const r = await web('export:image', { photoId: photo.photoId, suggestedName: 'sample3-ink.png', edit: { face: 0, target }, style });
  assert.deepEqual([r.saved, r.download, r.width, r.height], [false, true, photo.width, photo.height]);
  const styled = await web('style:render', { photoId: photo.photoId, ...style, maxSide: Math.max(photo.width, photo.height), warp: { face: 0, source, target } });
  assert.deepEqual(await pixels(r.image!), await pixels(styled.image));
  await assert.rejects(web('export:image', { photoId: photo.photoId, suggestedName: 'x.png' }), /nothing to export/);
});
