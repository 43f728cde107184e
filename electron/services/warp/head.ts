/**
 * The head of one face as the warp's layer (issue #13): the region the warp may change (face,
 * forehead and hair, ears, neck top) and the extra control points that make the hair follow the
 * skull. Pure geometry on image pixels; the pixels are handled by head-layer.ts.
 *
 * Everything is laid out in the face's canonical frame (faces/align.ts, eye centres 77 px apart)
 * and mapped back, so it scales and rolls with the face. There are no landmarks above the brows:
 * the skull and hair are ellipses sized from the face's own outline (0–16), proportioned like an
 * adult head (chin to crown ≈ 1.6 face widths, hair ~1 cm around). A parsing mask replaces the
 * region (HeadRegion below) but not the control rings, which only need to sit in the hair.
 */
import { applyAffine, invertAffine, type Affine } from '../../../common/face68/align.js';
import { blur, fillPolygon, plane, type Plane } from '../faces/raster.js';
import { applySimilarity, fitSimilarity } from '../../../common/warp/shape-model.js';
import { faceFrame } from '../../../common/warp/compose.js';
import { range } from '../../../common/face68/regions.js';
import type { Point, Points } from '../../../common/geometry.js';

/** Integer pixel box [x0, y0, x1, y1), x1/y1 exclusive. */
export type PixelBox = [number, number, number, number];

/**
 * Where the head is, as soft alpha over a crop of the image. The landmark estimate below is the
 * default; a face parser's labels fill the same shape (headFromLabels).
 */
export interface HeadRegion {
  /** Alpha in [0, 1] (1 = head) on the crop `box` of the image, row-major, box-sized. */
  alpha(box: PixelBox): Plane;
  /** Pixel box (image px, not clipped) holding every pixel where alpha > 0. */
  bounds(): PixelBox;
}

const OUTLINE = range(0, 17);
const SKULL_FIT = range(0, 27);
/** Canonical px: half the feather width (the blur's σ), ~0.6 cm on an adult face. */
const FEATHER = 6;

interface HeadFrame {
  toImage: Affine;
  /** Canonical face points. */
  c: Point[];
  /** Ellipse centre (between the temples), half outline width. */
  cx: number;
  cy: number;
  half: number;
  /** Canonical px per image px. */
  scale: number;
}

function frameOf(face: Points): HeadFrame {
  const fwd = faceFrame(face);
  const c = face.map((p) => applyAffine(fwd, p));
  const cx = (c[0]![0] + c[16]![0]) / 2;
  const cy = (c[0]![1] + c[16]![1]) / 2;
  const half = Math.max(20, Math.hypot(c[16]![0] - c[0]![0], c[16]![1] - c[0]![1]) / 2);
  return { toImage: invertAffine(fwd), c, cx, cy, half, scale: Math.hypot(fwd[0], fwd[1]) };
}

/** Point on the ellipse (rx, ry above the centre, ry·down below) at angle θ (y down: 270° = top). */
function onEllipse(f: HeadFrame, rx: number, ry: number, deg: number): Point {
  const t = (deg * Math.PI) / 180;
  return [f.cx + rx * Math.cos(t), f.cy + ry * Math.sin(t)];
}

/**
 * Pixel box (image px, as polygonBounds) holding the canonical ellipse (rx, ry about the frame's
 * centre) mapped to the image. Exact for a rolled face: the box of the ellipse's four axis points
 * is smaller there and cut a tilted head's hair along a straight line.
 */
function ellipseBounds(f: HeadFrame, rx: number, ry: number): PixelBox {
  const [a, b, c, d] = f.toImage;
  const [x, y] = applyAffine(f.toImage, [f.cx, f.cy]);
  const ex = Math.hypot(a * rx, c * ry);
  const ey = Math.hypot(b * rx, d * ry);
  return [Math.floor(x - ex), Math.floor(y - ey), Math.ceil(x + ex) + 1, Math.ceil(y + ey) + 1];
}

/** Skull (hairline to crown) and hair ellipses, canonical px. */
const skull = (f: HeadFrame) => ({ rx: f.half * 1.0, ry: f.half * 1.55 });
const hair = (f: HeadFrame) => ({ rx: f.half * 1.2, ry: f.half * 1.85 });

/** Canonical y of the neck's lower cut: the region's neck top ends here (before feathering). */
const neckCut = (f: HeadFrame) => f.c[8]![1] + 0.35 * (f.c[8]![1] - f.cy);

/**
 * Outline of the head region from the landmarks (image px): the hair ellipse over the crown and
 * down to the ears, the jaw line pushed out by the feather below them, and the neck top.
 */
