/**
 * The automatic mode (paper §III-C, Algorithm 1): R×C cells, each with a geometry sampled by the
 * landmark generator and a sampled drawing style, rendered on a square crop around the face.
 * Cells are filled one after the other so the caller can show them as they come (progress) and
 * stop between cells (AbortSignal).
 *
 * Seeds: cell k's geometry seed is cellSeed(sheet, 2k) and its style seed cellSeed(sheet, 2k+1),
 * unless locked (a global lock or the cell's own), so rerolling a sheet with locks keeps exactly
 * what was locked and redraws the rest.
 */
import { badInput, ServiceError } from '../../../common/errors.js';
import { cropSquare, type RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { resizePoints, type Point } from '../../../common/geometry.js';
import { thumbnailCrop } from '../style/service.js';
import { renderStyle, type StyleSource } from '../style/engine.js';
import { faceWeight } from '../style/face-weight.js';
import { headBackground, type HeadBackground } from '../warp/head-layer.js';
import { warpHeads } from '../warp/head-warp.js';
import { landmarkHead } from '../warp/head.js';
import { exaggerationBase, interpolateGeometry, sampleGeometry, type GeometrySample } from './landmarks.js';
import { cellSeed } from '../../../common/random.js';
import { sampleCellStyle, styleBetween } from './style.js';

export const MIN_GRID = 2;
export const MAX_GRID = 6;
export const MIN_CELL = 64;
export const MAX_CELL = 1024;

export interface CellLock {
  geometrySeed?: number | undefined;
  styleSeed?: number | undefined;
}

export interface VariationRequest {
  rows: number;
  cols: number;
  seed: number;
  /** Noise scale of the geometry generator: 0 = the plain face, 1 = the artists' spread. */
  temperature: number;
  cellSize: number;
  /** Global locks: every cell uses this geometry / style seed. */
  geometrySeed?: number | undefined;
  styleSeed?: number | undefined;
  /** Per-cell locks (row-major), overriding the global ones. */
  locks?: ReadonlyArray<CellLock | null | undefined> | undefined;
}

export interface VariationCell {
  index: number;
  geometrySeed: number;
  styleSeed: number;
  style: string;
  styleKind: 'drawing' | 'sampled';
  styleLabel: string;
  params: number[];
  /** Canonical offsets (canonical px) and target landmarks (image px). */
  offsets: Point[];
  target: Point[];
  fallback: boolean;
  image: RgbImage;
}

export interface VariationOptions {
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number, message: string) => void) | undefined;
  onCell?: ((cell: VariationCell) => void) | undefined;
}

export function validateRequest(r: VariationRequest): void {
  const int = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!int(r.rows, MIN_GRID, MAX_GRID) || !int(r.cols, MIN_GRID, MAX_GRID)) throw badInput(`The grid must be from ${MIN_GRID}×${MIN_GRID} to ${MAX_GRID}×${MAX_GRID} cells.`);
  if (!int(r.cellSize, MIN_CELL, MAX_CELL)) throw badInput(`The cell size must be a whole number of pixels from ${MIN_CELL} to ${MAX_CELL}.`);
  if (!int(r.seed, 0, 0xffffffff)) throw badInput('The seed must be a whole number from 0 to 4294967295.');
  if (!(r.temperature >= 0 && r.temperature <= 3)) throw badInput('The temperature must be between 0 and 3.');
}

/** Seeds of every cell after the locks. */
export function cellSeeds(r: VariationRequest): Array<{ geometrySeed: number; styleSeed: number }> {
  return Array.from({ length: r.rows * r.cols }, (_, k) => {
    const lock = r.locks?.[k];
    return {
      geometrySeed: lock?.geometrySeed ?? r.geometrySeed ?? cellSeed(r.seed, 2 * k),
      styleSeed: lock?.styleSeed ?? r.styleSeed ?? cellSeed(r.seed, 2 * k + 1),
    };
  });
}

/** The face crop every cell starts from, and the map from image px to its pixels. */
export interface CellCanvas {
  face: RgbImage;
  source: Point[];
  toCell: (pts: readonly Point[]) => Point[];
  /** The filled background behind the head, made once for all cells (the slow part of a head warp). */
  background: () => HeadBackground;
}

