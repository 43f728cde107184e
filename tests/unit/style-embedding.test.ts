import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clampParams, DRAWING_STYLES, drawingStyle } from '../../common/style/catalog.js';
import {
  digestOf, embeddingFromJson, embeddingToJson, fromVector, interpolate, PATCH_VALUES, samplePatches, toVector, VECTOR_LENGTH, type StyleEmbedding,
} from '../../electron/services/style/embedding.js';
import { FORMAT } from '../../common/style/schema.js';
import { parseStyleJson, validateName } from '../../electron/services/style/gallery.js';
import { thumbnailCrop } from '../../electron/services/style/service.js';
import { syntheticFace } from './synthetic-face.js';
import { correlation, meanAbsDiff, meanNearestPatchDistance, psnr } from '../../electron/services/style/metrics.js';

function fakeEmbedding(seed: number, count = 4): StyleEmbedding {
  const stats = Array.from({ length: 24 }, (_, i) => (i % 6 >= 3 ? 0.1 + seed * 0.01 : 0.4 + seed * 0.01));
  const params = [1, 0.5];
  const banks = [0, 1, 2, 3].map((l) => ({ count, data: Uint8Array.from({ length: count * PATCH_VALUES }, (_, i) => (i + seed * 7 + l) % 256) }));
  return { stats, params, banks, digest: digestOf(stats, params, banks) };
}

test('every drawing style has a unique id and defaults inside its ranges', () => {
  assert.equal(new Set(DRAWING_STYLES.map((s) => s.id)).size, DRAWING_STYLES.length);
  assert.equal(DRAWING_STYLES.length, 8);
  for (const s of DRAWING_STYLES) for (const q of s.params) assert.ok(q.min <= q.default && q.default <= q.max, `${s.id}.${q.name}`);
});

test('clampParams clamps, fills missing and non-finite values with defaults', () => {
  const s = drawingStyle('pencil')!;
  const v = clampParams(s, [100, -5, Number.NaN]);
  assert.equal(v[0], 3);
  assert.equal(v[1], 20);
  assert.equal(v[2], Math.fround(0.008));
  assert.equal(v[3], Math.fround(0.75));
  assert.equal(v.length, s.params.length);
});

test('samplePatches copies exact 5×5 channel-major patches and is deterministic', () => {
  const w = 6;
  const h = 5;
  const level = Float32Array.from({ length: 3 * w * h }, (_, i) => i / (3 * w * h));
  const a = samplePatches(level, w, h, 10, 3);
  assert.equal(a.count, 2); // only (0,0) and (1,0) fit
  const first = a.data.subarray(0, PATCH_VALUES);
  assert.equal(first[0], Math.round((0 / 90) * 255));
  assert.equal(first[25], Math.round((30 / 90) * 255)); // channel 1, (0,0)
  assert.equal(first[5 * 1 + 2], Math.round((8 / 90) * 255)); // channel 0, dy=1, dx=2
  assert.deepEqual(samplePatches(level, w, h, 10, 3).data, a.data);
  assert.equal(samplePatches(level, 4, 4, 10).count, 0);
});

test('embedding JSON round-trips and its digest catches edits', () => {
  const e = fakeEmbedding(1);
  const back = embeddingFromJson(embeddingToJson(e));
  assert.deepEqual(back.banks[1]!.data, e.banks[1]!.data);
  assert.equal(back.digest, e.digest);
  const j = embeddingToJson(e);
  assert.throws(() => embeddingFromJson({ ...j, stats: j.stats.map((v, i) => (i === 0 ? v + 0.01 : v)) }), /digest/);
  assert.throws(() => embeddingFromJson({ ...j, banks: j.banks.map((b) => ({ ...b, count: b.count + 1 })) }), /truncated/);
});

test('interpolate: endpoints reproduce each side, midpoint mixes statistics and banks', () => {
  const a = fakeEmbedding(1);
  const b = fakeEmbedding(5);
  assert.deepEqual(interpolate(a, b, 0).stats, a.stats);
  assert.deepEqual(interpolate(a, b, 1).banks[0]!.data, b.banks[0]!.data);
  const m = interpolate(a, b, 0.5);
  assert.ok(Math.abs(m.stats[0]! - (a.stats[0]! + b.stats[0]!) / 2) < 1e-12);
  assert.deepEqual(m.banks[2]!.data.subarray(0, 2 * PATCH_VALUES), a.banks[2]!.data.subarray(0, 2 * PATCH_VALUES));
  assert.deepEqual(m.banks[2]!.data.subarray(2 * PATCH_VALUES), b.banks[2]!.data.subarray(2 * PATCH_VALUES));
});

