/**
 * 1000 mutated preset files: each is either read as a valid preset that applies cleanly to a
 * face, or refused with a 'bad-input' sentence — never another exception, never a partial
 * result (the face is untouched, the store gains a whole file or nothing).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServiceError } from '../../common/errors.js';
import { parsePreset, presetToJson } from '../../electron/services/presets/parse.js';
import { applyPreset } from '../../electron/services/presets/apply.js';
import { PresetStore } from '../../electron/services/presets/store.js';
import { BUILTIN_PRESETS } from '../../electron/services/presets/builtins.js';
import { MEAN_FACE } from '../../common/face68/mean-face.js';
import type { Point } from '../../common/geometry.js';
import { uniformRng } from '../../common/random.js';


const dir = mkdtempSync(path.join(os.tmpdir(), 'presets-fuzz-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Files in the preset folder, temporary ones included: a failed write must leave none. */
const files = (d: string) => (existsSync(d) ? readdirSync(d).length : 0);

const FACE: Point[] = MEAN_FACE.map(([x, y]) => [3 * x + 100, 3 * y + 50]);
const SEEDS = [
  presetToJson({ ...BUILTIN_PRESETS[1]!.doc, offsets: MEAN_FACE.map((_, i): [number, number] => [(i % 7) - 3, (i % 5) * 0.5]) }),
  ...BUILTIN_PRESETS.map((p) => presetToJson(p.doc)),
];
const NASTY = ['NaN', 'Infinity', '1e999', '-1e999', '"x"', 'null', '[]', '{}', '1e308', '-0', '300', 'true', '[[[[[[[[1]]]]]]]]', '"__proto__"'];
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'extra', ''];

function mutate(text: string, r: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const at = Math.floor(r() * text.length);
  switch (Math.floor(r() * 10)) {
    case 0:
      return text.slice(0, at); // truncated
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 5));
    case 2:
      return text.slice(0, at) + pick(['{', '}', '[', ']', ',', ':', '"', '-', '9', 'e', '.', '\u0000']) + text.slice(at);
    case 3: {
      const nums = [...text.matchAll(/-?\d+(\.\d+)?/g)];
      if (!nums.length) return text;
      const m = pick(nums);
      return text.slice(0, m.index) + pick(NASTY) + text.slice(m.index! + m[0].length);
    }
    case 4:
      return text.replace('[', `[${pick(['[0, 0],', '[1, 2, 3],', '"a",', ''])}`); // extra / odd first offset
    case 5:
      return text.replace(/\[-?[\d.]+, -?[\d.]+\],?\s*/, ''); // drop an offset (67 points)
    case 6:
      return text.replace(pick(['{', '"gains": {', '"sliders": {']), (m) => `${m}"${pick(KEYS)}": ${pick(NASTY)},`);
    case 7:
      return text.replace('"version": 1', `"version": ${pick(['2', '0', '"1"', '1.0', 'null', '-1'])}`);
    case 8:
      return text.replace(/"(global|jaw|brows|eyes|nose|mouth|eyeSize|smile|noseLength)": [^,}\n]+/, (_m, k: string) => `"${k}": ${pick(NASTY)}`);
    default:
      return pick(['[', '{'].map((c) => c.repeat(1 + Math.floor(r() * 5000)))) + text.slice(at);
  }
}

test('1000 mutated presets: valid and applied whole, or refused with one sentence', async () => {
  const r = uniformRng(20240605);
  const store = new PresetStore(dir);
  const before = JSON.stringify(FACE);
  let accepted = 0;
  let stored = 0;
  for (let n = 0; n < 1000; n++) {
    let text = SEEDS[n % SEEDS.length]!;
    for (let m = 1 + Math.floor(r() * 3); m > 0; m--) text = mutate(text, r);
    try {
      const doc = parsePreset(text);
      const target = applyPreset(doc, FACE);
      assert.equal(target.length, 68);
      assert.ok(target.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])), `non-finite target for #${n}`);
      accepted++;
    } catch (e) {
      assert.ok(e instanceof ServiceError, `#${n} threw ${String(e)} for ${JSON.stringify(text.slice(0, 200))}`);
      assert.equal(e.code, 'bad-input');
      assert.match(e.message, /^(The preset|"|)[^\n]{10,400}\.$/);
    }
    assert.equal(JSON.stringify(FACE), before, 'the face was modified');
    if (n % 25 === 0) {
      const count = files(store.dir);
      const ok = await store.import(text).then(
        () => true,
        (e: unknown) => {
          assert.ok(e instanceof ServiceError);
          return false;
        },
      );
      if (ok) stored++;
      assert.equal(files(store.dir), count + (ok ? 1 : 0));
    }
  }
  // the mutations must exercise both outcomes
  assert.ok(accepted > 20 && accepted < 900, `${accepted} accepted`);
  assert.equal(files(store.dir), stored);
});
