/** Handlers for the warp channels: thin adapters from the contract to the warp service. */
import type { warpChannels } from '../../../common/ipc/channels/warp.js';
import { encodeJpeg, encodePng, type RgbImage } from '../../services/images/decode.js';
import { composeTarget } from '../../../common/warp/compose.js';
import type { Point } from '../../../common/geometry.js';
import { pinsFor } from '../../services/warp/pins.js';
import type { CallContext, HandlerMap } from './context.js';
import { creditModels } from '../../services/sheets/model-credits.js';

/**
 * The photo, the face's source landmarks (the artist's corrected ones or the detected ones) and
 * pins holding the photo's other faces still (none when detection finds nothing).
 */
export async function faceOf({ services, photos }: Pick<CallContext, 'services' | 'photos'>, req: { photoId: string; face: number; source?: Point[] | undefined }): Promise<{ image: RgbImage; source: Point[]; pinned: Point[] }> {
  const { image } = photos.get(req.photoId);
  const source = req.source ?? (await services.faces.face(image, req.face)).landmarks;
  const all = await services.faces.landmarksOf(image);
  return { image, source, pinned: pinsFor(all, req.face) };
}

export const warpHandlers: HandlerMap<typeof warpChannels> = {
  'warp:render': async (req, ctx) => {
    const { services } = ctx;
    const { value: r, models } = await services.inference.track(async () => {
      const { image, source } = await faceOf(ctx, req);
      const others = await Promise.all(
        (req.others ?? []).map(async (o) => ({ source: o.source ?? (await services.faces.face(image, o.face)).landmarks, target: o.target })),
      );
      const pinned = pinsFor(await services.faces.landmarksOf(image), [req.face, ...(req.others ?? []).map((o) => o.face)]);
      return services.warp.render(image, source, req.target, req.maxSide, pinned, others);
    });
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
      target: r.target,
    };
  },
  'warp:identity': async (req, ctx) => {
    const { image, source, pinned } = await faceOf(ctx, req);
    return ctx.services.warp.identity(image, source, req.target, pinned);
  },
  'warp:exaggerate': async (req, ctx) => {
    const { source } = await faceOf(ctx, req);
    return { target: composeTarget(source, { gains: { ...req.gains, global: req.k } }) };
  },
  'warp:sliders': async (req, ctx) => {
    const { source } = await faceOf(ctx, req);
    return { target: composeTarget(source, { sliders: req.sliders }, req.base ?? source) };
  },
};
