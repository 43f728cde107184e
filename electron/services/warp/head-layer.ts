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
import { CLEAR_JACOBIAN, fullSamples, MIN_JACOBIAN, pairSamples, preventFolds, screenSamples, unfolded as unfoldedMapping, type SafeMapping } from './folds.js';
import { fitMapping, type Mapping } from './mapping.js';
import { jacobianDet } from './tps.js';
import { searchShare } from './share-search.js';
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
/**
 * A preview's search for the share of the edit the guards keep stops within this of the boundary
 * (the full render's bisection: 1/256); the trials it saves are where a held-back preview's time
 * went.
 */
const PREVIEW_TOL = 1 / 128;
const PREVIEW_TRIALS = 10;
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

/**
 * Where a held-back preview's guard search stood, kept per face between the events of a drag
 * (WarpService) to start the next, nearby edit's search from: the share of the edit beyond the
 * head's motion that was kept, and the guard samples that bound it lately (image px; hair or
 * face), the latest first — the binding sample hops between a few neighbours as an edit changes.
 */
export interface HeadHint {
  share: number;
  spots: Array<{ at: Point; hair: boolean }>;
}
/** How many binding samples a hint remembers. */
const HINT_SPOTS = 4;

/** safeHeadMapping's answer; a preview's also says where its search stood (absent when nothing was held back, or fold prevention was). */
export interface HeadSafe extends SafeMapping {
  hint?: HeadHint;
}

export interface HeadResult extends Omit<HeadSafe, 'mapping'> {
  /** The crop that was warped (image px). */
  box: PixelBox;
}

/** Whether a backward det J keeps the forward area ratio (over the head's area scale) within `ratio`, `margin` (relative) inside it. */
const ratioWithin = (det: number, areaScale: number, ratio: readonly [number, number], margin = 0) =>
  det * areaScale >= (1 + margin) / ratio[1] && det * areaScale <= (1 - margin) / ratio[0];

const ratiosWithin = (dets: Float32Array, areaScale: number, ratio: readonly [number, number], margin: number) => dets.every((d) => ratioWithin(d, areaScale, ratio, margin));

/** How far inside the guard a backward det J keeps the area ratio (log scale, ≥ 0 within it; −∞ for a fold): what the preview's search steers by. */
const guardSlack = (det: number, areaScale: number, ratio: readonly [number, number]) =>
  det > 0 ? Math.min(Math.log(det * areaScale * ratio[1]), -Math.log(det * areaScale * ratio[0])) : -Infinity;

/** The edit as a share of its part beyond the head's motion: the targets at share β, and the moving points (those a share below 1 holds back). */
export function shares(plan: HeadPlan, target: Points): { at: (beta: number) => Point[]; moved: number[] } {
  const base = plan.source.map(plan.carrier);
  return {
    at: (beta) => target.map((t, i): Point => [base[i]![0] + beta * (t[0] - base[i]![0]), base[i]![1] + beta * (t[1] - base[i]![1])]),
    moved: plan.source.flatMap((_, i) => (Math.hypot(plan.target[i]![0] - base[i]![0], plan.target[i]![1] - base[i]![1]) > 1e-9 ? [i] : [])),
  };
}

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
 * only changes how soon a failing check stops. `preview`: a live preview's search (searchShare,
 * warm-started from `hint`, the face's previous preview), which stops within PREVIEW_TOL of the
 * share bisection finds, checked at the same samples; without it the full render's bisection.
 */
