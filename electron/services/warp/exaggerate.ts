/**
 * "Exaggerate the difference from the mean" (Brennan's caricature generator, DESIGN §4), in the
 * canonical frame: target = mean + k·gᵣ·(face − mean), with a global k and a gain gᵣ per region.
 * k = 1 and unit gains give the face back unchanged; k < 1 moves it towards the average face.
 */
import { GAIN_REGION_NAMES, REGION_OF, type GainRegion } from './regions.js';
import type { Point, Points } from './points.js';

export type RegionGains = Record<GainRegion, number>;

export const UNIT_GAINS: Readonly<RegionGains> = Object.freeze(
  Object.fromEntries(GAIN_REGION_NAMES.map((r) => [r, 1])) as RegionGains,
);

export function exaggerate(face: Points, mean: Points, k: number, gains: Partial<RegionGains> = {}): Point[] {
  return face.map((p, i) => {
    const m = mean[i]!;
    const g = k * (gains[REGION_OF[i]!] ?? 1);
    return [m[0] + g * (p[0] - m[0]), m[1] + g * (p[1] - m[1])];
  });
}
