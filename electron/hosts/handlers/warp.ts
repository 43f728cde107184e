/** Handlers for the warp channels: thin adapters from the contract to the warp service. */
import type { warpChannels } from '../../../common/ipc/channels/warp.js';
import { encodeJpeg, encodePng, type RgbImage } from '../../services/images/decode.js';
import { composeTarget } from '../../../common/warp/compose.js';
import type { Point } from '../../../common/geometry.js';
import { assertNearImage } from '../../services/images/reach.js';
import { pinsFor } from '../../services/warp/pins.js';
import type { CallContext, HandlerMap } from './context.js';

/**
 * The photo, the face's source landmarks (the artist's corrected ones or the detected ones) and
 * pins holding the photo's other faces still (none when detection finds nothing).
 */
export async function faceOf({ services, photos }: Pick<CallContext, 'services' | 'photos'>, req: { photoId: string; face: number; source?: Point[] | undefined }): Promise<{ image: RgbImage; source: Point[]; pinned: Point[] }> {
  const { image } = photos.get(req.photoId);
  if (req.source) assertNearImage(req.source, image.width, image.height);
  const source = req.source ?? (await services.faces.face(image, req.face)).landmarks;
  const all = await services.faces.landmarksOf(image);
  return { image, source, pinned: pinsFor(all, req.face) };
}

export const warpHandlers: HandlerMap<typeof warpChannels> = {
  'warp:render': async (req, ctx) => {
    const { services } = ctx;
    const { image, source, pinned } = await faceOf(ctx, req);
    const r = await services.warp.render(image, source, req.target, req.maxSide, pinned);
    const format = req.format ?? (req.maxSide ? 'jpeg' : 'png');
    return {
      image: format === 'png' ? await encodePng(r.image) : await encodeJpeg(r.image, 90),
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
