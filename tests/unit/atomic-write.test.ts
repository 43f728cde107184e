/**
 * writeFileAtomic's edges: read-only targets are refused (mode checked, since root passes any
 * access() test: this suite runs as root here, so EACCES itself can't be provoked), writable ones
 * keep their mode, failures name the target and never the hidden temp file, and temp files of
 * killed writers are cleaned while a live writer's are left alone.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { cleanStaleTemps, isReadOnlyMode, writeFileAtomic } from '../../electron/services/settings/atomic.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'cs-atomic-'));

test('a 0444 target is refused in one sentence and left unchanged', async () => {
  const dir = tmp();
  const target = path.join(dir, 'out.png');
  writeFileSync(target, 'original');
  chmodSync(target, 0o444);
  await assert.rejects(writeFileAtomic(target, 'new'), { message: `${target} is read-only; it was left as it is (choose another name or make it writable).` });
  assert.equal(readFileSync(target, 'utf8'), 'original');
  assert.equal(statSync(target).mode & 0o777, 0o444);
  assert.deepEqual(readdirSync(dir), ['out.png']);
});

test('the read-only test is on the mode bits', () => {
  assert.equal(isReadOnlyMode(0o100444), true);
  assert.equal(isReadOnlyMode(0o100400), true);
  assert.equal(isReadOnlyMode(0o100644), false);
  assert.equal(isReadOnlyMode(0o100200), false);
});

test('a writable target keeps its mode', async () => {
  const dir = tmp();
  const target = path.join(dir, 'preset.json');
  writeFileSync(target, '{}');
  chmodSync(target, 0o600);
  await writeFileAtomic(target, '{"a":1}');
  assert.equal(statSync(target).mode & 0o777, 0o600);
  assert.equal(readFileSync(target, 'utf8'), '{"a":1}');
});

test('failures name the target, never the temp file', async () => {
  const dir = tmp();
  mkdirSync(path.join(dir, 'folder'));
  writeFileSync(path.join(dir, 'file'), 'x');
  const cases: Array<[string, RegExp]> = [
    [path.join(dir, 'folder'), /^.*\/folder is a folder; choose a file name\.$/],
    [path.join(dir, 'file', 'below.png'), /^Cannot write .*\/file\/below\.png: a part of its path is not a folder\.$/],
  ];
  for (const [target, message] of cases) {
    await assert.rejects(writeFileAtomic(target, 'x'), (e: Error) => {
      assert.match(e.message, message);
      assert.doesNotMatch(e.message, /\.tmp/);
      return true;
    });
  }
  assert.deepEqual(readdirSync(dir).sort(), ['file', 'folder']);
});

test("temp files of killed writers are removed, a live writer's are kept", async () => {
  const dir = tmp();
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  const names = {
    dead: `.sheet.png.${dead}-0123456789ab.tmp`,
    legacy: '.preset.json.a1b2c3d4e5f6.tmp',
    live: `.settings.json.${process.ppid}-0123456789ab.tmp`,
    mine: `.x.png.${process.pid}-0123456789ab.tmp`,
    other: '.hidden.tmp',
    plain: 'photo.png',
  };
  for (const n of Object.values(names)) writeFileSync(path.join(dir, n), 'x');
  assert.equal(await cleanStaleTemps(dir), 2);
  assert.deepEqual(readdirSync(dir).sort(), [names.other, names.mine, names.live, names.plain].sort());
  assert.equal(await cleanStaleTemps(path.join(dir, 'missing')), 0);
});