export function headOutline(face: Points): Point[] {
  const f = frameOf(face);
  const h = hair(f);
  const out: Point[] = [];
  for (let deg = 180; deg <= 360; deg += 10) out.push(onEllipse(f, h.rx, h.ry, deg));
  // Right side below the ears: the outline itself, 2 feathers out, wherever it is wider.
  const push = (i: number, k: number): Point => {
    const p = f.c[i]!;
    const dx = p[0] - f.cx;
    const dy = p[1] - f.cy;
    const d = Math.hypot(dx, dy) || 1;
    return [p[0] + (k * dx) / d, p[1] + (k * dy) / d];
  };
  const neckHalf = 0.62 * f.half;
  const cut = neckCut(f);
  out.push(push(14, 3 * FEATHER), push(12, 2 * FEATHER), [f.c[8]![0] + neckHalf, f.c[10]![1]], [f.c[8]![0] + neckHalf, cut]);
  out.push([f.c[8]![0] - neckHalf, cut], [f.c[8]![0] - neckHalf, f.c[6]![1]], push(4, 2 * FEATHER), push(2, 3 * FEATHER));
  return out.map((p) => applyAffine(f.toImage, p));
}

function polygonBounds(poly: Points, pad: number): PixelBox {
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  return [Math.floor(Math.min(...xs) - pad), Math.floor(Math.min(...ys) - pad), Math.ceil(Math.max(...xs) + pad) + 1, Math.ceil(Math.max(...ys) + pad) + 1];
}

/**
 * A filled polygon feathered by a blur of σ = `feather` px, on `box`. Large crops are drawn at a
 * reduced resolution and upsampled bilinearly: the alpha is smooth at the blur's scale, and a
 * 12-MP blur in JavaScript would cost more than the warp.
 */
export function featheredPolygon(poly: Points, feather: number, box: PixelBox): Plane {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const h = y1 - y0;
  const q = Math.max(1, Math.min(Math.floor(feather / 2), Math.ceil(Math.max(w, h) / 640)));
  const sw = Math.ceil(w / q) + 1;
  const sh = Math.ceil(h / q) + 1;
  const small = plane(sw, sh);
  // Small pixel i (centre i + ½ for fillPolygon) stands for image pixel x0 + q·i (centre x0 + q·i).
  fillPolygon(small, poly.map(([x, y]): Point => [(x - x0) / q + 0.5, (y - y0) / q + 0.5]));
  const soft = blur(small, feather / q);
  if (q === 1) return { width: w, height: h, data: soft.data.length === w * h ? soft.data : crop(soft, w, h) };
  const out = plane(w, h);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(sh - 1.001, y / q);
    const j = Math.floor(sy);
    const ty = sy - j;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(sw - 1.001, x / q);
      const i = Math.floor(sx);
      const tx = sx - i;
      const a = soft.data[j * sw + i]!;
      const b = soft.data[j * sw + i + 1]!;
      const c = soft.data[(j + 1) * sw + i]!;
      const d = soft.data[(j + 1) * sw + i + 1]!;
      out.data[y * w + x] = (a + tx * (b - a)) * (1 - ty) + (c + tx * (d - c)) * ty;
    }
  }
  return out;
}

function crop(p: Plane, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) out.set(p.data.subarray(y * p.width, y * p.width + w), y * w);
  return out;
}

/** Image px per canonical px of a face. */
export function faceScale(face: Points): number {
  return 1 / frameOf(face).scale;
}

/** The head region estimated from the 68 landmarks (no parser): headOutline, feathered. */
export function landmarkHead(face: Points): HeadRegion {
  const poly = headOutline(face);
  const feather = FEATHER * faceScale(face);
  return {
    alpha: (box) => featheredPolygon(poly, feather, box),
    bounds: () => polygonBounds(poly, 3 * feather),
  };
}

/** CelebAMask-HQ classes that belong to the head layer (DESIGN §7 `parse`); the neck below the jaw is the landmark estimate's. */
export const HEAD_CLASSES = ['skin', 'l_brow', 'r_brow', 'l_eye', 'r_eye', 'eye_g', 'l_ear', 'r_ear', 'ear_r', 'nose', 'mouth', 'u_lip', 'l_lip', 'hair', 'hat'] as const;

/** A parser's label at image pixel (x, y): an index into its classes, or −1 where the parser did not look. */
export type LabelAt = (x: number, y: number) => number;

