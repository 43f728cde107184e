/**
 * The warp of a photo as the editor asks for it — the current face plus every other edited face,
 * so a group photo keeps all its caricatures on screen and in Export — and what the fold guard's
 * answer means in the artist's words.
 */
import type { Req } from '../../../common/ipc/contract';
import { REGION_OF, type Region } from '../../../common/face68/regions';
import type { Point } from '../../../common/geometry';
import type { PhotoEdit } from './editor-state';
import { isEdited } from './geometry';

export function warpRequest(photoId: string, edit: PhotoEdit, maxSide: number | undefined, format: 'jpeg' | 'png'): Req<'warp:render'> {
  const face = edit.faces[edit.face]!;
  const others = edit.faces.flatMap((f, i) => (i !== edit.face && isEdited(f.geometry) ? [{ face: i, source: f.source, target: f.target }] : []));
  return {
    photoId,
    face: edit.face,
    source: face.source,
    target: face.target,
    ...(others.length ? { others } : {}),
    ...(maxSide ? { maxSide } : {}),
    format,
  };
}

/** Whether any face of the photo has an edit to render. */
export function anyEdited(edit: PhotoEdit | null): boolean {
  return !!edit?.faces.some((f) => isEdited(f.geometry));
}

/**
 * Landmarks the fold guard held back: short of where they were asked to go by more than 2 px and
 * by more than a quarter of the move. (The guard also eases every point a little towards the
 * head's overall motion; that is not worth a ring on the photo.)
 */
export function heldBack(source: readonly Point[], requested: readonly Point[], used: readonly Point[]): number[] {
  return requested.flatMap((p, i) => {
    const u = used[i];
    const s = source[i];
    if (!u || !s) return [];
    const short = Math.hypot(p[0] - u[0], p[1] - u[1]);
    return short > 2 && short > 0.25 * Math.hypot(p[0] - s[0], p[1] - s[1]) ? [i] : [];
  });
}

/** One circle per region the fold guard held back: around the landmarks it moved less than asked. */
export function heldBackCircles(requested: readonly Point[], indices: readonly number[]): Array<{ x: number; y: number; r: number }> {
  const byRegion = new Map<Region, Point[]>();
  for (const i of indices) {
    const r = REGION_OF[i % 68]!;
    byRegion.set(r, [...(byRegion.get(r) ?? []), requested[i]!]);
  }
  return [...byRegion.values()].map((pts) => {
    const x = pts.reduce((s, p) => s + p[0], 0) / pts.length;
    const y = pts.reduce((s, p) => s + p[1], 0) / pts.length;
    return { x, y, r: Math.max(...pts.map((p) => Math.hypot(p[0] - x, p[1] - y))) };
  });
}

const REGION_WORDS: Record<Region, string> = { jaw: 'jaw line', brows: 'brow', eyes: 'eye', nose: 'nose', mouth: 'mouth' };

/** "The nose move was reduced to keep the image from folding." — which parts, in words. */
export function foldWords(indices: readonly number[]): string {
  const regions = [...new Set(indices.map((i) => REGION_WORDS[REGION_OF[i % 68]!]))];
  const list = regions.length > 1 ? `${regions.slice(0, -1).join(', ')} and ${regions.at(-1)!}` : (regions[0] ?? 'face');
  return `The ${list} ${regions.length > 1 ? 'moves were' : 'move was'} reduced to keep the image from folding (circled on the photo).`;
}