export async function cellCanvas(image: RgbImage, source: Point[], cellSize: number): Promise<CellCanvas> {
  const crop = thumbnailCrop(image.width, image.height, source);
  const face = await cropSquare(image, crop, cellSize);
  // Image px → cell px with pixel centres mapped to centres (as warp/service.ts does for previews).
  const k = cellSize / crop.side;
  const toCell = (pts: readonly Point[]) => resizePoints(pts, k, [crop.left, crop.top]);
  const cellSource = toCell(source);
  let bg: HeadBackground | undefined;
  return { face, source: cellSource, toCell, background: () => (bg ??= headBackground(face, landmarkHead(cellSource))) };
}

export type WeightedStyles = ReadonlyArray<{ source: StyleSource; weight: number }>;

/** One cell: the face crop's head warped to `target` (image px), then styled (several styles: blended by weight). */
export async function renderCell(inference: InferenceService, c: CellCanvas, target: readonly Point[], styles: WeightedStyles): Promise<RgbImage> {
  const cellTarget = c.toCell(target);
  const warped = await warpHeads(inference, c.face, [{ source: c.source, target: cellTarget }], () => c.background());
  // Example-based styles keep the warped face readable.
  const faces = faceWeight([cellTarget], warped.image.width, warped.image.height);
  const renders = [];
  for (const s of styles) renders.push(await renderStyle(inference, warped.image, s.source, { strength: 1, preserveColor: false, faces }));
  if (renders.length === 1) return renders[0]!;
  const data = new Uint8Array(warped.image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(renders.reduce((acc, r, j) => acc + styles[j]!.weight * r.data[i]!, 0));
  return { width: warped.image.width, height: warped.image.height, data };
}

export interface CellSeeds {
  geometrySeed: number;
  styleSeed: number;
}

export interface BetweenStep {
  t: number;
  offsets: Point[];
  target: Point[];
  plausible: boolean;
  image: RgbImage;
}

/** Cells between two cells (end points included): geometry by interpolateGeometry, style by styleBetween. */
export async function interpolateCells(
  inference: InferenceService,
  image: RgbImage,
  source: Point[],
  r: { from: CellSeeds; to: CellSeeds; temperature: number; steps: number; cellSize: number },
  opts: VariationOptions = {},
): Promise<BetweenStep[]> {
  const canvas = await cellCanvas(image, source, r.cellSize);
  const [a, b] = [await sampleGeometry(inference, image, source, r.from.geometrySeed, r.temperature), await sampleGeometry(inference, image, source, r.to.geometrySeed, r.temperature)];
  const geometry = await interpolateGeometry(inference, image, source, a, b, r.steps);
  const out: BetweenStep[] = [];
  for (const g of geometry) {
    if (opts.signal?.aborted) throw new ServiceError('cancelled', 'Making the in-between cells was cancelled.');
    const styles = await styleBetween(inference, r.from.styleSeed, r.to.styleSeed, g.t);
    out.push({ t: g.t, offsets: g.offsets, target: g.target, plausible: g.rejected === null, image: await renderCell(inference, canvas, g.target, styles) });
    opts.progress?.(out.length, geometry.length, `step ${out.length} of ${geometry.length}`);
  }
  return out;
}

export async function generateVariations(inference: InferenceService, image: RgbImage, source: Point[], r: VariationRequest, opts: VariationOptions = {}): Promise<VariationCell[]> {
  validateRequest(r);
  const seeds = cellSeeds(r);
  const canvas = await cellCanvas(image, source, r.cellSize);
  const cells: VariationCell[] = [];
  const geometries = new Map<number, Promise<GeometrySample>>();
  // The default exaggeration every cell's draw is added to: the same for all cells of the face.
  const base = exaggerationBase(source);
  for (const [index, s] of seeds.entries()) {
    if (opts.signal?.aborted) throw new ServiceError('cancelled', 'Making the variations was cancelled.');
    let g = geometries.get(s.geometrySeed);
    if (!g) {
      g = sampleGeometry(inference, image, source, s.geometrySeed, r.temperature, base);
      geometries.set(s.geometrySeed, g);
    }
    const geometry = await g;
    const st = await sampleCellStyle(inference, s.styleSeed);
    const cell: VariationCell = {
      index,
      ...s,
      style: st.id,
      styleKind: st.kind,
      styleLabel: st.label,
      params: st.params,
      offsets: geometry.offsets,
      target: geometry.target,
      fallback: geometry.fallback,
      image: await renderCell(inference, canvas, geometry.target, [{ source: st.source, weight: 1 }]),
    };
    cells.push(cell);
    opts.onCell?.(cell);
    opts.progress?.(index + 1, seeds.length, `cell ${index + 1} of ${seeds.length}`);
  }
  return cells;
}