/** An image-sized label map (the `parse` command's labels.png) as a LabelAt: every pixel was seen. */
export const imageLabels =
  (labels: Uint8Array, width: number): LabelAt =>
  (x, y) =>
    labels[y * width + x]!;

/** How far (× the hair ellipse) the labels may reach above the temples; below them the reach narrows to the estimate's outline at the chin. */
const LABEL_REACH = 1.5;
/** Share of the way from the temples to the chin over which that reach narrows to the estimate's outline. */
const TAPER = 0.4;

/**
 * The head region from a face parser's labels (`classes` in the `parse` command's order),
 * feathered like the landmark estimate. Above the temples the HEAD_CLASSES within 1.5 × the hair
 * ellipse; below them that reach narrows, the estimate's outline scaled about the temples' midpoint
 * from 1.5 at the temples to 1 at the chin; below the jaw (from the lower of points 6 and 10
 * down) the estimate's neck, whatever the labels say. The head's lower edge must lie where the
 * spline holds still (headControls' fixed points on the neck cut): wherever it left the body's
 * content in the feather (a strap, a choker, a shoulder under hanging hair), the head's motion
 * there, tens of pixels at head 1.4, tore it into a seam and a ghost. Of the labels only what is
 * connected to the face counts (a neighbour's hair inside the reach, a hair-coloured patch apart
 * from the head stay in the scene). Where the parser did not look (outside its crop) the
 * estimate's outline stands in.
 */
export function headFromLabels(face: Points, labelAt: LabelAt, width: number, height: number, classes: readonly string[]): HeadRegion {
  const f = frameOf(face);
  const inHead = new Set(HEAD_CLASSES.map((c) => classes.indexOf(c)).filter((i) => i >= 0));
  const fwd = invertAffine(f.toImage);
  const h = hair(f);
  const feather = FEATHER * faceScale(face);
  const outline = headOutline(face);
  const canonOutline = outline.map((p) => applyAffine(fwd, p));
  const chin = f.c[8]![1];
  const reach = ellipseBounds(f, LABEL_REACH * h.rx, LABEL_REACH * h.ry);
  const [bx0, by0, bx1, by1]: PixelBox = [Math.max(0, reach[0]), Math.max(0, reach[1]), Math.min(width, reach[2]), Math.min(height, reach[3])];
  const hard = plane(bx1 - bx0, by1 - by0);
  // Whether a label at canonical (u, w) below the temples is within reach: inside the outline scaled by g about (cx, cy).
  const tapered = (u: number, w: number) => {
    const g = 1 + (LABEL_REACH - 1) * Math.max(0, 1 - (w - f.cy) / (TAPER * (chin - f.cy)));
    return insidePolygon(canonOutline, [f.cx + (u - f.cx) / g, f.cy + (w - f.cy) / g]);
  };
  for (let y = by0; y < by1; y++) {
    const crossings = rowCrossings(outline, y);
    for (let x = bx0; x < bx1; x++) {
      const [u, w] = applyAffine(fwd, [x, y]);
      const e = ((u - f.cx) / (LABEL_REACH * h.rx)) ** 2 + ((w - f.cy) / (LABEL_REACH * h.ry)) ** 2;
      if (e > 1) continue;
      // Below the temples the estimate plus the labels within the narrowing reach; above them, the labels (the estimate where the parser did not look).
      const v = labelAt(x, y);
      const est = insideRow(crossings, x);
      if (w > f.cy ? est || (inHead.has(v) && tapered(u, w)) : v < 0 ? est : inHead.has(v)) hard.data[(y - by0) * hard.width + (x - bx0)] = 1;
    }
  }
  keepConnected(
    hard,
    face.map(([x, y]): Point => [Math.floor(x) - bx0, Math.floor(y) - by0]),
  );
  let any = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < hard.height; y++) {
    for (let x = 0; x < hard.width; x++) {
      if (hard.data[y * hard.width + x]) any = [Math.min(any[0]!, x + bx0), Math.min(any[1]!, y + by0), Math.max(any[2]!, x + bx0 + 1), Math.max(any[3]!, y + by0 + 1)];
    }
  }
  const pad = Math.ceil(3 * feather);
  const bounds: PixelBox = any[0] === Infinity ? [bx0, by0, bx0 + 1, by0 + 1] : [any[0]! - pad, any[1]! - pad, any[2]! + pad, any[3]! + pad];
  const soft = blur(hard, feather);
  return {
    bounds: () => bounds,
    alpha: ([x0, y0, x1, y1]) => {
      const out = plane(x1 - x0, y1 - y0);
      for (let y = Math.max(y0, by0); y < Math.min(y1, by1); y++) {
        for (let x = Math.max(x0, bx0); x < Math.min(x1, bx1); x++) out.data[(y - y0) * out.width + (x - x0)] = soft.data[(y - by0) * soft.width + (x - bx0)]!;
      }
      return out;
    },
  };
}

