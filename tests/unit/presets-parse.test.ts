import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceError } from '../../common/errors.js';
import { parsePreset, presetToJson } from '../../electron/services/presets/parse.js';
import { BUILTIN_PRESETS } from '../../electron/services/presets/builtins.js';
import type { PresetDoc } from '../../common/presets/schema.js';

const GOOD: PresetDoc = {
  format: 'caricature-studio.preset',
  version: 1,
  name: 'Test',
  notes: 'n',
  offsets: Array.from({ length: 68 }, (_, i): [number, number] => [i / 10, 0 - i / 20 + 0]),
  gains: { global: 1.2, eyes: 1.5 },
  sliders: { smile: 0.5 },
};
const text = (o: unknown) => JSON.stringify(o);
const rejects = (t: string, re: RegExp) =>
  assert.throws(() => parsePreset(t), (e: unknown) => {
    assert.ok(e instanceof ServiceError, String(e));
    assert.equal(e.code, 'bad-input');
    assert.match(e.message, re);
    return true;
  });

test('a valid preset round-trips through presetToJson', () => {
  const doc = parsePreset(presetToJson(GOOD));
  assert.deepEqual(doc, GOOD);
  assert.equal(parsePreset(text({ ...GOOD, notes: undefined, gains: undefined })).notes, '');
});

test('every built-in is a valid preset and there are at least 8 with distinct ids', () => {
  assert.ok(BUILTIN_PRESETS.length >= 8);
  assert.equal(new Set(BUILTIN_PRESETS.map((p) => p.id)).size, BUILTIN_PRESETS.length);
  for (const { doc } of BUILTIN_PRESETS) assert.deepEqual(parsePreset(presetToJson(doc)), doc);
  const names = BUILTIN_PRESETS.map((p) => p.doc.name.toLowerCase()).join('|');
  for (const n of ['big eyes', 'long nose', 'wide jaw', 'tiny mouth', 'grin', 'heroic chin', 'egg head', 'classic caricature', 'big head']) assert.ok(names.includes(n), n);
});

test('bad presets are rejected with a sentence naming the problem', () => {
  rejects(presetToJson(GOOD).slice(0, 200), /not valid JSON \(it may be truncated\)/);
  rejects('', /not valid JSON/);
  rejects('[1,2]', /not a JSON object/);
  rejects(text({ ...GOOD, format: 'something-else' }), /not a Caricature Studio preset/);
  rejects(text({ ...GOOD, version: 3 }), /version 3; this app reads versions 1 and 2/);
  rejects(text({ ...GOOD, version: undefined }), /version missing/);
  rejects(text({ ...GOOD, offsets: GOOD.offsets.slice(0, 67) }), /offsets.*exactly 68 points/);
  rejects(text({ ...GOOD, offsets: [...GOOD.offsets, [0, 0]] }), /more than 68 points/);
  rejects(text({ ...GOOD, offsets: Array.from({ length: 100000 }, () => [0, 0]) }), /larger than 256 KB/);
  rejects(presetToJson(GOOD).replace('[0, 0]', '[NaN, 0]'), /not valid JSON/);
  rejects(presetToJson(GOOD).replace('[0, 0]', '[1e999, 0]'), /offsets\[0\]\[0\]: an offset must be a finite number/);
  rejects(presetToJson(GOOD).replace('[0, 0]', '["0", 0]'), /offsets\[0\]\[0\]: an offset must be a number/);
  rejects(presetToJson(GOOD).replace('[0, 0]', '[0, 0, 0]'), /offsets\[0\]/);
  rejects(text({ ...GOOD, gains: { eyes: -1 } }), /gains\.eyes: the eyes gain must be a finite number from 0 to 5/);
  rejects(text({ ...GOOD, sliders: { smile: 3 } }), /sliders\.smile/);
  rejects(text({ ...GOOD, sliders: { wiggle: 0.1 } }), /unknown field "wiggle" in sliders/);
  rejects(text({ ...GOOD, name: '  ' }), /name is empty/);
  rejects(text({ ...GOOD, name: 5 }), /name must be text/);
});

test('hostile keys (__proto__, constructor) are rejected, and nothing is polluted', () => {
  rejects(presetToJson(GOOD).replace('{', '{"__proto__": {"polluted": true},'), /unknown field "__proto__"/);
  rejects(text({ ...GOOD, gains: JSON.parse('{"__proto__": {"global": 9}}') }), /unknown field "__proto__" in gains/);
  rejects(text({ ...GOOD, constructor: { prototype: { polluted: true } } }), /unknown field "constructor"/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('version 2 carries the head size (1…1.6); version 1 files, which have none, still load', () => {
  assert.equal(parsePreset(text({ ...GOOD, version: 2, head: 1.4 })).head, 1.4);
  assert.equal(parsePreset(text(GOOD)).head, undefined);
  rejects(text({ ...GOOD, version: 2, head: 2 }), /head: the head size must be a finite number from 1 to 1.6/);
  rejects(text({ ...GOOD, version: 2, head: 0.5 }), /head size/);
});
