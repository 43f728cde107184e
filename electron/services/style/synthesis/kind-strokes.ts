/**
 * The strokes' share by the artwork's tone kind (posterise.ts `toneKind`). The Strokes control is
 * the share of copied marks for a drawing ('ink'); on a painting or a poster the tone-mapped guide
 * already draws the sitter the artwork's way (a painting's dabs by the Kuwahara smoothing, a
 * poster's inks by its thresholds), and copied marks of another subject carry that subject's
 * tones and land a pixel or two off the sitter's edges, so there the control asks for fewer:
 * strokes². The ends stay (0: the guide alone, 1: the marks alone).
 *
 * Chosen on the tuning photos (demo samples 1–3, tests/analogy/filters.ts; engine in process, no
 * faces, preview / full effort), median ratio to a colour grade at the default 0.7:
 * - painterly (paint): 0.395 / 0.408 at share 0.7, 0.307 / 0.313 at 0.49 (strokes²), 0.272 / 0.266 at
 *   0.34 (strokes³; best near 0.3–0.4);
 * - posterised (poster): 0.726 / 0.746, 0.714 / 0.719, 0.718 / 0.721 (flat over 0.3–0.6);
 * - lines (ink) loses with less: 0.378 at 0.7, 0.466 at 0.3 — ink keeps the control's value.
 * Not the cube: rendered through the CLI at 512 px on demo samples 1 and 2, real paintings (Munch's
 * *The Scream*, Matisse's *Woman with a Hat*, *Udnie*, Hokusai's *Wave*) kept their palette
 * patches and canvas texture at 0.49 and faded toward a smoothed photo at 0.34 (looked at).
 */
import type { ToneKind } from './posterise.js';

/** The kinds in a fixed order, so one rank can tell the others which it found (an index in shared memory). */
export const TONE_KINDS: readonly ToneKind[] = ['ink', 'poster', 'paint'];

export function kindStrokes(strokes: number, kind: ToneKind): number {
  const s = Math.min(1, Math.max(0, strokes));
  return kind === 'ink' ? s : s * s;
}