export function safeHeadMapping(plan: HeadPlan, fitted: Mapping, unfolded = false, hot = 0, preview?: { hint?: HeadHint | undefined }): HeadSafe {
  const { width: w, height: h } = fitted;
  const safe = unfolded ? unfoldedMapping(fitted, plan.target) : preventFolds(fitted, plan.source, plan.target, plan.fixed, plan.carrier);
  const probes: Array<[Point, readonly [number, number]]> = [...plan.hairProbes.map((p): [Point, typeof HAIR_RATIO] => [p, HAIR_RATIO]), ...faceSamples(plan).map((p): [Point, typeof FACE_RATIO] => [p, FACE_RATIO])];
  const detAt = (m: Mapping, k: number) => jacobianDet(m.tps, probes[k]![0][0] / m.norm, probes[k]![0][1] / m.norm);
  // Each guard check is ~1500 det J sums: the one that failed last (at first `hot`, the caller's
  // guess, guardHint) is tried first — a held-back edit fails at the same spot step after step —
  // and a check stops at its first failure.
  const within = (m: Mapping, k: number) => ratioWithin(detAt(m, k), plan.areaScale, probes[k]![1]);
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
  const { at, moved } = shares(plan, safe.target);
  const fit = (beta: number) => fitMapping(w, h, plan.source, at(beta), plan.fixed, false);
  let lo = 0;
  let kept: Mapping | undefined;
  if (preview) {
    ({ share: lo, at: kept } = searchShare({
      trial: (beta) => {
        const m = fit(beta);
        return { at: m, accepted: ok(m) };
      },
      slack: (m) => guardSlack(detAt(m, hot), plan.areaScale, probes[hot]![1]),
      slackAtZero: guardSlack(1 / plan.areaScale, plan.areaScale, probes[hot]![1]),
      top: safe.mapping,
      start: preview.hint?.share,
      tol: PREVIEW_TOL,
      maxTrials: PREVIEW_TRIALS,
    }));
  } else {
    let hi = 1;
    for (let step = 0; step < 8; step++) {
      const mid = (lo + hi) / 2;
      const m = fit(mid);
      if (ok(m)) [lo, kept] = [mid, m];
      else hi = mid;
    }
  }
  const target = at(lo);
  const held = { mapping: kept ?? fit(lo), target, folded: true, blend: safe.blend * lo, scaledBack: moved };
  // Only a search from the edit as asked is a start for the next one (fold prevention's is not).
  if (!preview || safe.folded) return held;
  const [x0, y0] = plan.box;
  const [[x, y]] = probes[hot]!;
  const spot = { at: [x + x0, y + y0] as Point, hair: hot < plan.hairProbes.length };
  const older = (preview.hint?.spots ?? []).filter((o) => Math.hypot(o.at[0] - spot.at[0], o.at[1] - spot.at[1]) > 0.5);
  return { ...held, hint: { share: lo, spots: [spot, ...older].slice(0, HINT_SPOTS) } };
}

/**
 * A preview's guess at a held-back edit before any graph run: when the face's previous preview
 * was held back (`hint`) and the edit as asked still fails the guard at a sample that bound it,
 * the share is searched at those samples alone (a few fits, a few det J each), and the warp graph
 * then checks the guess at every guard sample and the fold screen (headClear with `screened`) —
 * one graph run instead of two plus a float64 search. The guess keeps 2 × F32_MARGIN of slack at
 * its samples, so the graph's float32 check does not reject it for sitting on the bound. Undefined
 * when the edit may pass now, or folds at its landmark pairs (fold prevention's work): the
 * ordinary path decides those.
 */
