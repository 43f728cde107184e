/**
 * A damaged settings file costs only its damaged part: valid fields are kept, invalid ones are
 * dropped with a warning, the damaged bytes survive as settings.json.bak, a BOM is fine, a folder
 * in the file's place is one sentence, and concurrent updates all land.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Settings, SettingsStore } from '../../electron/services/settings/settings.js';

const DEFAULTS = Settings.parse({});

function store(): { s: SettingsStore; warnings: string[] } {
  const warnings: string[] = [];
  return { s: new SettingsStore(mkdtempSync(path.join(os.tmpdir(), 'cs-settings-')), (m) => warnings.push(m)), warnings };
}

test('one invalid field is dropped with a warning; the others are kept', async () => {
  const { s, warnings } = store();
  writeFileSync(s.file, JSON.stringify({ recent: ['/a.jpg'], providerPreference: 'tpu', faceDetector: 'ssd' }));
  assert.deepEqual(await s.read(), { ...DEFAULTS, recent: ['/a.jpg'], faceDetector: 'ssd' });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /"providerPreference" was invalid/);
});

test('25 recent entries keep the 10 most recent, bad entries are skipped', async () => {
  const { s, warnings } = store();
  const recent = Array.from({ length: 25 }, (_, i) => (i === 3 ? 42 : `/p${i}.jpg`));
  writeFileSync(s.file, JSON.stringify({ recent, providerPreference: 'cpu' }));
  const got = await s.read();
  assert.equal(got.providerPreference, 'cpu');
  assert.deepEqual(got.recent, ['/p0.jpg', '/p1.jpg', '/p2.jpg', '/p4.jpg', '/p5.jpg', '/p6.jpg', '/p7.jpg', '/p8.jpg', '/p9.jpg', '/p10.jpg']);
  assert.match(warnings.join(), /"recent" kept 10 of 25/);
});

test('a BOM is accepted without a warning', async () => {
  const { s, warnings } = store();
  writeFileSync(s.file, `\uFEFF${JSON.stringify({ providerPreference: 'cpu' })}`);
  assert.equal((await s.read()).providerPreference, 'cpu');
  assert.deepEqual(warnings, []);
});

test('truncated, binary and empty files: defaults, a warning, and a .bak of the damaged bytes as soon as it is read', async () => {
  for (const damaged of [Buffer.from('{"recent":["/a.jpg"],"providerPref'), Buffer.from([0, 159, 146, 150, 255, 0, 1]), Buffer.alloc(0)]) {
    const { s, warnings } = store();
    writeFileSync(s.file, damaged);
    assert.deepEqual(await s.read(), DEFAULTS);
    assert.equal(warnings.length, 1, `no warning for ${JSON.stringify(damaged.toString('latin1'))}`);
    assert.deepEqual(readFileSync(`${s.file}.bak`), damaged);
    await s.update(() => ({ faceDetector: 'tiny' }));
    assert.deepEqual(readFileSync(`${s.file}.bak`), damaged, 'the save keeps the copy of the damaged file');
    assert.equal((await s.read()).faceDetector, 'tiny');
  }
});

test('settings.json being a folder: defaults with one sentence on read, one sentence on save', async () => {
  const { s, warnings } = store();
  mkdirSync(s.file);
  assert.equal((await s.read()).providerPreference, 'auto');
  assert.deepEqual(warnings, [`The settings file ${s.file} is a folder; move it away so the settings can be kept. Using the default settings.`]);
  await assert.rejects(s.update(() => ({ providerPreference: 'cpu' })), (e: Error) => e.message === `The settings file ${s.file} is a folder; move it away so the settings can be kept.`);
});

test('concurrent updates are serialised: none is lost', async () => {
  for (let round = 0; round < 10; round++) {
    const { s } = store();
    const other = new SettingsStore(path.dirname(s.file), () => undefined);
    await Promise.all([s.update(() => ({ providerPreference: 'cpu' })), other.update(() => ({ faceDetector: 'ssd' })), s.addRecent(['/x.jpg'])]);
    assert.deepEqual(await s.read(), { ...DEFAULTS, recent: ['/x.jpg'], providerPreference: 'cpu', faceDetector: 'ssd' }, `round ${round}`);
  }
});
