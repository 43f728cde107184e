/** Channels about the app itself: versions, providers, models, job cancellation, saving files. */
import { z } from 'zod';
import { bytes, channel, id, shortText } from '../define.js';
import { DETECTOR_NAMES, HOST_KINDS, LANDMARK_NAMES, PROVIDER_NAMES, PROVIDER_PREFERENCES } from '../../names.js';

export const providerName = z.enum(PROVIDER_NAMES);
const providerPreference = z.enum(PROVIDER_PREFERENCES);

const photoOpened = z.object({
  photoId: z.string(),
  name: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** A JPEG no larger than 2048 px on its longer side, for display; `scale` = preview px per image px. */
  preview: bytes(),
  scale: z.number(),
});

/** A file name to offer in a save dialog or a download: no folders. */
export const suggestedName = shortText(200).regex(/^[^/\\]+$/, 'a file name without folders');

export const appChannels = {
  'app:info': channel({
    request: z.object({}).strict(),
    response: z.object({
      name: z.string(),
      version: z.string(),
      host: z.enum(HOST_KINDS),
      versions: z.record(z.string(), z.string()),
      providers: z.object({ available: z.array(providerName), preference: providerPreference, inUse: z.record(z.string(), providerName) }),
      faceDetector: z.enum(DETECTOR_NAMES),
      faceLandmarks: z.enum(LANDMARK_NAMES),
      models: z.array(
        z.object({ name: z.string(), file: z.string(), status: z.enum(['ok', 'missing', 'mismatch']), sha256: z.string(), licence: z.string(), commercialUse: z.boolean() }),
      ),
      /** "Only models cleared for commercial use" (models with commercialUse false are refused). */
      commercialOnly: z.boolean(),
      /** Execution provider fallbacks so far, one sentence each (a GPU that failed, and what ran instead). */
      warnings: z.array(z.string()),
    }),
  }),
  /** Turns "Only models cleared for commercial use" on or off; saved in the settings. */
  'app:setCommercialOnly': channel({
    request: z.object({ on: z.boolean() }).strict(),
    response: z.object({ on: z.boolean() }),
  }),
  'app:setProvider': channel({
    request: z.object({ preference: providerPreference }).strict(),
    response: z.object({ preference: providerPreference }),
  }),
  'jobs:cancel': channel({
    request: z.object({ jobId: id }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  }),
  /** Saves bytes the renderer made (sheet PNG, preset JSON): a dialog + atomic write in Electron, a download in the web host. */
  'files:save': channel({
    request: z
      .object({
        suggestedName,
        kind: z.enum(['png', 'json']),
        bytes: bytes(512 * 1024 * 1024),
      })
      .strict(),
    response: z.object({ saved: z.boolean(), path: z.string().optional(), download: z.boolean() }),
  }),
};

export const photosChannels = {
  'photos:open': channel({
    request: z.object({ name: shortText(260).min(1), bytes: bytes(200 * 1024 * 1024) }).strict(),
    response: photoOpened,
  }),
  /**
   * Electron only: opens a photo the main process was given by its Open dialog or recent-files
   * menu, read there (its bytes never travel to the renderer and back). Any other path is refused.
   */
  'photos:openPath': channel({
    request: z.object({ path: shortText(4096).min(1) }).strict(),
    response: photoOpened,
  }),
  'photos:close': channel({
    request: z.object({ photoId: id }).strict(),
    response: z.object({ closed: z.boolean() }),
  }),
};
