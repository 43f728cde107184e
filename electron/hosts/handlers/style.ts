/** Handlers for the style channels: thin adapters from the contract to services.style. */
import { styleChannels } from '../../../common/ipc/channels/style.js';
import { encodePng, type RgbImage } from '../../services/images/decode.js';
import type { Point } from '../../../common/geometry.js';
import type { Services } from '../services.js';
import { embeddingFromJson } from '../../services/style/embedding.js';
import type { HandlerMap } from './context.js';
import type { PhotoScope } from '../../services/images/photos.js';
import type { Req } from '../../../common/ipc/contract.js';
import { creditModels } from '../../services/sheets/model-credits.js';

/** Landmarks of an image `fromWidth` wide, on a resized copy `toWidth` wide (pixel centres kept). */
function scaleToImage(pts: Array<[number, number]>, fromWidth: number, toWidth: number): Array<[number, number]> {
  const s = toWidth / fromWidth;
  return s === 1 ? pts : pts.map(([x, y]) => [(x + 0.5) * s - 0.5, (y + 0.5) * s - 0.5]);
}

/**
 * Every detected face of the photo (none when detection finds none), with the warped face moved
 * to the warp's target: the example-based styles keep these faces readable. Detections are
 * cached per photo by services.faces, so this costs nothing after the first.
 */
async function facesOf(services: Services, image: RgbImage, warp?: { source: Point[]; target: Point[] }): Promise<Point[][]> {
  const all = await services.faces.landmarksOf(image);
  if (!warp) return all;
  const dist = (pts: Point[]) => pts.reduce((acc, [x, y], i) => acc + Math.hypot(x - warp.source[i]![0], y - warp.source[i]![1]), 0);
  const warped = all.reduce((best, pts, i) => (dist(pts) < dist(all[best]!) ? i : best), 0);
  return [...all.filter((_, i) => i !== warped), warp.target];
}

/** The photo (warped first when asked) rendered in the requested style. */
async function renderRequest(services: Services, photos: PhotoScope, req: Req<'style:render'>): Promise<RgbImage> {
  const photo = photos.get(req.photoId);
  const source = req.embedding
    ? ({ kind: 'example', embedding: embeddingFromJson(req.embedding) } as const)
    : await services.style.gallery.resolve(req.styleId!, req.params);
  // The paper's order: geometry first, then the drawing style on the warped face.
  const base = req.warp ? (await services.warp.render(photo.image, req.warp.source, req.warp.target, req.maxSide)).image : photo.image;
  const landmarks = req.warp ? scaleToImage(req.warp.target, photo.image.width, base.width) : req.face?.landmarks;
  const faces = source.kind === 'example' ? (await facesOf(services, photo.image, req.warp)).map((pts) => scaleToImage(pts, photo.image.width, base.width)) : undefined;
  return services.style.render(base, {
    source,
    strength: req.strength,
    preserveColor: req.preserveColor,
    region: req.region,
    landmarks,
    faces,
    maxSide: req.maxSide,
  });
}

export const styleHandlers: HandlerMap<typeof styleChannels> = {
  'style:list': async (_req, { services }) => services.style.gallery.catalog(),

  /** The PNG's text chunks name the models that made it (detector, landmarks, warp, style). */
  'style:render': async (req, { services, photos }) => {
    const { value: image, models } = await services.inference.track(() => renderRequest(services, photos, req));
    const png = await creditModels(await encodePng(image), services.inference.modelsDir, models);
    return { image: png, format: 'png', width: image.width, height: image.height };
  },

  'style:thumbnails': async (req, { services, photos, signal, progress }) => {
    const photo = photos.get(req.photoId);
    const ids = req.styleIds ?? (await services.style.gallery.list()).map((s) => s.id);
    progress(0, ids.length, 'Rendering style thumbnails');
    const thumbs = await services.style.thumbnails(photo.id, photo.image, ids, {
      landmarks: req.face?.landmarks,
      faces: await facesOf(services, photo.image),
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
