/** The parsed style regions' class groups, labels rescaled, and the fade at their edges (style/region-parsing.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsedRegion, resizeParsing, UNSEEN } from '../../electron/services/style/region-parsing.js';
import { regionMask } from '../../electron/services/style/service.js';
import { classIndex, PARSING_CLASSES, type ParsingClass } from '../../electron/services/faces/parsing-classes.js';
import type { Parsing } from '../../electron/services/faces/parse.js';
import { syntheticFace } from './synthetic-face.js';

const parsing = (width: number, height: number, labels: Uint8Array): Parsing => ({ width, height, labels, classes: PARSING_CLASSES, faces: 1 });
const row = (...names: Array<ParsingClass | 'unseen'>) => Uint8Array.from(names.map((n) => (n === 'unseen' ? UNSEEN : classIndex(n))));

test('hair is hair and hat; the face is skin, features, glasses and ears, not the neck; background is no person class, and what no crop saw', () => {
  const labels = row('background', 'hair', 'hat', 'skin', 'l_ear', 'eye_g', 'u_lip', 'neck', 'cloth', 'unseen');
  const on = (region: 'hair' | 'face' | 'background') => [...parsedRegion(region, labels, labels.length, 1).data];
  assert.deepEqual(on('hair'), [0, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(on('face'), [0, 0, 0, 1, 1, 1, 1, 0, 0, 0]);
  assert.deepEqual(on('background'), [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
});

test('labels are rescaled by nearest label, unchanged at their own size', () => {
  const p = parsing(2, 2, row('hair', 'skin', 'background', 'unseen'));
  assert.equal(resizeParsing(p, 2, 2), p.labels);
  assert.deepEqual([...resizeParsing(p, 4, 2)], [...row('hair', 'hair', 'skin', 'skin', 'background', 'background', 'unseen', 'unseen')]);
});

test('a parsed region fades out like the landmark one, and follows the labels', () => {
  const face = syntheticFace(128, 128, 40); // eye distance 80 px
  // Hair in the top half of the image, skin below it.
  const labels = new Uint8Array(256 * 256).fill(classIndex('skin'));
  labels.fill(classIndex('hair'), 0, 256 * 100);
  const mask = regionMask('hair', 256, 256, face, parsing(256, 256, labels))!;
  let step = 0;
  for (let y = 1; y < 256; y++) step = Math.max(step, Math.abs(mask[y * 256 + 128]! - mask[(y - 1) * 256 + 128]!));
  assert.ok(step < 0.07, `largest step ${step.toFixed(3)}`);
  assert.ok(mask[20 * 256 + 128]! > 0.99 && mask[200 * 256 + 128]! < 0.01, 'hair styled, skin not');
  // The same request without a parsing is the landmark guess: a band round the head, not the top half.
  const guess = regionMask('hair', 256, 256, face)!;
  assert.ok(guess[0]! < 0.01 && mask[0]! > 0.99, `top-left corner: guess ${guess[0]}, parsed ${mask[0]}`);
});
