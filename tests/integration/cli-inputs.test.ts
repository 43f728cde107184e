/**
 * The CLI and service edges of issue #14 item 11 (and 10's manifest messages), run in-process
 * through runCli on the demo photos: every command answers --help, empty numbers and unknown
 * flags are usage errors, outputs follow their extension, BOM presets load, HEIC is named as
 * such, absurd warp targets and control characters in preset names are bad input, and a damaged
 * manifest is one sentence naming the file.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { runCli } from '../../electron/hosts/cli/run.js';
import { commands } from '../../electron/hosts/cli/commands/index.js';
import { createServices } from '../../electron/hosts/services.js';
import { decodeImage } from '../../electron/services/images/decode.js';
import { loadVerified } from '../../electron/services/inference/manifest.js';
import { checkPreset } from '../../electron/services/presets/parse.js';
import { styleHandlers } from '../../electron/hosts/handlers/style.js';
import { warpHandlers } from '../../electron/hosts/handlers/warp.js';
import { heicBytes } from '../heic.js';
import { handlerContext } from './handler-context.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-inputs-'));
const services = createServices({ userDataDir: dir });
after(async () => {
  await services.inference.dispose();
  rmSync(dir, { recursive: true, force: true });
});
const photo = 'node_modules/@vladmandic/face-api/demo/sample1.jpg';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { services, stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('every command answers --help with its usage on stdout and exit code 0', async () => {
  for (const c of commands) {
    for (const argv of [[c.name, '--help'], [c.name, photo, '-h'], [c.name, '--exaggerate', '--help']]) {
      const r = await cli(...argv);
      assert.equal(r.code, 0, `${argv.join(' ')}: ${r.err}`);
      assert.equal(r.out, `Usage: npm run -s cli -- ${c.usage}`);
      assert.equal(r.err, '');
    }
  }
});

test("empty numbers, unknown flags and output names that don't match the format are usage errors", async () => {
  const o = path.join(dir, 'out.png');
  const cases: Array<[string[], RegExp]> = [
    [['warp', photo, '--exaggerate', '', '-o', o], /^--exaggerate must be a number from 0 to 5\./],
    [['warp', photo, '--exaggerate', ' ', '-o', o], /^--exaggerate must be a number from 0 to 5\./],
    [['preset', 'export', photo, '--exaggerate', '', '-o', path.join(dir, 'p.json')], /^--exaggerate must be a number/],
    [['style', photo, '--style', 'ink', '--strength', '', '-o', o], /^--strength must be a number from 0 to 1\./],
    [['style', photo, '--style', 'ink', '--bogus', '1', '-o', o], /^Unknown option --bogus\./],
    [['styles', '--bogus'], /^Unknown option --bogus\./],
    [['doctor', '--bogus'], /^Unknown option --bogus\./],
    [['warp', photo, '--exaggerate', '1', '-o', path.join(dir, 'x.gif')], /^-o must name a \.png, \.jpg, \.webp file \(got "x\.gif"\)\./],
    [['style', photo, '--style', 'ink', '-o', path.join(dir, 'x')], /^-o must name a \.png, \.jpg, \.webp file/],
    [['variations', photo, '--grid', '2x2', '--seed', '1', '-o', path.join(dir, 'sheet.jpg')], /^-o must name a \.png file/],
    [['preset', 'export', photo, '--exaggerate', '1', '-o', path.join(dir, 'p.png')], /^-o must name a \.json file \(got "p\.png"\)\./],
  ];
  for (const [argv, message] of cases) {
    const r = await cli(...argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
    assert.match(r.err, message, argv.join(' '));
  }
  assert.equal(existsSync(o), false);
});

test('-o x.webp writes WebP and style -o x.jpg writes JPEG', async () => {
  const webp = path.join(dir, 'warped.webp');
  assert.equal((await cli('warp', photo, '--exaggerate', '1.5', '-o', webp)).code, 0);
  assert.equal((await sharp(webp).metadata()).format, 'webp');
  const jpg = path.join(dir, 'styled.jpg');
  const r = await cli('style', photo, '--style', 'ink', '-o', jpg);
  assert.equal(r.code, 0, r.err);
  const meta = await sharp(jpg).metadata();
  assert.equal(meta.format, 'jpeg');
  const input = await sharp(photo).metadata();
  assert.deepEqual([meta.width, meta.height], [input.width, input.height]);
});

test('a preset saved with a UTF-8 BOM is read', async () => {
  const preset = path.join(dir, 'bom.json');
  assert.equal((await cli('preset', 'export', photo, '--exaggerate', '2', '-o', preset)).code, 0);
  writeFileSync(preset, `\uFEFF${readFileSync(preset, 'utf8')}`);
  const r = await cli('warp', photo, '--preset', preset, '-o', path.join(dir, 'bom.png'));
  assert.equal(r.code, 0, r.err);
});

test('HEIC is named as a format this build cannot decode, not as damage', async () => {
  await assert.rejects(decodeImage(await heicBytes(photo), '"IMG_0001.HEIC"'), {
    message: '"IMG_0001.HEIC" is a HEIC photo, which this build cannot decode; export it as JPEG or PNG first.',
  });
});

test('±1e300 warp targets, warp sources and style landmarks are bad input in one sentence', { timeout: 60_000 }, async () => {
  const { ctx } = handlerContext('cli-inputs-warp');
  const { id } = await ctx.photos.open(new Uint8Array(readFileSync(photo)), 'sample1.jpg');
  const message = 'The points must lie on or near the image (within 10 image sizes of it).';
  for (const v of [1e300, -1e300]) {
    const pts: Array<[number, number]> = Array.from({ length: 68 }, (_, i) => [v, i * v]);
    await assert.rejects(warpHandlers['warp:render']({ photoId: id, face: 0, target: pts }, ctx), { message });
    await assert.rejects(warpHandlers['warp:exaggerate']({ photoId: id, face: 0, source: pts, k: 2 }, ctx), { message });
    // Before: a face-region style sized its mask blur by these eyes' distance and never returned.
    await assert.rejects(styleHandlers['style:render']({ photoId: id, styleId: 'ink', strength: 1, preserveColor: false, region: 'face', face: { landmarks: pts }, maxSide: 256 }, ctx), { message });
  }
});

test('a preset name with NUL or ESC is refused', () => {
  const doc = { format: 'caricature-studio.preset', version: 1, name: 'ok', offsets: Array.from({ length: 68 }, () => [0, 0]) };
  assert.equal(checkPreset(doc).name, 'ok');
  for (const name of ['a\u0000b', '\u001b[31mred', 'bell\u0007']) {
    assert.throws(() => checkPreset({ ...doc, name }), { message: 'The preset is invalid: name: the name must not contain control characters.' });
  }
});

test('a truncated or wrong-shaped manifest is one sentence naming the file', async () => {
  const models = mkdtempSync(path.join(dir, 'models-'));
  const manifest = path.join(models, 'manifest.json');
  const text = readFileSync('native-models/manifest.json', 'utf8');
  writeFileSync(manifest, text.slice(0, 500));
  await assert.rejects(loadVerified('warp-tps', models), { message: `The model manifest ${manifest} is damaged (not valid JSON); run \`npm run models\` to rebuild it.` });
  writeFileSync(manifest, JSON.stringify({ models: [{ name: 'x' }] }));
  await assert.rejects(loadVerified('warp-tps', models), (e: Error) => {
    assert.equal(e.message.split('\n').length, 1);
    assert.match(e.message, new RegExp(`^The model manifest ${manifest} is not in the expected form \\(models\\.0\\.file: .*\\); run \`npm run models\` to rebuild it\\.$`));
    return true;
  });
  copyFileSync('native-models/manifest.json', manifest);
  const doc = JSON.parse(text);
  doc.models[0].file = '../../etc/passwd';
  writeFileSync(manifest, JSON.stringify(doc));
  await assert.rejects(loadVerified('warp-tps', models), /models\.0\.file: a file name in the models folder/);
});
