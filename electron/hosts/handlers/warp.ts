/** Handlers for the warp channels: adapters from the contract to the face-edit and warp services. */
import type { warpChannels } from '../../../common/ipc/channels/warp.js';
import { encodeJpeg, encodePng } from '../../services/images/decode.js';
import { composeTarget } from '../../../common/warp/compose.js';
import type { Point } from '../../../common/geometry.js';
import type { Services } from '../services.js';
import type { HandlerMap } from './context.js';

/** The face's source landmarks: the artist's corrected ones or the detected ones. */
export async function sourceOf(services: Services, req: { photoId: string; face: number; source?: Point[] | undefined }): Promise<Point[]> {
  return req.source ?? (await services.faces.face(services.photos.get(req.photoId).image, req.face)).landmarks;
}

export const warpHandlers: HandlerMap<typeof warpChannels> = {
  'warp:render': async (req, { services }) => {
    const { image } = services.photos.get(req.photoId);
    const r = await services.edit.faceEdit(image, [req, ...(req.others ?? [])], { maxSide: req.maxSide });
    const format = req.format ?? (req.maxSide ? 'jpeg' : 'png');
    return {
      image: format === 'png' ? await encodePng(r.image) : await encodeJpeg(r.image, 90),
      format,
      width: r.image.width,
      height: r.image.height,
      folded: r.folded,
      blend: r.blend,
      ...(r.notice ? { notice: r.notice } : {}),
      target: r.edits[0]!.target,
    };
  },
  'warp:identity': async (req, { services }) => services.edit.identity(services.photos.get(req.photoId).image, req),
  'warp:exaggerate': async (req, { services }) => ({ target: composeTarget(await sourceOf(services, req), { gains: { ...req.gains, global: req.k } }) }),
  'warp:sliders': async (req, { services }) => {
    const source = await sourceOf(services, req);
    return { target: composeTarget(source, { sliders: req.sliders }, req.base ?? source) };
  },
};
