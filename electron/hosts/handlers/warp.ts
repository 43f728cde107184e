/** Handlers for the warp channels: adapters from the contract to the face-edit and warp services. */
import type { warpChannels } from '../../../common/ipc/channels/warp.js';
import { encodeJpeg, encodePng, type RgbImage } from '../../services/images/decode.js';
import { composeTarget } from '../../../common/warp/compose.js';
import type { Point } from '../../../common/geometry.js';
import { creditModels } from '../../services/sheets/model-credits.js';
import { assertNearImage } from '../../services/images/reach.js';
import type { CallContext, HandlerMap } from './context.js';

type FaceRequest = { photoId: string; face: number; source?: Point[] | undefined };

/** The calling connection's photo and the face's source landmarks (the artist's corrected ones or the detected ones). */
export async function faceOf({ services, photos }: Pick<CallContext, 'services' | 'photos'>, req: FaceRequest): Promise<{ image: RgbImage; source: Point[] }> {
  const { image } = photos.get(req.photoId);
  if (req.source) assertNearImage(req.source, image.width, image.height);
  return { image, source: req.source ?? (await services.faces.face(image, req.face)).landmarks };
}

export async function sourceOf(ctx: Pick<CallContext, 'services' | 'photos'>, req: FaceRequest): Promise<Point[]> {
  return (await faceOf(ctx, req)).source;
}

export const warpHandlers: HandlerMap<typeof warpChannels> = {
  'warp:render': async (req, { services, photos }) => {
    const { image } = photos.get(req.photoId);
    // A downscaled render is the live preview (the contract's `maxSide`): its guards search quickly.
    const { value: r, models } = await services.inference.track(() => services.edit.faceEdit(image, [req, ...(req.others ?? [])], { maxSide: req.maxSide, preview: req.maxSide !== undefined }));
    const format = req.format ?? (req.maxSide ? 'jpeg' : 'png');
    return {
      // A PNG is what gets exported: it names the models that made it.
      image: format === 'png' ? await creditModels(await encodePng(r.image), services.inference.modelsDir, models) : await encodeJpeg(r.image, 90),
      format,
      width: r.image.width,
      height: r.image.height,
      folded: r.folded,
      blend: r.blend,
      ...(r.notice ? { notice: r.notice } : {}),
      target: r.edits[0]!.target,
    };
  },
  'warp:identity': async (req, { services, photos }) => services.edit.identity(photos.get(req.photoId).image, req),
  'warp:exaggerate': async (req, ctx) => {
    const { image, source } = await faceOf(ctx, req);
    // Each landmark model is exaggerated about its own mean (common/warp/shape-model.ts).
    const { landmarks } = await ctx.services.faces.detect(image);
    return { target: composeTarget(source, { gains: { ...req.gains, global: req.k }, landmarks }) };
  },
  'warp:sliders': async (req, ctx) => {
    const source = await sourceOf(ctx, req);
    return { target: composeTarget(source, { sliders: req.sliders }, req.base ?? source) };
  },
};
