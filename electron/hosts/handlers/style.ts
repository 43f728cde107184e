/** Handlers for the style channels: adapters from the contract to services.edit and services.style. */
import type { z } from 'zod';
import { styleChannels } from '../../../common/ipc/channels/style.js';
import { encodePng, type RgbImage } from '../../services/images/decode.js';
import { nearestFace, type FaceEditRequest } from '../../services/edit/face-edit.js';
import { renderCaricature } from '../../services/edit/caricature.js';
import { creditModels } from '../../services/sheets/model-credits.js';
import type { Services } from '../services.js';
import type { HandlerMap } from './context.js';

/** The face edits a style request renders first: its warp's face (named, or the detected one nearest its source) and the photo's other edited faces. */
async function editsOf(services: Services, image: RgbImage, warp: z.output<typeof styleChannels['style:render']['request']>['warp']): Promise<FaceEditRequest[]> {
  if (!warp) return [];
  const face = warp.face ?? nearestFace(await services.faces.landmarksOf(image), warp.source);
  return [{ face, source: warp.source, target: warp.target }, ...(warp.others ?? [])];
}

export const styleHandlers: HandlerMap<typeof styleChannels> = {
  'style:list': async (_req, { services }) => services.style.gallery.catalog(),

  /** The PNG's text chunks name the models that made it (detector, landmarks, warp, style). */
  'style:render': async (req, { services, photos, signal, progress }) => {
    const photo = photos.get(req.photoId);
    const { value: image, models } = await services.inference.track(async () =>
      renderCaricature(services, photo.image, {
        edits: await editsOf(services, photo.image, req.warp),
        style: req,
        face: req.face?.landmarks,
        maxSide: req.maxSide,
        signal,
        // Only the marks engine reports progress; the others are one graph run.
        progress: (f) => progress(Math.round(100 * f), 100, 'Rendering style'),
      }),
    );
    const png = await creditModels(await encodePng(image), services.inference.modelsDir, models);
    return { image: png, format: 'png', width: image.width, height: image.height };
  },

  'style:thumbnails': async (req, { services, photos, signal, progress }) => {
    const photo = photos.get(req.photoId);
    const ids = req.styleIds ?? (await services.style.gallery.list()).map((s) => s.id);
    progress(0, ids.length, 'Rendering style thumbnails');
    const thumbs = await services.style.thumbnails(photo.id, photo.image, ids, {
      landmarks: req.face?.landmarks,
      faces: await services.edit.readableFaces(photo.image),
      signal,
      progress: (done, total, id) => progress(done, total, id),
    });
    return { thumbnails: thumbs.map((t) => ({ id: t.id, image: t.bytes, format: 'jpeg' as const })) };
  },

  'style:addArtwork': async ({ name, bytes, keepImage }, { services }) => services.style.gallery.addArtwork(name, bytes, keepImage),
  'style:rename': async ({ id, name }, { services }) => services.style.gallery.rename(id, name),
  'style:delete': async ({ id }, { services }) => {
    await services.style.gallery.delete(id);
    return { deleted: true };
  },
  'style:export': async ({ id }, { services }) => ({ json: await services.style.gallery.export(id) }),
  'style:import': async ({ json }, { services }) => services.style.gallery.import(json),
};
