import assert from 'node:assert/strict';
import { test } from 'node:test';
import calibration from '../../common/likeness/calibration.json' with { type: 'json' };
import { likeness, LIKENESS_SCALE } from '../../common/likeness/meter.js';

test('the scale comes from measured strangers and caricatures, not from a guess', () => {
  assert.ok(calibration.strangers.n > 1000, 'thousands of stranger pairs');
  assert.ok(calibration.artistCaricatureOfSamePerson && calibration.artistCaricatureOfSamePerson.n >= 80, 'the AutoToon caricature pairs');
  // The net's cone: strangers score high, caricatures of the same person higher still.
  assert.ok(LIKENESS_SCALE.strangerMedian > 0.7 && LIKENESS_SCALE.strangerMedian < 0.9);
  assert.ok(LIKENESS_SCALE.artistP05 > LIKENESS_SCALE.strangerP99);
});

test('the photo itself reads 100 %, a typical stranger 0 %, an artist caricature in between', () => {
  assert.equal(likeness(1).value, 1);
  assert.equal(likeness(LIKENESS_SCALE.strangerMedian).value, 0);
  assert.equal(likeness(0.5).value, 0);
  const artist = likeness(calibration.artistCaricatureOfSamePerson!.median);
  assert.ok(artist.value > 0.6 && artist.value < 0.9, `artist median reads ${artist.value}`);
  assert.equal(artist.level, 'high');
});

test('a cosine a stranger can reach no longer reads as a 91 % likeness', () => {
  // 0.91 is what a grotesque smear scored; the old meter showed it as 91 %.
  const smear = likeness(0.91);
  assert.ok(smear.value < 0.5, `reads ${smear.value}`);
  assert.equal(smear.level, 'low');
  assert.match(likeness(0.85).words, /stranger/);
});
