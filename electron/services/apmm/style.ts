/**
 * A cell's drawing style, sampled from its seed: one of the built-in drawing styles and a parameter
 * vector drawn around the style's defaults (±25 % of each range: the extremes of a range are
 * there for hand tuning and look broken when combined at random).
 */
import { DRAWING_STYLES, type DrawingStyle } from '../style/catalog.js';
import { uniformRng } from './random.js';

export interface StyleSample {
  style: DrawingStyle;
  params: number[];
}

export function sampleStyle(seed: number): StyleSample {
  const u = uniformRng(seed ^ 0x57a1e);
  const style = DRAWING_STYLES[Math.floor(u() * DRAWING_STYLES.length)]!;
  const params = style.params.map((q) => {
    const v = q.default + (u() - 0.5) * 0.5 * (q.max - q.min);
    return Math.round(Math.min(q.max, Math.max(q.min, v)) * 1e4) / 1e4;
  });
  return { style, params };
}
