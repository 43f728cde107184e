/**
 * The one face-editing rule set every host uses (IPC handlers, CLI): which landmarks a face
 * starts from, which faces are held still, which faces the styles keep readable, and the render.
 *
 * A photo's faces WITH an edit are all rendered with it (a group photo keeps every caricature);
 * the faces without one are pinned, so a spline never drags them along. Styles then keep every
 * face readable where it ends up: the edited ones at their targets, the others where they are.
 */
import { fitWithin, type RgbImage } from '../images/decode.js';
import type { FaceService } from '../faces/service.js';
import type { WarpService } from '../warp/service.js';
import { pinsFor } from '../warp/pins.js';
import { assertNearImage } from '../images/reach.js';
import { badInput } from '../../../common/errors.js';
import { resizePoints, type Point } from '../../../common/geometry.js';

/** One face's edit: its index among the photo's detected faces, where it starts, where it goes. */
export interface FaceEditRequest {
  face: number;
  /** The artist's corrected landmarks; absent: the detected ones. */
  source?: Point[] | undefined;
  target: Point[];
}

export interface FaceEditResult {
  /** The photo with every edit rendered, at `maxSide` when given (never enlarged). */
  image: RgbImage;
  /** Output pixels per photo pixel. */
  scale: number;
  /** Each edit as rendered, in request order: its source and the target actually used (photo px, after the fold guard). */
  edits: Array<{ face: number; source: Point[]; target: Point[] }>;
  /** The points holding the faces without an edit still (photo px). */
  pins: Point[];
  /** Every face's landmarks where it ends up, in OUTPUT px: what the styles keep readable. */
  faces: Point[][];
  folded: boolean;
  blend: number;
  notice?: string;
}

/** The detected face nearest to `landmarks` (sum of point distances): a request that named no face. */
export function nearestFace(all: readonly Point[][], landmarks: readonly Point[]): number {
  const dist = (pts: readonly Point[]) => pts.reduce((acc, [x, y], i) => acc + Math.hypot(x - landmarks[i]![0], y - landmarks[i]![1]), 0);
  return all.reduce((best, pts, i) => (dist(pts) < dist(all[best]!) ? i : best), 0);
}

export class FaceEditService {
  constructor(
    private readonly faces: FaceService,
    private readonly warp: WarpService,
  ) {}

  /** Every edit with its source, and the pins for the faces no edit names (photo px). */
  async resolve(image: RgbImage, edits: readonly FaceEditRequest[]): Promise<{ edits: Array<{ face: number; source: Point[]; target: Point[] }>; pins: Point[]; all: Point[][] }> {
    const all = await this.faces.landmarksOf(image);
    const seen = new Set<number>();
    for (const e of edits) {
      if (seen.has(e.face)) throw badInput(`Face ${e.face} is edited twice in one request.`);
      seen.add(e.face);
    }
    const resolved = await Promise.all(edits.map(async (e) => ({ face: e.face, source: e.source ?? (await this.faces.face(image, e.face)).landmarks, target: e.target })));
    return { edits: resolved, pins: pinsFor(all, [...seen]), all };
  }

  /**
   * The photo with `edits` rendered (the first is the face being worked on; the result's fold
   * notice speaks for all), downscaled to `maxSide` when given. No edit: the photo itself.
   * `preview`: a live preview (WarpService.render).
   */
  async faceEdit(image: RgbImage, edits: readonly FaceEditRequest[], opts: { maxSide?: number | undefined; preview?: boolean } = {}): Promise<FaceEditResult> {
    const { edits: resolved, pins, all } = await this.resolve(image, edits);
    // Before any fit: absurd points (±1e300) would otherwise surface as a solver's "degenerate".
    for (const e of resolved) for (const pts of [e.source, e.target]) assertNearImage(pts, image.width, image.height);
    if (!resolved.length) {
      const out = opts.maxSide ? await fitWithin(image, opts.maxSide) : image;
      const s = out.width / image.width;
      return { image: out, scale: s, edits: [], pins, faces: all.map((f) => resizePoints(f, s)), folded: false, blend: 1 };
    }
    const [first, ...others] = resolved;
    const r = await this.warp.render(image, first!.source, first!.target, opts.maxSide, pins, others, opts.preview);
    const s = r.image.width / image.width;
    const used = resolved.map((e, i) => ({ ...e, target: r.targets[i]! }));
    const after = all.map((f, i) => used.find((e) => e.face === i)?.target ?? f);
    return {
      image: r.image,
      scale: s,
      edits: used,
      pins,
      faces: after.map((f) => resizePoints(f, s)),
      folded: r.folded,
      blend: r.blend,
      ...(r.notice ? { notice: r.notice } : {}),
    };
  }

  /** The faces a style keeps readable on the unedited photo: every detected face (none found: none). */
  async readableFaces(image: RgbImage): Promise<Point[][]> {
    return this.faces.landmarksOf(image);
  }

  /** How much the face still looks like the sitter with the edit (the identity meter), other faces pinned. */
  async identity(image: RgbImage, edit: FaceEditRequest): Promise<{ similarity: number; target: Point[] }> {
    const { edits, pins } = await this.resolve(image, [edit]);
    return this.warp.identity(image, edits[0]!.source, edit.target, pins);
  }
}
