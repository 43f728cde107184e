import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIRROR, OUTER_MOUTH, PARTS, REGION_NAMES, REGION_OF, REGIONS, range, regionIndices, regionOf } from '../../common/face68/regions.js';

test('the seven parts tile 0..67 in order, end-exclusive, and the five regions merge them', () => {
  const spans = Object.values(PARTS);
  assert.equal(spans[0]![0], 0);
  spans.forEach((s, k) => assert.equal(s[0], k === 0 ? 0 : spans[k - 1]![1]));
  assert.equal(spans.at(-1)![1], 68);
  assert.deepEqual(REGIONS.brows, [17, 27]);
  assert.deepEqual(REGIONS.eyes, [36, 48]);
  assert.deepEqual(regionIndices('eyes'), range(36, 48));
  assert.deepEqual(REGION_NAMES.flatMap(regionIndices), range(0, 68));
  assert.deepEqual(OUTER_MOUTH, [48, 60]);
});

test('regionOf names each landmark once and refuses indices outside the scheme', () => {
  assert.equal(regionOf(16), 'jaw');
  assert.equal(regionOf(17), 'brows');
  assert.equal(regionOf(35), 'nose');
  assert.equal(regionOf(47), 'eyes');
  assert.equal(regionOf(48), 'mouth');
  assert.equal(REGION_OF.length, 68);
  assert.throws(() => regionOf(68), RangeError);
  assert.throws(() => regionOf(-1), RangeError);
});

test('the 68-point mirror map is an involution that keeps each point in its region', () => {
  for (let i = 0; i < 68; i++) {
    assert.equal(MIRROR[MIRROR[i]!], i);
    assert.equal(regionOf(MIRROR[i]!), regionOf(i));
  }
  for (const midline of [8, 27, 28, 29, 30, 33, 51, 57, 62, 66]) assert.equal(MIRROR[midline], midline);
  assert.equal(MIRROR.filter((j, i) => j === i).length, 10);
});
