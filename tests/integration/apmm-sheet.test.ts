/** Variation grids and sheets end to end on a demo photo: determinism, locks, PNG text, CLI, cancel. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { decodeImage } from '../../electron/services/images/decode.js';
import { detectFaces } from '../../electron/services/faces/detect.js';
import { generateVariations } from '../../electron/services/apmm/variations.js';
import { sheetOf } from '../../electron/services/apmm/sheet.js';
import { composeSheet, sheetSize } from '../../electron/services/sheets/compose.js';
import { readTextChunks } from '../../electron/services/sheets/png-text.js';
import { createServices } from '../../electron/hosts/services.js';
import { variationsCommand } from '../../electron/hosts/cli/commands/variations.js';
import { UsageError } from '../../electron/hosts/cli/command.js';
import { apmmHandlers } from '../../electron/hosts/handlers/apmm.js';
import { apmmChannels } from '../../common/ipc/channels/apmm.js';
import { embeddingFromJson } from '../../electron/services/style/embedding.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'apmm-'));
const services = createServices({ userDataDir: dir });
after(() => services.inference.dispose());
const photo = 'node_modules/@vladmandic/face-api/demo/sample3.jpg';
const image = await decodeImage(readFileSync(photo));
const source = (await detectFaces(services.inference, image)).faces[0]!.landmarks;
const req = { rows: 2, cols: 2, seed: 21, temperature: 1, cellSize: 64 };
const sheet = async (r: typeof req & { locks?: Array<{ geometrySeed?: number; styleSeed?: number } | null> }) =>
  composeSheet(sheetOf('test', r.rows, r.cols, await generateVariations(services.inference, image, source, r)));
const pixels = async (png: Uint8Array) => sharp(png).raw().toBuffer();

test('same seed → identical sheet pixels; another seed → another sheet', async () => {
  const a = await sheet(req);
  const b = await sheet(req);
  assert.ok((await pixels(a)).equals(await pixels(b)));
  assert.ok(!(await pixels(a)).equals(await pixels(await sheet({ ...req, seed: 22 }))));
});

test('the sheet PNG has R×C cells at the layout size and their facts in tEXt chunks', async () => {
  const r = { ...req, cols: 3 };
  const cells = await generateVariations(services.inference, image, source, r);
  const png = await composeSheet(sheetOf('Sample 3', 2, 3, cells));
  const meta = await sharp(png).metadata();
  assert.deepEqual({ width: meta.width, height: meta.height }, sheetSize(2, 3, 64));
  const text = readTextChunks(png);
  assert.equal(text.Title, 'Sample 3');
  assert.equal(text.Grid, '2x3');
  const listed = JSON.parse(text.Cells!) as Array<{ seed: number; style: string; preset: string }>;
  assert.equal(listed.length, 6);
  assert.deepEqual(listed.map((c) => c.seed), cells.map((c) => c.geometrySeed));
  assert.deepEqual(listed.map((c) => c.style), cells.map((c) => c.style));
  cells.forEach((c) => {
    assert.equal(c.target.length, 68);
    assert.ok(c.image.width === 64 && c.image.height === 64);
  });
});

test('locks keep the locked part of a cell through a reroll', async () => {
  const first = await generateVariations(services.inference, image, source, req);
  const locks = [{ geometrySeed: first[0]!.geometrySeed }, { styleSeed: first[1]!.styleSeed }, null, { geometrySeed: first[3]!.geometrySeed, styleSeed: first[3]!.styleSeed }];
  const again = await generateVariations(services.inference, image, source, { ...req, seed: 99, locks });
  assert.deepEqual(again[0]!.target, first[0]!.target);
  assert.equal(again[1]!.style, first[1]!.style);
  assert.deepEqual(again[1]!.params, first[1]!.params);
  assert.notDeepEqual(again[2]!.target, first[2]!.target);
  assert.deepEqual(again[3]!.image.data, first[3]!.image.data);
});

test('progress per cell, and an aborted job stops with "cancelled"', async () => {
  const steps: number[] = [];
  await generateVariations(services.inference, image, source, req, { progress: (d) => steps.push(d) });
  assert.deepEqual(steps, [1, 2, 3, 4]);
  const ac = new AbortController();
  let done = 0;
  await assert.rejects(
    generateVariations(services.inference, image, source, req, { signal: ac.signal, onCell: () => ++done === 1 && ac.abort() }),
    (e: Error & { code?: string }) => e.code === 'cancelled',
  );
  assert.equal(done, 1);
});

test('CLI: variations <image> --grid 2x2 --seed n -o sheet.png --json', async () => {
  const out = path.join(dir, 'sheet.png');
  let stdout = '';
  await variationsCommand.run([photo, '--grid', '2x2', '--seed', '4', '--cell', '64', '-o', out, '--json'], { services, stdout: (s) => (stdout += s), stderr: () => {} });
  const json = JSON.parse(stdout) as { cells: Array<{ seed: number; style: string; target: number[][] }> };
  assert.equal(json.cells.length, 4);
  for (const c of json.cells) {
    assert.ok(Number.isInteger(c.seed) && typeof c.style === 'string');
    assert.equal(c.target.length, 68);
    assert.ok(c.target.every(([x, y]) => x! >= 0 && y! >= 0 && x! < image.width && y! < image.height));
  }
  assert.equal(JSON.parse(readTextChunks(readFileSync(out)).Cells!).length, 4);
  const bad = path.join(dir, 'bad.png');
  await assert.rejects(variationsCommand.run([photo, '--grid', '9x9', '--seed', '1', '-o', bad], { services, stdout: () => {}, stderr: () => {} }), UsageError);
  await assert.rejects(variationsCommand.run([photo, '--grid', '2x2', '-o', bad], { services, stdout: () => {}, stderr: () => {} }), UsageError);
  assert.equal(existsSync(bad), false);
});

test('IPC handlers: requests validated by the channel schemas, responses match them', async () => {
  const photos = services.photos.scope();
  const { id } = await photos.open(readFileSync(photo), 'sample3.jpg');
  const ctx = { services, photos, cancel: () => false, signal: new AbortController().signal, progress: () => {} };
  const vreq = apmmChannels['apmm:variations'].request.parse({ photoId: id, face: 0, ...req });
  const v = apmmChannels['apmm:variations'].response.parse(await apmmHandlers['apmm:variations'](vreq, ctx));
  assert.equal(v.cells.length, 4);
  assert.equal((await sharp(v.cells[0]!.image).metadata()).format, 'jpeg');
  const s = apmmChannels['apmm:sheet'].response.parse(await apmmHandlers['apmm:sheet'](apmmChannels['apmm:sheet'].request.parse({ ...vreq, title: 'T' }), ctx));
  assert.deepEqual(JSON.parse(readTextChunks(s.png).Cells!).map((c: { seed: number }) => c.seed), v.cells.map((c) => c.seed));
  const [c0, c1] = [v.cells[0]!, v.cells[1]!];
  const ireq = { photoId: id, face: 0, from: { geometrySeed: c0.seed, styleSeed: c0.styleSeed }, to: { geometrySeed: c1.seed, styleSeed: c1.styleSeed }, temperature: 1, steps: 3, cellSize: 64 };
  const i = apmmChannels['apmm:interpolate'].response.parse(await apmmHandlers['apmm:interpolate'](apmmChannels['apmm:interpolate'].request.parse(ireq), ctx));
  assert.equal(i.steps.length, 3);
  assert.deepEqual(i.steps[0]!.target, c0.target);
  assert.deepEqual(i.steps[2]!.target, c1.target);
  // The end steps are the cells themselves, pixel for pixel (same render path, before JPEG).
  const cellPixels = await sharp(v.cells[0]!.image).raw().toBuffer();
  const endPixels = await sharp(i.steps[0]!.image).raw().toBuffer();
  assert.ok(cellPixels.equals(endPixels));
  const sampled = v.cells.find((c) => c.styleKind === 'sampled') ?? v.cells[0]!;
  const st = apmmChannels['apmm:style'].response.parse(await apmmHandlers['apmm:style']({ styleSeed: sampled.styleSeed }, ctx));
  assert.equal(st.id, sampled.style);
  if (st.embedding) assert.equal(embeddingFromJson(st.embedding).digest.slice(0, 16), st.id.slice(5));
  assert.equal(apmmChannels['apmm:variations'].request.safeParse({ ...vreq, rows: 7 }).success, false);
  assert.equal(apmmChannels['apmm:variations'].request.safeParse({ ...vreq, extra: 1 }).success, false);
});
