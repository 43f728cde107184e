/**
 * The one 68-point scheme (iBUG 300-W, as dlib and the paper use it), as seen in the image: the
 * "left eye" is on the image's left, the subject's right eye. Every index range here is
 * [first, end) — end-exclusive, like Array.slice.
 */

/** [first, end) landmark indices. */
export type Span = readonly [number, number];

/** The seven parts the detectors' 68 points fall into (brows and eyes one per side). */
export type Part = 'jaw' | 'leftBrow' | 'rightBrow' | 'nose' | 'leftEye' | 'rightEye' | 'mouth';

export const PARTS: Record<Part, Span> = {
  jaw: [0, 17],
  leftBrow: [17, 22],
  rightBrow: [22, 27],
  nose: [27, 36],
  leftEye: [36, 42],
  rightEye: [42, 48],
  mouth: [48, 68],
};

/** Outer lip contour (the inner lip is 60–67). */
export const OUTER_MOUTH: Span = [48, 60];

/**
 * The five regions an artist edits (DESIGN §4: exaggeration gains, handle colours, region reset):
 * both brows as one, both eyes as one.
 */
export const REGION_NAMES = ['jaw', 'brows', 'nose', 'eyes', 'mouth'] as const;
export type Region = (typeof REGION_NAMES)[number];

export const REGIONS: Record<Region, Span> = {
  jaw: PARTS.jaw,
  brows: [PARTS.leftBrow[0], PARTS.rightBrow[1]],
  nose: PARTS.nose,
  eyes: [PARTS.leftEye[0], PARTS.rightEye[1]],
  mouth: PARTS.mouth,
};

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** The landmark indices of a region, in order. */
export function regionIndices(r: Region): number[] {
  return range(...REGIONS[r]);
}

/** Region of each of the 68 landmarks. */
export const REGION_OF: readonly Region[] = Array.from({ length: 68 }, (_, i) => REGION_NAMES.find((r) => i >= REGIONS[r][0] && i < REGIONS[r][1])!);

export function regionOf(i: number): Region {
  const r = REGION_OF[i];
  if (r === undefined) throw new RangeError(`landmark ${i} is outside 0..67`);
  return r;
}

const MIRROR_PAIRS: ReadonlyArray<readonly [number, number]> = [
  // jaw 0–16 around the chin (8)
  [0, 16], [1, 15], [2, 14], [3, 13], [4, 12], [5, 11], [6, 10], [7, 9],
  // brows
  [17, 26], [18, 25], [19, 24], [20, 23], [21, 22],
  // nostrils (the bridge 27–30 and the tip 33 lie on the axis)
  [31, 35], [32, 34],
  // eyes: outer corner ↔ outer corner, upper lid ↔ upper lid, …
  [36, 45], [37, 44], [38, 43], [39, 42], [40, 47], [41, 46],
  // outer lip, inner lip
  [48, 54], [49, 53], [50, 52], [55, 59], [56, 58], [60, 64], [61, 63], [65, 67],
];

/** MIRROR[i] is the landmark that i's mirror image across the face axis is (itself on the axis). */
export const MIRROR: readonly number[] = (() => {
  const m = Array.from({ length: 68 }, (_, i) => i);
  for (const [a, b] of MIRROR_PAIRS) {
    m[a] = b;
    m[b] = a;
  }
  return m;
})();
