/**
 * The head layer (issue #13): a caricature changes the head, not the scene. Per edited face:
 *
 * 1. the head region as feathered alpha (a parser's labels where it runs, parsed-head.ts; else
 *    the landmark estimate, head.ts);
 * 2. one spline on a crop around the head: the landmarks, control rings in the hair that follow
 *    the skull, and fixed points on the neck and around the head (no frame anchors: the crop's
 *    edges are not the picture's); fold-guarded like every warp (folds.ts), hair included;
 * 3. the crop warped as RGBA, the alpha being the region mask, so the mask moves with the head;
 * 4. composite: warped head over a background plate: the photo, except where the head has left
 *    (its old alpha is no longer covered), where the head's region filled from the background
 *    around it (fill.ts) shows, so the scene appears, not the old outline. Outside the region and
 *    its warped copy every pixel is the photo's own, exactly.
 *
 * Several faces are layered one after the other, each on the previous result.
 */
import type { RgbImage } from '../images/decode.js';
import type { Plane } from '../faces/raster.js';
import { fillHole } from './fill.js';
import { fullSamples, MIN_JACOBIAN, pairSamples, preventFolds, unfolded as unfoldedMapping, type SafeMapping } from './folds.js';
import { fitMapping, type Mapping } from './mapping.js';
import { jacobianDet } from './tps.js';
import { facePolygon, headControls, insidePolygon, insideReach, insideRow, landmarkHead, rowCrossings, type HeadRegion, type PixelBox } from './head.js';
import type { Point, Points } from '../../../common/geometry.js';

export interface HeadEdit {
  source: Points;
  target: Points;
  /**
   * The head region's bounds (HeadRegion.bounds(): a parser's region, parsed-head.ts), so the
   * crop holds all of it; default: the landmark estimate's. A box, not the region: the edit
   * crosses to the geometry workers by structured clone, and a region's functions can't.
   */
  bounds?: PixelBox;
}

/** The photo's background behind one head: the region's alpha and the filled pixels, on `box`. */
export interface HeadBackground {
  box: PixelBox;
  alpha: Plane;
  /** RGB, box-sized: the photo with the head region filled from its surroundings. */
  filled: Uint8Array;
}

export interface HeadPlan {
  /** The crop the spline and the graph work on (image px, clipped to the image). */
  box: PixelBox;
  /** Moving control points (crop px): the 68 landmarks first, then the hair rings. */
  source: Point[];
  target: Point[];
  /** Fixed control points (crop px): neck, the ring around the head, pins of other faces. */
  fixed: Point[];
  /** The head's overall motion in crop px (fold prevention holds edits back towards it). */
  carrier: (p: Point) => Point;
  /** Hair guard probes (crop px) and the area scale the hair should keep there (head.ts). */
  hairProbes: Point[];
  areaScale: number;
}

/**
 * The hair guard: between the hairline and the region's edge the local area ratio (forward,
 * over the head's own area scale) must stay within these bounds — a fold guard for tears, which
 * open long before det J reaches 0. Slightly inside the acceptance's [0.5, 2]: the probes are
 * sparse.
 */
const HAIR_RATIO: readonly [number, number] = [0.65, 1.55];
/**
 * Inside the face the smear guard: texture stretched to more than twice its area (or crushed to
 * half) reads as a smear, not as a bigger feature. Held to [0.6, 1.7] at the samples, as the
 * peaks between close landmarks (a mouth corner's inner and outer points, 4 px apart) go ~25 %
 * past the nearest sample.
 */
const FACE_RATIO: readonly [number, number] = [0.6, 1.7];
/**
 * The graph's det J is float32 (error ~1e-5 on the demo photos, warp-screen.test.ts bounds it by
 * 1e-3): it clears an edit only this far (relative) inside each guard's bound, so whatever it
 * clears the float64 guards would clear too; an edit within the margin takes the float64 path.
 */
const F32_MARGIN = 1e-3;
/** Grid over the face for the smear guard: ~5 px apart on a 200-px face (hot spots sit between close landmarks, which the pair samples add). */
const FACE_GRID = 40;

const clip = (b: PixelBox, w: number, h: number): PixelBox => [Math.max(0, b[0]), Math.max(0, b[1]), Math.min(w, b[2]), Math.min(h, b[3])];
const shift = (pts: Points, x0: number, y0: number): Point[] => pts.map((p) => [p[0] - x0, p[1] - y0]);

