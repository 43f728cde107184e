/**
 * The history engine on its own, over a tiny counter document (as tldraw's HistoryManager.test
 * does): commands, gestures bracketed by marks, bail, and undo blocked mid-gesture.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bailGesture, beginGesture, commitGesture, emptyHistory, inGesture, record, redo, undo, type History } from '../../renderer/src/editor/history.js';

const same = (a: number, b: number) => a === b;

/** A counter with a history, driven as the editor drives a photo. */
function counter() {
  let value = 0;
  let h: History<number> = emptyHistory();
  return {
    get value() {
      return value;
    },
    get history() {
      return h;
    },
    edit(label: string, v: number) {
      h = record(h, { label, before: value, after: v }, same);
      value = v;
    },
    begin(label: string) {
      h = beginGesture(h, label, value);
    },
    live(v: number) {
      value = v;
    },
    commit() {
      h = commitGesture(h, value, same);
    },
    bail() {
      const [next, back] = bailGesture(h);
      h = next;
      if (back !== null) value = back;
    },
    undo() {
      const [next, cmd] = undo(h);
      h = next;
      if (cmd) value = cmd.before;
      return cmd?.label ?? null;
    },
    redo() {
      const [next, cmd] = redo(h);
      h = next;
      if (cmd) value = cmd.after;
      return cmd?.label ?? null;
    },
  };
}

test('undo restores the state before each edit, redo re-applies it, a new edit clears redo', () => {
  const c = counter();
  c.edit('drag', 1);
  c.edit('slider', 2);
  assert.equal(c.undo(), 'slider');
  assert.equal(c.value, 1);
  assert.equal(c.undo(), 'drag');
  assert.equal(c.value, 0);
  assert.equal(c.undo(), null, 'nothing more to undo');
  assert.equal(c.redo(), 'drag');
  assert.equal(c.value, 1);
  c.edit('preset', 5);
  assert.equal(c.history.redo.length, 0);
  assert.equal(c.history.undo.length, 2);
});

test('an edit that changes nothing is not recorded', () => {
  const h = emptyHistory<number>();
  assert.equal(record(h, { label: 'click', before: 3, after: 3 }, same), h);
});

test('a gesture is one command however many live changes it makes', () => {
  const c = counter();
  c.begin('Move landmarks');
  for (const v of [1, 2, 3, 7]) c.live(v);
  c.commit();
  assert.equal(c.history.undo.length, 1);
  assert.equal(c.undo(), 'Move landmarks');
  assert.equal(c.value, 0);
  assert.equal(c.redo(), 'Move landmarks');
  assert.equal(c.value, 7);
});

test('bail returns to the mark and records nothing (Esc mid-drag)', () => {
  const c = counter();
  c.edit('first', 4);
  c.begin('drag');
  c.live(9);
  c.bail();
  assert.equal(c.value, 4);
  assert.equal(inGesture(c.history), false);
  assert.deepEqual(c.history.undo.map((x) => x.label), ['first']);
});

test('undo and redo do nothing while a gesture runs', () => {
  const c = counter();
  c.edit('first', 1);
  c.edit('second', 2);
  c.undo();
  c.begin('drag');
  c.live(5);
  assert.equal(c.undo(), null);
  assert.equal(c.redo(), null);
  assert.equal(c.value, 5, 'the live value is untouched');
  c.commit();
  assert.equal(c.undo(), 'drag');
  assert.equal(c.value, 1);
});

test('a gesture that changes nothing leaves no command; a second begin keeps the first mark', () => {
  const c = counter();
  c.begin('a');
  c.live(3);
  c.begin('b');
  c.live(0);
  c.commit();
  assert.equal(c.history.undo.length, 0);
  c.begin('a');
  c.live(3);
  c.begin('b');
  c.commit();
  assert.deepEqual(c.history.undo.map((x) => [x.label, x.before, x.after]), [['a', 0, 3]]);
});
