/** The iBUG 300-W 68-point scheme: regions, their colours, and left/right mirror pairs. */
export type Region = 'jaw' | 'brows' | 'nose' | 'eyes' | 'mouth';

export const REGION_RANGES: Record<Region, [number, number]> = {
  jaw: [0, 16],
  brows: [17, 26],
  nose: [27, 35],
  eyes: [36, 47],
  mouth: [48, 67],
};

export const REGION_COLORS: Record<Region, string> = {
  jaw: '#f0a040',
  brows: '#c77dff',
  nose: '#4fd18b',
  eyes: '#4fb3ff',
  mouth: '#ff6b8b',
};

export function regionOf(i: number): Region {
  for (const [r, [a, b]] of Object.entries(REGION_RANGES) as Array<[Region, [number, number]]>) if (i >= a && i <= b) return r;
  throw new RangeError(`landmark ${i} is outside 0..67`);
}

export function regionIndices(r: Region): number[] {
  const [a, b] = REGION_RANGES[r];
  return Array.from({ length: b - a + 1 }, (_, k) => a + k);
}

/** Polylines drawn between landmarks (closed ones loop back). */
export const CONTOURS: Array<{ from: number; to: number; closed: boolean }> = [
  { from: 0, to: 16, closed: false },
  { from: 17, to: 21, closed: false },
  { from: 22, to: 26, closed: false },
  { from: 27, to: 30, closed: false },
  { from: 31, to: 35, closed: false },
  { from: 36, to: 41, closed: true },
  { from: 42, to: 47, closed: true },
  { from: 48, to: 59, closed: true },
  { from: 60, to: 67, closed: true },
];

/** Mirror partner of each landmark across the face's vertical axis (self for midline points). */
export const MIRROR: readonly number[] = (() => {
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < 8; k++) pairs.push([k, 16 - k]); // jaw
  for (let k = 0; k < 5; k++) pairs.push([17 + k, 26 - k]); // brows
  pairs.push([31, 35], [32, 34]); // nostrils
  pairs.push([36, 45], [37, 44], [38, 43], [39, 42], [40, 47], [41, 46]); // eyes
  pairs.push([48, 54], [49, 53], [50, 52], [59, 55], [58, 56]); // outer lip
  pairs.push([60, 64], [61, 63], [67, 65]); // inner lip
  const m = Array.from({ length: 68 }, (_, i) => i);
  for (const [a, b] of pairs) {
    m[a] = b;
    m[b] = a;
  }
  return m;
})();
