/**
 * The strokes' share by the artwork's tone kind (synthesis/kind-strokes.ts): the control's value
 * for a drawing, its square for a painting or a poster, the ends kept; and that the synthesis
 * applies it (the result before composing is linear in the share, so a run at the default must be
 * that blend of the runs at 0 and 1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kindStrokes } from '../../electron/services/style/synthesis/kind-strokes.js';
import { synthesizeInline } from '../../electron/services/style/synthesis/inline.js';
import { DEFAULT_STROKES } from '../../electron/services/style/synthesis/plan.js';
import { toneKind } from '../../electron/services/style/synthesis/posterise.js';
import { drawnLines, painterly, posterised } from '../analogy/filters.js';
import { coverRgb } from '../images.js';

test('ink keeps the control’s share; paint and poster bend it toward the guide, 0 and 1 kept', () => {
  for (const s of [0, 0.3, 0.7, 1]) assert.equal(kindStrokes(s, 'ink'), s);
  for (const kind of ['paint', 'poster'] as const) {
    assert.equal(kindStrokes(0, kind), 0);
    assert.equal(kindStrokes(1, kind), 1);
    assert.ok(Math.abs(kindStrokes(DEFAULT_STROKES, kind) - 0.49) < 1e-9);
    for (let s = 0; s < 1; s += 0.05) assert.ok(kindStrokes(s + 0.05, kind) > kindStrokes(s, kind), 'monotone');
  }
  assert.equal(kindStrokes(1.5, 'ink'), 1);
  assert.equal(kindStrokes(-1, 'paint'), 0);
});

test('the synthesis uses the kind’s share: a run at the default is that blend of the guide (0) and the marks (1)', async () => {
  const [a, b] = await Promise.all([2, 3].map((i) => coverRgb(`node_modules/@vladmandic/face-api/demo/sample${i}.jpg`, 96)));
  const options = { strength: 1, preserveColor: false, patchRadius: 2, effort: 'preview' as const, seed: 1 };
  for (const [filter, kind] of [[painterly, 'paint'], [posterised, 'poster'], [drawnLines, 'ink']] as const) {
    const art = filter(a!);
    assert.equal(toneKind(art), kind);
    const [guide, marks, mid] = [0, 1, DEFAULT_STROKES].map((strokes) => synthesizeInline(art, b!, { ...options, strokes }).data);
    const share = kindStrokes(DEFAULT_STROKES, kind);
    let err = 0;
    for (let i = 0; i < mid!.length; i++) err += Math.abs(mid![i]! - (share * marks![i]! + (1 - share) * guide![i]!));
    // Rounding alone: under a level on average (the blend at the control's value is 2–4 levels off for paint and poster).
    assert.ok(err / mid!.length < 0.6, `${kind}: ${(err / mid!.length).toFixed(2)} levels from the blend at share ${share}`);
  }
});
