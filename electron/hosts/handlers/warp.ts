/** Handlers for the warp channels: thin adapters from the contract to the warp service. */
import type { warpChannels } from '../../../common/ipc/channels/warp.js';
import { encodeJpeg, encodePng, type RgbImage } from '../../services/images/decode.js';
import { composeTarget } from '../../../common/warp/compose.js';
import type { Point } from '../../../common/geometry.js';
import { badInput } from '../../../common/errors.js';
import { pinsFor } from '../../services/warp/pins.js';
import type { Services } from '../services.js';
import type { HandlerMap } from './context.js';

/**
 * The photo, the face's source landmarks (the artist's corrected ones or the detected ones) and
 * pins holding the photo's other faces still (none when detection finds nothing).
 */
export async function faceOf(services: Services, req: { photoId: string; face: number; source?: Point[] | undefined }): Promise<{ image: RgbImage; source: Point[]; pinned: Point[] }> {
  const { image, source, all } = await facesOf(services, req);
  return { image, source, pinned: pinsFor(all, req.face) };
}

/** The photo, the face's source landmarks, and every face's detected landmarks. */
async function facesOf(services: Services, req: { photoId: string; face: number; source?: Point[] | undefined }): Promise<{ image: RgbImage; source: Point[]; all: Point[][] }> {
  const { image } = services.photos.get(req.photoId);
  const source = req.source ?? (await services.faces.face(image, req.face)).landmarks;
  return { image, source, all: await services.faces.landmarksOf(image) };
}

export const warpHandlers: HandlerMap<typeof warpChannels> = {
  'warp:render': async (req, { services }) => {
    const { image, source, all } = await facesOf(services, req);
    // Every edited face moves in one warp; only the faces without an edit are pinned.
    const others = req.others ?? [];
    const edited = new Set([req.face, ...others.map((o) => o.face)]);
    const otherSources = others.map((o) => o.source ?? all[o.face]);
    if (otherSources.some((s) => !s)) throw badInput(`Face ${others.find((o, i) => !otherSources[i])!.face + 1} of the photo was not found.`);
    const pinned = all.flatMap((f, i) => (edited.has(i) ? [] : pinsFor([f], -1)));
    const r = await services.warp.render(image, [...source, ...(otherSources as Point[][]).flat()], [...req.target, ...others.flatMap((o) => o.target)], req.maxSide, pinned);
    const format = req.format ?? (req.maxSide ? 'jpeg' : 'png');
    return {
      image: format === 'png' ? await encodePng(r.image) : await encodeJpeg(r.image, 90),
      format,
      width: r.image.width,
      height: r.image.height,
      folded: r.folded,
      blend: r.blend,
      ...(r.notice ? { notice: r.notice } : {}),
      target: r.target.slice(0, 68),
    };
  },
  'warp:identity': async (req, { services }) => {
    const { image, source, pinned } = await faceOf(services, req);
    return services.warp.identity(image, source, req.target, pinned);
  },
  'warp:exaggerate': async (req, { services }) => {
    const { source } = await faceOf(services, req);
    return { target: composeTarget(source, { gains: { ...req.gains, global: req.k } }) };
  },
  'warp:sliders': async (req, { services }) => {
    const { source } = await faceOf(services, req);
    return { target: composeTarget(source, { sliders: req.sliders }, req.base ?? source) };
  },
};
