/**
 * Fold detection and prevention. The mapping folds where the determinant of its Jacobian is ≤ 0:
 * there the picture turns inside out (two target regions sample the same source pixels in
 * reverse order). Exaggeration makes this common at close landmark pairs — the inner lips of a
 * closed mouth, the lids of a narrow eye, a nose tip over a nostril in a turned head — where
 * scaling the difference from the mean pushes one point past its neighbour.
 *
 * Folds are found on the spline itself: det J sampled on a grid over the image, a finer one over
 * the face, and at every target landmark and the midpoints to its nearest neighbours (folds sit
 * between close points, where a grid can miss them). Prevention first makes landmarks that
 * coincide in the photo near a fold move together (a closed mouth stays closed); then the moving
 * landmarks nearest the worst sample have their displacement scaled back (binary search on their
 * own blend factor) until det J there is positive, fold by fold; only if that does not converge
 * is the whole edit scaled back. The caller gets the target actually used and a notice.
 */
import { fitMapping, type Mapping } from './mapping.js';
import { jacobianDet } from './tps.js';
import { bounds, type Bounds, type Point, type Points } from '../../../common/geometry.js';

/**
 * det J at or below this counts as a fold. The backward map's det J is source area / target
 * area, so small positive values are strong stretches (opening a closed mouth), not folds; the
 * margin above 0 only covers folds that fall between samples.
 */
export const MIN_JACOBIAN = 0.02;
/**
 * A first pass (the screen) samples the face grid at half density (every other node of the full
 * grid, same coordinates) plus the image grid and the landmark pairs; when det J stays above this
 * there, the edit is far from folding and the full check is skipped (it costs ~1 ms per drag
 * event at 512²). Folds sit at landmark pairs, which the screen samples in full, and a dip from
 * here to MIN_JACOBIAN between two nodes would need det J to fall by 0.28 within ~one eye width.
 * The warp graph evaluates the screen in float32 along with the warp (engine.ts): its error,
 * ~1e-5 on the demo photos, is far inside this margin.
 */
export const CLEAR_JACOBIAN = 0.3;
const GRID_IMAGE = 16;
const GRID_FACE = 32;
const GRID_LOCAL = 16;
const NEIGHBOURS = 3;
const SEARCH_STEPS = 8;
const MAX_LOCAL_FIXES = 24;
/** Culprit set sizes tried in turn around a fold. */
const LOCAL_SETS = [1, 2, 4, 8, 16, 68];

interface Worst {
  det: number;
  x: number;
  y: number;
}

/** Target landmarks and the midpoints to each one's nearest neighbours (image px). */
export function pairSamples(target: Points): Point[] {
  const out: Point[] = target.map((p): Point => [p[0], p[1]]);
  // Runs on every drag event: a running top-k by insertion instead of sorting all n per point
  // (n² log n with n allocations). Strict < keeps equal distances in index order, as a stable
  // sort would.
  const near: number[] = [];
  const dist: number[] = [];
  target.forEach((p, i) => {
    near.length = 0;
    dist.length = 0;
    target.forEach((q, j) => {
      if (j === i) return;
      // Squared distances order the same and spare Math.hypot, which is slow in V8.
      const d = (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2;
      let k = near.length;
      while (k > 0 && d < dist[k - 1]!) k--;
      if (k >= NEIGHBOURS) return;
      near.splice(k, 0, j);
      dist.splice(k, 0, d);
      if (near.length > NEIGHBOURS) {
        near.pop();
        dist.pop();
      }
    });
    for (const j of near) out.push([(p[0] + target[j]![0]) / 2, (p[1] + target[j]![1]) / 2]);
  });
  return out;
}

/** Sample points (image px) on grids over the given boxes plus the extra points, inside the image. */
function samplesIn(m: Mapping, grids: Array<[Bounds, number]>, extra: Points): Point[] {
  const out: Point[] = [];
  const xMax = m.width - 1;
  const yMax = m.height - 1;
  const add = (x: number, y: number) => {
    if (x >= 0 && y >= 0 && x <= xMax && y <= yMax) out.push([x, y]);
  };
  for (const [[x0, y0, x1, y1], n] of grids) {
    for (let j = 0; j <= n; j++) for (let i = 0; i <= n; i++) add(x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * j) / n);
  }
  for (const [x, y] of extra) add(x, y);
  return out;
}

/** The sample with the smallest det J. */
function worstAt(m: Mapping, samples: Points): Worst {
  const s = m.norm;
  let worst: Worst = { det: Infinity, x: 0, y: 0 };
  for (const [x, y] of samples) {
    const det = jacobianDet(m.tps, x / s, y / s);
    if (det < worst.det) worst = { det, x, y };
  }
  return worst;
}