test('vector form has a fixed length and picks the nearest base for patches', () => {
  const a = fakeEmbedding(1);
  const b = fakeEmbedding(20);
  const v = toVector(b);
  assert.equal(v.length, VECTOR_LENGTH);
  const e = fromVector(v, [a, b]);
  assert.equal(e.banks, b.banks);
  assert.throws(() => fromVector([1, 2], [a]), /26 numbers/);
  const neg = Array.from(v);
  neg[3] = -1;
  assert.ok(fromVector(neg, [a]).stats[3]! > 0);
});

test('hostile or malformed style JSON is refused with one clear sentence', () => {
  const good = JSON.stringify({ format: FORMAT, version: 1, name: 'Mine', embedding: embeddingToJson(fakeEmbedding(2)) });
  assert.equal(parseStyleJson(good).name, 'Mine');
  const cases: Array<[string, RegExp]> = [
    ['{not json', /not valid JSON/],
    ['null', /not a Caricature Studio style/],
    [JSON.stringify({ format: 'other', version: 1, name: 'x', drawing: { base: 'ink', params: [] } }), /at "format"/],
    [JSON.stringify({ format: FORMAT, version: 1, name: 'x', drawing: { base: 'ink', params: [] }, __proto__x: 1 }), /not a Caricature Studio style/],
    [JSON.stringify({ format: FORMAT, version: 1, name: 'x' }), /either an embedding or drawing/],
    [JSON.stringify({ format: FORMAT, version: 1, name: 'x', drawing: { base: '../../etc', params: [] } }), /unknown drawing style/],
    [JSON.stringify({ format: FORMAT, version: 1, name: '\u0007bell', drawing: { base: 'ink', params: [] } }), /control characters/],
    [good.replace('"stats":[', '"stats":[1e308,'), /at "embedding.stats/],
    [good.replace(/"data":"[^"]*"/, '"data":"!!!"'), /base64/],
    [' '.repeat(3 * 1024 * 1024), /larger than 2 MB/],
  ];
  for (const [text, re] of cases) {
    assert.throws(() => parseStyleJson(text), (e: Error) => re.test(e.message) && (e as { code?: string }).code === 'bad-input', text.slice(0, 60));
  }
  const proto = JSON.parse(good);
  proto.embedding.banks[0].count = 999;
  assert.throws(() => parseStyleJson(JSON.stringify(proto)), /at "embedding.banks.0.count"/);
  assert.equal(validateName('  Trimmed '), 'Trimmed');
  assert.throws(() => validateName(''), /empty/);
});

test('thumbnailCrop: centred square without a face, clamped square around one', () => {
  assert.deepEqual(thumbnailCrop(400, 300), { left: 50, top: 0, side: 300 });
  const lm = Array.from({ length: 68 }, (_, i): [number, number] => [370 + (i % 2) * 20, 10 + (i % 3) * 20]);
  const c = thumbnailCrop(400, 300, lm);
  assert.equal(c.side, 84); // 2.1 × the 40 px extent
  assert.equal(c.left, 400 - 84);
  assert.equal(c.top, 0);
});

test('thumbnailCrop frames the whole head: the forehead above the brows and the chin are inside (issue #15 item 2)', () => {
  const face = syntheticFace(500, 500, 40);
  const brows = Math.min(...face.slice(17, 27).map((p) => p[1]));
  const chin = face[8]![1];
  const c = thumbnailCrop(1000, 1000, face);
  // The forehead and crown: about as high again above the brows as the eyes-to-brows band, i.e. ≥ 0.6 × brows-to-chin.
  assert.ok(c.top <= brows - 0.6 * (chin - brows), `top ${c.top}, brows ${brows}, chin ${chin}`);
  assert.ok(c.top + c.side >= chin + 0.1 * (chin - brows), 'a margin below the chin');
});

test('metrics: PSNR, mean abs diff, correlation and nearest-patch distance on exact cases', () => {
  const a = { width: 2, height: 1, data: Uint8Array.from([0, 0, 0, 255, 255, 255]) };
  const b = { width: 2, height: 1, data: Uint8Array.from([0, 0, 0, 250, 255, 255]) };
  assert.equal(psnr(a, a), Infinity);
  assert.ok(Math.abs(psnr(a, b) - 10 * Math.log10((255 * 255) / (25 / 6))) < 1e-9);
  assert.equal(meanAbsDiff(a, b), 5 / 6);
  assert.equal(correlation([1, 2, 3], [2, 4, 6]), 1);
  assert.equal(correlation([1, 2, 3], [3, 2, 1]), -1);
  assert.equal(correlation([1, 1, 1], [3, 2, 1]), 0);
  const p = [Float32Array.of(0, 0), Float32Array.of(3, 4)];
  assert.equal(meanNearestPatchDistance([Float32Array.of(0, 1)], p), 1);
  assert.equal(meanNearestPatchDistance([Float32Array.of(3, 4), Float32Array.of(0, 0)], p), 0);
});
