/**
 * The five regions the exaggeration gains act on (DESIGN §4), as iBUG-68 index ranges
 * [first, end): outline/jaw 0–16, brows 17–26, nose 27–35, eyes 36–47, mouth 48–67.
 */
export const GAIN_REGIONS = {
  jaw: [0, 17],
  brows: [17, 27],
  nose: [27, 36],
  eyes: [36, 48],
  mouth: [48, 68],
} as const satisfies Record<string, readonly [number, number]>;

export type GainRegion = keyof typeof GAIN_REGIONS;
export const GAIN_REGION_NAMES = Object.keys(GAIN_REGIONS) as GainRegion[];

/** Region of each of the 68 landmarks. */
export const REGION_OF: readonly GainRegion[] = Array.from({ length: 68 }, (_, i) => {
  const hit = GAIN_REGION_NAMES.find((r) => i >= GAIN_REGIONS[r][0] && i < GAIN_REGIONS[r][1]);
  return hit!;
});

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
