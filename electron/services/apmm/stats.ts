/**
 * Sample-set statistics for the APMM acceptance checks (issue #6): spread (mean pairwise
 * distance), novelty (distance to the nearest training item) and fit to held-out artist
 * configurations (nearest-sample distance). Plain Euclidean distance on flat vectors.
 */

export function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Mean distance over all unordered pairs (0 for fewer than two vectors). */
export function meanPairwiseDistance(xs: ReadonlyArray<ArrayLike<number>>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      s += distance(xs[i]!, xs[j]!);
      n++;
    }
  }
  return n ? s / n : 0;
}

export function nearestDistance(x: ArrayLike<number>, set: ReadonlyArray<ArrayLike<number>>): number {
  let best = Infinity;
  for (const y of set) best = Math.min(best, distance(x, y));
  return best;
}

/** Mean over `queries` of the distance to the nearest of `samples` (how well samples cover them). */
export function meanNearestDistance(queries: ReadonlyArray<ArrayLike<number>>, samples: ReadonlyArray<ArrayLike<number>>): number {
  return queries.reduce((s, q) => s + nearestDistance(q, samples), 0) / Math.max(1, queries.length);
}

/** Per-dimension mean and standard deviation. */
export function moments(xs: ReadonlyArray<ArrayLike<number>>): { mean: Float64Array; std: Float64Array } {
  const d = xs[0]?.length ?? 0;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (const x of xs) for (let i = 0; i < d; i++) mean[i]! += x[i]! / xs.length;
  for (const x of xs) for (let i = 0; i < d; i++) std[i]! += (x[i]! - mean[i]!) ** 2 / xs.length;
  for (let i = 0; i < d; i++) std[i] = Math.sqrt(std[i]!);
  return { mean, std };
}