/**
 * Clears every part of a 0/1 mask that is not 4-connected to one of the `seeds` (mask px) lying on
 * it. With no seed on the mask nothing is cleared: which part is the head can't be told then.
 */
function keepConnected(mask: Plane, seeds: readonly Point[]): void {
  const { width: w, height: h, data } = mask;
  const kept = new Uint8Array(w * h);
  const queue = new Int32Array(w * h);
  let end = 0;
  const visit = (i: number) => {
    if (data[i] && !kept[i]) {
      kept[i] = 1;
      queue[end++] = i;
    }
  };
  for (const [x, y] of seeds) if (x >= 0 && y >= 0 && x < w && y < h) visit(y * w + x);
  if (!end) return;
  for (let q = 0; q < end; q++) {
    const i = queue[q]!;
    const x = i % w;
    if (x > 0) visit(i - 1);
    if (x < w - 1) visit(i + 1);
    if (i >= w) visit(i - w);
    if (i < w * (h - 1)) visit(i + w);
  }
  for (let i = 0; i < w * h; i++) data[i] = kept[i]!;
}

export interface HeadControls {
  /** Moving control points in the hair: where they are in the photo … */
  source: Point[];
  /** … and where they go. */
  target: Point[];
  /** Points that stay put: the neck's lower cut, and a ring around the head beyond its reach. */
  fixed: Point[];
  /** Every pixel the warped head can cover lies within this box (image px, not clipped). */
  reach: PixelBox;
  /** The head's overall motion (the similarity A, image px): what fold prevention keeps (folds.ts). */
  carrier: (p: Point) => Point;
  /** Points in the hair (image px, where the edit puts them) at which the hair guard checks the spline. */
  hairProbes: Point[];
  /** Area scale of the overall motion (A's scale squared): the hair's expected area ratio. */
  areaScale: number;
}

/** Angles (deg, y down) of the control points: the skull's arc above the temples, the hair's from ear to ear. */
const SKULL_ANGLES = [210, 230, 250, 270, 290, 310, 330];
const HAIR_ANGLES = [160, 180, 200, 220, 240, 255, 270, 285, 300, 320, 340, 0, 20];
/** Canonical px: the distance from the outline and brows at which half their own displacement still reaches the hair. */
const CARRY_REACH = 0.5;

/**
 * Control points that make the hair follow the skull. The head's overall motion is the
 * similarity A fitted to the outline and brows (source → target): head size, a tilt. A wider or
 * shorter face is not the skull's motion: it stays in the residual, so it fades out above the
 * forehead instead of pulling the crown down into the hair (and the fill in behind it). The
 * skull and hair rings move by A plus what is left of the outline/brow displacements near them
 * (inverse-square-distance weights), fading with the distance d to the nearest of those points
 * as 1 / (1 + (d / L)²), L = half the temple width: a hair point beside the jaw moves with the
 * jaw, the crown only with the head, and nothing in between jumps. A lifted forehead lifts the
 * hair above it, a pinched temple pulls the hair in. The neck below the region and a ring around
 * the head's reach stay put (the body and the scene do not move).
 */
