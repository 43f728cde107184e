import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InferenceService } from '../../electron/services/inference/service.js';
import { artworkBases, plausibleStyle, sampleCellStyle, usesGenerator } from '../../electron/services/apmm/style.js';

test('the style filter refuses flattened or blown-out band contrast and keeps the shipped artworks', async () => {
  const inference = new InferenceService();
  const bases = await artworkBases(inference);
  assert.ok(bases.length >= 10);
  for (const b of bases) assert.equal(plausibleStyle(b.stats, bases), true);
  const flat = bases[0]!.stats.map((x, i) => (i % 6 >= 3 && i < 6 ? x * 0.1 : x));
  assert.equal(plausibleStyle(flat, bases), false, 'fine detail wiped out');
  const harsh = bases[0]!.stats.map((x, i) => (i % 6 >= 3 ? x * 5 : x));
  assert.equal(plausibleStyle(harsh, bases), false, 'contrast far beyond any painting');

  // Every generated cell style that ships passes the filter, and a seed always gives the same style.
  let sampled = 0;
  for (let seed = 1; sampled < 12; seed++) {
    if (!usesGenerator(seed)) continue;
    const a = await sampleCellStyle(inference, seed);
    const b = await sampleCellStyle(inference, seed);
    assert.equal(a.id, b.id);
    if (a.kind === 'sampled') assert.equal(plausibleStyle(a.embedding!.stats, bases), true);
    sampled++;
  }
  await inference.dispose();
});
