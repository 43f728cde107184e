/**
 * The variation grid's head-size dimension: how much the AutoToon artists enlarge (or shrink)
 * the whole head, measured by build/recipes/warp/head-size.ts (statistics only, provenance
 * inside the JSON). A cell draws its head size like its landmark code: from a normal with the
 * artists' mean and spread, the spread scaled by the temperature, within the editor's range.
 */
import data from './head-size.json' with { type: 'json' };
import { HEAD_MAX, HEAD_MIN } from '../../../common/warp/compose.js';

export interface HeadSizeFile {
  what: string;
  pairs: number;
  mean: number;
  sd: number;
  quantiles: Record<'min' | 'q10' | 'median' | 'q90' | 'max', number>;
  provenance: Record<string, string>;
}

export const HEAD_SIZE: Readonly<HeadSizeFile> = data as HeadSizeFile;

/** The head size of a cell for one standard-normal draw `z` at `temperature`. */
export function sampleHeadSize(z: number, temperature: number, stats: HeadSizeFile = HEAD_SIZE): number {
  return Math.min(HEAD_MAX, Math.max(HEAD_MIN, stats.mean + temperature * stats.sd * z));
}