/** Control points of one head's spline on its crop (pure; what the tear test samples). */
export function planHead(width: number, height: number, edit: HeadEdit, pinned: Points = []): HeadPlan {
  const c = headControls(edit.source, edit.target);
  const region = edit.bounds ?? landmarkHead(edit.source).bounds();
  const reach: PixelBox = [Math.min(c.reach[0], region[0]), Math.min(c.reach[1], region[1]), Math.max(c.reach[2], region[2]), Math.max(c.reach[3], region[3])];
  const box = clip(reach, width, height);
  // A pin inside the head's reach would fight the head (another face under this one's hair).
  const pins = pinned.filter((p) => !insideReach(c, p));
  const [x0, y0] = box;
  return {
    box,
    source: shift([...edit.source, ...c.source], x0, y0),
    target: shift([...edit.target, ...c.target], x0, y0),
    fixed: shift([...c.fixed, ...pins], x0, y0),
    carrier: ([x, y]) => {
      const q = c.carrier([x + x0, y + y0]);
      return [q[0] - x0, q[1] - y0];
    },
    hairProbes: shift(c.hairProbes, x0, y0),
    areaScale: c.areaScale,
  };
}

/** The filled background behind a head (slow part: cache it per photo and face). */
export function headBackground(image: RgbImage, region: HeadRegion): HeadBackground {
  const box = clip(region.bounds(), image.width, image.height);
  const [x0, y0, x1, y1] = box;
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const alpha = region.alpha([x0, y0, x0 + w, y0 + h]);
  const crop = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) crop.set(image.data.subarray(((y0 + y) * image.width + x0) * 3, ((y0 + y) * image.width + x0 + w) * 3), y * w * 3);
  // The hole is every pixel the head's alpha touches, grown by 2 px so no hair fringe is copied.
  const hole = new Uint8Array(w * h);
  const grow = 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (alpha.data[y * w + x]! <= 1 / 512) continue;
      for (let dy = -grow; dy <= grow; dy++) for (let dx = -grow; dx <= grow; dx++) {
        const yy = y + dy;
        const xx = x + dx;
        if (yy >= 0 && xx >= 0 && yy < h && xx < w) hole[yy * w + xx] = 1;
      }
    }
  }
  return { box: [x0, y0, x0 + w, y0 + h], alpha, filled: fillHole({ width: w, height: h, data: crop }, hole).data };
}

export interface HeadResult extends Omit<SafeMapping, 'mapping'> {
  /** The crop that was warped (image px). */
  box: PixelBox;
}

/** Whether a backward det J keeps the forward area ratio (over the head's area scale) within `ratio`, `margin` (relative) inside it. */
const ratioWithin = (det: number, areaScale: number, ratio: readonly [number, number], margin = 0) =>
  det * areaScale >= (1 + margin) / ratio[1] && det * areaScale <= (1 - margin) / ratio[0];

const ratiosWithin = (dets: Float32Array, areaScale: number, ratio: readonly [number, number], margin: number) => dets.every((d) => ratioWithin(d, areaScale, ratio, margin));

/** Where the smear guard looks: a FACE_GRID² grid over the target face and its landmark pairs (folds.ts), inside the face (crop px). */
export function faceSamples(plan: HeadPlan): Point[] {
  const lm = plan.target.slice(0, 68);
  const face = facePolygon(lm);
  const xs = face.map((p) => p[0]);
  const ys = face.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const out: Point[] = [];
  for (let j = 0; j <= FACE_GRID; j++) {
    const y = y0 + ((y1 - y0) * j) / FACE_GRID;
    const crossings = rowCrossings(face, y);
    for (let i = 0; i <= FACE_GRID; i++) {
      const x = x0 + ((x1 - x0) * i) / FACE_GRID;
      if (insideRow(crossings, x)) out.push([x, y]);
    }
  }
  for (const p of pairSamples(lm)) if (insidePolygon(face, p)) out.push(p);
  return out;
}

/**
 * The head's spline held back where it would fold (folds.ts, towards the head's overall motion),
 * then — as a whole, beyond that motion — as far as the hair guard and the smear guard need:
 * the largest share of the edit at which the hair probes keep HAIR_RATIO and the face FACE_RATIO.
 * At share 0 the head only moves as a whole (a similarity), so both hold there. `fitted` is the
 * mapping of the plan as requested; `unfolded`: the caller has seen the fold check pass on it
 * (the warp graph's det J, headFolds), so fold prevention is skipped — it would change nothing;
 * `hot`: the guard sample (hair probes, then face samples) to check first (guardHint), which
 * only changes how soon a failing check stops.
 */