function faceBounds(m: Mapping, pts: Points): Bounds {
  const [x0, y0, x1, y1] = bounds(pts);
  const pad = 0.25 * Math.max(x1 - x0, y1 - y0);
  return [Math.max(0, x0 - pad), Math.max(0, y0 - pad), Math.min(m.width - 1, x1 + pad), Math.min(m.height - 1, y1 + pad)];
}

/** Smallest det J of the mapping anywhere we look (whole image, face, landmark pairs). */
export function minJacobian(m: Mapping, source: Points, target: Points): number {
  return worstAll(m, source, target).det;
}

function checkSamples(m: Mapping, source: Points, target: Points, faceGrid: number): Point[] {
  const grids: Array<[Bounds, number]> = [
    [[0, 0, m.width - 1, m.height - 1], GRID_IMAGE],
    [faceBounds(m, [...source, ...target]), faceGrid],
  ];
  return samplesIn(m, grids, pairSamples(target));
}

function worstAll(m: Mapping, source: Points, target: Points): Worst {
  return worstAt(m, fullSamples(m, source, target));
}

/** The full check's samples (image px): preventFolds finds no fold when det J exceeds MIN_JACOBIAN at all of them. */
export function fullSamples(m: Mapping, source: Points, target: Points): Point[] {
  return checkSamples(m, source, target, GRID_FACE);
}

/** The screen's samples (image px): det J above CLEAR_JACOBIAN at all of them clears an edit. */
export function screenSamples(m: Mapping, source: Points, target: Points): Point[] {
  return checkSamples(m, source, target, GRID_FACE / 2);
}

export interface SafeMapping {
  mapping: Mapping;
  /** The target actually used: the requested one, or with some displacements scaled back. */
  target: Point[];
  /** Smallest fraction of any landmark's requested displacement that was kept (1: none scaled). */
  blend: number;
  /** True when the requested target would have folded the image. */
  folded: boolean;
  /** Landmarks whose displacement was scaled back. */
  scaledBack: number[];
}

const blendPoint = (s: Point, t: Point, f: number): Point => [s[0] + f * (t[0] - s[0]), s[1] + f * (t[1] - s[1])];

/**
 * Groups of source landmarks closer than `eps` (a closed mouth's inner lips, a shut eye's lids).
 * Exaggeration pulls such points apart in the mean's direction, often past each other.
 */
function twins(source: Points, eps: number): number[][] {
  const groups: number[][] = [];
  const seen = new Set<number>();
  source.forEach((p, i) => {
    if (seen.has(i)) return;
    const g = [i];
    for (let j = i + 1; j < source.length; j++) {
      if (!seen.has(j) && Math.hypot(source[j]![0] - p[0], source[j]![1] - p[1]) <= eps) g.push(j);
    }
    if (g.length > 1) {
      g.forEach((j) => seen.add(j));
      groups.push(g);
    }
  });
  return groups;
}

/** The requested edit, unchanged. */
export function unfolded(mapping: Mapping, target: Points): SafeMapping {
  return { mapping, target: target.map((p): Point => [p[0], p[1]]), blend: 1, folded: false, scaledBack: [] };
}

/** Fits the mapping for an edit and holds the edit back where it would fold. */
export function safeMapping(width: number, height: number, source: Points, target: Points, pinned: Points = [], anchored = true): SafeMapping {
  const mapping = fitMapping(width, height, source, target, pinned, anchored);
  if (worstAt(mapping, screenSamples(mapping, source, target)).det > CLEAR_JACOBIAN) return unfolded(mapping, target);
  return preventFolds(mapping, source, target, pinned);
}

/**
 * For a `fitted` mapping of source → target that the screen did not clear: the full check and,
 * when it finds a fold, prevention. Returns `fitted` itself when nothing folds.
 *
 * `carrier` is the edit's overall motion, which cannot fold (a head layer's head size, an
 * affine map, head.ts): displacements are held back towards the carried source rather than the
 * source itself, and ranked by how far they go beyond it — so a fold at the mouth is not undone
 * by shrinking the head, whose hair points move furthest. Default: no motion.
 */
