/**
 * Group photos through the hosts' channels (the face-edit service behind warp:render and
 * style:render): styling or exporting a caricature leaves the faces without an edit where they
 * were, and every face with an edit is rendered with it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { warpHandlers } from '../../electron/hosts/handlers/warp.js';
import { styleHandlers } from '../../electron/hosts/handlers/style.js';
import { warpChannels } from '../../common/ipc/channels/warp.js';
import { styleChannels } from '../../common/ipc/channels/style.js';
import { composeTarget } from '../../common/warp/compose.js';
import { bounds, resizePoints, type Point } from '../../common/geometry.js';
import { handlerContext } from './handler-context.js';

const { services, ctx } = handlerContext('face-edit');

const call = {
  warp: <K extends keyof typeof warpChannels>(k: K, req: unknown) => warpHandlers[k](warpChannels[k].request.parse(req) as never, ctx),
  style: <K extends keyof typeof styleChannels>(k: K, req: unknown) => styleHandlers[k](styleChannels[k].request.parse(req) as never, ctx),
};

async function grey(png: Uint8Array): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

/** Largest grey-level difference between two same-sized images over a face's landmark box. */
function diffOver(a: { data: Uint8Array; width: number }, b: { data: Uint8Array }, face: readonly Point[]): number {
  const [x0, y0, x1, y1] = bounds(face).map(Math.round) as [number, number, number, number];
  let worst = 0;
  for (let y = Math.max(0, y0); y <= y1; y++) for (let x = Math.max(0, x0); x <= x1; x++) worst = Math.max(worst, Math.abs(a.data[y * a.width + x]! - b.data[y * a.width + x]!));
  return worst;
}

const STRONG = { gains: { global: 3 }, head: 1.4 };

for (const name of ['sample4', 'sample6']) {
  const photo = await ctx.photos.open(new Uint8Array(readFileSync(`node_modules/@vladmandic/face-api/demo/${name}.jpg`)), `${name}.jpg`);
  const all = await services.faces.landmarksOf(photo.image);
  const side = Math.max(photo.image.width, photo.image.height);

  test(`${name}: exporting a caricature of one face leaves the other faces where they were`, async () => {
    assert.ok(all.length >= 3, `${name} is a group photo`);
    const target = composeTarget(all[0]!, STRONG);
    const before = await grey(await sharp(photo.image.data, { raw: { width: photo.image.width, height: photo.image.height, channels: 3 } }).png().toBuffer());
    const after = await grey((await call.warp('warp:render', { photoId: photo.id, face: 0, target, format: 'png' })).image);
    for (const f of all.slice(1)) assert.ok(diffOver(before, after, f) <= 2, `${name}: an un-edited face changed by ${diffOver(before, after, f)} grey levels`);
    assert.ok(diffOver(before, after, all[0]!) > 40, 'the edited face did change');
  });

  test(`${name}: a styled caricature keeps the un-edited faces as the styled photo has them, and renders every edited face`, async () => {
    const style = { photoId: photo.id, styleId: 'pencil', strength: 1, preserveColor: false, region: 'whole', maxSide: side };
    const plain = await grey((await call.style('style:render', style)).image);
    // Face 0 is worked on, face 1 was edited before: both caricatured; the rest untouched.
    const t0 = composeTarget(all[0]!, STRONG);
    const t1 = composeTarget(all[1]!, STRONG);
    const styled = await grey(
      (await call.style('style:render', { ...style, warp: { face: 0, source: all[0], target: t0, others: [{ face: 1, target: t1 }] } })).image,
    );
    for (const f of all.slice(2)) assert.ok(diffOver(plain, styled, f) <= 2, `${name}: an un-edited face changed by ${diffOver(plain, styled, f)} grey levels`);
    assert.deepEqual([styled.width, styled.height], [plain.width, plain.height]);
    for (const f of [all[0]!, all[1]!]) assert.ok(diffOver(plain, styled, f) > 40, 'an edited face is rendered with its edit');
  });
}

test('the pixel-centre rescale is the one all paths use: centres map to centres, a crop origin first', () => {
  assert.deepEqual(resizePoints([[0, 0], [9, 4]], 0.5), [[-0.25, -0.25], [4.25, 1.75]]);
  assert.deepEqual(resizePoints([[10, 20]], 2, [10, 20]), [[0.5, 0.5]]);
  assert.deepEqual(resizePoints([[3, 4]], 1, [1, 1]), [[2, 3]]);
});
