/**
 * The shipped APMM landmark generator (native-models/apmm-landmarks.onnx) against the issue #6
 * acceptance criteria, with the committed AutoToon numbers (build/train/data/, no images needed),
 * and the variation sampler on a real demo photo.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { detectFaces } from '../../electron/services/faces/detect.js';
import { LANDMARK_MODEL, noiseRows, runGenerator } from '../../electron/services/apmm/generator.js';
import { interpolateGeometry, sampleGeometry } from '../../electron/services/apmm/landmarks.js';
import { rejection } from '../../electron/services/apmm/plausible.js';
import { meanNearestDistance, meanPairwiseDistance, nearestDistance } from '../../electron/services/apmm/stats.js';
import { flatten, mirrorOffsets, readLandmarkData } from '../../build/train/landmark-data.js';
import { STYLE_DATA, type StyleVectorsFile } from '../../build/train/style-data.js';
import { STYLE_MODEL } from '../../electron/services/apmm/generator.js';
import { sampleCellStyle, styleBetween, usesGenerator } from '../../electron/services/apmm/style.js';
import { VECTOR_LENGTH } from '../../electron/services/style/embedding.js';
import { gaussianLike } from '../../build/train/evaluate.js';

const inference = new InferenceService();
after(() => inference.dispose());

const data = await readLandmarkData();
const train = data.pairs.filter((p) => !p.heldOut).flatMap((p) => [flatten(p.offsets), flatten(mirrorOffsets(p.offsets))]);
const held = data.pairs.filter((p) => p.heldOut).map((p) => flatten(p.offsets));
const seeds = Array.from({ length: 256 }, (_, i) => 1000 + i);

test('committed data: 85 pairs, 14 held out, training set mirrored', () => {
  assert.equal(data.pairs.length, 85);
  assert.equal(held.length, 14);
  assert.equal(train.length, 2 * 71);
  assert.ok(data.pairs.every((p) => p.offsets.length === 68 && p.photo.length === 68));
});

test('256 generator samples: no collapse, novel, nearer to held-out artists than Gaussian offsets', async () => {
  const { vectors, embeddings } = await runGenerator(inference, LANDMARK_MODEL, noiseRows(seeds, 1), 'offsets');
  assert.equal(vectors.length, 256);
  assert.equal(vectors[0]!.length, 136);
  assert.equal(embeddings[0]!.length, 16);
  const spread = meanPairwiseDistance(vectors) / meanPairwiseDistance(train);
  assert.ok(spread >= 0.4, `spread ratio ${spread.toFixed(3)}`);
  const novelty = Math.min(...vectors.map((v) => nearestDistance(v, train)));
  assert.ok(novelty > 1e-3, `a sample is ${novelty} from a training item`);
  const gen = meanNearestDistance(held, vectors);
  const gauss = meanNearestDistance(held, gaussianLike(train, 256, 3));
  assert.ok(gen < gauss, `held-out nearest: generated ${gen.toFixed(2)} vs Gaussian ${gauss.toFixed(2)}`);
});

test('temperature scales the noise: 0 gives one shape for every seed, higher spreads more', async () => {
  const at = async (t: number) => (await runGenerator(inference, LANDMARK_MODEL, noiseRows(seeds.slice(0, 32), t), 'offsets')).vectors;
  const cold = await at(0);
  assert.ok(cold.every((v) => nearestDistance(v, [cold[0]!]) < 1e-5));
  assert.ok(meanPairwiseDistance(await at(0.5)) < meanPairwiseDistance(await at(1.5)));
});

test('on a real face: 256 sampled geometries pass the filter (0 folds), same seed → same target', async () => {
  const image = await decodeImage(readFileSync('node_modules/@vladmandic/face-api/demo/sample2.jpg'));
  const source = (await detectFaces(inference, image)).faces[0]!.landmarks;
  let fallbacks = 0;
  for (const s of seeds) {
    const g = await sampleGeometry(inference, image, source, s, 1);
    assert.equal(rejection(image.width, image.height, source, g.target), null);
    if (g.fallback) fallbacks++;
  }
  assert.equal(fallbacks, 0);
  const a = await sampleGeometry(inference, image, source, 5, 1);
  assert.deepEqual((await sampleGeometry(inference, image, source, 5, 1)).target, a.target);
  const b = await sampleGeometry(inference, image, source, 6, 1);
  assert.notDeepEqual(b.target, a.target);
  const steps = await interpolateGeometry(inference, image, source, a, b, 5);
  assert.deepEqual(steps[0]!.target, a.target);
  assert.deepEqual(steps[4]!.target, b.target);
  // The middle is a generator output of its own, not either end.
  assert.ok(nearestDistance(flatten(steps[2]!.offsets), [flatten(a.offsets), flatten(b.offsets)]) > 1e-3);
});

test('256 style generator samples: no collapse, novel, nearer to held-out styles than Gaussian vectors', async () => {
  const file = JSON.parse(readFileSync(STYLE_DATA, 'utf8')) as StyleVectorsFile;
  const strain = file.items.filter((i) => !i.heldOut).map((i) => i.vector);
  const sheld = file.items.filter((i) => i.heldOut).map((i) => i.vector);
  const { vectors } = await runGenerator(inference, STYLE_MODEL, noiseRows(seeds, 1), 'style');
  assert.equal(vectors[0]!.length, VECTOR_LENGTH);
  const spread = meanPairwiseDistance(vectors) / meanPairwiseDistance(strain);
  assert.ok(spread >= 0.4, `spread ratio ${spread.toFixed(3)}`);
  assert.ok(Math.min(...vectors.map((v) => nearestDistance(v, strain))) > 1e-3);
  const gen = meanNearestDistance(sheld, vectors);
  const gauss = meanNearestDistance(sheld, gaussianLike(strain, 256, 3));
  assert.ok(gen < gauss, `held-out nearest: generated ${gen.toFixed(3)} vs Gaussian ${gauss.toFixed(3)}`);
});

test('cell styles: about half sampled by the style generator, reproducible per seed', async () => {
  const share = seeds.filter(usesGenerator).length / seeds.length;
  assert.ok(share > 0.35 && share < 0.65, `share ${share}`);
  const s = seeds.find(usesGenerator)!;
  const a = await sampleCellStyle(inference, s);
  assert.equal(a.kind, 'sampled');
  assert.match(a.id, /^apmm:[0-9a-f]{16}$/);
  assert.deepEqual((await sampleCellStyle(inference, s)).params, a.params);
  const other = await sampleCellStyle(inference, seeds.filter(usesGenerator)[1]!);
  assert.notEqual(other.id, a.id);
  const d = await sampleCellStyle(inference, seeds.find((x) => !usesGenerator(x))!);
  assert.equal(d.kind, 'drawing');
});

test('styles between two cells: generated ↔ generated decodes one style, mixed kinds cross-fade', async () => {
  const [g1, g2] = seeds.filter(usesGenerator);
  const d = seeds.find((x) => !usesGenerator(x))!;
  const ends = await styleBetween(inference, g1!, g2!, 0);
  assert.deepEqual(ends.map((e) => e.weight), [1]);
  assert.equal(ends[0]!.source.kind === 'example' && ends[0]!.source.embedding.digest, (await sampleCellStyle(inference, g1!)).embedding!.digest);
  const mid = await styleBetween(inference, g1!, g2!, 0.5);
  assert.equal(mid.length, 1);
  assert.equal(mid[0]!.source.kind, 'example');
  const mixed = await styleBetween(inference, g1!, d, 0.25);
  assert.deepEqual(mixed.map((m) => m.weight), [0.75, 0.25]);
  assert.deepEqual(mixed.map((m) => m.source.kind), ['example', 'drawing']);
});
