/** Handlers for the app and photos channels. */
import { appChannels, photosChannels } from '../../../common/ipc/channels/app.js';
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

export const photosHandlers: HandlerMap<typeof photosChannels> = {
  'photos:open': async ({ name, bytes }, { photos }) => {
    const photo = await photos.open(bytes, name);
    const preview = await fitWithin(photo.image, PREVIEW_MAX_SIDE);
    return {
      photoId: photo.id,
      name: photo.name,
      width: photo.image.width,
      height: photo.image.height,
      preview: await encodeJpeg(preview, 92),
      scale: preview.width / photo.image.width,
    };
  },
  'photos:close': async ({ photoId }, { photos }) => ({ closed: photos.close(photoId) }),
};
