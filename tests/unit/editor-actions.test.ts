/** The one action table (issue #16 item 6): keys, menu accelerators and the view math they drive. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIONS, ACTION_NAMES, matchesShortcut } from '../../common/actions.js';
import { menuSpec, type MenuItemSpec } from '../../electron/main/menu.js';
import { viewTransform, zoomAbout } from '../../renderer/src/editor/view.js';

const key = (k: string, mods: Partial<{ ctrl: boolean; shift: boolean; alt: boolean; meta: boolean }> = {}) => ({ key: k, ctrlKey: !!mods.ctrl, shiftKey: !!mods.shift, altKey: !!mods.alt, metaKey: !!mods.meta });

test('the native menu binds each renderer action to the table’s label and shortcut', () => {
  const items: MenuItemSpec[] = [];
  const walk = (list: MenuItemSpec[]) => list.forEach((i) => (items.push(i), i.submenu && walk(i.submenu)));
  walk(menuSpec([], { devTools: true }));
  const bound = items.filter((i) => i.action);
  assert.ok(bound.length >= 10);
  for (const i of bound) {
    assert.equal(i.label, ACTIONS[i.action!].label);
    assert.equal(i.accelerator, ACTIONS[i.action!].shortcut);
  }
  // Esc is the window's, not the menu's: a menu accelerator would swallow it everywhere.
  assert.ok(!bound.some((i) => i.action === 'cancel'));
});

test('key events match shortcuts with exact modifiers', () => {
  const find = (e: ReturnType<typeof key>) => ACTION_NAMES.filter((n) => [ACTIONS[n].shortcut, ...(ACTIONS[n].altShortcuts ?? [])].some((s) => s && matchesShortcut(s, e)));
  assert.deepEqual(find(key('z', { ctrl: true })), ['undo']);
  assert.deepEqual(find(key('Z', { ctrl: true, shift: true })), ['redo']);
  assert.deepEqual(find(key('y', { meta: true })), ['redo']);
  assert.deepEqual(find(key('E', { ctrl: true, shift: true })), ['export-image']);
  assert.deepEqual(find(key('e', { ctrl: true })), ['export-preset']);
  assert.deepEqual(find(key('+', { ctrl: true, shift: true })), ['zoom-in'], 'a key that needs Shift to type');
  assert.deepEqual(find(key('=', { ctrl: true })), ['zoom-in']);
  assert.deepEqual(find(key('Escape')), ['cancel']);
  assert.deepEqual(find(key('\\')), ['toggle-before-after']);
  assert.deepEqual(find(key('z')), [], 'no modifier, no undo');
  assert.deepEqual(find(key('o', { ctrl: true, alt: true })), [], 'an extra Alt is another shortcut');
});

test('zooming about the cursor keeps the image point under it', () => {
  const v = { host: { width: 1000, height: 800 }, image: { width: 600, height: 400 }, zoom: 1, pan: { x: 0, y: 0 } };
  const cursor = { x: 300, y: 250 };
  const t0 = viewTransform(v);
  const under = [(cursor.x - t0.x) / t0.scale, (cursor.y - t0.y) / t0.scale];
  const z = zoomAbout(v, 2, cursor);
  const t1 = viewTransform({ ...v, ...z });
  assert.equal(z.zoom, 2);
  assert.ok(Math.abs(t1.x + under[0]! * t1.scale - cursor.x) < 1e-9);
  assert.ok(Math.abs(t1.y + under[1]! * t1.scale - cursor.y) < 1e-9);
  assert.equal(zoomAbout({ ...v, zoom: 16 }, 2, cursor).zoom, 16, 'clamped');
});

test('the fold guard’s answer in words and rings: only landmarks it really held back', async () => {
  const { foldWords, heldBack, heldBackCircles } = await import('../../renderer/src/editor/warp-request.js');
  const source: [number, number][] = Array.from({ length: 68 }, (_, i) => [i * 10, 100]);
  const requested = source.map(([x, y], i): [number, number] => (i === 30 || i === 33 ? [x, y + 40] : [x, y + 4]));
  // The guard eased everything by a pixel (no ring) and cut the nose move to a quarter.
  const used = requested.map(([x, y], i): [number, number] => (i === 30 || i === 33 ? [x, y - 30] : [x, y - 1]));
  const held = heldBack(source, requested, used);
  assert.deepEqual(held, [30, 33]);
  assert.equal(foldWords(held), 'The nose move was reduced to keep the image from folding (circled on the photo).');
  assert.equal(foldWords([30, 48]), 'The nose and mouth moves were reduced to keep the image from folding (circled on the photo).');
  const [ring] = heldBackCircles(requested, held);
  assert.deepEqual(ring, { x: 315, y: 140, r: 15 });
});
