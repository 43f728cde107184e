import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PresetStore } from '../../electron/services/presets/store.js';
import { BUILTIN_PRESETS } from '../../electron/services/presets/builtins.js';
import { presetToJson } from '../../electron/services/presets/parse.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'presets-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const store = new PresetStore(dir);
const offsets = Array.from({ length: 68 }, (_, i): [number, number] => [i % 3, 0]);

test('the panel lists the built-ins even before the folder exists', async () => {
  const { presets, skipped } = await store.list();
  assert.equal(presets.length, BUILTIN_PRESETS.length);
  assert.ok(presets.every((p) => p.builtin));
  assert.deepEqual(skipped, []);
});

test('save, list, export, import and delete a preset; files are whole JSON', async () => {
  const { id } = await store.save({ format: 'caricature-studio.preset', version: 1, name: 'My Face / v1', offsets });
  assert.match(id, /^user:my-face-v1-[0-9a-f]{6}$/);
  const files = readdirSync(store.dir);
  assert.deepEqual(files, [`${id.slice(5)}.json`]);
  const { presets } = await store.list();
  assert.ok(presets.some((p) => p.id === id && p.name === 'My Face / v1' && !p.builtin));
  const { json, fileName } = await store.export(id);
  assert.equal(fileName, 'my-face-v1.preset.json');
  // Importing what is already stored makes no second entry (issue #15 item 11) …
  const again = await store.import(json);
  assert.equal(again.id, id);
  assert.equal(readdirSync(store.dir).length, 1);
  // … while a preset that differs in anything is a new one.
  const renamed = await store.import(json.replace('My Face / v1', 'My Face / v2'));
  assert.notEqual(renamed.id, id);
  assert.equal(readdirSync(store.dir).length, 2);
  await store.delete(id);
  await store.delete(renamed.id);
  assert.deepEqual(readdirSync(store.dir), []);
});

test('a failed import writes nothing; built-ins cannot be deleted; ids are never paths', async () => {
  await assert.rejects(store.import('{"format":"caricature-studio.preset","version":1,'), /not valid JSON/);
  assert.deepEqual(readdirSync(store.dir).filter((f) => !f.startsWith('.')), []);
  await assert.rejects(store.delete('builtin:big-eyes'), /Built-in presets cannot be deleted/);
  await assert.rejects(store.get('user:../../etc/passwd'), /does not exist/);
  await assert.rejects(store.delete('user:nope'), /no longer exists/);
  const exported = await store.export('builtin:big-eyes');
  assert.equal(exported.json, presetToJson(BUILTIN_PRESETS.find((p) => p.id === 'builtin:big-eyes')!.doc));
});

test('a damaged file in the folder is reported as skipped, not fatal', async () => {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path.join(store.dir, 'broken.json'), '{"format":');
  const { presets, skipped } = await store.list();
  assert.equal(presets.length, BUILTIN_PRESETS.length);
  assert.equal(skipped.length, 1);
  assert.match(skipped[0]!, /"broken.json" is not valid JSON/);
  rmSync(path.join(store.dir, 'broken.json'));
});
