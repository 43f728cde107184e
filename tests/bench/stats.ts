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

/**
 * Each way `rounds` times, interleaved (round r starts at way r mod n, so no way always runs right
 * after the same other), after `warmups` calls of each: per way its wall and process-CPU times, ms
 * (CPU counts every thread, ONNX Runtime's too: a loaded machine shows in wall time more). With
 * `settleMs`, that much quiet before each call, so what one way leaves behind is not charged to
 * the next.
 */
export async function interleave<K extends string>(
  ways: Record<K, () => unknown>,
  rounds: number,
  { warmups = 2, settleMs = 0 }: { warmups?: number; settleMs?: number } = {},
): Promise<Record<K, { wall: number[]; cpu: number[] }>> {
  const names = Object.keys(ways) as K[];
  for (const n of names) for (let i = 0; i < warmups; i++) await ways[n]();
  const out = Object.fromEntries(names.map((n) => [n, { wall: [] as number[], cpu: [] as number[] }])) as Record<K, { wall: number[]; cpu: number[] }>;
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(r + k) % names.length]!;
      if (settleMs > 0) await new Promise((done) => setTimeout(done, settleMs));
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await ways[n]();
      out[n].wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      out[n].cpu.push((c.user + c.system) / 1000);
    }
  }
  return out;
}