export function headControls(source: Points, target: Points): HeadControls {
  const f = frameOf(source);
  const toCanon = invertAffine(f.toImage);
  const tc = target.map((p) => applyAffine(toCanon, p));
  const sim = fitSimilarity(SKULL_FIT.map((i) => f.c[i]!), SKULL_FIT.map((i) => tc[i]!));
  const fit = (p: Point) => applySimilarity(sim, p);
  const residual = SKULL_FIT.map((i) => {
    const a = fit(f.c[i]!);
    return [tc[i]![0] - a[0], tc[i]![1] - a[1]] as Point;
  });
  const reach = CARRY_REACH * f.half;
  const carried = (p: Point): Point => {
    let sx = 0;
    let sy = 0;
    let sw = 0;
    let near = Infinity;
    SKULL_FIT.forEach((i, n) => {
      const d2 = (p[0] - f.c[i]![0]) ** 2 + (p[1] - f.c[i]![1]) ** 2;
      const w = 1 / (d2 + 1);
      near = Math.min(near, d2);
      sx += w * residual[n]![0];
      sy += w * residual[n]![1];
      sw += w;
    });
    const k = 1 / (1 + near / (reach * reach));
    const a = fit(p);
    return [a[0] + (k * sx) / sw, a[1] + (k * sy) / sw];
  };
  const src: Point[] = [];
  const dst: Point[] = [];
  // A third ring just beyond the region's feathered edge moves with the head too, so the spline's
  // return to identity (towards the fixed ring) happens where the layer's alpha is already 0.
  const h0 = hair(f);
  const beyond = { rx: h0.rx + 4 * FEATHER, ry: h0.ry + 4 * FEATHER };
  for (const [r, angles] of [[skull(f), SKULL_ANGLES], [h0, HAIR_ANGLES], [beyond, HAIR_ANGLES]] as const) {
    for (const deg of angles) {
      const p = onEllipse(f, r.rx, r.ry, deg);
      src.push(p);
      dst.push(carried(p));
    }
  }
  // How far out the head reaches after the edit, relative to the hair ellipse: the fixed ring
  // sits beyond it with room for the spline to return to identity.
  const h = hair(f);
  const rel = (p: Point) => Math.sqrt(((p[0] - f.cx) / h.rx) ** 2 + ((p[1] - f.cy) / h.ry) ** 2);
  const grow = Math.max(1, ...dst.map(rel), ...tc.map(rel));
  const far = 1.6 * grow + 0.3;
  const fixed: Point[] = [];
  for (let deg = 150; deg <= 390; deg += 30) fixed.push(onEllipse(f, far * h.rx, far * h.ry, deg));
  const cut = neckCut(f) + 3 * FEATHER;
  const neckHalf = 0.62 * f.half;
  for (const dx of [-1.6, -0.8, 0, 0.8, 1.6]) fixed.push([f.c[8]![0] + dx * neckHalf, cut]);
  const reachPoly = [...[...dst, ...tc, ...src].map((p) => applyAffine(f.toImage, p)), ...headOutline(source)];
  // The hair between the hairline (≥ 10 px from the outline and brows) and the region's edge,
  // down to the temples, where it meets the forehead.
  const probes: Point[] = [];
  for (const lam of [0.6, 0.7, 0.8, 0.9, 1]) {
    for (let deg = 180; deg <= 360; deg += 7.5) {
      const p = onEllipse(f, lam * h.rx, lam * h.ry, deg);
      if (p[1] < f.cy + 5 && SKULL_FIT.every((i) => Math.hypot(p[0] - f.c[i]![0], p[1] - f.c[i]![1]) >= 10)) probes.push(carried(p));
    }
  }
  const o = fit([0, 0]);
  const ex = fit([1, 0]);
  const ey = fit([0, 1]);
  return {
    source: src.map((p) => applyAffine(f.toImage, p)),
    target: dst.map((p) => applyAffine(f.toImage, p)),
    fixed: fixed.map((p) => applyAffine(f.toImage, p)),
    reach: polygonBounds(reachPoly, 3 * FEATHER * faceScale(source)),
    carrier: (p) => applyAffine(f.toImage, fit(applyAffine(toCanon, p))),
    hairProbes: probes.map((p) => applyAffine(f.toImage, p)),
    areaScale: Math.abs((ex[0] - o[0]) * (ey[1] - o[1]) - (ex[1] - o[1]) * (ey[0] - o[0])),
  };
}

/**
 * Where the polygon's edges cross the horizontal line at `y` (x values, unordered). Even–odd
 * rule: (x, y) is inside when an odd number of them lie right of x (insideRow). A grid tests a
 * row's points against these few values instead of every edge per point.
 */
export function rowCrossings(poly: Points, y: number): number[] {
  const out: number[] = [];
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y) out.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
  }
  return out;
}

/** Whether x on a row with these crossings (rowCrossings) is inside the polygon. */
export function insideRow(crossings: readonly number[], x: number): boolean {
  let inside = false;
  for (const c of crossings) if (x < c) inside = !inside;
  return inside;
}

/** Even–odd point-in-polygon test. */
export const insidePolygon = (poly: Points, [x, y]: Point): boolean => insideRow(rowCrossings(poly, y), x);

/** The face: the jaw line (0–16) closed over the brows (26 … 17). */
export const facePolygon = (pts: Points): Point[] => [...pts.slice(0, 17), ...pts.slice(17, 27).reverse()];

/** Whether image point p lies inside the fixed ring of `controls` (pins there would fight the head). */
export function insideReach(c: HeadControls, p: Point): boolean {
  const [x0, y0, x1, y1] = c.reach;
  return p[0] >= x0 && p[0] < x1 && p[1] >= y0 && p[1] < y1;
}
