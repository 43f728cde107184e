/** CLI `warp` and `preset export` (DESIGN §7) run in-process on a demo photo. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createServices } from '../../electron/hosts/services.js';
import { warpCommand } from '../../electron/hosts/cli/commands/warp.js';
import { presetCommand } from '../../electron/hosts/cli/commands/preset.js';
import { UsageError } from '../../electron/hosts/cli/command.js';
import { ServiceError } from '../../common/errors.js';
import { parsePreset } from '../../electron/services/presets/parse.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'warp-cli-'));
const services = createServices({ userDataDir: dir });
after(async () => {
  await services.inference.dispose();
  rmSync(dir, { recursive: true, force: true });
});
const out: string[] = [];
const ctx = { services, stdout: (t: string) => out.push(t), stderr: () => undefined };
// A rotated, odd-sized copy of a demo photo: the output must keep the upright size.
const photo = path.join(dir, 'face.jpg');
await sharp('node_modules/@vladmandic/face-api/demo/sample3.jpg').resize(901).withMetadata({ orientation: 6 }).jpeg().toFile(photo);
const stored = await sharp(photo).metadata();
// EXIF orientation 6 is a quarter turn: upright, width and height swap.
const upright = { width: stored.height, height: stored.width };

test('warp --exaggerate writes a PNG of the input size and prints source, target, identity', async () => {
  assert.equal(stored.orientation, 6);
  out.length = 0;
  const png = path.join(dir, 'out.png');
  await warpCommand.run([photo, '--exaggerate', '1.5', '-o', png, '--json'], ctx);
  const meta = await sharp(png).metadata();
  assert.equal(meta.format, 'png');
  assert.deepEqual([meta.width, meta.height], [upright.width, upright.height]);
  const json = JSON.parse(out[0]!) as { source: number[][]; target: number[][]; identity: number };
  assert.deepEqual(Object.keys(json), ['source', 'target', 'identity']);
  assert.equal(json.source.length, 68);
  assert.equal(json.target.length, 68);
  assert.ok(json.identity > 0.9 && json.identity < 0.9999, `identity ${json.identity}`);
  assert.ok(json.source.some((p, i) => Math.hypot(p[0]! - json.target[i]![0]!, p[1]! - json.target[i]![1]!) > 1));
});

test('preset export then warp --preset applies it; a bad preset fails before anything is written', async () => {
  const preset = path.join(dir, 'p.json');
  await presetCommand.run(['export', photo, '--exaggerate', '2', '-o', preset], ctx);
  const doc = parsePreset(readFileSync(preset, 'utf8'));
  assert.equal(doc.offsets.length, 68);
  const png = path.join(dir, 'from-preset.png');
  await warpCommand.run(['node_modules/@vladmandic/face-api/demo/sample5.jpg', '--preset', preset, '-o', png], ctx);
  assert.ok(existsSync(png));
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, readFileSync(preset, 'utf8').replace('"version": 2', '"version": 7'));
  const never = path.join(dir, 'never.png');
  await assert.rejects(warpCommand.run([photo, '--preset', bad, '-o', never], ctx), (e: unknown) => e instanceof ServiceError && /version 7/.test(e.message));
  assert.equal(existsSync(never), false);
});

test('warp --head 1.4 enlarges the head about the neck: the target outline is 1.4× as wide', async () => {
  out.length = 0;
  await warpCommand.run([photo, '--exaggerate', '1', '--head', '1.4', '-o', path.join(dir, 'head.png'), '--json'], ctx);
  const { source, target } = JSON.parse(out[0]!) as { source: number[][]; target: number[][] };
  const width = (p: number[][]) => Math.hypot(p[16]![0]! - p[0]![0]!, p[16]![1]! - p[0]![1]!);
  assert.ok(Math.abs(width(target) / width(source) - 1.4) < 0.01, `${width(target) / width(source)}`);
  await assert.rejects(warpCommand.run([photo, '--exaggerate', '1', '--head', '2', '-o', path.join(dir, 'x.png')], ctx), /--head must be a number from 1 to 1.6/);
});

test('usage errors: both or neither of --preset/--exaggerate, k out of range, unknown options', async () => {
  const o = path.join(dir, 'x.png');
  await assert.rejects(warpCommand.run([photo, '-o', o], ctx), UsageError);
  await assert.rejects(warpCommand.run([photo, '--exaggerate', '2', '--preset', 'p.json', '-o', o], ctx), UsageError);
  await assert.rejects(warpCommand.run([photo, '--exaggerate', 'NaN', '-o', o], ctx), /from 0 to 5/);
  await assert.rejects(warpCommand.run([photo, '--exaggerate', '1', '--bogus', '1', '-o', o], ctx), /Unknown option --bogus/);
  await assert.rejects(presetCommand.run(['import', photo, '--exaggerate', '1', '-o', o], ctx), UsageError);
  await assert.rejects(warpCommand.run([photo, '--exaggerate', '1', '--face', '7', '-o', o], ctx), /no face number 8/);
});
