/**
 * Where the app's own files are, in one place for every way it runs (Upscayl's
 * get-resource-paths): from the repository (dev, tests, CLI, web host), from the electron-vite
 * bundle (out/main/index.cjs) and packaged (the same bundle inside app.asar, with the models
 * unpacked beside it under the resources folder, build/electron-builder.yml).
 *
 * This file and the bundle both sit two folders below the app root (electron/services/ and
 * out/main/), so one relative step finds it in all three.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ResourcePaths {
  /** The repository, or app.asar when packaged (Electron's app.getAppPath()). */
  appRoot: string;
  /** native-models/: the ONNX graphs, manifest.json and style-artworks.json. */
  modelsDir: string;
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  /** The built preload script of the Electron window. */
  preloadFile: string;
}

const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `packagedResources`: Electron's process.resourcesPath when app.isPackaged (the models are
 * extra resources there, outside the asar, so ONNX Runtime can read them by path). The
 * environment variable CARICATURE_MODELS_DIR, when set, names the models folder instead.
 */
export function resourcePaths(packagedResources?: string, env: NodeJS.ProcessEnv = process.env): ResourcePaths {
  return {
    appRoot: APP_ROOT,
    modelsDir: env.CARICATURE_MODELS_DIR || path.join(packagedResources ?? APP_ROOT, 'native-models'),
    rendererDir: path.join(APP_ROOT, 'out', 'renderer'),
    preloadFile: path.join(APP_ROOT, 'out', 'preload', 'index.cjs'),
  };
}
