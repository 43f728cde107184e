/**
 * The head layer's pixels (head-layer.ts has its geometry): each edited face's head cropped as
 * RGBA with its region as alpha, warped by the warp graph, composited over the scene. The fit and
 * the guards run on `geometry` (the hosts' worker pool, geometry-pool.ts); ONNX Runtime and the
 * compositing stay here.
 */
import type { InferenceService } from '../inference/service.js';
import type { RgbImage } from '../images/decode.js';
import { badInput } from '../../../common/errors.js';
import { allFinite, type Point, type Points } from '../../../common/geometry.js';
import { warpGraph } from './engine.js';
import { unfolded, type SafeMapping } from './folds.js';
import type { Mapping } from './mapping.js';
import { guardHint, headClear, headFolds, type HeadBackground, type HeadEdit, type HeadFit, type HeadHint, type HeadResult, type HeadSafe } from './head-layer.js';
import type { PixelBox } from './head.js';
import { inThreadGeometry, type WarpGeometry } from './geometry-pool.js';

/**
 * Warps the RGBA crop by the head's spline. The graph evaluates the fold check, the hair probes
 * and the face samples along with the warp; only an edit that does not clear them goes through
 * safeHead (on `geometry`, like the fit), and only one that safeHead holds back through a second
 * run of the graph. A preview's guess (fitHead with a hint) is warped first and kept when the
 * graph clears it at every guard sample and the fold screen; otherwise the edit is fitted again
 * without the hint and takes that path.
 */
async function warpCrop(
  inference: InferenceService,
  geometry: WarpGeometry,
  rgba: RgbImage,
  fit: HeadFit & { fitted: Mapping },
  plan: { width: number; height: number; edit: HeadEdit; pinned: Points; preview?: { hint?: HeadHint | undefined } | undefined },
): Promise<{ warped: Uint8Array; safe: Omit<HeadSafe, 'mapping'> }> {
  const { guess } = fit;
  if (guess) {
    const { mapping, ...safe } = guess.safe;
    const g = await warpGraph(inference, rgba, mapping, guess.probes);
    if (headClear(g.jacobian, guess.screened, guess.hair, fit.areaScale, true)) return { warped: g.image.data, safe };
    fit = { ...(await geometry.run('fitHead', plan.width, plan.height, plan.edit, plan.pinned)), fitted: fit.fitted };
  }
  const { fitted } = fit;
  const first = await warpGraph(inference, rgba, fitted, fit.probes);
  const clear = headClear(first.jacobian, fit.checked, fit.hair, fit.areaScale);
  const { mapping, ...safe } = clear
    ? unfolded(fitted, fit.target)
    : await geometry.run('safeHead', plan.width, plan.height, plan.edit, plan.pinned, fitted, !headFolds(first.jacobian, fit.checked), guardHint(first.jacobian, fit.checked, fit.hair, fit.areaScale), plan.preview);
  // Not folded means the fitted mapping (from a worker, a copy of it): the first run stands.
  const warped = !safe.folded ? first.image.data : (await warpGraph(inference, rgba, mapping, [])).image.data;
  return { warped, safe };
}

/** The background's head alpha on `box` (image px) as the 8-bit values the graph carries; 0 outside the background's box. */
function cropAlpha(bg: HeadBackground, box: PixelBox): Uint8Array {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const [bx0, by0, bx1, by1] = bg.box;
  const bw = bx1 - bx0;
  const out = new Uint8Array(w * (y1 - y0));
  for (let y = Math.max(y0, by0); y < Math.min(y1, by1); y++) {
    for (let x = Math.max(x0, bx0); x < Math.min(x1, bx1); x++) out[(y - y0) * w + x - x0] = Math.round(255 * bg.alpha.data[(y - by0) * bw + x - bx0]!);
  }
  return out;
}

/**
 * How much of the filled background the plate under the warped head takes at a pixel where the
 * photo's head alpha was `before` and the warped head's is `after`: the photo's pixel is
 * before·head + (1 − before)·scene, and the head's share the warped head no longer covers,
 * (before − after) of the (1 − after) the plate shows through, is what the fill stands in for.
 * So nothing changes where nothing moved (after ≥ before), a pixel the head has left entirely
 * takes the fill (before = 1, after = 0), and on the feather's outer fringe, where the photo's
 * pixel is nearly all scene, the photo stays: taking the whole fill wherever the head had any
 * alpha drew the fill's colour as a 1–2 px line along the old outline wherever the head drew in.
 */
