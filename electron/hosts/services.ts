/**
 * The service container every host (Electron, web, CLI) builds once and hands to the handlers.
 * Nothing here imports 'electron': the hosts pass in the paths they know.
 */
import os from 'node:os';
import path from 'node:path';
import { InferenceService } from '../services/inference/service.js';
import { PhotoStore } from '../services/images/photos.js';
import { FaceService } from '../services/faces/service.js';
import { StyleService } from '../services/style/service.js';
import { WarpService } from '../services/warp/service.js';
import { SettingsStore } from '../services/settings/settings.js';

export interface ServicesOptions {
  /** Where presets, user styles and settings live (Electron: app.getPath('userData')). */
  userDataDir?: string;
  modelsDir?: string;
}

export interface Services {
  inference: InferenceService;
  photos: PhotoStore;
  faces: FaceService;
  style: StyleService;
  warp: WarpService;
  settings: SettingsStore;
  userDataDir: string;
}

export function defaultUserDataDir(): string {
  return process.env.CARICATURE_USER_DATA ?? path.join(os.homedir(), '.caricature-studio');
}

export function createServices(opts: ServicesOptions = {}): Services {
  const inference = new InferenceService({ modelsDir: opts.modelsDir });
  const userDataDir = opts.userDataDir ?? defaultUserDataDir();
  const faces = new FaceService(inference);
  return {
    inference,
    photos: new PhotoStore(),
    faces,
    warp: new WarpService(inference),
    settings: new SettingsStore(userDataDir),
    style: new StyleService(inference, userDataDir, (img) => faces.landmarksOf(img)),
    userDataDir,
  };
}

/** Hands the saved choices (execution provider, face detector) to the services a host just built. */
export async function applySettings(services: Services): Promise<void> {
  const { providerPreference, faceDetector } = await services.settings.read();
  services.inference.setPreference(providerPreference);
  services.faces.setDetector(faceDetector);
}
