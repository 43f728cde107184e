import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { writeFileAtomic } from '../../electron/services/settings/atomic.js';
import { SettingsStore } from '../../electron/services/settings/settings.js';

test('settings: a damaged file falls back to defaults; updates are validated and written whole', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-settings-'));
  const store = new SettingsStore(dir);
  writeFileSync(store.file, '{"recent": [1, 2], "providerPreference": "warp-drive"');
  assert.deepEqual(await store.read(), { recent: [], providerPreference: 'auto', faceDetector: 'auto', faceLandmarks: 'precise', commercialOnly: false });
  await store.update(() => ({ providerPreference: 'cpu' }));
  for (let i = 0; i < 15; i++) await store.addRecent([`/photos/${i}.jpg`]);
  const s = await store.read();
  assert.equal(s.providerPreference, 'cpu');
  assert.equal(s.recent.length, 10, 'recent list is bounded');
  assert.equal(s.recent[0], '/photos/14.jpg', 'most recent first');
  await assert.rejects(store.update(() => ({ providerPreference: 'nope' as 'cpu' })));
  assert.equal((await store.read()).providerPreference, 'cpu', 'a rejected update changes nothing');
  await store.update(() => ({ faceDetector: 'ssd' }));
  assert.equal((await store.read()).faceDetector, 'ssd');
  await assert.rejects(store.update(() => ({ faceDetector: 'yolo' as 'ssd' })));
  await store.update(() => ({ faceLandmarks: 'fast' }));
  assert.equal((await store.read()).faceLandmarks, 'fast');
  await assert.rejects(store.update(() => ({ faceLandmarks: 'exact' as 'fast' })));
  assert.deepEqual(readdirSync(dir).sort(), ['settings.json', 'settings.json.bak'], 'no temp files left behind; the damaged file kept');
});

test('atomic write: the old file survives a failed write, and no temp file is left', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-atomic-'));
  const target = path.join(dir, 'sheet.png');
  await writeFileAtomic(target, 'first');
  // A directory where the temp file's rename target must be a file makes the rename fail.
  const blocked = path.join(dir, 'folder');
  await writeFileAtomic(path.join(blocked, 'x'), 'inside');
  await assert.rejects(writeFileAtomic(blocked, 'would replace a folder'));
  assert.equal(readFileSync(target, 'utf8'), 'first');
  assert.deepEqual(readdirSync(dir).sort(), ['folder', 'sheet.png']);
});
