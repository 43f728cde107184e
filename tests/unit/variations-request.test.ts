import assert from 'node:assert/strict';
import { test } from 'node:test';
import { variationsRequest, type Cell, type VariationsState } from '../../renderer/src/variations/variations-state.js';

const cell = (i: number): Cell => ({ index: i, seed: 100 + i, styleSeed: 200 + i } as unknown as Cell);
const base: VariationsState = { rows: 2, cols: 2, seed: 7, temperature: 1, lockGeometry: false, lockStyle: false, cells: [0, 1, 2, 3].map(cell), locks: [], selected: 2, jobId: null, progress: null, photoId: 'p' };

test('no locks: every cell comes from the sheet seed', () => {
  const r = variationsRequest(base, 'p', 0, undefined);
  assert.equal(r.seed, 7);
  assert.equal(r.geometrySeed, undefined);
  assert.equal(r.styleSeed, undefined);
  assert.equal(r.locks, undefined);
});

test('global locks pin the selected cell; per-cell locks keep that cell', () => {
  const r = variationsRequest({ ...base, lockStyle: true, locks: [{ geometry: true, style: false }, { geometry: false, style: false }, { geometry: true, style: true }] }, 'p', 0, undefined);
  assert.equal(r.styleSeed, 202);
  assert.equal(r.geometrySeed, undefined);
  assert.deepEqual(r.locks, [{ geometrySeed: 100 }, null, { geometrySeed: 102, styleSeed: 202 }, null]);
});

test('after a grid size change, old per-cell locks are dropped', () => {
  const r = variationsRequest({ ...base, rows: 3, locks: [{ geometry: true, style: true }] }, 'p', 0, undefined);
  assert.equal(r.locks, undefined);
});
