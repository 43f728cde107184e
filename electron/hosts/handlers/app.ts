/** Handlers for the app and photos channels. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { appChannels, photosChannels } from '../../../common/ipc/channels/app.js';
import type { Res } from '../../../common/ipc/contract.js';
import { ServiceError } from '../../../common/errors.js';
import type { Photo } from '../../services/images/photos.js';
import { encodeJpeg, fitWithin } from '../../services/images/decode.js';
import { doctor } from '../../services/inference/doctor.js';
import type { HostKind } from '../../../common/names.js';
import type { HandlerMap } from './context.js';

export function appHandlers(host: HostKind): Omit<HandlerMap<typeof appChannels>, 'files:save'> {
  return {
    'app:info': async (_req, { services }) => {
      const r = await doctor(services.inference);
      return {
        name: r.app.name,
        version: r.app.version,
        host,
        versions: r.versions,
        providers: { available: r.providers.available, preference: services.inference.preference, inUse: r.providers.inUse },
        faceDetector: services.faces.detector,
        faceLandmarks: services.faces.landmarks,
        models: r.models.map(({ name, file, status, sha256, licence, commercialUse }) => ({ name, file, status, sha256, licence, commercialUse })),
        commercialOnly: services.inference.commercialOnly,
        warnings: r.warnings,
      };
    },
    'app:setCommercialOnly': async ({ on }, { services }) => {
      services.inference.setCommercialOnly(on);
      await services.settings.update(() => ({ commercialOnly: on }));
      return { on };
    },
    'app:setProvider': async ({ preference }, { services }) => {
      services.inference.setPreference(preference);
      await services.settings.update(() => ({ providerPreference: preference }));
      return { preference };
    },
    'jobs:cancel': async ({ jobId }, { cancel }) => ({ cancelled: cancel(jobId) }),
  };
}

/** Preview long side sent to the renderer: enough for a 4K screen's canvas, cheap to transfer. */
const PREVIEW_MAX_SIDE = 2048;

async function opened(photo: Photo): Promise<Res<'photos:open'>> {
  const preview = await fitWithin(photo.image, PREVIEW_MAX_SIDE);
  return {
    photoId: photo.id,
    name: photo.name,
    width: photo.image.width,
    height: photo.image.height,
    preview: await encodeJpeg(preview, 92),
    scale: preview.width / photo.image.width,
  };
}

/**
 * `mayOpenPath`: the paths photos:openPath may read — in Electron those its Open dialog and
 * recent-files menu handed out, so a compromised page can't read arbitrary files; absent (the
 * web host): none. Photos belong to the calling connection or window (`photos`).
 */
export function photosHandlers(mayOpenPath?: (file: string) => boolean): HandlerMap<typeof photosChannels> {
  return {
    'photos:open': async ({ name, bytes }, { photos }) => opened(await photos.open(bytes, name)),
    'photos:openPath': async ({ path: file }, { photos }) => {
      const name = path.basename(file);
      if (!mayOpenPath?.(file)) throw new ServiceError('unsupported', `"${name}" was not chosen in this app's Open dialog, so it is not opened.`);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await fs.readFile(file));
      } catch {
        throw new ServiceError('not-found', `"${name}" cannot be read (moved or deleted?).`);
      }
      return opened(await photos.open(bytes, name));
    },
    'photos:close': async ({ photoId }, { photos }) => ({ closed: photos.close(photoId) }),
  };
}