export function safeHeadMapping(plan: HeadPlan, fitted: Mapping, unfolded = false, hot = 0): SafeMapping {
  const { width: w, height: h } = fitted;
  const safe = unfolded ? unfoldedMapping(fitted, plan.target) : preventFolds(fitted, plan.source, plan.target, plan.fixed, plan.carrier);
  const probes: Array<[Point, readonly [number, number]]> = [...plan.hairProbes.map((p): [Point, typeof HAIR_RATIO] => [p, HAIR_RATIO]), ...faceSamples(plan).map((p): [Point, typeof FACE_RATIO] => [p, FACE_RATIO])];
  // Each guard check is ~1500 det J sums: the one that failed last (at first `hot`, the caller's
  // guess, guardHint) is tried first — a held-back edit fails at the same spot step after step —
  // and a check stops at its first failure.
  const within = (m: Mapping, k: number) => {
    const [[x, y], ratio] = probes[k]!;
    return ratioWithin(jacobianDet(m.tps, x / m.norm, y / m.norm), plan.areaScale, ratio);
  };
  const ok = (m: Mapping) => {
    if (probes.length && !within(m, hot)) return false;
    for (let k = 0; k < probes.length; k++) {
      if (k !== hot && !within(m, k)) {
        hot = k;
        return false;
      }
    }
    return true;
  };
  if (ok(safe.mapping)) return safe;
  const base = plan.source.map(plan.carrier);
  const at = (beta: number) => safe.target.map((t, i): Point => [base[i]![0] + beta * (t[0] - base[i]![0]), base[i]![1] + beta * (t[1] - base[i]![1])]);
  let lo = 0;
  let hi = 1;
  let kept: Mapping | undefined;
  for (let step = 0; step < 8; step++) {
    const mid = (lo + hi) / 2;
    const m = fitMapping(w, h, plan.source, at(mid), plan.fixed, false);
    if (ok(m)) [lo, kept] = [mid, m];
    else hi = mid;
  }
  const target = at(lo);
  const moved = plan.source.flatMap((_, i) => (Math.hypot(plan.target[i]![0] - base[i]![0], plan.target[i]![1] - base[i]![1]) > 1e-9 ? [i] : []));
  return { mapping: kept ?? fitMapping(w, h, plan.source, target, plan.fixed, false), target, folded: true, blend: safe.blend * lo, scaledBack: moved };
}

/** Whether the graph's det J at fitHead's fold-check probes may show a fold (not above MIN_JACOBIAN by F32_MARGIN everywhere); where it does not, preventFolds would return the mapping as it is. */
export const headFolds = (dets: Float32Array, checked: number): boolean => !dets.subarray(0, checked).every((d) => d > MIN_JACOBIAN + F32_MARGIN);

/** The first guard sample (hair probes, then face samples) whose graph det J is outside its guard, or 0: where safeHeadMapping's checks look first. */
export function guardHint(dets: Float32Array, checked: number, hair: number, areaScale: number): number {
  for (let k = checked; k < dets.length; k++) if (!ratioWithin(dets[k]!, areaScale, k < checked + hair ? HAIR_RATIO : FACE_RATIO)) return k - checked;
  return 0;
}

/**
 * Whether the graph's det J at fitHead's probes (the fold check's samples, then hair probes, then
 * face samples: the very points safeHeadMapping checks) clears the edit: no fold, hair and face
 * within their guards, by F32_MARGIN. Then safeHeadMapping would return the fitted mapping as it
 * is, so it need not run; an edit that does not clear goes through it.
 */
export function headClear(dets: Float32Array, checked: number, hair: number, areaScale: number): boolean {
  const nh = checked + hair;
  return (
    !headFolds(dets, checked) &&
    ratiosWithin(dets.subarray(checked, nh), areaScale, HAIR_RATIO, F32_MARGIN) &&
    ratiosWithin(dets.subarray(nh), areaScale, FACE_RATIO, F32_MARGIN)
  );
}

/** A head's crop, its requested spline and the probes the warp graph evaluates with it (fitHead). */
export interface HeadFit {
  box: PixelBox;
  /** Absent when the crop is under 2×2 px (nothing to warp). */
  fitted?: Mapping;
  /** The moving control points as requested (crop px): the 68 landmarks, then the hair rings. */
  target: Point[];
  probes: Point[];
  /** How many of the probes are the fold check's (folds.ts fullSamples); the hair probes follow. */
  checked: number;
  hair: number;
  areaScale: number;
}

/** Plans and fits one head on an image of `width`×`height` (pure: runs in the geometry workers). */
export function fitHead(width: number, height: number, edit: HeadEdit, pinned: Points = []): HeadFit {
  const plan = planHead(width, height, edit, pinned);
  const [x0, y0, x1, y1] = plan.box;
  const base = { box: plan.box, target: plan.target, probes: [], checked: 0, hair: 0, areaScale: plan.areaScale };
  if (x1 - x0 < 2 || y1 - y0 < 2) return base;
  const fitted = fitMapping(x1 - x0, y1 - y0, plan.source, plan.target, plan.fixed, false);
  const check = fullSamples(fitted, plan.source, plan.target);
  return { ...base, fitted, probes: [...check, ...plan.hairProbes, ...faceSamples(plan)], checked: check.length, hair: plan.hairProbes.length };
}

/** safeHeadMapping for the head fitHead fitted (the plan is rebuilt: its carrier is a function, which can't cross to a worker). */
export function safeHead(width: number, height: number, edit: HeadEdit, pinned: Points, fitted: Mapping, unfolded = false, hot = 0): SafeMapping {
  return safeHeadMapping(planHead(width, height, edit, pinned), fitted, unfolded, hot);
}
