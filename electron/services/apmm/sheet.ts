/** Variation cells → the sheet the sheets service composes (captions: seed, style, preset name). */
import type { Sheet } from '../sheets/compose.js';
import type { VariationCell } from './variations.js';

/** The name a cell's geometry gets when exported as a preset. */
export const presetName = (geometrySeed: number) => `apmm-${geometrySeed}`;

export function sheetOf(title: string, rows: number, cols: number, cells: readonly VariationCell[]): Sheet {
  return {
    title,
    rows,
    cols,
    cells: cells.map((c) => ({ image: c.image, seed: c.geometrySeed, style: c.style, styleLabel: c.styleLabel, preset: presetName(c.geometrySeed) })),
  };
}
