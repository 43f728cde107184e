import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Point } from '../../electron/ipc/define.js';
import { emptyHistory, record, redo, undo } from '../../renderer/src/editor/history.js';
import { MIRROR, regionOf, REGION_RANGES } from '../../renderer/src/editor/regions.js';

const pts = (v: number): Point[] => Array.from({ length: 68 }, (_, i) => [i + v, i - v] as Point);

test('undo restores the state before each edit, redo re-applies it, a new edit clears redo', () => {
  let h = emptyHistory;
  h = record(h, { label: 'drag', key: 'p#0', before: pts(0), after: pts(1) });
  h = record(h, { label: 'slider', key: 'p#0', before: pts(1), after: pts(2) });
  let cmd;
  [h, cmd] = undo(h);
  assert.deepEqual(cmd?.before, pts(1));
  [h, cmd] = undo(h);
  assert.deepEqual(cmd?.before, pts(0));
  [h, cmd] = undo(h);
  assert.equal(cmd, null, 'nothing more to undo');
  [h, cmd] = redo(h);
  assert.deepEqual(cmd?.after, pts(1));
  h = record(h, { label: 'preset', key: 'p#0', before: pts(1), after: pts(5) });
  assert.equal(h.redo.length, 0);
  assert.equal(h.undo.length, 2);
});

test('an edit that changes nothing is not recorded', () => {
  assert.equal(record(emptyHistory, { label: 'click', key: 'k', before: pts(3), after: pts(3) }), emptyHistory);
});

test('the 68-point mirror map is an involution that keeps each point in its region', () => {
  for (let i = 0; i < 68; i++) {
    assert.equal(MIRROR[MIRROR[i]!], i);
    assert.equal(regionOf(MIRROR[i]!), regionOf(i));
  }
  for (const midline of [8, 27, 28, 29, 30, 33, 51, 57, 62, 66]) assert.equal(MIRROR[midline], midline);
  assert.deepEqual(REGION_RANGES.eyes, [36, 47]);
  assert.throws(() => regionOf(68), RangeError);
});
