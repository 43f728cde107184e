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
import { geometryPool, type WarpGeometry } from '../services/warp/geometry-pool.js';
import { FaceEditService } from '../services/edit/face-edit.js';
import { SettingsStore } from '../services/settings/settings.js';
import { cleanStaleTemps } from '../services/settings/atomic.js';

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
  /** Face edits as every host renders them: pins, every edited face, faces kept readable. */
  edit: FaceEditService;
  /** Worker threads for the warp's fits and fold prevention (the host's main thread only routes). */
  geometry: WarpGeometry;
  settings: SettingsStore;
  userDataDir: string;
}

export function defaultUserDataDir(): string {
  return process.env.CARICATURE_USER_DATA ?? path.join(os.homedir(), '.caricature-studio');
}

export function createServices(opts: ServicesOptions = {}): Services {
  const inference = new InferenceService({ modelsDir: opts.modelsDir });
  const userDataDir = opts.userDataDir ?? defaultUserDataDir();
  const geometry = geometryPool();
  const faces = new FaceService(inference);
  const warp = new WarpService(inference, geometry);
  return {
    inference,
    photos: new PhotoStore(),
    faces,
    warp,
    edit: new FaceEditService(faces, warp),
    geometry,
    settings: new SettingsStore(userDataDir),
    style: new StyleService(inference, userDataDir, (img) => faces.landmarksOf(img)),
    userDataDir,
  };
}

/** The folders under user data that atomic writes go to (settings, presets, user styles). */
export function userDataFolders(userDataDir: string): string[] {
  return [userDataDir, path.join(userDataDir, 'presets'), path.join(userDataDir, 'styles')];
}

/** At start: removes temp files that writes killed mid-way left in user data; returns how many. */
export async function cleanUserData(services: Services): Promise<number> {
  let n = 0;
  for (const dir of userDataFolders(services.userDataDir)) n += await cleanStaleTemps(dir);
  return n;
}

/** Hands the saved choices (execution provider, face detector, landmark model, commercial-only) to the services a host just built. */
export async function applySettings(services: Services): Promise<void> {
  const { providerPreference, faceDetector, faceLandmarks, commercialOnly } = await services.settings.read();
  services.inference.setPreference(providerPreference);
  services.faces.setDetector(faceDetector);
  services.faces.setLandmarks(faceLandmarks);
  services.inference.setCommercialOnly(commercialOnly);
}

/** Releases the ONNX sessions and stops the worker threads (a host that is shutting down). */
export async function closeServices(services: Services): Promise<void> {
  await Promise.all([services.inference.dispose(), services.geometry.close(), services.style.dispose()]);
}
