/**
 * A face's editable geometry (exaggeration gains, region sliders, canonical offsets from drags)
 * and its target landmarks, computed with the warp service's own pure composition so the editor,
 * presets, CLI and APMM agree on what a geometry means.
 */
import type { Point } from '../../../common/geometry';
import { composeTarget, faceFrame, type Gains } from '../../../common/warp/compose';
import type { SliderValues } from '../../../common/warp/sliders';
import type { LandmarkName } from '../../../common/names';

export interface FaceGeometry {
  gains: Gains;
  sliders: SliderValues;
  /** 68 offsets in the 256×256 canonical frame of the source face. */
  offsets: Point[];
  /** Head size factor (1 = as is, up to 1.6), anchored at the neck. */
  head?: number;
}

export const zeroOffsets = (): Point[] => Array.from({ length: 68 }, () => [0, 0] as Point);
export const neutralGeometry = (): FaceGeometry => ({ gains: {}, sliders: {}, offsets: zeroOffsets() });

/** `landmarks`: the model that placed `source` (each is exaggerated about its own mean). */
export function targetOf(source: Point[], g: FaceGeometry, landmarks?: LandmarkName): Point[] {
  return composeTarget(source, { ...g, landmarks });
}

/**
 * The geometry after a drag that moved the target from `before` to `after` (image pixels): each
 * point's image displacement is taken into the canonical frame (linear part of the source face's
 * similarity) and added to its offset.
 */
export function geometryAfterDrag(source: Point[], g: FaceGeometry, before: Point[], after: Point[]): FaceGeometry {
  const [a, b, c, d] = faceFrame(source);
  const offsets = g.offsets.map((o, i): Point => {
    const dx = after[i]![0] - before[i]![0];
    const dy = after[i]![1] - before[i]![1];
    return [o[0] + a * dx + c * dy, o[1] + b * dx + d * dy];
  });
  return { ...g, offsets };
}

/** Whether a face has been edited at all (an unedited face is pinned, not warped). */
export function isEdited(g: FaceGeometry): boolean {
  return (g.head ?? 1) !== 1 || g.offsets.some((o) => o[0] !== 0 || o[1] !== 0) || Object.values(g.gains).some((v) => v !== undefined && v !== 1) || Object.values(g.sliders).some((v) => !!v);
}

export function sameGeometry(x: FaceGeometry, y: FaceGeometry): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}
