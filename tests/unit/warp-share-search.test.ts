import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchShare } from '../../electron/services/warp/share-search.js';

/**
 * A guard over two samples whose slacks fall with the share, curved like the head guards' (the
 * second binds only past 0.8): the accepted share's bound is where the first reaches 0.
 */
const slacks = (share: number) => [0.45 - 0.5 * share - 0.25 * share * share, 1.6 - 2 * share];
const BOUND = (-0.5 + Math.sqrt(0.25 + 0.45)) / 0.5;

/** `hot`: the sample looked at first (the guards start where the edit as asked failed first, sample 0 here). */
function run(start?: number, hot = 0, tol = 1 / 128) {
  const tried: number[] = [];
  const r = searchShare({
    trial: (share) => {
      tried.push(share);
      const s = slacks(share);
      // As the guards do: a failing sample becomes the one looked at.
      const failing = s.findIndex((v) => v < 0);
      if (failing >= 0) hot = failing;
      return { at: share, accepted: failing < 0 };
    },
    slack: (share) => slacks(share)[hot]!,
    slackAtZero: 0.4,
    top: 1,
    start,
    tol,
    maxTrials: 8,
  });
  return { ...r, tried };
}

test('the search keeps a share the guard accepts, within tol of its bound, in fewer trials than bisection', () => {
  // Also from the sample that does not bind at the bound (as when the binding one changes).
  for (const [start, hot] of [[undefined, 0], [0.3, 0], [0.6, 0], [0.9, 0], [undefined, 1], [0.62, 1]] as const) {
    const r = run(start, hot);
    assert.ok(slacks(r.share).every((v) => v >= 0), `start ${start}, hot ${hot}: kept ${r.share}, past the bound ${BOUND}`);
    assert.ok(BOUND - r.share <= 1 / 128, `start ${start}, hot ${hot}: ${r.share} stops short of ${BOUND}`);
    assert.equal(r.at, r.share, 'the candidate comes with its share');
    assert.ok(r.trials <= 5, `start ${start}, hot ${hot}: ${r.trials} trials (${r.tried.map((t) => t.toFixed(4)).join(', ')})`);
  }
  // Warm: a start next to the bound (the previous drag event's share) needs one or two.
  for (const d of [-0.004, -0.002, 0.001, 0.004]) assert.ok(run(BOUND + d).trials <= 2, `start ${d} from the bound: ${run(BOUND + d).tried.join(', ')}`);
});

test('no share is kept when every trial fails, and a guard that rejects everything leaves share 0', () => {
  const r = searchShare({ trial: (share) => ({ at: share, accepted: false }), slack: () => -1, slackAtZero: 0.4, top: 1, tol: 1 / 128, maxTrials: 8 });
  assert.equal(r.share, 0);
  assert.equal(r.at, undefined);
  assert.ok(r.trials <= 8);
});
