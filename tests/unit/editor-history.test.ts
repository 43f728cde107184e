import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyHistory, record, redo, undo } from '../../renderer/src/editor/history.js';

const same = (a: number, b: number) => a === b;

test('undo restores the state before each edit, redo re-applies it, a new edit clears redo', () => {
  let h = emptyHistory<number>();
  h = record(h, { label: 'drag', key: 'p#0', before: 0, after: 1 }, same);
  h = record(h, { label: 'slider', key: 'p#0', before: 1, after: 2 }, same);
  let cmd;
  [h, cmd] = undo(h);
  assert.equal(cmd?.before, 1);
  [h, cmd] = undo(h);
  assert.equal(cmd?.before, 0);
  [h, cmd] = undo(h);
  assert.equal(cmd, null, 'nothing more to undo');
  [h, cmd] = redo(h);
  assert.equal(cmd?.after, 1);
  h = record(h, { label: 'preset', key: 'p#0', before: 1, after: 5 }, same);
  assert.equal(h.redo.length, 0);
  assert.equal(h.undo.length, 2);
});

test('an edit that changes nothing is not recorded', () => {
  const h = emptyHistory<number>();
  assert.equal(record(h, { label: 'click', key: 'k', before: 3, after: 3 }, same), h);
});