export function uncovered(before: number, after: number): number {
  return before > after ? (before - after) / (1 - after) : 0;
}

/**
 * Warps each edited face's head in `image` and composites it over the scene; `backgroundOf`
 * gives each edit's filled background (cached by the caller). `pinned` points (faces not
 * edited) stay where they are. `preview`: a live preview, whose guards search quickly
 * (safeHeadMapping) starting from each face's previous preview (`hintOf`; each result's `hint`
 * is the next one's).
 */
export async function warpHeads(
  inference: InferenceService,
  image: RgbImage,
  edits: readonly HeadEdit[],
  backgroundOf: (edit: HeadEdit) => HeadBackground,
  pinned: Points = [],
  geometry: WarpGeometry = inThreadGeometry,
  preview?: { hintOf: (edit: HeadEdit) => HeadHint | undefined },
): Promise<{ image: RgbImage; faces: HeadResult[] }> {
  if (image.width < 2 || image.height < 2) throw badInput('The image is too small to warp (at least 2×2 pixels are needed).');
  for (const e of edits) {
    if (e.source.length !== 68 || e.target.length !== 68) throw badInput('The head warp needs 68 source and 68 target landmarks per face.');
    if (!allFinite(e.source) || !allFinite(e.target)) throw badInput('The warp points must be finite numbers.');
  }
  const W = image.width;
  let current = image;
  const faces: HeadResult[] = [];
  for (const edit of edits) {
    const hint = preview?.hintOf(edit);
    const plan = await geometry.run('fitHead', W, image.height, edit, pinned, hint);
    const [x0, y0, x1, y1] = plan.box;
    const w = x1 - x0;
    const h = y1 - y0;
    if (!plan.fitted) {
      faces.push({ target: edit.target.map((p): Point => [p[0], p[1]]), blend: 1, folded: false, scaledBack: [], box: plan.box });
      continue;
    }
    const bg = backgroundOf(edit);
    const alpha = cropAlpha(bg, plan.box);
    // RGBA crop: the current picture with the head's alpha.
    const rgba = new Uint8Array(w * h * 4);
    for (let y = 0; y < h; y++) {
      const src = current.data.subarray(((y0 + y) * W + x0) * 3, ((y0 + y) * W + x1) * 3);
      for (let x = 0, i = 0, o = y * w * 4; x < w; x++, i += 3, o += 4) {
        rgba[o] = src[i]!;
        rgba[o + 1] = src[i + 1]!;
        rgba[o + 2] = src[i + 2]!;
        rgba[o + 3] = alpha[y * w + x]!;
      }
    }
    const { warped, safe } = await warpCrop(inference, geometry, { width: w, height: h, data: rgba }, { ...plan, fitted: plan.fitted }, { width: W, height: image.height, edit, pinned, preview: preview && { hint } });
    const out = new Uint8Array(current.data);
    const [bx0, by0, bx1] = bg.box;
    const bw = bx1 - bx0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const o = (y * w + x) * 4;
        const a8 = warped[o + 3]!;
        // The photo's alpha quantised as it went through the warp, so an edit that leaves a pixel
        // where it was compares equal there (at the feather's fringe 0.001 rounds to 0, and the
        // fill would show through).
        const s8 = alpha[y * w + x]!;
        if (a8 === 0 && s8 === 0) continue;
        const i = ((y0 + y) * W + x0 + x) * 3;
        if (a8 === 255) {
          out[i] = warped[o]!;
          out[i + 1] = warped[o + 1]!;
          out[i + 2] = warped[o + 2]!;
          continue;
        }
        const aw = a8 / 255;
        // s8 > 0 only inside the background's box (cropAlpha).
        const j = s8 ? ((y0 + y - by0) * bw + x0 + x - bx0) * 3 : 0;
        const u = uncovered(s8 / 255, aw);
        for (let c = 0; c < 3; c++) {
          const plate = u > 0 ? current.data[i + c]! + u * (bg.filled[j + c]! - current.data[i + c]!) : current.data[i + c]!;
          out[i + c] = Math.round(aw * warped[o + c]! + (1 - aw) * plate);
        }
      }
    }
    current = { width: W, height: image.height, data: out };
    faces.push({ ...safe, target: safe.target.slice(0, 68).map((p): Point => [p[0] + x0, p[1] + y0]), box: plan.box });
  }
  return { image: current, faces };
}