export function preventFolds(fitted: Mapping, source: Points, target: Points, pinned: Points = [], carrier?: (p: Point) => Point): SafeMapping {
  const { width, height, anchored } = fitted;
  const kept = target.map(() => 1);
  let requested = target.map((p): Point => [p[0], p[1]]);
  const base = carrier ? source.map(carrier) : source;
  const current = () => requested.map((t, i) => blendPoint(base[i]!, t, kept[i]!));
  let mapping = fitted;
  let worst = worstAll(mapping, source, target);
  if (worst.det > MIN_JACOBIAN) return unfolded(mapping, target);

  const [bx0, by0, bx1, by1] = bounds(target);
  const radius = 0.06 * Math.hypot(bx1 - bx0, by1 - by0);
  // First remedy: landmarks that coincide in the photo move together (their mean target), which
  // keeps a closed mouth closed instead of turning its lips inside out.
  const merged = new Set<number>();
  for (const g of twins(source, (0.005 * radius) / 0.06)) {
    const nearFold = g.some((i) => Math.hypot(requested[i]![0] - worst.x, requested[i]![1] - worst.y) <= 2 * radius);
    if (!nearFold) continue;
    const mx = g.reduce((s, i) => s + requested[i]![0], 0) / g.length;
    const my = g.reduce((s, i) => s + requested[i]![1], 0) / g.length;
    requested = requested.map((p, i): Point => (g.includes(i) ? [mx, my] : p));
    g.forEach((i) => merged.add(i));
  }
  if (merged.size) {
    mapping = fitMapping(width, height, source, current(), pinned, anchored);
    worst = worstAll(mapping, source, current());
  }
  const moves = (i: number) => Math.hypot(requested[i]![0] - base[i]![0], requested[i]![1] - base[i]![1]);
  for (let fix = 0; fix < MAX_LOCAL_FIXES && worst.det <= MIN_JACOBIAN; fix++) {
    const tgt = current();
    const here: Bounds = [worst.x - radius, worst.y - radius, worst.x + radius, worst.y + radius];
    // The culprits: of the moving landmarks that ended up near the fold, the ones that moved
    // furthest (a jaw point pushed across the nose, not the nose points it landed on) — as few
    // as can undo the fold when held still, so the rest of the edit stays whole.
    const moving = tgt.map((p, i) => ({ i, d: Math.hypot(p[0] - worst.x, p[1] - worst.y), m: moves(i) * kept[i]! })).filter((e) => e.m > 1e-9);
    const nearby = moving.filter((e) => e.d <= 3 * radius).sort((a, b) => b.m - a.m);
    // A fold can sit a little away from every landmark (between two dragged far apart): then
    // the nearest moving ones are the suspects.
    const live = nearby.length ? nearby : moving.sort((a, b) => a.d - b.d);
    const localOk = (ids: number[], start: number[], f: number) => {
      ids.forEach((i, k) => (kept[i] = start[k]! * f));
      const t = current();
      const m = fitMapping(width, height, source, t, pinned, anchored);
      const near = pairSamples(t).filter(([x, y]) => x >= here[0] && x <= here[2] && y >= here[1] && y <= here[3]);
      return worstAt(m, samplesIn(m, [[here, GRID_LOCAL]], near)).det > MIN_JACOBIAN;
    };
    let ids: number[] = [];
    let start: number[] = [];
    for (const size of LOCAL_SETS) {
      const cand = live.slice(0, size).map((e) => e.i);
      const before = cand.map((i) => kept[i]!);
      const enough = localOk(cand, before, 0);
      cand.forEach((i, k) => (kept[i] = before[k]!));
      if (enough || size >= live.length) {
        ids = cand;
        start = before;
        break;
      }
    }
    if (!ids.length) break;
    let lo = 0;
    let hi = 1;
    for (let step = 0; step < SEARCH_STEPS; step++) {
      const mid = (lo + hi) / 2;
      if (localOk(ids, start, mid)) lo = mid;
      else hi = mid;
    }
    ids.forEach((i, k) => (kept[i] = start[k]! * lo));
    mapping = fitMapping(width, height, source, current(), pinned, anchored);
    worst = worstAll(mapping, source, current());
  }
  if (worst.det <= MIN_JACOBIAN) {
    // Local fixes did not converge (folds everywhere): scale the whole remaining edit back.
    let lo = 0;
    let hi = 1;
    const local = kept.slice();
    const at = (f: number) => {
      local.forEach((k, i) => (kept[i] = k * f));
      return fitMapping(width, height, source, current(), pinned, anchored);
    };
    for (let step = 0; step < SEARCH_STEPS + 1; step++) {
      const mid = (lo + hi) / 2;
      if (worstAll(at(mid), source, current()).det > MIN_JACOBIAN) lo = mid;
      else hi = mid;
    }
    mapping = at(lo);
  }
  const scaledBack = kept.flatMap((k, i) => ((k < 1 && moves(i) > 1e-9) || merged.has(i) ? [i] : []));
  return { mapping, target: current(), blend: Math.min(1, ...scaledBack.map((i) => kept[i]!)), folded: true, scaledBack };
}
