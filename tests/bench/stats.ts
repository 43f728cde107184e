/** Timing helpers shared by the benchmarks: warm-up calls (one unless told), then the median of `runs` calls. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? Number.NaN;
}

export async function timeMedian(fn: () => unknown, runs: number, warmups = 1): Promise<number> {
  for (let i = 0; i < warmups; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}