function guessHead(plan: HeadPlan, fitted: Mapping, hint: HeadHint): HeadGuess | undefined {
  const [x0, y0] = plan.box;
  const hair = plan.hairProbes.length;
  const guards = [...plan.hairProbes, ...faceSamples(plan)];
  // Each spot as this edit's nearest guard sample of its kind: the face grid moves with the edit,
  // and a spot left where it was would sit nearer the peak between samples than any sample does.
  const spots = hint.spots.flatMap((o) => {
    const [from, to] = o.hair ? [0, hair] : [hair, guards.length];
    let best = -1;
    let near = Infinity;
    for (let k = from; k < to; k++) {
      const d = (guards[k]![0] - o.at[0] + x0) ** 2 + (guards[k]![1] - o.at[1] + y0) ** 2;
      if (d < near) [near, best] = [d, k];
    }
    return best < 0 ? [] : [{ p: guards[best]!, ratio: o.hair ? HAIR_RATIO : FACE_RATIO, hair: o.hair }];
  });
  const slack = (m: Mapping) => Math.min(...spots.map((o) => guardSlack(jacobianDet(m.tps, o.p[0] / m.norm, o.p[1] / m.norm), plan.areaScale, o.ratio) - 2 * F32_MARGIN));
  if (!spots.length || slack(fitted) >= 0) return undefined;
  const lm = plan.target.slice(0, 68);
  if (pairSamples(lm).some(([x, y]) => jacobianDet(fitted.tps, x / fitted.norm, y / fitted.norm) <= MIN_JACOBIAN)) return undefined;
  const { at, moved } = shares(plan, plan.target);
  const fit = (beta: number) => fitMapping(fitted.width, fitted.height, plan.source, at(beta), plan.fixed, false);
  const r = searchShare({
    trial: (beta) => {
      const m = fit(beta);
      return { at: m, accepted: slack(m) >= 0 };
    },
    slack,
    slackAtZero: guardSlack(1 / plan.areaScale, plan.areaScale, HAIR_RATIO) - 2 * F32_MARGIN,
    top: fitted,
    start: hint.share,
    tol: PREVIEW_TOL,
    maxTrials: PREVIEW_TRIALS,
  });
  const target = at(r.share);
  const mapping = r.at ?? fit(r.share);
  const screen = screenSamples(mapping, plan.source, target);
  const next = { share: r.share, spots: spots.map((o) => ({ at: [o.p[0] + x0, o.p[1] + y0] as Point, hair: o.hair })) };
  return {
    safe: { mapping, target, folded: true, blend: r.share, scaledBack: moved, hint: next },
    probes: [...screen, ...guards],
    screened: screen.length,
    hair,
  };
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
 * is, so it need not run; an edit that does not clear goes through it. `screen`: the first
 * `checked` probes are the fold screen's (a guess's, guessHead), cleared above CLEAR_JACOBIAN.
 */
export function headClear(dets: Float32Array, checked: number, hair: number, areaScale: number, screen = false): boolean {
  const nh = checked + hair;
  return (
    (screen ? dets.subarray(0, checked).every((d) => d > CLEAR_JACOBIAN) : !headFolds(dets, checked)) &&
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
  /** A preview's guess (guessHead; then `probes` is empty): warp with its mapping, verified at its probes. */
  guess?: HeadGuess;
}

export interface HeadGuess {
  safe: HeadSafe;
  /** The fold screen's samples (`screened` of them), then the `hair` probes and the face samples, for the guess's mapping. */
  probes: Point[];
  screened: number;
  hair: number;
}

/** Plans and fits one head on an image of `width`×`height` (pure: runs in the geometry workers). */
export function fitHead(width: number, height: number, edit: HeadEdit, pinned: Points = [], hint?: HeadHint): HeadFit {
  const plan = planHead(width, height, edit, pinned);
  const [x0, y0, x1, y1] = plan.box;
  const base = { box: plan.box, target: plan.target, probes: [], checked: 0, hair: 0, areaScale: plan.areaScale };
  if (x1 - x0 < 2 || y1 - y0 < 2) return base;
  const fitted = fitMapping(x1 - x0, y1 - y0, plan.source, plan.target, plan.fixed, false);
  const guess = hint && guessHead(plan, fitted, hint);
  if (guess) return { ...base, fitted, guess };
  const check = fullSamples(fitted, plan.source, plan.target);
  return { ...base, fitted, probes: [...check, ...plan.hairProbes, ...faceSamples(plan)], checked: check.length, hair: plan.hairProbes.length };
}

/** safeHeadMapping for the head fitHead fitted (the plan is rebuilt: its carrier is a function, which can't cross to a worker). */
export function safeHead(width: number, height: number, edit: HeadEdit, pinned: Points, fitted: Mapping, unfolded = false, hot = 0, preview?: { hint?: HeadHint | undefined }): HeadSafe {
  return safeHeadMapping(planHead(width, height, edit, pinned), fitted, unfolded, hot, preview);
}
